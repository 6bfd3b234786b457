#pragma once

// Internal to the schema compiler: the walk over subschemas (json_schema_compile.cc) and the
// reading of one schema object's keywords into its node (json_schema_keywords.cc).

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/common/hash.h"
#include "winnow/common/status.h"
#include "winnow/llm/json_schema_tree.h"

namespace winnow::llm {

// InvalidArgument "schema /properties/age/minimum: expected a number" ("schema (root): ..." for
// the root).
Status SchemaError(std::string_view pointer, std::string_view message);

class SchemaCompiler {
 public:
  Result<std::unique_ptr<SchemaTree>> Compile(std::string_view schema_json);

  // Compiles the subschema at `parent` + "/" + escaped `token`, one level below `depth`.
  Result<SchemaNodeId> CompileChild(simdjson::dom::element value, std::string_view parent,
                                    std::string_view token, int depth);
  // Records `$ref` of `node` for resolution after the walk; `keyword_pointer` is for messages.
  void AddRef(SchemaNodeId node, std::string_view ref, std::string keyword_pointer);
  // The root's $id, against which "<root id>#/..." references resolve locally. An empty
  // fragment ("https://example.com/s.json#") names the same document.
  void SetRootId(std::string_view id) {
    if (!id.empty() && id.back() == '#') id.remove_suffix(1);
    root_id_ = std::string(id);
  }

 private:
  struct PendingRef {
    SchemaNodeId node;
    std::string text;
    std::string keyword_pointer;
  };

  Result<SchemaNodeId> CompileAt(simdjson::dom::element value, std::string pointer, int depth);
  Result<std::string> RefTargetPointer(const PendingRef& ref) const;
  Status ResolveRefs(simdjson::dom::element root);
  Status CheckInPlaceCycles() const;

  std::unique_ptr<SchemaTree> tree_;
  std::unordered_map<std::string, SchemaNodeId, StringViewHash, std::equal_to<>> by_pointer_;
  std::vector<PendingRef> pending_refs_;
  std::string root_id_;
};

// Reads the keywords of one schema object into `node` (json_schema_keywords.cc).
class KeywordReader {
 public:
  KeywordReader(SchemaCompiler* compiler, SchemaNode* node, int depth, SchemaNodeId id)
      : compiler_(compiler), node_(node), depth_(depth), id_(id) {}

  Status Read(std::string_view keyword, simdjson::dom::element value);
  // Checks that need every keyword seen (items as an array with additionalItems and prefixItems).
  Status Finish();

 private:
  std::string KeywordPointer(std::string_view keyword) const;
  Status ReadOther(std::string_view keyword, simdjson::dom::element value);
  Status ReadType(simdjson::dom::element value);
  Status ReadItems(simdjson::dom::element value);
  Status ReadRef(simdjson::dom::element value);
  Status ReadPattern(simdjson::dom::element value);
  Status ReadPatternProperties(simdjson::dom::element value);
  Status ReadDependentRequired(simdjson::dom::element value);
  Status ReadNumber(simdjson::dom::element value, std::optional<JsonNumber>* out);
  Status ReadCount(simdjson::dom::element value, uint64_t* out);
  Status ReadOptionalCount(simdjson::dom::element value, std::optional<uint64_t>* out);
  Status ReadSchema(simdjson::dom::element value, SchemaNodeId* out);
  Status ReadSchemaArray(simdjson::dom::element value, std::vector<SchemaNodeId>* out);
  Status ReadSchemaMap(simdjson::dom::element value,
                       std::vector<std::pair<std::string, SchemaNodeId>>* out);
  Status ReadStringArray(simdjson::dom::element value, std::string_view pointer,
                         std::vector<std::string>* out);
  Status Expected(std::string_view what) const;

  SchemaCompiler* compiler_;
  SchemaNode* node_;
  int depth_;
  SchemaNodeId id_;
  std::string_view keyword_;      // the keyword being read, for messages
  simdjson::dom::element value_;  // and its value
  bool items_is_array_ = false;
  bool has_prefix_items_ = false;
  SchemaNodeId additional_items_ = kNoNode;
};

}  // namespace winnow::llm
