#pragma once

// Reading a row's columns for LLM tasks, with errors that name the column.

#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/record.h"

namespace winnow::tasks {

// The string in `column`. Numbers and booleans are given as their JSON text.
Result<std::string> RowString(const Record& row, const std::string& column);
// The list of strings in `column`.
Result<std::vector<std::string>> RowStringList(const Record& row, const std::string& column);

}  // namespace winnow::tasks
