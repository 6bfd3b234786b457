#include "winnow/tasks/rubric_judge.h"

#include <fmt/format.h>

#include "winnow/tasks/answer_text.h"
#include "winnow/text/python_str.h"

namespace winnow::tasks {
namespace {

// prometheus-eval's ABS_SYSTEM_PROMPT.
constexpr std::string_view kSystem =
    "You are a fair judge assistant tasked with providing clear, objective feedback based on "
    "specific criteria, ensuring each assessment reflects the absolute standards set for "
    "performance.";

constexpr std::string_view kResult = "[RESULT]";

}  // namespace

const char* const kDefaultRubricCriteria =
    "Does the model provide relevant and useful responses to the user's needs or questions?";

std::vector<std::string> DefaultScoreDescriptions() {
  return {
      "The model's responses are irrelevant or unhelpful to the user's needs or queries.",
      "The model sometimes provides helpful information, but often fails to address the user's "
      "actual needs or questions.",
      "The model generally provides helpful responses that address the user's needs, though it "
      "may occasionally miss the mark.",
      "The model regularly provides helpful responses that are well-aligned with the user's "
      "inquiries, with only rare inaccuracies.",
      "The model consistently offers highly relevant and useful responses that perfectly cater to "
      "the user's needs and inquiries.",
  };
}

std::string BuildScoreRubric(std::string_view criteria, std::span<const std::string> descriptions,
                             int min_score) {
  std::string rubric = fmt::format("[{}]", criteria);
  for (size_t i = 0; i < descriptions.size(); ++i) {
    rubric.append(fmt::format("\nScore {}: {}", min_score + static_cast<int>(i), descriptions[i]));
  }
  return rubric;
}

std::vector<llm::Message> BuildRubricMessages(std::string_view instruction,
                                              std::string_view response,
                                              std::optional<std::string_view> reference,
                                              std::string_view rubric, int min_score,
                                              int max_score) {
  std::string user =
      "###Task Description:\nAn instruction (might include an Input inside it), a "
      "response to evaluate, ";
  if (reference.has_value()) {
    user.append(fmt::format("a reference answer that gets a score of {}, ", max_score));
  }
  user.append(fmt::format(
      "and a score rubric representing a evaluation criteria are given.\n"
      "1. Write a detailed feedback that assess the quality of the response strictly based on "
      "the given score rubric, not evaluating in general.\n"
      "2. After writing a feedback, write a score that is an integer between {0} and {1}. You "
      "should refer to the score rubric.\n"
      "3. The output format should look as follows: \"Feedback: (write a feedback for criteria) "
      "[RESULT] (an integer number between {0} and {1})\"\n"
      "4. Please do not generate any other opening, closing, and explanations.\n\n",
      min_score, max_score));
  user.append("###The instruction to evaluate:\n").append(instruction).append("\n\n");
  user.append("###Response to evaluate:\n").append(response).append("\n\n");
  if (reference.has_value()) {
    user.append(fmt::format("###Reference Answer (Score {}):\n", max_score));
    user.append(*reference).append("\n\n");
  }
  user.append("###Score Rubrics:\n").append(rubric).append("\n\n###Feedback: ");
  return {llm::Message{"system", std::string(kSystem)}, llm::Message{"user", std::move(user)}};
}

Result<RubricScore> ParseRubric(std::string_view answer, int min_score, int max_score) {
  if (min_score > max_score) {
    return Error(Status::InvalidArgument(
        fmt::format("rubric score range {} to {} is empty", min_score, max_score)));
  }
  const size_t at = answer.find(kResult);
  if (at == std::string_view::npos) {
    return Error(Status::InvalidInput(
        fmt::format("rubric judge answer has no \"[RESULT]\": {}", QuoteForError(answer))));
  }
  if (answer.find(kResult, at + kResult.size()) != std::string_view::npos) {
    return Error(Status::InvalidInput(fmt::format(
        "rubric judge answer has more than one \"[RESULT]\": {}", QuoteForError(answer))));
  }
  RubricScore result;
  WINNOW_ASSIGN_OR_RETURN(
      result.score, ParseBoundedInt(PythonStrip(answer.substr(at + kResult.size())), min_score,
                                    max_score, "rubric score after [RESULT]"));
  std::string_view feedback = PythonStrip(answer.substr(0, at));
  for (std::string_view label : {"###Feedback:", "Feedback:"}) {
    if (feedback.starts_with(label)) {
      feedback = PythonStrip(feedback.substr(label.size()));
      break;
    }
  }
  if (feedback.empty()) {
    return Error(Status::InvalidInput("rubric judge answer has no feedback before \"[RESULT]\""));
  }
  result.feedback = std::string(feedback);
  return result;
}

}  // namespace winnow::tasks
