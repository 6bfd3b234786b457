// winnow run: pipelines against the test LLM server on 127.0.0.1 — generation, resume from the
// journal and cache, failures and --retry-failed, edits of a later step, dry runs, errors before
// any request, and the fault test: 20% 429/500, 5% timeouts, 5% malformed bodies, a kill -9 in the
// middle and a resume, after which every row is in the output exactly once or in the failure
// file, and no request that had succeeded was sent again.

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "cli/cli_test_util.h"
#include "llm/test_llm_server.h"

namespace winnow::cli_test {
namespace {

using testutil::LlmFault;
using testutil::TestLlmServer;

std::string Rows(int count) {
  std::string rows;
  for (int i = 0; i < count; ++i) {
    rows += "{\"id\":" + std::to_string(i) + ",\"text\":\"document number " + std::to_string(i) +
            "\"}\n";
  }
  return rows;
}

std::string Pipeline(const TestLlmServer& server, std::string_view steps,
                     std::string_view endpoint_extra = "") {
  return "seed: 3\nendpoints:\n  test:\n    model: test-model\n    base_url: " + server.base_url() +
         "\n    max_in_flight: 8\n    timeout: 5\n    backoff_initial: 0.01\n    backoff_max: "
         "0.05\n" +
         std::string(endpoint_extra) + "steps:\n" + std::string(steps);
}

constexpr std::string_view kGenerate = R"(  - step: read
    path: in.jsonl
  - name: gen
    step: generate
    endpoint: test
    prompt: "Summarise: {{ text }}"
  - step: write
    path: out.jsonl
)";

// The ids in a JSONL file's rows (or in its rows' "record" objects, for the failure file).
std::multiset<int64_t> Ids(const std::string& jsonl, bool nested) {
  std::multiset<int64_t> ids;
  simdjson::dom::parser parser;
  for (const std::string& line : SplitLines(jsonl)) {
    if (line.empty()) continue;
    simdjson::dom::element root = parser.parse(line);
    int64_t id = nested ? int64_t(root["record"]["id"]) : int64_t(root["id"]);
    ids.insert(id);
  }
  return ids;
}

TEST(RunCliTest, GeneratesThenResumesFromTheJournalWithoutSending) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", Rows(20));
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, kGenerate));
  CommandResult first = RunWinnow({"run", pipeline});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  std::vector<std::string> lines = SplitLines(dir.Read("out.jsonl"));
  ASSERT_EQ(lines.size(), 20u);
  EXPECT_NE(lines[0].find("\"id\":0,"), std::string::npos) << lines[0];  // input order kept
  EXPECT_NE(lines[0].find("\"generation\":"), std::string::npos);
  EXPECT_NE(lines[0].find("\"generation_model\":\"test-model\""), std::string::npos);
  EXPECT_EQ(server.requests(), 20u);
  EXPECT_TRUE(dir.Exists("p.run/cache.sqlite"));
  EXPECT_TRUE(dir.Exists("p.run/journal/gen.jsonl"));
  EXPECT_TRUE(dir.Exists("p.run/pipeline.yaml"));

  CommandResult second = RunWinnow({"run", pipeline});
  ASSERT_EQ(second.exit_code, 0) << Describe(second);
  EXPECT_EQ(server.requests(), 20u);
  std::string joined;
  for (const std::string& line : lines) joined += line + "\n";
  EXPECT_EQ(dir.Read("out.jsonl"), joined);
  EXPECT_NE(second.err.find("20 from the journal"), std::string::npos) << second.err;
}

TEST(RunCliTest, DryRunSendsAndWritesNothing) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", Rows(10));
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, kGenerate));
  CommandResult result = RunWinnow({"run", "--dry-run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(server.requests(), 0u);
  EXPECT_FALSE(dir.Exists("out.jsonl"));
  EXPECT_FALSE(dir.Exists("p.run"));
  EXPECT_NE(result.err.find("[user] Summarise: document number 0"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("estimate for all 10 input rows (from the 3 previewed)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("~10 requests"), std::string::npos) << result.err;
}

TEST(RunCliTest, AMissingColumnStopsTheRunBeforeAnyRequest) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", Rows(5));
  std::string steps(kGenerate);
  steps.replace(steps.find("{{ text }}"), 10, "{{ question }}");
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, steps));
  CommandResult result = RunWinnow({"run", pipeline});
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_NE(result.err.find("step 'gen' reads column 'question', which row 0 does not have (it "
                            "has: id, text)"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(server.requests(), 0u);
  EXPECT_FALSE(dir.Exists("out.jsonl"));
}

TEST(RunCliTest, PipelineErrorsNameTheFileLineAndColumn) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", Rows(2));
  std::string steps(kGenerate);
  steps.replace(steps.find("{{ text }}"), 10, "{{ text | trimm }}");
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, steps));
  CommandResult bad_template = RunWinnow({"run", pipeline});
  EXPECT_EQ(bad_template.exit_code, 1);
  EXPECT_NE(
      bad_template.err.find(
          "p.yaml:13:5: step 'gen': prompt:1:22: unknown filter 'trimm' (did you mean 'trim'?)"),
      std::string::npos)
      << bad_template.err;
  EXPECT_NE(bad_template.err.find("trimm"), std::string::npos);

  steps = kGenerate;
  steps.replace(steps.find("step: generate"), 14, "step: generat");
  pipeline = dir.Write("p.yaml", Pipeline(server, steps));
  CommandResult unknown = RunWinnow({"run", pipeline});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown step type 'generat' (did you mean 'generate'?)"),
            std::string::npos)
      << unknown.err;
  EXPECT_EQ(server.requests(), 0u);
}

TEST(RunCliTest, FailedRowsGoToTheFailureFileAndRetryFailedRerunsOnlyThem) {
  TestLlmServer server;
  server.AddFault(LlmFault::kServerError, 3);
  TempDir dir;
  dir.Write("in.jsonl", Rows(20));
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, kGenerate, "    max_attempts: 1\n"));
  CommandResult first = RunWinnow({"run", pipeline});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  EXPECT_EQ(SplitLines(dir.Read("out.jsonl")).size(), 17u);
  std::string failed = dir.Read("p.run/failed.jsonl");
  ASSERT_EQ(SplitLines(failed).size(), 3u) << failed;
  EXPECT_NE(failed.find("\"class\":\"server_error\""), std::string::npos) << failed;
  EXPECT_NE(failed.find("\"http_status\":500"), std::string::npos);
  EXPECT_NE(first.err.find("3 rows failed"), std::string::npos) << first.err;

  CommandResult again = RunWinnow({"run", pipeline});  // failures stay failures without the flag
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(server.requests(), 20u);
  EXPECT_EQ(SplitLines(dir.Read("p.run/failed.jsonl")).size(), 3u);

  CommandResult retry = RunWinnow({"run", "--retry-failed", pipeline});
  ASSERT_EQ(retry.exit_code, 0) << Describe(retry);
  EXPECT_EQ(server.requests(), 23u);
  EXPECT_EQ(SplitLines(dir.Read("out.jsonl")).size(), 20u);
  EXPECT_EQ(dir.Read("p.run/failed.jsonl"), "");
}

TEST(RunCliTest, EditingALaterStepRerunsItAndServesUnchangedRequestsFromCache) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", Rows(10));
  auto steps = [](std::string_view judge_prompt) {
    return std::string(R"(  - step: read
    path: in.jsonl
  - name: gen
    step: generate
    endpoint: test
    prompt: "Summarise: {{ text }}"
  - name: judge
    step: generate
    endpoint: test
    output: verdict
    prompt: ")") +
           std::string(judge_prompt) + "{{ generation }}\"\n  - step: write\n    path: out.jsonl\n";
  };
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, steps("Rate: ")));
  ASSERT_EQ(RunWinnow({"run", pipeline}).exit_code, 0);
  EXPECT_EQ(server.requests(), 20u);
  dir.Write("p.yaml", Pipeline(server, steps("Grade: ")));
  CommandResult edited = RunWinnow({"run", pipeline});
  ASSERT_EQ(edited.exit_code, 0) << Describe(edited);
  EXPECT_EQ(server.requests(), 30u);  // only the judge's new prompts
  EXPECT_NE(edited.err.find("10 from the journal"), std::string::npos) << edited.err;
  dir.Write("p.yaml", Pipeline(server, steps("Rate: ")));
  CommandResult back = RunWinnow({"run", pipeline});
  ASSERT_EQ(back.exit_code, 0) << Describe(back);
  EXPECT_EQ(server.requests(), 30u);  // the judge re-ran, from the cache
  EXPECT_NE(back.err.find("10 cache hits"), std::string::npos) << back.err;
}

TEST(RunCliTest, TwoModelsUltraFeedbackAndPreferencePairs) {
  TestLlmServer server;
  server.set_responder([](const testutil::RequestInfo& info) -> std::optional<std::string> {
    std::string user;
    for (const auto& message : info.messages) {
      if (message.role == "user") user += message.content;
    }
    if (info.model == "model-a") return "A says: " + user;
    if (info.model == "model-b") return "B says: " + user;
    // The judge: model A's answers are better, except that it cannot rate the poem.
    if (user.find("poem") != std::string::npos) return "#### Output for Text 1\nRating: 11\n";
    std::string answer;
    size_t text = 0;
    for (size_t at = user.rfind("<text 1> "); at != std::string::npos;
         at = user.find("<text ", at + 1)) {
      ++text;
      bool from_a = user.compare(user.find("> ", at) + 2, 7, "A says:") == 0;
      answer += "#### Output for Text " + std::to_string(text) +
                "\nRating: " + (from_a ? "8" : "3") + "\nRationale: because.\n\n";
    }
    return answer;
  });
  TempDir dir;
  dir.Write("in.jsonl",
            "{\"instruction\":\"Explain rain\"}\n{\"instruction\":\"Write a poem\"}\n"
            "{\"instruction\":\"Name a colour\"}\n");
  std::string pipeline = dir.Write("p.yaml",
                                   "seed: 1\nendpoints:\n"
                                   "  a: {model: model-a, base_url: " +
                                       server.base_url() +
                                       "}\n"
                                       "  b: {model: model-b, base_url: " +
                                       server.base_url() +
                                       "}\n"
                                       "  judge: {model: judge-model, base_url: " +
                                       server.base_url() + "}\n" + R"(steps:
  - step: read
    path: in.jsonl
  - name: gen
    step: generate
    endpoints: [a, b]
    prompt: "{{ instruction }}"
  - name: rate
    step: ultrafeedback
    endpoint: judge
    max_reasks: 1
  - name: pairs
    step: ratings_to_preference
    rating: rating
  - step: write
    path: dpo.jsonl
)");
  CommandResult result = RunWinnow({"run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  std::vector<std::string> pairs = SplitLines(dir.Read("dpo.jsonl"));
  ASSERT_EQ(pairs.size(), 2u) << result.err << dir.Read("p.run/rejected.jsonl")
                              << dir.Read("p.run/failed.jsonl");
  for (const std::string& pair : pairs) {
    EXPECT_NE(pair.find(R"("chosen":[{"role":"assistant","content":"A says: )"), std::string::npos)
        << pair;
    EXPECT_NE(pair.find(R"("rejected":[{"role":"assistant","content":"B says: )"),
              std::string::npos)
        << pair;
    EXPECT_NE(pair.find(R"("score_chosen":8,"score_rejected":3)"), std::string::npos) << pair;
  }
  std::string failed = dir.Read("p.run/failed.jsonl");
  ASSERT_EQ(SplitLines(failed).size(), 1u) << failed;
  EXPECT_NE(failed.find("Write a poem"), std::string::npos);
  EXPECT_NE(failed.find("\"class\":\"invalid_output\""), std::string::npos) << failed;
  EXPECT_NE(failed.find("overall rating: invalid_output"), std::string::npos) << failed;
}

TEST(RunCliTest, SelfInstructKeepsWhatPassesTheFiltersAndReplaysFromCache) {
  TestLlmServer server;
  std::atomic<int> counter{0};
  server.set_responder([&](const testutil::RequestInfo& info) -> std::optional<std::string> {
    (void)info;
    static const char* const kTasks[] = {"Invent a board game about dragons and castles.",
                                         "Write a haiku about autumn leaves falling slowly.",
                                         "List five uses for baking soda at home.",
                                         "Describe the water cycle for a ten year old.",
                                         "Suggest a weekly budget plan for a student.",
                                         "Compose a limerick about a cat named Bob."};
    int n = counter.fetch_add(1);
    // One new task, one copy of a seed (too similar), one blocklisted, one too short.
    return std::string(kTasks[n % 6]) +
           "\n10. Give three antonyms for the word happy.\n"
           "11. Draw a picture of a house with a garden.\n12. Say hi.";
  });
  TempDir dir;
  dir.Write("seeds.jsonl",
            "{\"instruction\":\"Give three antonyms for the word happy.\"}\n"
            "{\"instruction\":\"Explain how rain forms in simple terms.\"}\n"
            "{\"instruction\":\"Translate the sentence into French.\"}\n");
  std::string pipeline = dir.Write("p.yaml", Pipeline(server, R"(  - step: read
    path: seeds.jsonl
  - name: new
    step: self_instruct
    endpoint: test
    target: 5
    requests_per_round: 2
  - step: write
    path: out.jsonl
)"));
  CommandResult result = RunWinnow({"run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  std::vector<std::string> rows = SplitLines(dir.Read("out.jsonl"));
  ASSERT_EQ(rows.size(), 5u) << dir.Read("out.jsonl");
  EXPECT_NE(rows[0].find("\"source\":\"self_instruct\""), std::string::npos) << rows[0];
  std::string rejected = dir.Read("p.run/rejected.jsonl");
  EXPECT_NE(rejected.find("\"reason\":\"similar:1.00\""), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("\"reason\":\"blocklist:"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("\"reason\":\"too_short\""), std::string::npos) << rejected;
  size_t sent = server.requests();
  EXPECT_EQ(sent, 6u);  // 3 rounds of 2 requests, 1 new task per answer until 5
  EXPECT_NE(rejected.find("\"reason\":\"over_target\""), std::string::npos) << rejected;
  // A re-run replays the rounds from the cache: same rows, nothing sent.
  CommandResult again = RunWinnow({"run", pipeline});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(server.requests(), sent);
  EXPECT_EQ(SplitLines(dir.Read("out.jsonl")), rows);
}

TEST(RunCliTest, FanOutAndJoinByRowKeyKeepInputOrder) {
  TestLlmServer server;
  server.set_responder([](const testutil::RequestInfo& info) -> std::optional<std::string> {
    return info.messages.back().content.substr(0, 3) + " answer";
  });
  server.set_latency(0.002, 1.0, 9);  // answers come back out of order
  TempDir dir;
  dir.Write("in.jsonl", Rows(30));
  std::string pipeline =
      dir.Write("p.yaml", Pipeline(server, R"(  - {name: src, step: read, path: in.jsonl}
  - {name: short, step: generate, endpoint: test, after: src, output: short, prompt: "S {{ text }}"}
  - {name: long, step: generate, endpoint: test, after: src, output: long, prompt: "L {{ text }}"}
  - {name: odd, step: sample, after: long, fraction: 0.5, seed: 4}
  - {name: both, step: join, after: [short, odd]}
  - {step: write, path: out.jsonl}
)"));
  CommandResult result = RunWinnow({"run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  std::vector<std::string> lines = SplitLines(dir.Read("out.jsonl"));
  ASSERT_GT(lines.size(), 5u);
  ASSERT_LT(lines.size(), 25u);  // the sample dropped about half; the join drops them too
  int64_t previous = -1;
  simdjson::dom::parser parser;
  for (const std::string& line : lines) {
    simdjson::dom::element row = parser.parse(line);
    int64_t id = int64_t(row["id"]);
    EXPECT_GT(id, previous) << "input order";
    previous = id;
    EXPECT_EQ(std::string_view(row["short"]), "S d answer");
    EXPECT_EQ(std::string_view(row["long"]), "L d answer");
  }
  EXPECT_NE(
      dir.Read("p.run/summary.json").find("\"missing.odd\":" + std::to_string(30 - lines.size())),
      std::string::npos)
      << dir.Read("p.run/summary.json");
}

TEST(RunCliTest, RatingsToKtoLabelsClearRatingsOnly) {
  TempDir dir;
  dir.Write("in.jsonl",
            R"({"instruction":"Q","completions":[{"response":"good","rating":9},)"
            R"({"response":"meh","rating":6},{"response":"bad","rating":2},{"response":"none"}]})"
            "\n"
            R"({"instruction":"R","completions":[{"response":"x","rating":5}]})"
            "\n");
  std::string pipeline = dir.Write("p.yaml", R"(steps:
  - {step: read, path: in.jsonl}
  - {step: ratings_to_kto, rating: rating, good: 8, bad: 4}
  - {step: write, path: kto.jsonl}
)");
  CommandResult result = RunWinnow({"run", "-q", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(dir.Read("kto.jsonl"),
            R"({"prompt":[{"role":"user","content":"Q"}],"completion":[{"role":"assistant",)"
            R"("content":"good"}],"label":true,"rating":9})"
            "\n"
            R"({"prompt":[{"role":"user","content":"Q"}],"completion":[{"role":"assistant",)"
            R"("content":"bad"}],"label":false,"rating":2})"
            "\n");
  EXPECT_NE(dir.Read("p.run/rejected.jsonl").find("\"step\":\"ratings_to_kto\""),
            std::string::npos);
}

// The checks after a killed-and-resumed run: every input row is in the output exactly once or
// in the failure file, never both.
void ExpectEveryRowOnce(const TempDir& dir, int rows) {
  std::multiset<int64_t> out = Ids(dir.Read("out.jsonl"), false);
  std::multiset<int64_t> failed = Ids(dir.Read("p.run/failed.jsonl"), true);
  for (int64_t id = 0; id < rows; ++id) {
    EXPECT_EQ(out.count(id) + failed.count(id), 1u) << "row " << id;
  }
  EXPECT_EQ(out.size() + failed.size(), static_cast<size_t>(rows));
}

testutil::FaultRates FaultMix() {
  testutil::FaultRates rates;
  rates.rate_limited = 0.10;
  rates.server_error = 0.10;
  rates.timeout = 0.05;
  rates.malformed = 0.05;
  rates.seed = 11;
  return rates;
}

void Configure(TestLlmServer& server) {
  server.set_fault_rates(FaultMix());
  server.set_retry_after("0.01");
  server.set_timeout_seconds(3);
  server.set_latency(0.004, 0.5, 5);
}

TEST(RunCliTest, SlowFaultsAndAKillNineLoseNothingAndRepeatNothing) {
  constexpr int kRows = 300;
  TempDir dir;
  dir.Write("in.jsonl", Rows(kRows));
  const std::string extra = "    max_attempts: 4\n    timeout: 0.4\n";
  auto first_server = std::make_unique<TestLlmServer>();
  Configure(*first_server);
  std::string pipeline = dir.Write("p.yaml", Pipeline(*first_server, kGenerate, extra));
  {
    WinnowProcess process({"run", pipeline});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (first_server->requests() < kRows / 2 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // Freeze answers, give winnow a moment to store the ones it has, then kill it.
    first_server->HoldResponses(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    process.Signal(SIGKILL);
    CommandResult killed = process.Wait();
    ASSERT_EQ(killed.term_signal, SIGKILL) << Describe(killed);
  }
  first_server->Stop();  // held requests end unanswered: not successes
  EXPECT_FALSE(dir.Exists("out.jsonl"));

  TestLlmServer second_server;
  Configure(second_server);
  // The same pipeline on another port: base URLs are not part of a step's identity.
  dir.Write("p.yaml", Pipeline(second_server, kGenerate, extra));
  CommandResult resumed = RunWinnow({"run", pipeline});
  ASSERT_EQ(resumed.exit_code, 0) << Describe(resumed);
  ExpectEveryRowOnce(dir, kRows);
  EXPECT_GT(Ids(dir.Read("out.jsonl"), false).size(), kRows * 9 / 10);

  std::map<uint64_t, size_t> successes;
  for (const auto* server : {first_server.get(), &second_server}) {
    for (const auto& entry : server->log_snapshot()) {
      if (entry.success) ++successes[entry.body_hash];
    }
  }
  for (const auto& [body, count] : successes) {
    EXPECT_EQ(count, 1u) << "a request that had succeeded was sent again";
  }
  std::string failed = dir.Read("p.run/failed.jsonl");
  for (const std::string& line : SplitLines(failed)) {
    EXPECT_NE(line.find("\"reason\":\"generation 1 of 1: "), std::string::npos) << line;
  }
}

TEST(RunCliTest, AKillAtAnyMomentStillGivesEveryRowOnce) {
  constexpr int kRows = 200;
  TempDir dir;
  dir.Write("in.jsonl", Rows(kRows));
  TestLlmServer server;
  Configure(server);
  std::string pipeline =
      dir.Write("p.yaml", Pipeline(server, kGenerate, "    max_attempts: 4\n    timeout: 0.4\n"));
  for (size_t kill_after : {30u, 90u}) {
    WinnowProcess process({"run", pipeline});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (server.requests() < kill_after && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    process.Signal(SIGKILL);
    process.Wait();
  }
  CommandResult resumed = RunWinnow({"run", pipeline});
  ASSERT_EQ(resumed.exit_code, 0) << Describe(resumed);
  ExpectEveryRowOnce(dir, kRows);
}

}  // namespace
}  // namespace winnow::cli_test
