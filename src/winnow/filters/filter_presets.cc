#include "winnow/filters/filter_presets.h"

namespace winnow {

const std::vector<FilterPreset>& FilterPresets() {
  static const std::vector<FilterPreset> presets = {
      {"fineweb",
       "FineWeb's quality filters as datatrove ran them: Gopher repetition, Gopher quality, C4 "
       "without the terminal-punctuation line rule, FineWeb's line rules",
       {{"gopher_repetition", {}},
        {"gopher_quality", {}},
        {"c4_quality", {{"filter_no_terminal_punct", "false"}}},
        {"fineweb_quality", {}}}},
      {"gopher",
       "Gopher's repetition and quality rules (MassiveText)",
       {{"gopher_repetition", {}}, {"gopher_quality", {}}}},
      {"c4", "C4's line and document rules", {{"c4_quality", {}}}},
      {"datatrove",
       "datatrove's four English quality filters with their defaults (C4 with every rule)",
       {{"gopher_repetition", {}},
        {"gopher_quality", {}},
        {"c4_quality", {}},
        {"fineweb_quality", {}}}},
  };
  return presets;
}

Result<const FilterPreset*> FindPreset(std::string_view name) {
  std::string known;
  for (const FilterPreset& preset : FilterPresets()) {
    if (preset.name == name) return &preset;
    known += known.empty() ? "" : ", ";
    known += preset.name;
  }
  return Error(Status::InvalidArgument("unknown preset '" + std::string(name) +
                                       "' (presets: " + known + ")"));
}

}  // namespace winnow
