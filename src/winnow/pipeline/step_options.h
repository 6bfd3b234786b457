#pragma once

// StepOptions: the parameters of one step as text key/value pairs, whether they came from CLI flags
// or a pipeline file. Typed getters validate and name the step and key in errors; Finish() rejects
// keys no getter asked for ("unknown option 'sed' for step 'sample' (did you mean 'seed'?)").

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

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

  // Fails on any key no getter read.
  Status Finish() const;

 private:
  Status Bad(std::string_view key, std::string_view expected) const;
  std::string step_;
  std::map<std::string, std::string, std::less<>> values_;
  std::set<std::string, std::less<>> used_;
};

// Edit distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace winnow
