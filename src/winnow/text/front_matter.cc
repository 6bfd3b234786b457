#include "winnow/text/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>

#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr int kMaxDepth = 64;

// Plain YAML grows by a few quotes and brackets as JSON; only aliases multiply it.
size_t JsonBudget(size_t yaml_bytes) { return 8 * yaml_bytes + 64 * 1024; }

Status TooMuchJson(size_t budget) {
  return Status::InvalidInput("front matter: expands to more than " + std::to_string(budget) +
                              " bytes of JSON (nested aliases?)");
}

// The line starting at `pos` without its line end, and where the next line starts.
std::string_view LineAt(std::string_view text, size_t pos, size_t* next) {
  size_t end = text.find('\n', pos);
  *next = end == std::string_view::npos ? text.size() : end + 1;
  std::string_view line =
      text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// True for `marker` followed only by spaces or tabs.
bool IsMarkerLine(std::string_view line, std::string_view marker) {
  if (!line.starts_with(marker)) return false;
  return line.find_first_not_of(" \t", marker.size()) == std::string_view::npos;
}

bool IsCoreBool(std::string_view s, bool* value) {
  if (s == "true" || s == "True" || s == "TRUE") return *value = true, true;
  if (s == "false" || s == "False" || s == "FALSE") return *value = false, true;
  return false;
}

// Integers of the core schema: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+. Sets *fits when the value
// fits in an int64.
bool IsCoreInt(std::string_view s, int64_t* value, bool* fits) {
  int base = 10;
  bool negative = false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'o' ? 8 : 16;
    s.remove_prefix(2);
  } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto is_digit = [base](char c) {
    if (base == 16) return std::isxdigit(static_cast<unsigned char>(c)) != 0;
    return c >= '0' && c < static_cast<char>('0' + base);
  };
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return false;
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  *fits = ec == std::errc() && magnitude <= limit;
  if (*fits) {
    *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  }
  return true;
}

// Floats of the core schema, finite ones only: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsCoreFloat(std::string_view s, double* value) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool whole = digits();
  bool fraction = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits();
  }
  if (!whole && !fraction) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  if (i != s.size()) return false;
  // strtod accepts everything the pattern does; the copy gives it a terminator.
  *value = std::strtod(std::string(s).c_str(), nullptr);
  return std::isfinite(*value);
}

void AppendPlainScalar(std::string_view s, std::string* out) {
  bool flag = false;
  int64_t integer = 0;
  bool fits = false;
  double number = 0;
  if (IsCoreBool(s, &flag)) {
    *out += flag ? "true" : "false";
  } else if (IsCoreInt(s, &integer, &fits)) {
    // Too large for 64 bits: a string keeps every digit, a double would not.
    if (fits) {
      AppendJsonInt(integer, out);
    } else {
      AppendJsonString(s, out);
    }
  } else if (IsCoreFloat(s, &number)) {
    AppendJsonNumber(number, out);
  } else {
    AppendJsonString(s, out);
  }
}

// Converts a yaml-cpp node graph to JSON. Aliases make it a graph, possibly with cycles
// (`&a [*a]`), so depth and output size are bounded.
class JsonConverter {
 public:
  explicit JsonConverter(size_t max_bytes) : max_bytes_(max_bytes) {}

  Status Append(const YAML::Node& node, int depth, std::string* out) {
    if (depth > kMaxDepth) {
      return Status::InvalidInput("front matter: nested deeper than " + std::to_string(kMaxDepth) +
                                  " levels");
    }
    if (out->size() > max_bytes_) return TooMuchJson(max_bytes_);
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        AppendScalar(node, out);
        return Status::OK();
      case YAML::NodeType::Sequence:
        return AppendSequence(node, depth, out);
      case YAML::NodeType::Map:
        return AppendMap(node, depth, out);
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        *out += "null";
        return Status::OK();
    }
    return Status::OK();
  }

  // The text a key stands for: scalars as written, other nodes as their JSON.
  Result<std::string> KeyText(const YAML::Node& key, int depth) {
    if (key.IsScalar()) return key.Scalar();
    if (key.IsNull()) return std::string("null");
    std::string json;
    WINNOW_RETURN_IF_ERROR(Append(key, depth + 1, &json));
    return json;
  }

 private:
  static void AppendScalar(const YAML::Node& node, std::string* out) {
    // yaml-cpp tags plain scalars "?" and quoted or block scalars "!".
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      AppendJsonString(node.Scalar(), out);
    } else {
      AppendPlainScalar(node.Scalar(), out);
    }
  }

  Status AppendSequence(const YAML::Node& node, int depth, std::string* out) {
    *out += '[';
    bool first = true;
    for (const YAML::Node& item : node) {
      if (!first) *out += ',';
      first = false;
      WINNOW_RETURN_IF_ERROR(Append(item, depth + 1, out));
    }
    *out += ']';
    return Status::OK();
  }

  Status AppendMap(const YAML::Node& node, int depth, std::string* out) {
    *out += '{';
    bool first = true;
    for (const auto& entry : node) {
      if (!first) *out += ',';
      first = false;
      WINNOW_ASSIGN_OR_RETURN(std::string key, KeyText(entry.first, depth));
      AppendJsonString(key, out);
      *out += ':';
      WINNOW_RETURN_IF_ERROR(Append(entry.second, depth + 1, out));
    }
    *out += '}';
    return Status::OK();
  }

  size_t max_bytes_;
};

Status YamlError(const YAML::Exception& error, size_t first_line) {
  if (error.mark.is_null()) return Status::InvalidInput("front matter: " + error.msg);
  return Status::InvalidInput("front matter: line " + std::to_string(first_line + error.mark.line) +
                              ", column " + std::to_string(error.mark.column + 1) + ": " +
                              error.msg);
}

Result<FrontMatter> ConvertTopLevel(const YAML::Node& root, size_t yaml_bytes) {
  FrontMatter result;
  if (root.IsNull()) return result;
  if (!root.IsMap()) {
    return Error(Status::InvalidInput(
        "front matter: the top level must be a mapping of keys to values, not a " +
        std::string(root.IsSequence() ? "list" : "single value")));
  }
  const size_t budget = JsonBudget(yaml_bytes);
  JsonConverter converter(budget);
  std::unordered_map<std::string, size_t> position;
  size_t total = 0;
  for (const auto& entry : root) {
    WINNOW_ASSIGN_OR_RETURN(std::string key, converter.KeyText(entry.first, 0));
    std::string json;
    WINNOW_RETURN_IF_ERROR(converter.Append(entry.second, 1, &json));
    total += json.size();
    if (total > budget) return Error(TooMuchJson(budget));
    auto [it, inserted] = position.emplace(key, result.fields.size());
    if (inserted) {
      result.fields.push_back({std::move(key), std::move(json)});
    } else {
      result.fields[it->second].json = std::move(json);
    }
  }
  return result;
}

}  // namespace

std::optional<FrontMatterBlock> SplitFrontMatter(std::string_view document) {
  const size_t start = document.starts_with(kBom) ? kBom.size() : 0;
  size_t next = 0;
  if (!IsMarkerLine(LineAt(document, start, &next), "---")) return std::nullopt;
  // The opening line must end: "---" alone is a thematic break at the end of a file.
  if (next == document.size() && document.back() != '\n') return std::nullopt;
  const size_t yaml_begin = next;
  for (size_t pos = yaml_begin; pos < document.size(); pos = next) {
    std::string_view line = LineAt(document, pos, &next);
    if (IsMarkerLine(line, "---") || IsMarkerLine(line, "...")) {
      FrontMatterBlock block;
      block.yaml = document.substr(yaml_begin, pos - yaml_begin);
      block.body = document.substr(next);
      block.block_bytes = next;
      block.yaml_first_line = 2;
      return block;
    }
  }
  return std::nullopt;
}

std::string FrontMatter::ObjectJson() const {
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(fields[i].key, &out);
    out += ':';
    out += fields[i].json;
  }
  out += '}';
  return out;
}

Result<FrontMatter> ParseFrontMatter(std::string_view yaml, size_t first_line) {
  // Exceptions stop here: yaml-cpp reports every problem (and DeepRecursion) by throwing.
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    return ConvertTopLevel(root, yaml.size());
  } catch (const YAML::Exception& error) {
    return Error(YamlError(error, first_line));
  } catch (const std::exception& error) {
    return Error(Status::InvalidInput(std::string("front matter: ") + error.what()));
  }
}

}  // namespace winnow
