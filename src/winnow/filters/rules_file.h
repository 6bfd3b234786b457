#pragma once

// Rules files: the YAML format of the rules filter (docs/rules.md has the full description).
//
//   include: [pack:refusals, more_rules.yaml]   # packs, or files relative to this one
//   defaults: {field: messages, roles: [assistant], case_sensitive: false, word_boundaries: true}
//   rules:
//     - name: llm_isms
//       action: deny                       # or require
//       phrases: ["as an AI language model", "delv*"]
//       regexes: ['(?:regenerate|retry)\s+response']
//       allow: ["tapestry of the Bayeux"]  # matches overlapping these do not count
//       allow_regexes: []
//       min_matches: 1
//       roles: [assistant]                 # or all
//
// Settings a rule leaves out come from its file's `defaults`, then from the defaults of the file
// that included it, and so on up to the caller's RuleDefaults. Errors name the source, line and
// column ("rules.yaml:12:7: rule 'x': min_matches must be a whole number >= 1").

#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/filters/rule.h"
#include "winnow/io/file_system.h"

namespace winnow {

// What a rule gets for the settings neither it nor any defaults block gives.
struct RuleDefaults {
  std::string field = "text";
  // Responses are what fine-tuning data is filtered for; a plain-text field has no roles and is
  // checked whole.
  std::vector<std::string> roles = {"assistant"};
  bool case_sensitive = false;
  bool word_boundaries = true;
};

// Most rules and patterns one load accepts (the YAML may multiply lists through aliases).
inline constexpr size_t kMaxRules = 10000;
inline constexpr size_t kMaxPatterns = 100000;

// Reads the rules of every source in order: "pack:NAME" or a rules file path on `fs`. A source
// reached twice (a pack included by two files) is read once. Fails on unknown packs, missing
// files, include cycles, invalid YAML or settings, and rule names used twice.
Result<std::vector<Rule>> LoadRules(FileSystem& fs, const std::vector<std::string>& sources,
                                    const RuleDefaults& defaults);

// Reads rules from YAML text named `source_name` in messages. File includes are resolved on `fs`
// relative to `source_name`'s folder; with a null `fs` only packs can be included.
Result<std::vector<Rule>> ParseRules(std::string_view yaml, const std::string& source_name,
                                     const RuleDefaults& defaults, FileSystem* fs);

}  // namespace winnow
