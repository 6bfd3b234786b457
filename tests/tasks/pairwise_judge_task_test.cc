// pairwise_judge step: the two calls in both orders, the verdicts mapped back to the answer
// columns, position-following verdicts as inconsistent ties, and failures that fail the row.

#include "winnow/tasks/pairwise_judge_task.h"

#include <gtest/gtest.h>

#include "tasks/task_test_util.h"

namespace winnow::tasks {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

constexpr std::string_view kRow =
    R"({"instruction":"What is 2+2?","response_a":"It is 4.","response_b":"It is 5.",)"
    R"("gold":"4"})";

struct Started {
  std::unique_ptr<llm::LlmTask> task;
  std::unique_ptr<llm::RowJob> job;
  std::vector<llm::LlmCall> calls;
};

Started Start(const Options& options, std::string_view row_json = kRow, uint64_t seed = 7) {
  Started started;
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask("pairwise_judge", options);
  EXPECT_TRUE(task.has_value()) << task.error().message();
  if (!task.has_value()) return started;
  started.task = std::move(*task);
  Rows rows;
  Record row = rows.Row(row_json);
  Result<std::unique_ptr<llm::RowJob>> job = started.task->StartRow(row, rows.Context(seed));
  EXPECT_TRUE(job.has_value()) << job.error().message();
  if (!job.has_value()) return started;
  started.job = std::move(*job);
  started.calls = started.job->Begin().calls;
  return started;
}

TEST(PairwiseJudgeTask, AsksInBothOrdersWithTheirOwnSeeds) {
  Started started = Start({{"endpoint", "judge"}});
  ASSERT_EQ(started.calls.size(), 2u);
  const std::string ab = UserText(started.calls[0]);
  const std::string ba = UserText(started.calls[1]);
  EXPECT_TRUE(Contains(ab, "[User Question]\nWhat is 2+2?"));
  EXPECT_TRUE(Contains(ab, "[The Start of Assistant A's Answer]\nIt is 4."));
  EXPECT_TRUE(Contains(ab, "[The Start of Assistant B's Answer]\nIt is 5."));
  EXPECT_TRUE(Contains(ba, "[The Start of Assistant A's Answer]\nIt is 5."));
  EXPECT_TRUE(Contains(ba, "[The Start of Assistant B's Answer]\nIt is 4."));
  EXPECT_FALSE(Contains(ab, "Reference Answer"));
  for (const llm::LlmCall& call : started.calls) {
    EXPECT_EQ(call.endpoint, "judge");
    EXPECT_EQ(call.request.sampling.temperature, 0.0);  // judges default to temperature 0
    ASSERT_TRUE(call.request.sampling.seed.has_value());
    EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
  }
  EXPECT_NE(started.calls[0].request.sampling.seed, started.calls[1].request.sampling.seed);
  EXPECT_EQ(started.task->InputColumns(),
            (std::vector<std::string>{"instruction", "response_a", "response_b"}));
  // Another row seed gives other call seeds.
  Started other = Start({{"endpoint", "judge"}}, kRow, 8);
  EXPECT_NE(other.calls[0].request.sampling.seed, started.calls[0].request.sampling.seed);
}

TEST(PairwiseJudgeTask, TheDryRunsAnswersMakeAConsistentWinner) {
  Started started = Start({{"endpoint", "judge"}});
  llm::JobStep done = started.job->Continue(ExampleAnswers(started.calls));
  EXPECT_EQ(Column(done, "winner"), "\"a\"");
  EXPECT_EQ(Column(done, "judge_consistent"), "true");
}

TEST(PairwiseJudgeTask, AgreeingVerdictsAreMappedBackToTheAnswers) {
  Started started = Start({{"endpoint", "judge"}});
  // Answer b is better: shown second it wins as B, shown first it wins as A.
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("B is right. [[B]]"));
  results.push_back(Answer("A is right. [[A]]"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_FALSE(done.failure.has_value());
  EXPECT_EQ(ColumnNames(done),
            (std::vector<std::string>{"winner", "verdict_ab", "verdict_ba", "judge_consistent"}));
  EXPECT_EQ(Column(done, "winner"), "\"b\"");
  EXPECT_EQ(Column(done, "verdict_ab"), "\"b\"");
  EXPECT_EQ(Column(done, "verdict_ba"), "\"b\"");
  EXPECT_EQ(Column(done, "judge_consistent"), "true");
}

TEST(PairwiseJudgeTask, APreferenceThatFollowsThePositionIsAnInconsistentTie) {
  Started started = Start({{"endpoint", "judge"}});
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("[[A]]"));
  results.push_back(Answer("[[A]]"));
  llm::JobStep done = started.job->Continue(std::move(results));
  EXPECT_EQ(Column(done, "winner"), "\"tie\"");
  EXPECT_EQ(Column(done, "verdict_ab"), "\"a\"");
  EXPECT_EQ(Column(done, "verdict_ba"), "\"b\"");
  EXPECT_EQ(Column(done, "judge_consistent"), "false");

  Started ties = Start({{"endpoint", "judge"}});
  results.clear();
  results.push_back(Answer("[[C]]"));
  results.push_back(Answer("[[C]]"));
  done = ties.job->Continue(std::move(results));
  EXPECT_EQ(Column(done, "winner"), "\"tie\"");
  EXPECT_EQ(Column(done, "judge_consistent"), "true");
}

TEST(PairwiseJudgeTask, OneOrderAsksOnceAndClaimsNoConsistency) {
  Started started = Start({{"endpoint", "judge"}, {"both_orders", "false"}});
  ASSERT_EQ(started.calls.size(), 1u);
  EXPECT_EQ(started.task->OutputColumns(), (std::vector<std::string>{"winner", "verdict_ab"}));
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("[[B]]"));
  llm::JobStep done = started.job->Continue(std::move(results));
  EXPECT_EQ(ColumnNames(done), (std::vector<std::string>{"winner", "verdict_ab"}));
  EXPECT_EQ(Column(done, "winner"), "\"b\"");
}

TEST(PairwiseJudgeTask, ColumnsAndAReferenceAreTheUsers) {
  Started started = Start({{"endpoint", "judge"},
                           {"question", "q"},
                           {"answer_a", "x"},
                           {"answer_b", "y"},
                           {"reference", "gold"}},
                          R"({"q":"Capital of France?","x":"Paris","y":"Lyon","gold":"Paris."})");
  ASSERT_EQ(started.calls.size(), 2u);
  const std::string ab = UserText(started.calls[0]);
  EXPECT_TRUE(Contains(ab, "[The Start of Reference Answer]\nParis.\n"));
  EXPECT_TRUE(Contains(ab, "Capital of France?"));
  EXPECT_TRUE(Contains(started.calls[0].request.messages[0].content, "reference answer"));
  EXPECT_EQ(started.task->InputColumns(), (std::vector<std::string>{"q", "x", "y", "gold"}));
}

TEST(PairwiseJudgeTask, TheCheckRefusesAnswersWithoutOneVerdict) {
  Started started = Start({{"endpoint", "judge"}});
  const llm::LlmCall& call = started.calls[0];
  EXPECT_FALSE(call.check("Both are fine.").ok());
  EXPECT_FALSE(call.check("Use [[A]] or [[B]]. My verdict: [[B]]").ok());
  EXPECT_TRUE(call.check("[[B]]").ok());
}

TEST(PairwiseJudgeTask, AFailedCallFailsTheRowWithNoVerdict) {
  Started started = Start({{"endpoint", "judge"}});
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("[[A]]"));
  results.push_back(Failed(llm::FailureClass::kInvalidOutput,
                           "the answer failed its check after 2 re-asks: no verdict", "Hmm."));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_TRUE(done.failure.has_value());
  EXPECT_TRUE(done.columns.empty());
  EXPECT_EQ(done.failure->reason,
            "verdict b-a: invalid_output: the answer failed its check after 2 re-asks: no verdict");
  EXPECT_EQ(done.failure->raw_text, "Hmm.");
  EXPECT_EQ(done.failure->attempts, 3);
}

TEST(PairwiseJudgeTask, ARowWithoutAnAnswerIsRefused) {
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask("pairwise_judge", {{"endpoint", "j"}});
  ASSERT_TRUE(task.has_value());
  Rows rows;
  Record row = rows.Row(R"({"instruction":"q","response_a":"a"})");
  Result<std::unique_ptr<llm::RowJob>> job = (*task)->StartRow(row, rows.Context(1));
  ASSERT_FALSE(job.has_value());
  EXPECT_EQ(job.error().message(), "the row has no column 'response_b'");
}

TEST(PairwiseJudgeTask, OptionErrors) {
  EXPECT_TRUE(
      Contains(MakeTaskError("pairwise_judge", {{"endpoint", "j"}, {"json_object", "true"}}),
               "json_schema and the like do not apply"));
  EXPECT_EQ(MakeTaskError("pairwise_judge", {{"endpoints", "[\"a\",\"b\"]"}}),
            "pairwise_judge uses one judge endpoint");
  EXPECT_TRUE(Contains(MakeTaskError("pairwise_judge", {{"endpoint", "j"}, {"both_order", "no"}}),
                       "did you mean 'both_orders'?"));
}

}  // namespace
}  // namespace winnow::tasks
