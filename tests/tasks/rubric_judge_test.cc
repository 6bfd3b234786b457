// Prometheus absolute grading: the prompt with and without a reference, and the strict
// "[RESULT] N" parser.

#include "winnow/tasks/rubric_judge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow::tasks {
namespace {

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

const std::vector<std::string> kDescriptions = {"Wrong.", "Mostly wrong.", "Half right.",
                                                "Mostly right.", "Right."};

TEST(BuildScoreRubric, PrometheusLayout) {
  EXPECT_EQ(BuildScoreRubric("Is it correct?", kDescriptions),
            "[Is it correct?]\nScore 1: Wrong.\nScore 2: Mostly wrong.\nScore 3: Half right.\n"
            "Score 4: Mostly right.\nScore 5: Right.");
  EXPECT_EQ(BuildScoreRubric("C", std::vector<std::string>{"bad", "good"}, 0),
            "[C]\nScore 0: bad\nScore 1: good");
}

TEST(BuildRubricMessages, WithReferenceIsPrometheusAbsolutePrompt) {
  const std::string rubric = BuildScoreRubric("Is it correct?", kDescriptions);
  const auto messages = BuildRubricMessages("Add 2 and 2.", "4", "Four.", rubric);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].content,
            "You are a fair judge assistant tasked with providing clear, objective feedback based "
            "on specific criteria, ensuring each assessment reflects the absolute standards set "
            "for performance.");
  EXPECT_EQ(messages[1].content,
            "###Task Description:\n"
            "An instruction (might include an Input inside it), a response to evaluate, a "
            "reference answer that gets a score of 5, and a score rubric representing a "
            "evaluation criteria are given.\n"
            "1. Write a detailed feedback that assess the quality of the response strictly based "
            "on the given score rubric, not evaluating in general.\n"
            "2. After writing a feedback, write a score that is an integer between 1 and 5. You "
            "should refer to the score rubric.\n"
            "3. The output format should look as follows: \"Feedback: (write a feedback for "
            "criteria) [RESULT] (an integer number between 1 and 5)\"\n"
            "4. Please do not generate any other opening, closing, and explanations.\n\n"
            "###The instruction to evaluate:\nAdd 2 and 2.\n\n"
            "###Response to evaluate:\n4\n\n"
            "###Reference Answer (Score 5):\nFour.\n\n"
            "###Score Rubrics:\n" +
                rubric + "\n\n###Feedback: ");
}

TEST(BuildRubricMessages, WithoutReferenceAndOtherRanges) {
  const std::string user = BuildRubricMessages("I", "R", std::nullopt, "[C]", 1, 10)[1].content;
  EXPECT_TRUE(Contains(user, "a response to evaluate, and a score rubric"));
  EXPECT_FALSE(Contains(user, "Reference"));
  EXPECT_TRUE(Contains(user, "an integer between 1 and 10."));
  EXPECT_TRUE(Contains(user, "[RESULT] (an integer number between 1 and 10)"));
}

TEST(ParseRubric, ReadsFeedbackAndScore) {
  auto parsed = ParseRubric("Feedback: The answer is right but terse. [RESULT] 4");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->score, 4);
  EXPECT_EQ(parsed->feedback, "The answer is right but terse.");
  parsed = ParseRubric("The response follows the rubric.\n[RESULT] 5\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->score, 5);
  EXPECT_EQ(parsed->feedback, "The response follows the rubric.");
  parsed = ParseRubric("Good enough. [RESULT] 10", 1, 10);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->score, 10);
}

TEST(ParseRubric, StrictFailures) {
  auto message = [](std::string_view answer, int min = 1, int max = 5) {
    auto parsed = ParseRubric(answer, min, max);
    EXPECT_FALSE(parsed.has_value()) << answer;
    return parsed.has_value() ? std::string() : parsed.error().message();
  };
  EXPECT_TRUE(Contains(message("Feedback: fine. Score: 4"), "no \"[RESULT]\""));
  EXPECT_TRUE(Contains(message("Fine. [RESULT] 3 [RESULT] 4"), "more than one \"[RESULT]\""));
  EXPECT_TRUE(Contains(message("Fine. [RESULT] 6"),
                       "rubric score after [RESULT] \"6\" is not an integer from 1 to 5"));
  EXPECT_TRUE(Contains(message("Fine. [RESULT] 10"), "\"10\" is not an integer from 1 to 5"));
  for (std::string_view bad : {"Fine. [RESULT] 4/5", "Fine. [RESULT] (4)", "Fine. [RESULT] 4.0",
                               "Fine. [RESULT] 4 because", "Fine. [RESULT]", "Fine. [RESULT] 0"}) {
    message(bad);
  }
  EXPECT_TRUE(Contains(message("Feedback: [RESULT] 4"), "no feedback"));
  EXPECT_TRUE(Contains(message("[RESULT] 4"), "no feedback"));
  auto range = ParseRubric("x [RESULT] 3", 5, 1);
  ASSERT_FALSE(range.has_value());
  EXPECT_EQ(range.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow::tasks
