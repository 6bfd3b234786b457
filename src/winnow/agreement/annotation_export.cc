#include "winnow/agreement/annotation_export.h"

#include <string>

namespace winnow {
namespace {

using simdjson::dom::element;

// A response's "status" is submitted, or absent (exports that keep submitted ones only).
bool IsSubmitted(simdjson::dom::object response) {
  std::string_view status;
  if (response["status"].get(status) != simdjson::SUCCESS) return true;
  return status == "submitted";
}

// {"value": v} -> v; a bare value is itself.
element ValueOf(element answer) {
  element value;
  if (answer.is_object() && answer["value"].get(value) == simdjson::SUCCESS) return value;
  return answer;
}

void PerAnnotatorResponses(simdjson::dom::array responses, std::string_view question,
                           std::vector<element>* out) {
  for (element response : responses) {
    simdjson::dom::object object;
    element answer;
    if (response.get(object) != simdjson::SUCCESS || !IsSubmitted(object)) continue;
    if (object["values"][question].get(answer) == simdjson::SUCCESS) {
      out->push_back(ValueOf(answer));
    }
  }
}

void PerQuestionResponses(simdjson::dom::object responses, std::string_view question,
                          std::vector<element>* out) {
  simdjson::dom::array list;
  if (responses[question].get(list) != simdjson::SUCCESS) return;
  for (element response : list) {
    simdjson::dom::object object;
    element value;
    if (response.get(object) != simdjson::SUCCESS || !IsSubmitted(object)) continue;
    if (object["value"].get(value) == simdjson::SUCCESS) out->push_back(value);
  }
}

// "quality.responses": [...] beside an optional parallel "quality.responses.status": [...].
void FlattenedResponses(const Record& record, std::string_view question,
                        std::vector<element>* out) {
  const std::string key = std::string(question) + ".responses";
  simdjson::dom::array values;
  if (record.Field(key).get(values) != simdjson::SUCCESS) return;
  simdjson::dom::array statuses;
  const bool has_status = record.Field(key + ".status").get(statuses) == simdjson::SUCCESS;
  size_t i = 0;
  for (element value : values) {
    // A value without a status beside it counts as submitted, as a response without one does.
    std::string_view status = "submitted";
    if (has_status && statuses.at(i).get(status) != simdjson::SUCCESS) status = "submitted";
    if (status == "submitted") out->push_back(value);
    ++i;
  }
}

void Suggestions(const Record& record, std::string_view question, std::vector<element>* out) {
  element suggestions;
  element value;
  if (record.Field("suggestions").get(suggestions) == simdjson::SUCCESS) {
    simdjson::dom::array list;
    if (suggestions.get(list) == simdjson::SUCCESS) {
      for (element suggestion : list) {
        std::string_view name;
        if (suggestion["question_name"].get(name) == simdjson::SUCCESS && name == question &&
            suggestion["value"].get(value) == simdjson::SUCCESS) {
          out->push_back(value);
        }
      }
    } else if (suggestions[question].get(value) == simdjson::SUCCESS) {
      out->push_back(ValueOf(value));
    }
    return;
  }
  if (record.Field(std::string(question) + ".suggestion").get(value) == simdjson::SUCCESS) {
    out->push_back(value);
  }
}

}  // namespace

bool HasAnnotationShape(const Record& record, std::string_view question, AnnotationSide side) {
  if (side == AnnotationSide::kSuggestion) {
    return record.Field("suggestions").error() == simdjson::SUCCESS ||
           record.Field(std::string(question) + ".suggestion").error() == simdjson::SUCCESS;
  }
  return record.Field("responses").error() == simdjson::SUCCESS ||
         record.Field(std::string(question) + ".responses").error() == simdjson::SUCCESS;
}

void FindAnnotationValues(const Record& record, std::string_view question, AnnotationSide side,
                          std::vector<element>* out) {
  if (side == AnnotationSide::kSuggestion) {
    Suggestions(record, question, out);
    return;
  }
  element responses;
  if (record.Field("responses").get(responses) == simdjson::SUCCESS) {
    simdjson::dom::array per_annotator;
    simdjson::dom::object per_question;
    if (responses.get(per_annotator) == simdjson::SUCCESS) {
      PerAnnotatorResponses(per_annotator, question, out);
    } else if (responses.get(per_question) == simdjson::SUCCESS) {
      PerQuestionResponses(per_question, question, out);
    }
    return;
  }
  FlattenedResponses(record, question, out);
}

}  // namespace winnow
