#include "winnow/agreement/rated_record.h"

#include <fmt/format.h>

#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const bool space = IsPythonSpace(DecodeUtf8(text, &pos));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

Result<std::optional<simdjson::dom::element>> RatingSource::Find(const Record& record) const {
  std::vector<simdjson::dom::element> values;
  path_.Resolve(record, &values);
  const bool annotation = values.empty() && !path_.has_wildcard() && path_.segments().size() == 1 &&
                          HasAnnotationShape(record, path_.top_key(), side_);
  if (annotation) FindAnnotationValues(record, path_.top_key(), side_, &values);
  if (values.size() > 1) {
    const std::string what = annotation
                                 ? std::to_string(values.size()) +
                                       " submitted responses to question '" + path_.text() + "'"
                                 : "field path '" + path_.text() + "' selects " +
                                       std::to_string(values.size()) + " values";
    return Error(Status::InvalidInput(
        record.origin().ToString() + ": " + what +
        "; agreement compares one judge rating with one human rating per item"));
  }
  if (values.empty()) return std::optional<simdjson::dom::element>();
  return std::optional<simdjson::dom::element>(values.front());
}

Result<RatingRead> ReadRating(const Record& record, const RatingSource& source,
                              const RatingRules& rules, std::string_view rater) {
  WINNOW_ASSIGN_OR_RETURN(std::optional<simdjson::dom::element> value, source.Find(record));
  const simdjson::dom::element* element = value ? &*value : nullptr;
  RatingRead read = rules.pairwise ? ReadPreferenceRating(element) : ReadNumericRating(element);
  if (read.ok() && !rules.pairwise && !rules.scale.Contains(read.value)) {
    return Error(Status::InvalidInput(fmt::format(
        "{}: {} rating {} in field '{}' is outside --scale {}", record.origin().ToString(), rater,
        read.value, source.path().text(), rules.scale.text)));
  }
  return read;
}

std::optional<std::string> ReadItemId(const Record& record, const FieldPath& path) {
  simdjson::dom::element value;
  if (path.Get(record).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  std::string_view text;
  if (value.get(text) == simdjson::SUCCESS) return std::string(text);
  std::string json;
  AppendJsonElement(value, &json);
  return json;
}

Result<LengthUnit> ParseLengthUnit(std::string_view text) {
  if (text == "chars") return LengthUnit::kCharacters;
  if (text == "words") return LengthUnit::kWords;
  return Error(Status::InvalidArgument("--length-unit '" + std::string(text) +
                                       "': expected chars or words"));
}

std::string_view LengthUnitName(LengthUnit unit) {
  return unit == LengthUnit::kWords ? "words" : "chars";
}

double AnswerLength(const Record& record, const TextView& view, LengthUnit unit,
                    std::string* scratch) {
  simdjson::dom::element value;
  if (view.path().Get(record).get(value) != simdjson::SUCCESS || value.is_null()) return NAN;
  const std::string_view text = view.Get(record, scratch);
  const size_t length = unit == LengthUnit::kWords ? CountWords(text) : CountCodePoints(text);
  return static_cast<double>(length);
}

}  // namespace winnow
