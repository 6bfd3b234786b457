#include "winnow/agreement/rating_value.h"

#include <charconv>
#include <cmath>

#include "winnow/agreement/preference.h"
#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr size_t kShownCodePoints = 40;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

RatingRead Fault(RatingFault fault, const simdjson::dom::element* value) {
  RatingRead read;
  read.fault = fault;
  if (value != nullptr) {
    std::string json;
    AppendJsonElement(*value, &json);
    read.shown = Snippet(json, kShownCodePoints);
  }
  return read;
}

bool IsMissing(const simdjson::dom::element* value) {
  if (value == nullptr || value->is_null()) return true;
  std::string_view text;
  return value->get(text) == simdjson::SUCCESS && Trim(text).empty();
}

}  // namespace

std::string_view RatingFaultName(RatingFault fault) {
  switch (fault) {
    case RatingFault::kNone:
      return "ok";
    case RatingFault::kMissing:
      return "missing";
    case RatingFault::kNotNumeric:
      return "not_a_number";
    case RatingFault::kNotPreference:
      return "not_a_preference";
  }
  return "ok";
}

RatingRead ReadNumericRating(const simdjson::dom::element* value) {
  if (IsMissing(value)) return Fault(RatingFault::kMissing, value);
  RatingRead read;
  switch (value->type()) {
    case simdjson::dom::element_type::INT64:
      read.value = static_cast<double>(value->get_int64().value());
      return read;
    case simdjson::dom::element_type::UINT64:
      read.value = static_cast<double>(value->get_uint64().value());
      return read;
    case simdjson::dom::element_type::DOUBLE:
      read.value = value->get_double().value();
      return read;
    case simdjson::dom::element_type::STRING: {
      const std::string_view text = Trim(value->get_string().value());
      // from_chars accepts neither a leading '+' nor spaces, and "nan"/"inf" fail isfinite.
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), read.value);
      if (error == std::errc() && end == text.data() + text.size() && std::isfinite(read.value)) {
        return read;
      }
      return Fault(RatingFault::kNotNumeric, value);
    }
    default:
      return Fault(RatingFault::kNotNumeric, value);
  }
}

RatingRead ReadPreferenceRating(const simdjson::dom::element* value) {
  if (IsMissing(value)) return Fault(RatingFault::kMissing, value);
  std::string_view text;
  if (value->get(text) == simdjson::SUCCESS) {
    if (std::optional<Preference> preference = ParsePreference(text)) {
      RatingRead read;
      read.value = static_cast<double>(*preference);
      return read;
    }
  }
  return Fault(RatingFault::kNotPreference, value);
}

}  // namespace winnow
