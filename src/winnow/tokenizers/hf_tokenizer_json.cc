// Loads a tokenizer.json into an HfTokenizer (the winnow::LoadTokenizerJson entry point).

#include <fmt/format.h>

#include "winnow/tokenizers/bpe_model.h"
#include "winnow/tokenizers/hf_components.h"
#include "winnow/tokenizers/hf_tokenizer.h"
#include "winnow/tokenizers/unigram_model.h"
#include "winnow/tokenizers/wordpiece_model.h"

namespace winnow {
namespace {

using tokenizers::JsonObjectReader;

// Files written by early versions of the library have no model.type; tell the models apart by
// their fields as the library's untagged fallback does.
Result<std::string_view> ModelType(const JsonObjectReader& model) {
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> type, model.OptionalString("type"));
  if (type) return *type;
  if (model.Find("merges")) return std::string_view("BPE");
  std::optional<simdjson::dom::element> vocab = model.Find("vocab");
  if (vocab && vocab->is_array()) return std::string_view("Unigram");
  if (model.Find("max_input_chars_per_word")) return std::string_view("WordPiece");
  return Error(
      model.FieldError("type", "missing, and the fields fit none of BPE, WordPiece, Unigram"));
}

Result<std::unique_ptr<tokenizers::Model>> ParseModel(
    const JsonObjectReader& root, std::optional<simdjson::dom::element> pre_tokenizer,
    bool* raw_byte_level) {
  *raw_byte_level = false;
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element model_json, root.Required("model"));
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader model, JsonObjectReader::Make(model_json, "model"));
  WINNOW_ASSIGN_OR_RETURN(std::string_view type, ModelType(model));
  if (type == "BPE") {
    WINNOW_ASSIGN_OR_RETURN(tokenizers::BpeConfig config, tokenizers::ParseBpeConfig(model));
    *raw_byte_level = pre_tokenizer && tokenizers::IsRawByteLevelChain(*pre_tokenizer) &&
                      tokenizers::CanTakeRawBytes(config);
    return tokenizers::MakeBpeModel(std::move(config), *raw_byte_level);
  }
  if (type == "WordPiece") return tokenizers::ParseWordPieceModel(model);
  if (type == "Unigram") return tokenizers::ParseUnigramModel(model);
  return Error(model.UnsupportedType(type, "BPE, WordPiece, Unigram"));
}

Result<tokenizers::AddedToken> ParseAddedToken(simdjson::dom::element element,
                                               const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader json, JsonObjectReader::Make(element, path));
  tokenizers::AddedToken token;
  WINNOW_ASSIGN_OR_RETURN(std::optional<int64_t> id, json.OptionalInt("id"));
  if (!id || *id < 0 || *id > INT32_MAX) {
    return Error(json.FieldError("id", "expected an id in [0, 2^31)"));
  }
  token.id = static_cast<int32_t>(*id);
  WINNOW_ASSIGN_OR_RETURN(std::string_view content, json.RequiredString("content"));
  token.content = std::string(content);
  WINNOW_ASSIGN_OR_RETURN(token.single_word, json.Bool("single_word", false));
  WINNOW_ASSIGN_OR_RETURN(token.lstrip, json.Bool("lstrip", false));
  WINNOW_ASSIGN_OR_RETURN(token.rstrip, json.Bool("rstrip", false));
  WINNOW_ASSIGN_OR_RETURN(token.special, json.Bool("special", false));
  // The library's default: special tokens are matched as written, others after normalising.
  WINNOW_ASSIGN_OR_RETURN(token.normalized, json.Bool("normalized", !token.special));
  return token;
}

Status ParseAddedTokens(const JsonObjectReader& root, tokenizers::HfTokenizerParts* parts) {
  std::optional<simdjson::dom::element> list_json = root.Find("added_tokens");
  if (!list_json) return Status::OK();
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array list,
                          tokenizers::ExpectArray(*list_json, "added_tokens"));
  size_t index = 0;
  std::string normalized;
  for (simdjson::dom::element element : list) {
    WINNOW_ASSIGN_OR_RETURN(
        tokenizers::AddedToken token,
        ParseAddedToken(element, tokenizers::IndexPath("added_tokens", index++)));
    if (!token.normalized) {
      parts->raw_added_tokens.Add(token, token.content);
    } else if (parts->normalizer == nullptr) {
      parts->normalized_added_tokens.Add(token, token.content);
    } else {
      parts->normalizer->Normalize(token.content, &normalized);
      parts->normalized_added_tokens.Add(token, normalized);
    }
  }
  return Status::OK();
}

Result<std::unique_ptr<Tokenizer>> BuildHfTokenizer(std::string_view bytes) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes);
  simdjson::dom::element root_json;
  if (auto error = parser.parse(padded).get(root_json)) {
    return Error(
        Status::InvalidInput(fmt::format("not valid JSON ({})", simdjson::error_message(error))));
  }
  if (!root_json.is_object()) {
    return Error(Status::InvalidInput(fmt::format("the top level is {}, expected an object",
                                                  tokenizers::DescribeJsonValue(root_json))));
  }
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader root, JsonObjectReader::Make(root_json, ""));
  tokenizers::HfTokenizerParts parts;
  std::optional<simdjson::dom::element> pre_tokenizer = root.Find("pre_tokenizer");
  bool raw_byte_level = false;
  WINNOW_ASSIGN_OR_RETURN(parts.model, ParseModel(root, pre_tokenizer, &raw_byte_level));
  if (std::optional<simdjson::dom::element> normalizer = root.Find("normalizer")) {
    WINNOW_ASSIGN_OR_RETURN(parts.normalizer,
                            tokenizers::ParseNormalizer(*normalizer, "normalizer"));
  }
  if (pre_tokenizer) {
    WINNOW_ASSIGN_OR_RETURN(
        parts.pre_tokenizer,
        tokenizers::ParsePreTokenizer(*pre_tokenizer, "pre_tokenizer", raw_byte_level));
  }
  if (std::optional<simdjson::dom::element> post = root.Find("post_processor")) {
    WINNOW_ASSIGN_OR_RETURN(parts.special_tokens,
                            tokenizers::ParsePostProcessor(*post, "post_processor"));
  }
  WINNOW_RETURN_IF_ERROR(ParseAddedTokens(root, &parts));
  bool byte_level = pre_tokenizer && tokenizers::HasByteLevel(*pre_tokenizer);
  parts.name = fmt::format("tokenizer.json ({}{})", parts.model->type_name(),
                           byte_level ? ", byte-level" : "");
  return std::unique_ptr<Tokenizer>(std::make_unique<tokenizers::HfTokenizer>(std::move(parts)));
}

}  // namespace

Result<std::unique_ptr<Tokenizer>> LoadTokenizerJson(std::string_view json,
                                                     const std::string& origin) {
  auto tokenizer = BuildHfTokenizer(json);
  if (!tokenizer) return Error(tokenizer.error().WithPrefix(origin));
  return tokenizer;
}

}  // namespace winnow
