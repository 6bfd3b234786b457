#include "winnow/tasks/classify_judge.h"

#include <fmt/format.h>

#include <algorithm>

#include "winnow/record/json_writer.h"
#include "winnow/tasks/answer_text.h"
#include "winnow/tasks/json_answer.h"

namespace winnow::tasks {
namespace {

constexpr std::string_view kWhat = "classification judge";

// The position of `label` in `labels`, or labels.size().
size_t LabelIndex(std::span<const std::string> labels, std::string_view label) {
  return static_cast<size_t>(std::find(labels.begin(), labels.end(), label) - labels.begin());
}

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

Status ReadLabel(simdjson::dom::element value, std::span<const std::string> labels,
                 std::vector<bool>* chosen) {
  std::string_view label;
  if (value.get_string().get(label)) {
    return Status::InvalidInput(fmt::format("{}: a label is not a string: {}", kWhat,
                                            QuoteForError(simdjson::to_string(value))));
  }
  const size_t index = LabelIndex(labels, label);
  if (index == labels.size()) {
    return Status::InvalidInput(
        fmt::format("{}: {} is not one of the labels", kWhat, QuoteForError(label)));
  }
  if ((*chosen)[index]) {
    return Status::InvalidInput(
        fmt::format("{}: label {} appears twice", kWhat, QuoteForError(label)));
  }
  (*chosen)[index] = true;
  return Status::OK();
}

}  // namespace

Status CheckClassifyLabels(std::span<const std::string> labels,
                           std::span<const std::string> descriptions) {
  if (labels.empty()) return Status::InvalidArgument("classification needs at least one label");
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].empty()) return Status::InvalidArgument("a classification label is empty");
    if (LabelIndex(labels.first(i), labels[i]) != i) {
      return Status::InvalidArgument(fmt::format("label '{}' is given twice", labels[i]));
    }
  }
  if (!descriptions.empty() && descriptions.size() != labels.size()) {
    return Status::InvalidArgument(
        fmt::format("{} label descriptions for {} labels: give one "
                    "per label or none",
                    descriptions.size(), labels.size()));
  }
  return Status::OK();
}

std::vector<llm::Message> BuildClassifyMessages(std::string_view text,
                                                std::span<const std::string> labels,
                                                std::span<const std::string> descriptions,
                                                bool multi_label) {
  std::string user = multi_label ? "Classify the text below: choose every label that applies "
                                   "to it, or none if no label does.\n\n## Labels\n"
                                 : "Classify the text below: choose the one label that fits it "
                                   "best.\n\n## Labels\n";
  for (size_t i = 0; i < labels.size(); ++i) {
    user.append("- ").append(labels[i]);
    if (i < descriptions.size() && !descriptions[i].empty()) {
      user.append(": ").append(descriptions[i]);
    }
    user.append("\n");
  }
  user.append("\n## Text\n").append(text).append("\n\n## Answer\n");
  user.append(multi_label
                  ? "Answer with a JSON object and nothing else: {\"rationale\": \"<why, in one or "
                    "two sentences>\", \"labels\": [<the labels that apply, spelled as above>]}"
                  : "Answer with a JSON object and nothing else: {\"rationale\": \"<why, in one or "
                    "two sentences>\", \"label\": \"<the label, spelled as above>\"}");
  return {llm::Message{"system",
                       "You are an expert annotator who classifies texts carefully "
                       "and consistently."},
          llm::Message{"user", std::move(user)}};
}

std::string ClassifyJsonSchema(std::span<const std::string> labels, bool multi_label) {
  std::string enumeration = R"({"type":"string","enum":[)";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) enumeration.push_back(',');
    enumeration.append(JsonString(labels[i]));
  }
  enumeration.append("]}");
  const std::string key = multi_label ? "labels" : "label";
  const std::string value =
      multi_label ? R"({"type":"array","items":)" + enumeration + "}" : enumeration;
  return fmt::format(
      R"({{"type":"object","properties":{{"rationale":{{"type":"string"}},"{0}":{1}}},)"
      R"("required":["rationale","{0}"],"additionalProperties":false}})",
      key, value);
}

Result<ClassifyResult> ParseClassify(std::string_view answer, std::span<const std::string> labels,
                                     bool multi_label) {
  ClassifyResult result;
  std::vector<bool> chosen(labels.size(), false);
  const std::string_view label_key = multi_label ? "labels" : "label";
  WINNOW_RETURN_IF_ERROR(VisitJsonAnswer(
      answer, {"rationale", label_key}, kWhat,
      [&](std::string_view key, simdjson::dom::element value) -> Status {
        if (key == "rationale") {
          std::string_view text;
          if (value.get_string().get(text)) {
            return Status::InvalidInput(fmt::format("{}: \"rationale\" is not a string", kWhat));
          }
          result.rationale = std::string(text);
          return Status::OK();
        }
        if (!multi_label) return ReadLabel(value, labels, &chosen);
        simdjson::dom::array array;
        if (value.get_array().get(array)) {
          return Status::InvalidInput(fmt::format("{}: \"labels\" is not an array", kWhat));
        }
        for (simdjson::dom::element item : array) {
          WINNOW_RETURN_IF_ERROR(ReadLabel(item, labels, &chosen));
        }
        return Status::OK();
      }));
  for (size_t i = 0; i < labels.size(); ++i) {
    if (chosen[i]) result.labels.push_back(labels[i]);
  }
  return result;
}

}  // namespace winnow::tasks
