#pragma once

// Rule packs: rules files built into the binary, named "pack:<name>" wherever a rules file can be
// named. Their text is the same as rules/<name>.yaml at the top of the repository (a test checks
// it), which users read and copy.

#include <string_view>
#include <vector>

namespace winnow {

struct RulePack {
  std::string_view name;  // "llm_isms"
  std::string_view yaml;  // the rules file
};

// Every built-in pack: llm_isms, refusals.
const std::vector<RulePack>& RulePacks();

// The pack called `name` (without the "pack:" prefix); null when there is none.
const RulePack* FindRulePack(std::string_view name);

}  // namespace winnow
