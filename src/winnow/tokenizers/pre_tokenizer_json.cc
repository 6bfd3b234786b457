#include <fmt/format.h>

#include "winnow/tokenizers/hf_components.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

constexpr std::string_view kSupportedPreTokenizers =
    "ByteLevel, Split, Whitespace, WhitespaceSplit, BertPreTokenizer, Metaspace, Digits, "
    "Punctuation, CharDelimiterSplit, Sequence";

Result<SplitBehavior> ParseBehavior(const JsonObjectReader& json, SplitBehavior default_value) {
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> name, json.OptionalString("behavior"));
  if (!name) return default_value;
  if (*name == "Removed") return SplitBehavior::kRemoved;
  if (*name == "Isolated") return SplitBehavior::kIsolated;
  if (*name == "MergedWithPrevious") return SplitBehavior::kMergedWithPrevious;
  if (*name == "MergedWithNext") return SplitBehavior::kMergedWithNext;
  if (*name == "Contiguous") return SplitBehavior::kContiguous;
  return Error(json.FieldError(
      "behavior", fmt::format("'{}' is not one of Removed, Isolated, MergedWithPrevious, "
                              "MergedWithNext, Contiguous",
                              *name)));
}

// A field that must hold exactly one character.
Result<uint32_t> ParseCharField(const JsonObjectReader& json, std::string_view key,
                                std::string_view default_value) {
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> text, json.OptionalString(key));
  std::string_view value = text.value_or(default_value);
  size_t pos = 0;
  uint32_t cp = value.empty() ? 0 : NextCodePoint(value, &pos);
  if (value.empty() || pos != value.size()) {
    return Error(json.FieldError(key, fmt::format("\"{}\" is not a single character", value)));
  }
  return cp;
}

Result<std::unique_ptr<PreTokenizer>> ParseMetaspace(const JsonObjectReader& json) {
  WINNOW_ASSIGN_OR_RETURN(uint32_t replacement, ParseCharField(json, "replacement", "\u2581"));
  WINNOW_ASSIGN_OR_RETURN(bool split, json.Bool("split", true));
  WINNOW_ASSIGN_OR_RETURN(std::optional<std::string_view> scheme,
                          json.OptionalString("prepend_scheme"));
  PrependScheme prepend = PrependScheme::kAlways;
  if (!scheme) {
    // Files written before prepend_scheme existed say add_prefix_space.
    WINNOW_ASSIGN_OR_RETURN(bool add_prefix_space, json.Bool("add_prefix_space", true));
    prepend = add_prefix_space ? PrependScheme::kAlways : PrependScheme::kNever;
  } else if (*scheme == "first") {
    prepend = PrependScheme::kFirst;
  } else if (*scheme == "never") {
    prepend = PrependScheme::kNever;
  } else if (*scheme != "always") {
    return Error(json.FieldError("prepend_scheme",
                                 fmt::format("'{}' is not one of always, first, never", *scheme)));
  }
  return NewMetaspacePreTokenizer(replacement, prepend, split);
}

Result<std::unique_ptr<PreTokenizer>> ParseSequence(const JsonObjectReader& json,
                                                    bool raw_byte_level) {
  std::string path = json.FieldPath("pretokenizers");
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element list_json, json.Required("pretokenizers"));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array list, ExpectArray(list_json, path));
  std::vector<std::unique_ptr<PreTokenizer>> steps;
  size_t count = list.size();
  for (simdjson::dom::element step : list) {
    bool last = steps.size() + 1 == count;
    WINNOW_ASSIGN_OR_RETURN(
        auto pre_tokenizer,
        ParsePreTokenizer(step, IndexPath(path, steps.size()), raw_byte_level && last));
    steps.push_back(std::move(pre_tokenizer));
  }
  return NewSequencePreTokenizer(std::move(steps));
}

// The ByteLevel pre-tokenizers in the chain, and whether the last step is one.
void CountByteLevel(simdjson::dom::element json, size_t* count, bool* last_is_byte_level) {
  std::string_view type;
  if (json.at_key("type").get_string().get(type) != simdjson::SUCCESS) return;
  *last_is_byte_level = type == "ByteLevel";
  if (*last_is_byte_level) ++*count;
  simdjson::dom::array steps;
  if (type != "Sequence" || json.at_key("pretokenizers").get_array().get(steps)) return;
  for (simdjson::dom::element step : steps) CountByteLevel(step, count, last_is_byte_level);
}

}  // namespace

Result<std::unique_ptr<PreTokenizer>> ParsePreTokenizer(simdjson::dom::element element,
                                                        const std::string& path,
                                                        bool raw_byte_level) {
  WINNOW_ASSIGN_OR_RETURN(JsonObjectReader json, JsonObjectReader::Make(element, path));
  WINNOW_ASSIGN_OR_RETURN(std::string_view type, json.Type());
  if (type == "ByteLevel") {
    WINNOW_ASSIGN_OR_RETURN(bool add_prefix_space, json.Bool("add_prefix_space", true));
    WINNOW_ASSIGN_OR_RETURN(bool use_regex, json.Bool("use_regex", true));
    return NewByteLevelPreTokenizer(add_prefix_space, use_regex, !raw_byte_level);
  }
  if (type == "Split") {
    WINNOW_ASSIGN_OR_RETURN(auto pattern, ParsePatternField(json, "pattern"));
    WINNOW_ASSIGN_OR_RETURN(SplitBehavior behavior, ParseBehavior(json, SplitBehavior::kRemoved));
    if (!json.Find("behavior")) return Error(json.FieldError("behavior", "missing (required)"));
    WINNOW_ASSIGN_OR_RETURN(bool invert, json.Bool("invert", false));
    return NewSplitPreTokenizer(std::move(pattern), behavior, invert);
  }
  if (type == "Whitespace") return NewWhitespacePreTokenizer();
  if (type == "WhitespaceSplit") return NewWhitespaceSplitPreTokenizer();
  if (type == "BertPreTokenizer") return NewBertPreTokenizer();
  if (type == "Metaspace") return ParseMetaspace(json);
  if (type == "Digits") {
    WINNOW_ASSIGN_OR_RETURN(bool individual, json.Bool("individual_digits", false));
    return NewDigitsPreTokenizer(individual);
  }
  if (type == "Punctuation") {
    WINNOW_ASSIGN_OR_RETURN(SplitBehavior behavior, ParseBehavior(json, SplitBehavior::kIsolated));
    return NewPunctuationPreTokenizer(behavior);
  }
  if (type == "CharDelimiterSplit") {
    WINNOW_ASSIGN_OR_RETURN(uint32_t delimiter, ParseCharField(json, "delimiter", ""));
    return NewCharDelimiterPreTokenizer(delimiter);
  }
  if (type == "Sequence") return ParseSequence(json, raw_byte_level);
  return Error(json.UnsupportedType(type, kSupportedPreTokenizers));
}

bool IsRawByteLevelChain(simdjson::dom::element json) {
  size_t count = 0;
  bool last_is_byte_level = false;
  CountByteLevel(json, &count, &last_is_byte_level);
  return count == 1 && last_is_byte_level;
}

bool HasByteLevel(simdjson::dom::element json) {
  size_t count = 0;
  bool last_is_byte_level = false;
  CountByteLevel(json, &count, &last_is_byte_level);
  return count > 0;
}

}  // namespace winnow::tokenizers
