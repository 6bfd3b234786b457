#pragma once

// Filter presets: named chains of built-in filters with their settings, the recipes people ask
// for by name ("the FineWeb filters"). `winnow filter --preset NAME` expands one; --set and
// --filter adjust or extend it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct PresetFilter {
  std::string filter;                          // a FilterTable() name
  std::map<std::string, std::string> options;  // the filter's options
};

struct FilterPreset {
  std::string name;
  std::string summary;
  std::vector<PresetFilter> filters;
};

const std::vector<FilterPreset>& FilterPresets();

// The preset named `name`, or an error listing the presets.
Result<const FilterPreset*> FindPreset(std::string_view name);

}  // namespace winnow
