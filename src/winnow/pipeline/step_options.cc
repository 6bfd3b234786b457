#include "winnow/pipeline/step_options.h"

#include <simdjson.h>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace winnow {

bool StepOptions::Has(std::string_view key) const { return values_.find(key) != values_.end(); }

Status StepOptions::Bad(std::string_view key, std::string_view expected) const {
  auto it = values_.find(key);
  return Status::InvalidArgument("step '" + step_ + "': option '" + std::string(key) + "' is '" +
                                 (it == values_.end() ? std::string() : it->second) +
                                 "', expected " + std::string(expected));
}

Result<std::string> StepOptions::GetString(std::string_view key, std::string fallback) {
  used_.emplace(key);
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

Result<int64_t> StepOptions::GetInt(std::string_view key, int64_t fallback) {
  used_.emplace(key);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return Error(Bad(key, "an integer"));
  return value;
}

Result<double> StepOptions::GetDouble(std::string_view key, double fallback) {
  used_.emplace(key);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  const std::string& text = it->second;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return Error(Bad(key, "a number"));
  return value;
}

Result<bool> StepOptions::GetBool(std::string_view key, bool fallback) {
  used_.emplace(key);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second == "true" || it->second == "1" || it->second == "yes") return true;
  if (it->second == "false" || it->second == "0" || it->second == "no") return false;
  return Error(Bad(key, "true or false"));
}

Result<std::vector<std::string>> StepOptions::GetList(std::string_view key,
                                                      std::string_view fallback) {
  WINNOW_ASSIGN_OR_RETURN(std::string text, GetString(key, std::string(fallback)));
  if (!text.starts_with('[')) return SplitCommaList(text);
  // A YAML list in a pipeline file arrives as JSON text; items may then hold commas.
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::array array;
  if (parser.parse(padded).get_array().get(array)) return Error(Bad(key, "a list"));
  std::vector<std::string> items;
  for (simdjson::dom::element item : array) {
    std::string_view value;
    if (!item.get_string().get(value)) {
      items.emplace_back(value);
    } else if (item.is_number() || item.is_bool()) {
      items.push_back(simdjson::minify(item));
    } else {
      return Error(Bad(key, "a list of single values"));
    }
  }
  return items;
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    size_t end = comma == std::string_view::npos ? text.size() : comma;
    std::string_view item = text.substr(begin, end - begin);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return out;
}

Result<TextView> GetTextView(StepOptions& options, std::string_view default_field,
                             std::string_view default_roles) {
  WINNOW_ASSIGN_OR_RETURN(std::string field,
                          options.GetString("field", std::string(default_field)));
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> roles, options.GetList("roles", default_roles));
  TextViewOptions view;
  WINNOW_ASSIGN_OR_RETURN(view.role_prefix, options.GetBool("role_prefix", false));
  for (const std::string& role : roles) {
    if (role == "all" || role == "*") {
      view.roles.clear();
      break;
    }
    view.roles.emplace_back(NormaliseRole(role));
  }
  return TextView::Parse(field, std::move(view));
}

Status StepOptions::Finish() const {
  for (const auto& [key, value] : values_) {
    if (used_.count(key)) continue;
    std::string message = "step '" + step_ + "': unknown option '" + key + "'";
    std::string best;
    size_t best_distance = 3;
    for (const auto& known : used_) {
      size_t distance = EditDistance(key, known);
      if (distance < best_distance) best_distance = distance, best = known;
    }
    if (!best.empty()) message += " (did you mean '" + best + "'?)";
    return Status::InvalidArgument(message);
  }
  return Status::OK();
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace winnow
