#include "winnow/dedup/keep_policy.h"

#include <charconv>
#include <cmath>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

double NumberOf(simdjson::dom::element value) {
  double number;
  if (value.get_double().get(number) == simdjson::SUCCESS) return number;
  int64_t integer;
  if (value.get_int64().get(integer) == simdjson::SUCCESS) return static_cast<double>(integer);
  uint64_t unsigned_integer;
  if (value.get_uint64().get(unsigned_integer) == simdjson::SUCCESS) {
    return static_cast<double>(unsigned_integer);
  }
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    double parsed;
    auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (result.ec == std::errc() && result.ptr == text.data() + text.size()) return parsed;
  }
  return std::nan("");
}

std::string ValueText(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  return simdjson::minify(value);
}

}  // namespace

Result<KeepPolicy> KeepPolicy::Parse(std::string_view spec) {
  KeepPolicy policy;
  policy.spec_ = std::string(spec);
  if (spec == "first") return policy;
  if (spec == "longest" || spec == "shortest") {
    policy.kind_ = spec == "longest" ? Kind::kLongest : Kind::kShortest;
    return policy;
  }
  const size_t colon = spec.find(':');
  const std::string_view kind = spec.substr(0, colon);
  const std::string_view argument = colon == std::string_view::npos ? "" : spec.substr(colon + 1);
  auto usage = [&](std::string why) {
    return tl::unexpected(Status::InvalidArgument(
        "bad keep policy \"" + std::string(spec) + "\": " + why +
        " (expected first, longest, shortest, max:FIELD, min:FIELD or priority:FIELD=a,b,...)"));
  };
  if (kind != "max" && kind != "min" && kind != "priority") return usage("unknown policy");
  std::string_view field = argument;
  if (kind == "priority") {
    const size_t equals = argument.find('=');
    if (equals == std::string_view::npos) return usage("priority needs FIELD=value,value,...");
    field = argument.substr(0, equals);
    std::string_view list = argument.substr(equals + 1);
    while (!list.empty()) {
      const size_t comma = list.find(',');
      policy.priorities_.emplace_back(list.substr(0, comma));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    if (policy.priorities_.empty()) return usage("the priority list is empty");
  }
  if (field.empty()) return usage("no field given");
  auto path = FieldPath::Parse(field);
  if (!path) return usage(path.error().message());
  policy.field_ = std::move(*path);
  policy.kind_ = kind == "max" ? Kind::kMax : kind == "min" ? Kind::kMin : Kind::kPriority;
  return policy;
}

double KeepPolicy::Rank(const Record& record, std::string_view key_text) const {
  switch (kind_) {
    case Kind::kFirst:
      return 0.0;
    case Kind::kLongest:
      return -static_cast<double>(CountCodePoints(key_text));
    case Kind::kShortest:
      return static_cast<double>(CountCodePoints(key_text));
    default:
      break;
  }
  simdjson::dom::element value;
  if (field_.Get(record).get(value) != simdjson::SUCCESS || value.is_null()) return kMissing;
  if (kind_ == Kind::kPriority) {
    const std::string text = ValueText(value);
    for (size_t i = 0; i < priorities_.size(); ++i) {
      if (priorities_[i] == text) return static_cast<double>(i);
    }
    return static_cast<double>(priorities_.size());  // listed values first, then the rest
  }
  const double number = NumberOf(value);
  if (std::isnan(number)) return kMissing;
  return kind_ == Kind::kMax ? -number : number;
}

}  // namespace winnow
