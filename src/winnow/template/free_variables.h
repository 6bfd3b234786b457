#pragma once

// Static analysis of a parsed template: which top-level variables it reads without setting them
// first (what the caller must provide), in order of first use.

#include <string>
#include <vector>

#include "winnow/template/ast.h"

namespace winnow::jinja {

std::vector<std::string> CollectFreeVariables(const Body& body);

}  // namespace winnow::jinja
