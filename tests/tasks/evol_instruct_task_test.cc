// evol_instruct step: rounds one after another within a row, the answer and equality calls,
// eliminated evolutions keeping the previous instruction, seeded mutation draws, the columns,
// and failures that fail the row.

#include "winnow/tasks/evol_instruct_task.h"

#include <gtest/gtest.h>

#include <set>

#include "tasks/task_test_util.h"
#include "winnow/tasks/evol_instruct.h"

namespace winnow::tasks {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

constexpr std::string_view kRow = R"({"instruction":"Write a haiku about rain."})";

struct Started {
  std::unique_ptr<llm::LlmTask> task;
  std::unique_ptr<llm::RowJob> job;
  llm::JobStep step;
};

Started Start(Options options, uint64_t seed = 9) {
  Started started;
  options.emplace("endpoint", "small");
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask("evol_instruct", options);
  EXPECT_TRUE(task.has_value()) << task.error().message();
  if (!task.has_value()) return started;
  started.task = std::move(*task);
  Rows rows;
  Record row = rows.Row(kRow);
  Result<std::unique_ptr<llm::RowJob>> job = started.task->StartRow(row, rows.Context(seed));
  EXPECT_TRUE(job.has_value()) << job.error().message();
  if (!job.has_value()) return started;
  started.job = std::move(*job);
  started.step = started.job->Begin();
  return started;
}

// Feeds one answer per call of the current step.
llm::JobStep Feed(llm::RowJob& job, std::vector<std::string> answers) {
  std::vector<llm::LlmResult> results;
  for (std::string& answer : answers) results.push_back(Answer(std::move(answer)));
  return job.Continue(std::move(results));
}

TEST(EvolInstructTask, RoundsRunInTurnEachAnsweredAndBuiltOnTheLast) {
  Started started = Start({{"rounds", "2"}, {"mutations", "deepen"}});
  ASSERT_EQ(started.step.calls.size(), 1u);
  std::set<uint64_t> seeds;
  const llm::LlmCall& evolve = started.step.calls[0];
  EXPECT_EQ(UserText(evolve), BuildEvolPrompt(EvolMutation::kDeepen, "Write a haiku about rain."));
  seeds.insert(*evolve.request.sampling.seed);

  llm::JobStep answer = Feed(*started.job, {"#Rewritten Prompt#:\nWrite a haiku about monsoon "
                                            "rain in Mumbai, with a seasonal word."});
  ASSERT_EQ(answer.calls.size(), 1u);
  EXPECT_EQ(UserText(answer.calls[0]),
            "Write a haiku about monsoon rain in Mumbai, with a seasonal word.");
  seeds.insert(*answer.calls[0].request.sampling.seed);

  llm::JobStep second = Feed(*started.job, {"Grey monsoon clouds burst / ..."});
  ASSERT_EQ(second.calls.size(), 1u);
  EXPECT_EQ(UserText(second.calls[0]),
            BuildEvolPrompt(EvolMutation::kDeepen,
                            "Write a haiku about monsoon rain in Mumbai, with a seasonal word."));
  seeds.insert(*second.calls[0].request.sampling.seed);

  llm::JobStep answer2 = Feed(*started.job, {"Write two linked haiku about monsoon rain."});
  ASSERT_EQ(answer2.calls.size(), 1u);
  seeds.insert(*answer2.calls[0].request.sampling.seed);
  EXPECT_EQ(seeds.size(), 4u);  // every call its own seed

  llm::JobStep done = Feed(*started.job, {"Clouds gather, then break / ..."});
  ASSERT_TRUE(done.calls.empty());
  ASSERT_FALSE(done.failure.has_value());
  EXPECT_EQ(ColumnNames(done), (std::vector<std::string>{"evolved_instruction", "evolved_response",
                                                         "evolution", "evolution_survived"}));
  EXPECT_EQ(Column(done, "evolved_instruction"), "\"Write two linked haiku about monsoon rain.\"");
  EXPECT_EQ(Column(done, "evolved_response"), "\"Clouds gather, then break / ...\"");
  EXPECT_EQ(Column(done, "evolution_survived"), "2");
  EXPECT_EQ(Column(done, "evolution"),
            R"([{"round":1,"mutation":"deepen","instruction":"Write a haiku about monsoon rain )"
            R"(in Mumbai, with a seasonal word.","response":"Grey monsoon clouds burst / ...",)"
            R"("eliminated":null},{"round":2,"mutation":"deepen","instruction":"Write two )"
            R"(linked haiku about monsoon rain.","response":"Clouds gather, then break / ...",)"
            R"("eliminated":null}])");
}

TEST(EvolInstructTask, AnEliminatedEvolutionKeepsThePreviousInstruction) {
  Started started = Start({{"rounds", "3"}, {"mutations", "[\"concretize\"]"}});
  // Round 1 copies the original: eliminated without asking for an answer.
  llm::JobStep next = Feed(*started.job, {"write a haiku about rain"});
  ASSERT_EQ(next.calls.size(), 1u);
  EXPECT_EQ(UserText(next.calls[0]),
            BuildEvolPrompt(EvolMutation::kConcretize, "Write a haiku about rain."));
  // Round 2's answer apologises: eliminated by the response rule.
  next = Feed(*started.job, {"Write a haiku about rain on a tin roof."});
  ASSERT_EQ(next.calls.size(), 1u);
  next = Feed(*started.job, {"Sorry, I cannot write poetry."});
  ASSERT_EQ(next.calls.size(), 1u);
  EXPECT_EQ(UserText(next.calls[0]),
            BuildEvolPrompt(EvolMutation::kConcretize, "Write a haiku about rain."));
  // Round 3 leaks the prompt's words.
  llm::JobStep done = Feed(*started.job, {"The rewritten prompt asks for a haiku."});
  ASSERT_TRUE(done.calls.empty());
  EXPECT_EQ(Column(done, "evolved_instruction"), "\"Write a haiku about rain.\"");
  EXPECT_EQ(Column(done, "evolved_response"), "null");  // nothing evolved, nothing answered
  EXPECT_EQ(Column(done, "evolution_survived"), "0");
  const std::string evolution = Column(done, "evolution");
  EXPECT_TRUE(Contains(evolution, R"("response":null,"eliminated":"copied_original")"));
  EXPECT_TRUE(Contains(evolution, R"("response":"Sorry, I cannot write poetry.",)"
                                  R"("eliminated":"response_sorry")"));
  EXPECT_TRUE(Contains(evolution, R"("eliminated":"prompt_leak")"));
}

TEST(EvolInstructTask, TheEqualityCheckAsksAlongsideTheAnswer) {
  Started started = Start({{"rounds", "2"}, {"mutations", "breadth"}, {"equality_check", "true"}});
  llm::JobStep checks = Feed(*started.job, {"#Created Prompt#: Write a limerick about snow."});
  ASSERT_EQ(checks.calls.size(), 2u);
  EXPECT_EQ(UserText(checks.calls[0]), "Write a limerick about snow.");
  EXPECT_EQ(UserText(checks.calls[1]),
            BuildEvolEqualityPrompt("Write a haiku about rain.", "Write a limerick about snow."));
  const llm::LlmCall& equality = checks.calls[1];
  EXPECT_TRUE(EngineCheck(equality, equality.example_answer).ok());
  EXPECT_FALSE(equality.check("They are similar.").ok());
  EXPECT_NE(checks.calls[0].request.sampling.seed, checks.calls[1].request.sampling.seed);

  llm::JobStep next = Feed(*started.job, {"There once was a flake...", "Equal"});
  ASSERT_EQ(next.calls.size(), 1u);
  next = Feed(*started.job, {"Write a sonnet about fog."});
  ASSERT_EQ(next.calls.size(), 2u);
  llm::JobStep done = Feed(*started.job, {"Fog rolls in ...", "Not Equal"});
  ASSERT_TRUE(done.calls.empty());
  EXPECT_EQ(Column(done, "evolved_instruction"), "\"Write a sonnet about fog.\"");
  EXPECT_EQ(Column(done, "evolution_survived"), "1");
  EXPECT_TRUE(Contains(Column(done, "evolution"), R"("eliminated":"judged_equal")"));
}

TEST(EvolInstructTask, WithoutAnswersOnlyTheTextRulesApply) {
  Started started = Start({{"rounds", "1"}, {"answer", "false"}});
  EXPECT_EQ(started.task->OutputColumns(),
            (std::vector<std::string>{"evolved_instruction", "evolution", "evolution_survived"}));
  llm::JobStep done = Feed(*started.job, {"Write a haiku about rain at night."});
  ASSERT_TRUE(done.calls.empty());
  EXPECT_EQ(Column(done, "evolved_instruction"), "\"Write a haiku about rain at night.\"");
  EXPECT_EQ(Column(done, "evolved_response"), "");
  EXPECT_FALSE(Contains(Column(done, "evolution"), "response"));
}

TEST(EvolInstructTask, TheDryRunsAnswersSurviveEveryRound) {
  Started started = Start({{"equality_check", "true"}});
  llm::JobStep step = std::move(started.step);
  int steps = 0;
  while (!step.calls.empty() && ++steps < 20) {
    for (const llm::LlmCall& call : step.calls) {
      EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
    }
    step = started.job->Continue(ExampleAnswers(step.calls));
  }
  ASSERT_FALSE(step.failure.has_value());
  EXPECT_EQ(steps, 8);  // 4 rounds of an evolution, then an answer and a check
  EXPECT_EQ(Column(step, "evolution_survived"), "4");
}

TEST(EvolInstructTask, MutationsAreDrawnFromTheRowSeed) {
  auto first_prompt = [](uint64_t seed) {
    Started started = Start({}, seed);
    return UserText(started.step.calls.at(0));
  };
  EXPECT_EQ(first_prompt(1), first_prompt(1));
  std::set<std::string> prompts;
  for (uint64_t seed = 0; seed < 20; ++seed) prompts.insert(first_prompt(seed));
  EXPECT_GE(prompts.size(), 4u);  // 20 draws from six mutations
}

TEST(EvolInstructTask, AFailedCallFailsTheRow) {
  Started started = Start({{"mutations", "deepen"}});
  std::vector<llm::LlmResult> results;
  results.push_back(Answer("Write a haiku about rain in Kyoto."));
  llm::JobStep answer = started.job->Continue(std::move(results));
  ASSERT_EQ(answer.calls.size(), 1u);
  results.clear();
  results.push_back(Failed(llm::FailureClass::kTruncated, "cut off at max_tokens=1024", "Rain"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_TRUE(done.failure.has_value());
  EXPECT_TRUE(done.columns.empty());
  EXPECT_EQ(done.failure->reason, "round 1 (deepen) answer: truncated: cut off at max_tokens=1024");

  Started other = Start({{"mutations", "breadth"}});
  results.clear();
  results.push_back(Failed(llm::FailureClass::kServerError, "HTTP 500"));
  done = other.job->Continue(std::move(results));
  ASSERT_TRUE(done.failure.has_value());
  EXPECT_EQ(done.failure->reason, "round 1 (breadth) evolution: server_error: HTTP 500");
}

TEST(EvolInstructTask, OptionErrors) {
  EXPECT_TRUE(Contains(MakeTaskError("evol_instruct", {{"endpoint", "s"}, {"mutations", "deeper"}}),
                       "unknown Evol-Instruct mutation 'deeper'"));
  EXPECT_EQ(MakeTaskError("evol_instruct", {{"endpoint", "s"}, {"mutations", "[]"}}),
            "mutations is empty (leave it out for all six)");
  EXPECT_EQ(MakeTaskError("evol_instruct", {{"endpoint", "s"}, {"rounds", "0"}}),
            "rounds must be 1-20");
  EXPECT_TRUE(Contains(MakeTaskError("evol_instruct", {{"endpoint", "s"}, {"choices", "a, b"}}),
                       "json_schema and the like do not apply"));
}

}  // namespace
}  // namespace winnow::tasks
