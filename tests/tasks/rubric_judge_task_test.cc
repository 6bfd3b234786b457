// rubric_judge step: Prometheus's prompt with the user's or the default rubric, the strict
// "[RESULT] N" check, the score and feedback columns, and failures that fail the row.

#include "winnow/tasks/rubric_judge_task.h"

#include <gtest/gtest.h>

#include "tasks/task_test_util.h"
#include "winnow/tasks/rubric_judge.h"

namespace winnow::tasks {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

constexpr std::string_view kRow = R"({"instruction":"Name a prime.","response":"9","answer":"7"})";

struct Started {
  std::unique_ptr<llm::LlmTask> task;
  std::unique_ptr<llm::RowJob> job;
  std::vector<llm::LlmCall> calls;
};

Started Start(const Options& options, std::string_view row_json = kRow) {
  Started started;
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask("rubric_judge", options);
  EXPECT_TRUE(task.has_value()) << task.error().message();
  if (!task.has_value()) return started;
  started.task = std::move(*task);
  Rows rows;
  Record row = rows.Row(row_json);
  Result<std::unique_ptr<llm::RowJob>> job = started.task->StartRow(row, rows.Context(42));
  EXPECT_TRUE(job.has_value()) << job.error().message();
  if (!job.has_value()) return started;
  started.job = std::move(*job);
  started.calls = started.job->Begin().calls;
  return started;
}

TEST(RubricJudgeTask, DefaultsToPrometheusHelpfulnessRubric) {
  Started started = Start({{"endpoint", "judge"}});
  ASSERT_EQ(started.calls.size(), 1u);
  const llm::LlmCall& call = started.calls[0];
  const std::string user = UserText(call);
  EXPECT_TRUE(Contains(user, "###The instruction to evaluate:\nName a prime.\n\n"));
  EXPECT_TRUE(Contains(user, "###Response to evaluate:\n9\n\n"));
  EXPECT_TRUE(
      Contains(user, "###Score Rubrics:\n" +
                         BuildScoreRubric(kDefaultRubricCriteria, DefaultScoreDescriptions()) +
                         "\n\n###Feedback: "));
  EXPECT_FALSE(Contains(user, "Reference Answer"));
  EXPECT_EQ(call.request.sampling.temperature, 0.0);
  EXPECT_EQ(call.request.sampling.seed, 42u);
  EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
  EXPECT_EQ(started.task->InputColumns(), (std::vector<std::string>{"instruction", "response"}));
  EXPECT_EQ(started.task->OutputColumns(), (std::vector<std::string>{"score", "feedback"}));
}

TEST(RubricJudgeTask, TheUsersRubricScaleAndReference) {
  Started started = Start({{"endpoint", "judge"},
                           {"rubric", "Is the number prime?"},
                           {"score_descriptions", R"(["Not a number.", "Not prime.", "Prime."])"},
                           {"min", "0"},
                           {"max", "2"},
                           {"reference", "answer"}});
  ASSERT_EQ(started.calls.size(), 1u);
  const llm::LlmCall& call = started.calls[0];
  const std::string user = UserText(call);
  EXPECT_TRUE(Contains(user,
                       "[Is the number prime?]\nScore 0: Not a number.\nScore 1: Not "
                       "prime.\nScore 2: Prime."));
  EXPECT_TRUE(Contains(user, "###Reference Answer (Score 2):\n7\n\n"));
  EXPECT_TRUE(Contains(user, "an integer between 0 and 2"));
  EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
  EXPECT_FALSE(call.check("Feedback: Not prime. [RESULT] 3").ok());
  EXPECT_FALSE(call.check("Not prime, so 1.").ok());
  EXPECT_TRUE(call.check("Feedback: Not prime. [RESULT] 1").ok());
  EXPECT_EQ(started.task->InputColumns(),
            (std::vector<std::string>{"instruction", "response", "answer"}));
}

TEST(RubricJudgeTask, ScoreAndFeedbackColumns) {
  Started started = Start({{"endpoint", "judge"}});
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("Feedback: 9 is not prime, it is 3 times 3. [RESULT] 1"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_FALSE(done.failure.has_value());
  EXPECT_EQ(Column(done, "score"), "1");
  EXPECT_EQ(Column(done, "feedback"), "\"9 is not prime, it is 3 times 3.\"");
}

TEST(RubricJudgeTask, AFailedCallFailsTheRowWithNoScore) {
  Started started = Start({{"endpoint", "judge"}});
  std::vector<llm::LlmResult> results;
  results.push_back(Failed(llm::FailureClass::kTimeout, "no answer in 120 s"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_TRUE(done.failure.has_value());
  EXPECT_TRUE(done.columns.empty());
  EXPECT_EQ(done.failure->reason, "score: timeout: no answer in 120 s");
  EXPECT_EQ(done.failure->failure, llm::FailureClass::kTimeout);
}

TEST(RubricJudgeTask, OptionErrors) {
  EXPECT_EQ(MakeTaskError("rubric_judge", {{"endpoint", "j"}, {"max", "10"}}),
            "the default rubric grades 1 to 5; for 1 to 10 give `rubric` and `score_descriptions`");
  EXPECT_EQ(MakeTaskError("rubric_judge", {{"endpoint", "j"}, {"rubric", "Is it kind?"}}),
            "score_descriptions has 0 entries; give one per score from 1 to 5 (5), as a YAML list");
  EXPECT_EQ(
      MakeTaskError("rubric_judge",
                    {{"endpoint", "j"}, {"rubric", "Kind?"}, {"score_descriptions", "[\"a\"]"}}),
      "score_descriptions has 1 entries; give one per score from 1 to 5 (5), as a YAML list");
  EXPECT_EQ(MakeTaskError("rubric_judge",
                          {{"endpoint", "j"}, {"score_descriptions", R"(["1","2","3","4","5"])"}}),
            "score_descriptions needs `rubric` (the criteria)");
  EXPECT_EQ(MakeTaskError("rubric_judge", {{"endpoint", "j"}, {"min", "5"}, {"max", "5"}}),
            "need 0 <= min < max <= 100");
  EXPECT_TRUE(Contains(MakeTaskError("rubric_judge", {{"endpoint", "j"}, {"regex", "x"}}),
                       "json_schema and the like do not apply"));
}

}  // namespace
}  // namespace winnow::tasks
