#pragma once

// StepOptions: the parameters of one step as text key/value pairs, whether they came from CLI flags
// or a pipeline file. Typed getters validate and name the step and key in errors; Finish() rejects
// keys no getter asked for ("unknown option 'sed' for step 'sample' (did you mean 'seed'?)").

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/text_view.h"

namespace winnow {

class StepOptions {
 public:
  StepOptions() = default;
  StepOptions(std::string step_name, std::map<std::string, std::string> values)
      : step_(std::move(step_name)), values_(values.begin(), values.end()) {}

  void Set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  bool Has(std::string_view key) const;

  Result<std::string> GetString(std::string_view key, std::string fallback);
  Result<int64_t> GetInt(std::string_view key, int64_t fallback);
  Result<double> GetDouble(std::string_view key, double fallback);
  Result<bool> GetBool(std::string_view key, bool fallback);
  // A comma-separated list ("user, assistant"): items trimmed of spaces, empty ones dropped.
  Result<std::vector<std::string>> GetList(std::string_view key, std::string_view fallback);

  // Fails on any key no getter read.
  Status Finish() const;

 private:
  Status Bad(std::string_view key, std::string_view expected) const;
  std::string step_;
  std::map<std::string, std::string, std::less<>> values_;
  std::set<std::string, std::less<>> used_;
};

// "a, b,,c" -> {"a", "b", "c"}.
std::vector<std::string> SplitCommaList(std::string_view text);

// The text view most steps read, from the options every such step takes: field (a path, default
// `default_field`), roles (a list; "all" or "*" means every role; default `default_roles`) and
// role_prefix.
Result<TextView> GetTextView(StepOptions& options, std::string_view default_field = "text",
                             std::string_view default_roles = "");

// Edit distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace winnow
