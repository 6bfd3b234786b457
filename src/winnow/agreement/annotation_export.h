#pragma once

// Ratings inside annotation exports (specs/annotation.md): a record holds, per question, at most
// one suggestion (a model's pre-filled value: the judge) and one response per annotator (the
// humans). `winnow agreement` reads a question by name from these shapes:
//
//   responses, per annotator (Argilla v1 and winnow's export):
//     "responses": [{"user_id": "u1", "status": "submitted", "values": {"quality": {"value": 4}}}]
//     (a bare "values": {"quality": 4} works too)
//   responses, per question (Argilla v2, records.to_list(flatten=False)):
//     "responses": {"quality": [{"value": 4, "user_id": "u1", "status": "submitted"}]}
//   responses, flattened (Argilla v2 flatten=True, Hub exports):
//     "quality.responses": [4], "quality.responses.status": ["submitted"]
//   suggestions: "suggestions": [{"question_name": "quality", "value": 5}] (v1),
//     "suggestions": {"quality": {"value": 5}} (v2), "quality.suggestion": 5 (flattened).
//
// Only submitted responses count (a response without a status counts as submitted); drafts and
// discarded responses are left out.

#include <simdjson.h>

#include <string_view>
#include <vector>

#include "winnow/record/record.h"

namespace winnow {

enum class AnnotationSide { kSuggestion, kResponse };

// True when `record` has one of the shapes above for `question` on `side`, so a missing answer
// there means "not annotated" rather than "no such field".
bool HasAnnotationShape(const Record& record, std::string_view question, AnnotationSide side);

// Appends the values `question` has on `side` in `record`: a suggestion's value, or the value of
// every submitted response.
void FindAnnotationValues(const Record& record, std::string_view question, AnnotationSide side,
                          std::vector<simdjson::dom::element>* out);

}  // namespace winnow
