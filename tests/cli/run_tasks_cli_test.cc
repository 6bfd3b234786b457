// winnow run with the judging and evolving tasks against the test LLM server on 127.0.0.1:
// pairwise_judge, rubric_judge, llm_classify and evol_instruct end to end, each with a model that
// answers one row badly (re-asked, then the row goes to the failure file), and a dry run of a
// pipeline using all four that sends nothing.
// (Beside run_cli_test.cc rather than in it, which holds the engine's own cases and would pass
// the size a file should have.)

#include <gtest/gtest.h>
#include <simdjson.h>

#include <atomic>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"
#include "llm/test_llm_server.h"

namespace winnow::cli_test {
namespace {

using testutil::RequestInfo;
using testutil::TestLlmServer;

std::string Pipeline(const TestLlmServer& server, std::string_view steps) {
  return "seed: 1\nendpoints:\n  judge: {model: judge-model, base_url: " + server.base_url() +
         "}\n  small: {model: small-model, base_url: " + server.base_url() + "}\nsteps:\n" +
         std::string(steps);
}

// The first user turn: what the task asked, before any re-ask turns.
std::string FirstUserText(const RequestInfo& info) {
  for (const auto& message : info.messages) {
    if (message.role == "user") return message.content;
  }
  return "";
}

// True for a re-ask: the model's earlier answer and the problem with it follow the question.
bool IsReask(const RequestInfo& info) {
  return info.messages.size() > 2 && info.messages.back().role == "user" &&
         info.messages.back().content.starts_with("That answer cannot be used: ");
}

// The text between `begin` and `end` in `text` ("" when either is missing).
std::string Between(const std::string& text, std::string_view begin, std::string_view end) {
  const size_t from = text.find(begin);
  if (from == std::string::npos) return "";
  const size_t to = text.find(end, from + begin.size());
  if (to == std::string::npos) return "";
  return text.substr(from + begin.size(), to - from - begin.size());
}

// The one failure line of `dir`'s run, checked for the row and the reason's start.
void ExpectOneFailure(const TempDir& dir, std::string_view row_text, std::string_view reason) {
  const std::string failed = dir.Read("p.run/failed.jsonl");
  const ParsedLines lines = ParseLines(failed);
  ASSERT_EQ(lines.size(), 1u) << failed;
  EXPECT_TRUE(Str(lines[0]["reason"]).starts_with(reason)) << failed;
  EXPECT_EQ(Str(lines[0]["class"]), "invalid_output");
  EXPECT_NE(failed.find(row_text), std::string::npos) << failed;
}

TEST(RunTasksCliTest, PairwiseJudgeInBothOrders) {
  TestLlmServer server;
  std::atomic<int> bad_requests = 0, reasks = 0;
  server.set_responder([&](const RequestInfo& info) -> std::optional<std::string> {
    const std::string user = FirstUserText(info);
    if (user.find("Unjudgeable") != std::string::npos) {
      ++bad_requests;
      reasks += IsReask(info);
      return "Both have merits; I cannot decide.";
    }
    // The judge prefers the answer marked good, wherever it is shown.
    const std::string a = Between(user, "[The Start of Assistant A's Answer]\n", "\n[The End");
    return a.find("(good)") != std::string::npos ? "A is right. [[A]]" : "B is right. [[B]]";
  });
  TempDir dir;
  // A delimited raw string: the rows hold `)"`, which would end a plain one.
  dir.Write(
      "in.jsonl",
      R"jsonl({"instruction":"Capital of France?","response_a":"Paris (good)","response_b":"Lyon"}
{"instruction":"Largest planet?","response_a":"Mars","response_b":"Jupiter (good)"}
{"instruction":"Unjudgeable","response_a":"x","response_b":"y"}
)jsonl");
  const std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: in.jsonl
  - step: pairwise_judge
    endpoint: judge
    max_reasks: 1
  - step: write
    path: out.jsonl
)"));
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Str(out[0]["winner"]), "a");
  EXPECT_EQ(Str(out[0]["verdict_ba"]), "a");
  EXPECT_EQ(Str(out[1]["winner"]), "b");
  EXPECT_EQ(Str(out[1]["verdict_ab"]), "b");
  bool consistent = false;
  EXPECT_EQ(out[1]["judge_consistent"].get(consistent), simdjson::SUCCESS);
  EXPECT_TRUE(consistent);
  EXPECT_EQ(bad_requests.load(), 4);  // two orders, each asked and re-asked once
  EXPECT_EQ(reasks.load(), 2);
  EXPECT_EQ(server.requests(), 8u);
  ExpectOneFailure(dir, "Unjudgeable", "verdict a-b: invalid_output: ");
}

TEST(RunTasksCliTest, RubricJudgeScoresAndFeedback) {
  TestLlmServer server;
  std::atomic<int> bad_requests = 0;
  server.set_responder([&](const RequestInfo& info) -> std::optional<std::string> {
    const std::string user = FirstUserText(info);
    if (user.find("###Response to evaluate:\nno idea") != std::string::npos) {
      ++bad_requests;
      return "Feedback: Unhelpful. [RESULT] 0";  // below the scale
    }
    return "Feedback: Correct and clear. [RESULT] 4";
  });
  TempDir dir;
  dir.Write("in.jsonl", R"({"instruction":"2+2?","response":"4"}
{"instruction":"Boiling point of water?","response":"no idea"}
)");
  const std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: in.jsonl
  - step: rubric_judge
    endpoint: judge
    max_reasks: 1
    rubric: Is the answer correct?
    score_descriptions: [Wrong., "Mostly wrong, some merit.", Half right., Mostly right., Right.]
  - step: write
    path: out.jsonl
)"));
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Int(out[0]["score"]), 4);
  EXPECT_EQ(Str(out[0]["feedback"]), "Correct and clear.");
  EXPECT_EQ(bad_requests.load(), 2);
  ExpectOneFailure(dir, "Boiling point", "score: invalid_output: ");
}

TEST(RunTasksCliTest, LlmClassifyWithTheLabelsSchema) {
  TestLlmServer server;
  std::atomic<int> bad_requests = 0, without_schema = 0;
  server.set_responder([&](const RequestInfo& info) -> std::optional<std::string> {
    if (info.structured_output() == nullptr) ++without_schema;
    const std::string text = Between(FirstUserText(info), "## Text\n", "\n\n## Answer");
    if (text.find("love") != std::string::npos) {
      return R"({"rationale":"Warm words.","label":"positive"})";
    }
    if (text.find("hate") != std::string::npos) {
      return R"({"rationale":"Harsh words.","label":"negative"})";
    }
    ++bad_requests;
    return R"({"rationale":"Both.","label":"mixed"})";  // not a label: a server ignoring the schema
  });
  TempDir dir;
  dir.Write("in.jsonl", R"({"review":"I love it"}
{"review":"I hate it"}
{"review":"It is weird"}
)");
  const std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: in.jsonl
  - step: llm_classify
    endpoint: judge
    max_reasks: 1
    field: review
    labels: [positive, negative]
    descriptions:
      positive: the writer likes it
  - step: write
    path: out.jsonl
)"));
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Str(out[0]["label"]), "positive");
  EXPECT_EQ(Str(out[0]["label_rationale"]), "Warm words.");
  EXPECT_EQ(Str(out[1]["label"]), "negative");
  EXPECT_EQ(without_schema.load(), 0);
  EXPECT_EQ(bad_requests.load(), 2);
  ExpectOneFailure(dir, "It is weird", "classification: invalid_output: ");
}

TEST(RunTasksCliTest, EvolInstructRoundsWithAnswersAndEqualityChecks) {
  TestLlmServer server;
  std::atomic<int> bad_checks = 0;
  server.set_responder([&](const RequestInfo& info) -> std::optional<std::string> {
    const std::string user = FirstUserText(info);
    if (user.starts_with("I want you act as a Prompt Rewriter.")) {
      const std::string given =
          Between(user, "#The Given Prompt#: \r\n ", " \r\n#Rewritten Prompt#:");
      return "#Rewritten Prompt#:\n" + given + " Use under 50 words.";
    }
    if (user.starts_with("Here are two Instructions")) {
      if (user.find("volcano") == std::string::npos) return "Not Equal";
      ++bad_checks;
      return "They look alike to me.";
    }
    return "A careful answer: " + user;
  });
  TempDir dir;
  dir.Write("in.jsonl", R"({"instruction":"Explain tides."}
{"instruction":"Describe a volcano."}
)");
  const std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: in.jsonl
  - step: evol_instruct
    endpoint: small
    rounds: 2
    mutations: [add_constraints]
    equality_check: true
    max_reasks: 1
  - step: write
    path: out.jsonl
)"));
  const ParsedLines out = RunPipelineRows(dir, {"run", pipeline});
  ASSERT_EQ(out.size(), 1u);
  const std::string evolved = "Explain tides. Use under 50 words. Use under 50 words.";
  EXPECT_EQ(Str(out[0]["evolved_instruction"]), evolved);
  EXPECT_EQ(Str(out[0]["evolved_response"]), "A careful answer: " + evolved);
  EXPECT_EQ(Int(out[0]["evolution_survived"]), 2);
  simdjson::dom::array rounds;
  ASSERT_EQ(out[0]["evolution"].get(rounds), simdjson::SUCCESS);
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(Int(rounds.at(1)["round"]), 2);
  EXPECT_EQ(Str(rounds.at(1)["mutation"]), "add_constraints");
  EXPECT_TRUE(IsNull(rounds.at(1)["eliminated"]));
  // Per row: evolve, then answer and check together, per round; the volcano's check is re-asked.
  EXPECT_EQ(bad_checks.load(), 2);
  EXPECT_EQ(server.requests(), 6u + 4u);
  ExpectOneFailure(dir, "Describe a volcano.",
                   "round 1 (add_constraints) equality check: invalid_output: ");
}

TEST(RunTasksCliTest, DryRunOfAllFourTasksSendsNothing) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl",
            R"({"instruction":"Name a colour.","response_a":"Red.","response_b":"Blue.",)"
            R"("response":"Red.","text":"Red is warm."})"
            "\n"
            R"({"instruction":"Name a fruit.","response_a":"Apple.","response_b":"Kiwi.",)"
            R"("response":"Apple.","text":"I like apples."})"
            "\n");
  const std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: in.jsonl
  - step: pairwise_judge
    endpoint: judge
  - step: rubric_judge
    endpoint: judge
  - step: llm_classify
    endpoint: judge
    labels: [colour, food]
    descriptions: {food: something to eat}
  - step: evol_instruct
    endpoint: small
    equality_check: true
  - step: write
    path: out.jsonl
)"));
  CommandResult result = RunWinnow({"run", "--dry-run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(server.requests(), 0u);
  EXPECT_FALSE(dir.Exists("out.jsonl"));
  EXPECT_FALSE(dir.Exists("p.run"));
  // The example answers pass every check; every evolution survives the elimination rules.
  for (std::string_view column :
       {"\"winner\":\"a\"", "\"judge_consistent\":true", "\"score\":3", "\"label\":\"colour\"",
        "\"evolved_instruction\":\"Name a colour. (example evolution 1) (example evolution 2) "
        "(example evolution 3) (example evolution 4)\""}) {
    EXPECT_NE(result.err.find(column), std::string::npos) << column << "\n" << result.err;
  }
  // Per row: 2 pairwise + 1 rubric + 1 classify calls; 4 rounds of evolve, answer and check.
  EXPECT_NE(result.err.find("judge: ~8 requests"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("small: ~24 requests"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace winnow::cli_test
