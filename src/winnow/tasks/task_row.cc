#include "winnow/tasks/task_row.h"

#include <fmt/format.h>

namespace winnow::tasks {

Result<std::string> RowString(const Record& row, const std::string& column) {
  simdjson::dom::element value;
  if (row.Field(column).get(value)) {
    return Error(Status::InvalidInput(fmt::format("the row has no column '{}'", column)));
  }
  std::string_view text;
  if (!value.get_string().get(text)) return std::string(text);
  if (value.is_number() || value.is_bool()) return simdjson::minify(value);
  return Error(Status::InvalidInput(fmt::format("column '{}' is not a string", column)));
}

Result<std::vector<std::string>> RowStringList(const Record& row, const std::string& column) {
  simdjson::dom::element value;
  if (row.Field(column).get(value)) {
    return Error(Status::InvalidInput(fmt::format("the row has no column '{}'", column)));
  }
  simdjson::dom::array array;
  if (value.get_array().get(array)) {
    return Error(Status::InvalidInput(fmt::format("column '{}' is not a list", column)));
  }
  std::vector<std::string> items;
  size_t index = 0;
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get_string().get(text)) {
      return Error(
          Status::InvalidInput(fmt::format("column '{}'[{}] is not a string", column, index)));
    }
    items.emplace_back(text);
    ++index;
  }
  return items;
}

}  // namespace winnow::tasks
