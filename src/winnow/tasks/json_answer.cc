#include "winnow/tasks/json_answer.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "winnow/tasks/answer_text.h"

namespace winnow::tasks {

Status VisitJsonAnswer(
    std::string_view answer, std::initializer_list<std::string_view> allowed, std::string_view what,
    const std::function<Status(std::string_view key, simdjson::dom::element value)>& visit) {
  // One parser per call keeps the function safe to call from many threads; judge answers are
  // small and rare next to the requests that produce them.
  simdjson::dom::parser parser;
  const simdjson::padded_string json(StripCodeFence(answer));
  simdjson::dom::element root;
  if (auto error = parser.parse(json).get(root); error) {
    return Status::InvalidInput(fmt::format("{}: the answer is not JSON ({}): {}", what,
                                            simdjson::error_message(error), QuoteForError(answer)));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return Status::InvalidInput(
        fmt::format("{}: the answer is not a JSON object: {}", what, QuoteForError(answer)));
  }
  std::vector<std::string_view> seen;
  for (auto field : object) {
    const std::string_view key = field.key;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Status::InvalidInput(fmt::format("{}: unexpected key {}", what, QuoteForError(key)));
    }
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return Status::InvalidInput(
          fmt::format("{}: key {} appears twice", what, QuoteForError(key)));
    }
    seen.push_back(key);
    WINNOW_RETURN_IF_ERROR(visit(key, field.value));
  }
  for (std::string_view key : allowed) {
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
      return Status::InvalidInput(fmt::format("{}: key \"{}\" is missing", what, key));
    }
  }
  return Status::OK();
}

}  // namespace winnow::tasks
