#include <fmt/format.h>

#include "winnow/tokenizers/hf_components.h"

namespace winnow::tokenizers {
namespace {

constexpr std::string_view kSupportedNormalizers =
    "NFC, NFD, NFKC, NFKD, Lowercase, StripAccents, Strip, Replace, Prepend, BertNormalizer, "
    "Precompiled, Sequence";

Result<std::unique_ptr<Normalizer>> ParseBert(const JsonObjectReader& json) {
  BertNormalizerOptions options;
  WINNOW_ASSIGN_OR_RETURN(options.clean_text, json.Bool("clean_text", true));
  WINNOW_ASSIGN_OR_RETURN(options.handle_chinese_chars, json.Bool("handle_chinese_chars", true));
  WINNOW_ASSIGN_OR_RETURN(options.lowercase, json.Bool("lowercase", true));
  // strip_accents: null means "whatever lowercase says", as in BERT's original code.
  WINNOW_ASSIGN_OR_RETURN(std::optional<bool> strip_accents, json.OptionalBool("strip_accents"));
  options.strip_accents = strip_accents.value_or(options.lowercase);
  return NewBertNormalizer(options);
}

Result<std::unique_ptr<Normalizer>> ParsePrecompiled(const JsonObjectReader& json) {
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> encoded,
                          json.OptionalString("precompiled_charsmap"));
  // An absent charsmap maps nothing.
  if (!encoded || encoded->empty()) return NewSequenceNormalizer({});
  auto decoded = DecodeBase64(*encoded);
  if (!decoded) return Error(json.FieldError("precompiled_charsmap", decoded.error().message()));
  auto normalizer = NewPrecompiledNormalizer(*decoded);
  if (!normalizer) {
    return Error(json.FieldError("precompiled_charsmap", normalizer.error().message()));
  }
  return std::move(normalizer).value();
}

Result<std::unique_ptr<Normalizer>> ParseSequence(const JsonObjectReader& json) {
  std::string path = json.FieldPath("normalizers");
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element list_json, json.Required("normalizers"));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array list, ExpectArray(list_json, path));
  std::vector<std::unique_ptr<Normalizer>> steps;
  for (simdjson::dom::element step : list) {
    WINNOW_ASSIGN_OR_RETURN(auto normalizer, ParseNormalizer(step, IndexPath(path, steps.size())));
    steps.push_back(std::move(normalizer));
  }
  return NewSequenceNormalizer(std::move(steps));
}

}  // namespace

Result<std::unique_ptr<Normalizer>> ParseNormalizer(simdjson::dom::element element,
                                                    const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader json, JsonObjectReader::Make(element, path));
  WINNOW_ASSIGN_OR_RETURN(std::string_view type, json.Type());
  if (type == "NFC") return NewUnicodeNormalizer(UnicodeForm::kNfc);
  if (type == "NFD") return NewUnicodeNormalizer(UnicodeForm::kNfd);
  if (type == "NFKC") return NewUnicodeNormalizer(UnicodeForm::kNfkc);
  if (type == "NFKD") return NewUnicodeNormalizer(UnicodeForm::kNfkd);
  if (type == "Lowercase") return NewLowercaseNormalizer();
  if (type == "StripAccents") return NewStripAccentsNormalizer();
  if (type == "Strip") {
    WINNOW_ASSIGN_OR_RETURN(bool left, json.Bool("strip_left", true));
    WINNOW_ASSIGN_OR_RETURN(bool right, json.Bool("strip_right", true));
    return NewStripNormalizer(left, right);
  }
  if (type == "Replace") {
    WINNOW_ASSIGN_OR_RETURN(auto pattern, ParsePatternField(json, "pattern"));
    WINNOW_ASSIGN_OR_RETURN(std::string_view content, json.RequiredString("content"));
    return NewReplaceNormalizer(std::move(pattern), std::string(content));
  }
  if (type == "Prepend") {
    WINNOW_ASSIGN_OR_RETURN(std::string_view prefix, json.RequiredString("prepend"));
    return NewPrependNormalizer(std::string(prefix));
  }
  if (type == "BertNormalizer") return ParseBert(json);
  if (type == "Precompiled") return ParsePrecompiled(json);
  if (type == "Sequence") return ParseSequence(json);
  return Error(json.UnsupportedType(type, kSupportedNormalizers));
}

Result<std::unique_ptr<SplitPattern>> ParsePatternField(const JsonObjectReader& owner,
                                                        std::string_view key) {
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element element, owner.Required(key));
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader pattern,
                          JsonObjectReader::Make(element, owner.FieldPath(key)));
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> literal,
                          pattern.OptionalString("String"));
  if (literal) return NewLiteralPattern(std::string(*literal));
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> regex, pattern.OptionalString("Regex"));
  if (!regex) {
    return Error(owner.FieldError(key, "expected {\"String\": ...} or {\"Regex\": ...}"));
  }
  auto compiled = CompileSplitRegex(*regex);
  if (!compiled) return Error(owner.FieldError(key, compiled.error().message()));
  return std::move(compiled).value();
}

Result<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+') value = 62;
    if (c == '/') value = 63;
    if (c == '=') break;
    if (value < 0) {
      return Error(Status::InvalidInput(
          fmt::format("invalid base64: character {} at offset {}", static_cast<int>(c), i)));
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace winnow::tokenizers
