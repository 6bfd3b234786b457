// The schema walk: one node per subschema, $ref resolved to nodes once the walk is done (a target
// outside the walked places is compiled on demand), and a check that no $ref cycle can loop
// without descending into the instance. The keywords themselves are read in
// json_schema_keywords.cc.

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "winnow/common/assert.h"
#include "winnow/llm/json_schema_compiler.h"

namespace winnow::llm {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A URI fragment is percent-encoded: "#/$defs/a%20b" names the key "a b".
Result<std::string> PercentDecode(std::string_view text, std::string_view place) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      return Error(
          SchemaError(place, fmt::format("bad percent-encoding in {}", QuotedSnippet(text, 80))));
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

// Edges to subschemas applied to the same instance: following only these never consumes input.
std::vector<SchemaNodeId> InPlaceEdges(const SchemaNode& node) {
  std::vector<SchemaNodeId> edges;
  for (SchemaNodeId id :
       {node.ref, node.not_schema, node.if_schema, node.then_schema, node.else_schema}) {
    if (id != kNoNode) edges.push_back(id);
  }
  for (const auto* list : {&node.all_of, &node.any_of, &node.one_of}) {
    edges.insert(edges.end(), list->begin(), list->end());
  }
  for (const auto& [name, id] : node.dependent_schemas) edges.push_back(id);
  return edges;
}

}  // namespace

Status SchemaError(std::string_view pointer, std::string_view message) {
  if (pointer.empty()) return Status::InvalidArgument(fmt::format("schema (root): {}", message));
  return Status::InvalidArgument(fmt::format("schema {}: {}", pointer, message));
}

Result<SchemaNodeId> SchemaCompiler::CompileAt(element value, std::string pointer, int depth) {
  if (depth > kMaxSchemaDepth) {
    return Error(
        SchemaError(pointer, fmt::format("nested deeper than {} schemas", kMaxSchemaDepth)));
  }
  const auto id = static_cast<SchemaNodeId>(tree_->nodes.size());
  tree_->nodes.emplace_back();
  by_pointer_.emplace(pointer, id);
  // Built aside and moved in at the end: compiling children grows tree_->nodes.
  SchemaNode node;
  node.pointer = std::move(pointer);
  if (value.type() == element_type::BOOL) {
    node.never = !value.get_bool().value_unsafe();
  } else if (value.type() == element_type::OBJECT) {
    KeywordReader reader(this, &node, depth, id);
    const simdjson::dom::object keywords = value.get_object().value_unsafe();
    for (auto field : keywords) {
      WINNOW_RETURN_IF_ERROR(reader.Read(field.key, field.value));
    }
    WINNOW_RETURN_IF_ERROR(reader.Finish());
  } else {
    return Error(SchemaError(
        node.pointer, "expected a schema (an object or a boolean), got " + JsonSnippet(value)));
  }
  tree_->nodes[id] = std::move(node);
  return id;
}

Result<SchemaNodeId> SchemaCompiler::CompileChild(element value, std::string_view parent,
                                                  std::string_view token, int depth) {
  std::string pointer(parent);
  AppendPointerToken(token, &pointer);
  return CompileAt(value, std::move(pointer), depth + 1);
}

void SchemaCompiler::AddRef(SchemaNodeId node, std::string_view ref, std::string keyword_pointer) {
  pending_refs_.push_back({node, std::string(ref), std::move(keyword_pointer)});
}

Result<std::string> SchemaCompiler::RefTargetPointer(const PendingRef& ref) const {
  std::string_view text = ref.text;
  const size_t hash = text.find('#');
  const std::string_view base = text.substr(0, std::min(hash, text.size()));
  if (!base.empty() && base != root_id_) {
    return Error(SchemaError(
        ref.keyword_pointer,
        fmt::format(
            "remote reference {} is not supported (only \"#...\" pointers into this schema)",
            QuotedSnippet(text, 80))));
  }
  if (hash == std::string_view::npos) return std::string();
  WINNOW_ASSIGN_OR_RETURN(std::string pointer,
                          PercentDecode(text.substr(hash + 1), ref.keyword_pointer));
  if (!pointer.empty() && pointer[0] != '/') {
    return Error(SchemaError(ref.keyword_pointer,
                             fmt::format("anchor reference {} is not supported (use a JSON "
                                         "pointer such as \"#/$defs/name\")",
                                         QuotedSnippet(text, 80))));
  }
  return pointer;
}

Status SchemaCompiler::ResolveRefs(element root) {
  // Compiling a target on demand may add references: the loop reads the growing list.
  for (size_t i = 0; i < pending_refs_.size(); ++i) {
    const PendingRef ref = pending_refs_[i];
    WINNOW_ASSIGN_OR_RETURN(std::string pointer, RefTargetPointer(ref));
    SchemaNodeId target = kNoNode;
    if (auto found = by_pointer_.find(pointer); found != by_pointer_.end()) {
      target = found->second;
    } else {
      element value;
      if (root.at_pointer(pointer).get(value) != simdjson::SUCCESS) {
        return SchemaError(ref.keyword_pointer,
                           fmt::format("{} points nowhere", QuotedSnippet(ref.text, 80)));
      }
      if (value.type() != element_type::OBJECT && value.type() != element_type::BOOL) {
        return SchemaError(ref.keyword_pointer,
                           fmt::format("{} points to {}, not a schema", QuotedSnippet(ref.text, 80),
                                       JsonSnippet(value)));
      }
      WINNOW_ASSIGN_OR_RETURN(target, CompileAt(value, pointer, 0));
    }
    tree_->nodes[ref.node].ref = target;
  }
  return Status::OK();
}

Status SchemaCompiler::CheckInPlaceCycles() const {
  // Iterative depth-first search: a chain of thousands of $refs must not overflow the stack.
  const std::vector<SchemaNode>& nodes = tree_->nodes;
  enum : uint8_t { kUnseen, kOnPath, kDone };
  std::vector<uint8_t> state(nodes.size(), kUnseen);
  struct Frame {
    SchemaNodeId node;
    std::vector<SchemaNodeId> edges;
    size_t next = 0;
  };
  for (SchemaNodeId start = 0; start < nodes.size(); ++start) {
    if (state[start] != kUnseen) continue;
    std::vector<Frame> stack;
    stack.push_back({start, InPlaceEdges(nodes[start])});
    state[start] = kOnPath;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == frame.edges.size()) {
        state[frame.node] = kDone;
        stack.pop_back();
        continue;
      }
      const SchemaNodeId next = frame.edges[frame.next++];
      if (state[next] == kOnPath) {
        return SchemaError(nodes[next].pointer,
                           "reference cycle that never descends into the instance (validation "
                           "would loop forever)");
      }
      if (state[next] == kUnseen) {
        state[next] = kOnPath;
        stack.push_back({next, InPlaceEdges(nodes[next])});
      }
    }
  }
  return Status::OK();
}

Result<std::unique_ptr<SchemaTree>> SchemaCompiler::Compile(std::string_view schema_json) {
  tree_ = std::make_unique<SchemaTree>();
  tree_->source = std::string(schema_json);
  tree_->parser = std::make_unique<simdjson::dom::parser>();
  element root;
  if (auto error = tree_->parser->parse(tree_->source).get(root); error != simdjson::SUCCESS) {
    return Error(Status::InvalidArgument(
        fmt::format("schema is not valid JSON: {}", simdjson::error_message(error))));
  }
  WINNOW_ASSIGN_OR_RETURN(const SchemaNodeId root_id, CompileAt(root, "", 0));
  WINNOW_ASSERT(root_id == 0);
  WINNOW_RETURN_IF_ERROR(ResolveRefs(root));
  WINNOW_RETURN_IF_ERROR(CheckInPlaceCycles());
  return std::move(tree_);
}

Result<std::unique_ptr<SchemaTree>> CompileSchemaTree(std::string_view schema_json) {
  SchemaCompiler compiler;
  return compiler.Compile(schema_json);
}

SchemaNodeId SchemaNode::FindProperty(std::string_view name) const {
  auto it = std::lower_bound(
      properties_by_name.begin(), properties_by_name.end(), name,
      [this](uint32_t index, std::string_view key) { return properties[index].first < key; });
  if (it == properties_by_name.end() || properties[*it].first != name) return kNoNode;
  return properties[*it].second;
}

std::string TypeNames(uint8_t types) {
  static constexpr std::pair<uint8_t, std::string_view> kNames[] = {
      {kTypeObject, "object"},   {kTypeArray, "array"},   {kTypeString, "string"},
      {kTypeInteger, "integer"}, {kTypeNumber, "number"}, {kTypeBoolean, "boolean"},
      {kTypeNull, "null"}};
  if (types & kTypeNumber) types &= ~kTypeInteger;  // number already admits integers
  std::vector<std::string_view> names;
  for (const auto& [bit, name] : kNames) {
    if (types & bit) names.push_back(name);
  }
  if (names.empty()) return "nothing";
  if (names.size() == 1) return std::string(names[0]);
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace winnow::llm
