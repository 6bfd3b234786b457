#pragma once

// Python's arithmetic and comparison operators on Values, as Jinja2 evaluates them: int
// arithmetic with floor division and modulo, true division to float, string and list
// concatenation and repetition, "%" formatting of strings, chained comparisons, `in`.
// Integer results that overflow 64 bits become floats (Python would use a big int).

#include "winnow/common/status.h"
#include "winnow/template/ast.h"
#include "winnow/template/filters.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

// + - * / // % ** and ~ (and/or are evaluated lazily by the renderer). `max_items` caps the
// elements a list repetition may make; env.max_bytes caps strings.
Result<Value> ApplyBinary(const FilterEnv& env, BinaryOp op, const Value& left, const Value& right,
                          size_t max_items);

// Unary - and +.
Result<Value> ApplyUnary(UnaryOp op, const Value& operand);

// One comparison of a chain (== != < <= > >= in, not in).
Result<bool> ApplyCompare(const FilterEnv& env, CompareOp op, const Value& left,
                          const Value& right);

}  // namespace winnow::jinja
