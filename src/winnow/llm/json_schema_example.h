#pragma once

// Example instances of a JSON Schema, for test servers that must answer with valid structured
// output, for dry runs and for examples shown in prompts.

#include <cstdint>
#include <string>

#include "winnow/common/status.h"
#include "winnow/llm/json_schema.h"

namespace winnow::llm {

// A small deterministic JSON instance (compact text) valid against `schema`: objects get their
// required properties only (and more when minProperties asks), strings their minimum length ("x"
// repeated, a sample for a known format, or a match built from a simple pattern), numbers the
// smallest valid value or multiple, arrays minItems items, enum and const their first value,
// anyOf/oneOf the first alternative that works, $ref followed.
//
// `variant` (0, 1, 2, ...) changes the choices deterministically: another enum value or anyOf
// alternative, a number further inside the range, a longer string, so tests can get several
// different valid answers. Every result passes schema.Validate.
//
// Returns Unsupported, saying why, when no instance is found: a pattern too complex to sample,
// contradictory keywords, a schema that requires endless nesting, or a search that ran too long.
Result<std::string> MakeExampleInstance(const JsonSchema& schema, uint64_t variant = 0);

}  // namespace winnow::llm
