#pragma once

// The machine-readable report of `winnow inspect`: schema "winnow.inspect/1", documented key by
// key in docs/inspect-json.md. Scripts and CI read this, so keys are never renamed or reordered
// within a schema version; additions get a new minor section in the doc, removals a new version.

#include <string>

#include "winnow/stats/profile.h"

namespace winnow {

// Renders `profile` as pretty-printed JSON (2-space indent, keys in a fixed order, "schema"
// first, a trailing newline). Every field of the profile appears: absent summaries as null,
// NaN and infinities as null, enums as strings. Invalid UTF-8 in dataset text becomes U+FFFD.
std::string RenderProfileJson(const DatasetProfile& profile);

}  // namespace winnow
