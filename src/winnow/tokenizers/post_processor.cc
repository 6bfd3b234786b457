#include "winnow/tokenizers/post_processor.h"

#include <fmt/format.h>

#include "winnow/tokenizers/json_reader.h"

namespace winnow::tokenizers {
namespace {

// BertProcessing / RobertaProcessing spell a token as ["[CLS]", 101].
Result<int32_t> ParseTokenPair(const JsonObjectReader& processor, std::string_view key) {
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element element, processor.Required(key));
  simdjson::dom::array pair;
  int64_t id = -1;
  if (element.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
      pair.at(1).get_int64().get(id) != simdjson::SUCCESS || id < 0 || id > INT32_MAX) {
    return Error(processor.FieldError(key, "expected [token, id]"));
  }
  return static_cast<int32_t>(id);
}

// The ids of special token `name` in the template's "special_tokens" table.
Result<std::vector<int32_t>> TemplateTokenIds(const JsonObjectReader& processor,
                                              std::string_view name) {
  std::string path = processor.FieldPath("special_tokens");
  std::optional<simdjson::dom::element> table = processor.Find("special_tokens");
  simdjson::dom::element entry;
  if (!table || table->at_key(name).get(entry) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        fmt::format("{}: the template uses \"{}\", which is not listed here", path, name)));
  }
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader token,
                          JsonObjectReader::Make(entry, fmt::format("{}.{}", path, name)));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element ids_json, token.Required("ids"));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array ids_array,
                          ExpectArray(ids_json, token.FieldPath("ids")));
  std::vector<int32_t> ids;
  for (simdjson::dom::element id_json : ids_array) {
    int64_t id = -1;
    if (id_json.get_int64().get(id) != simdjson::SUCCESS || id < 0 || id > INT32_MAX) {
      return Error(token.FieldError("ids", "expected ids in [0, 2^31)"));
    }
    ids.push_back(static_cast<int32_t>(id));
  }
  return ids;
}

// The "single" template: special tokens before the $A sequence go to the prefix, after it to the
// suffix.
Result<SpecialTokenFrame> ParseTemplate(const JsonObjectReader& processor) {
  std::string path = processor.FieldPath("single");
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element single, processor.Required("single"));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array pieces, ExpectArray(single, path));
  SpecialTokenFrame frame;
  bool seen_sequence = false;
  size_t index = 0;
  for (simdjson::dom::element piece : pieces) {
    WINNOW_ASSIGN_OR_RETURN(JsonObjectReader item,
                            JsonObjectReader::Make(piece, IndexPath(path, index++)));
    if (item.Find("Sequence")) {
      seen_sequence = true;
      continue;
    }
    std::optional<simdjson::dom::element> special = item.Find("SpecialToken");
    if (!special) {
      return Error(Status::InvalidInput(item.path() + ": expected Sequence or SpecialToken"));
    }
    WINNOW_ASSIGN_OR_RETURN(JsonObjectReader token,
                            JsonObjectReader::Make(*special, item.FieldPath("SpecialToken")));
    WINNOW_ASSIGN_OR_RETURN(std::string_view name, token.RequiredString("id"));
    WINNOW_ASSIGN_OR_RETURN(std::vector<int32_t> ids, TemplateTokenIds(processor, name));
    auto& side = seen_sequence ? frame.suffix : frame.prefix;
    side.insert(side.end(), ids.begin(), ids.end());
  }
  return frame;
}

}  // namespace

Result<SpecialTokenFrame> ParsePostProcessor(simdjson::dom::element json, const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader processor, JsonObjectReader::Make(json, path));
  WINNOW_ASSIGN_OR_RETURN(std::string_view type, processor.Type());
  if (type == "TemplateProcessing") return ParseTemplate(processor);
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    WINNOW_ASSIGN_OR_RETURN(int32_t cls, ParseTokenPair(processor, "cls"));
    WINNOW_ASSIGN_OR_RETURN(int32_t sep, ParseTokenPair(processor, "sep"));
    return SpecialTokenFrame{{cls}, {sep}};
  }
  if (type == "ByteLevel") return SpecialTokenFrame{};
  if (type == "Sequence") {
    std::string list_path = processor.FieldPath("processors");
    WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element list_json, processor.Required("processors"));
    WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array list, ExpectArray(list_json, list_path));
    // Each processor wraps what the previous ones produced.
    SpecialTokenFrame frame;
    size_t index = 0;
    for (simdjson::dom::element step : list) {
      WINNOW_ASSIGN_OR_RETURN(SpecialTokenFrame inner,
                              ParsePostProcessor(step, IndexPath(list_path, index++)));
      frame.prefix.insert(frame.prefix.begin(), inner.prefix.begin(), inner.prefix.end());
      frame.suffix.insert(frame.suffix.end(), inner.suffix.begin(), inner.suffix.end());
    }
    return frame;
  }
  return Error(processor.UnsupportedType(
      type, "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence"));
}

}  // namespace winnow::tokenizers
