#pragma once

// Reading a judge's JSON answer strictly: one object, no duplicate or unknown keys. Shared by the
// rating and classification judges, whose answers the engine also checks against their schemas.

#include <simdjson.h>

#include <functional>
#include <initializer_list>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow::tasks {

// Parses `answer` (a JSON object, possibly inside a Markdown code fence) and calls `visit` for
// each field in order. Errors (InvalidInput, prefixed with `what`): not JSON, not an object, a key
// twice, a key outside `allowed`, a key of `allowed` missing, or whatever `visit` returns.
Status VisitJsonAnswer(
    std::string_view answer, std::initializer_list<std::string_view> allowed, std::string_view what,
    const std::function<Status(std::string_view key, simdjson::dom::element value)>& visit);

}  // namespace winnow::tasks
