// winnow run with the embed task against the test LLM server's /v1/embeddings: every row's vector
// is the server's, through 429s and 500s; an empty text fails its row with the reason; normalize
// gives unit vectors; a second run sends nothing (journal and cache).

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"
#include "embed/test_embedding_server.h"
#include "llm/test_llm_server.h"

namespace winnow::cli_test {
namespace {

using testutil::TestEmbeddingServer;
using testutil::TestLlmServer;

std::vector<double> Vector(simdjson::simdjson_result<simdjson::dom::element> value) {
  std::vector<double> out;
  simdjson::dom::array array;
  if (value.get_array().get(array)) return out;
  for (simdjson::dom::element item : array) out.push_back(item.get_double().value_unsafe());
  return out;
}

TEST(RunEmbedCliTest, VectorsThroughFaultsFailuresNamedAndResumeSendsNothing) {
  TestLlmServer server;
  testutil::FaultRates rates;
  rates.rate_limited = 0.15;
  rates.server_error = 0.15;
  rates.seed = 3;
  server.set_fault_rates(rates);
  server.set_retry_after("0");
  TempDir dir;
  std::string rows;
  for (int i = 0; i < 40; ++i) {
    rows += i == 7 ? R"({"id":7,"text":""})"
                     "\n"
                   : "{\"id\":" + std::to_string(i) + ",\"text\":\"sentence number " +
                         std::to_string(i) + "\"}\n";
  }
  dir.Write("in.jsonl", rows);
  const std::string pipeline = dir.Write(
      "p.yaml",
      "seed: 1\nendpoints:\n  embedder: {model: e5-small, base_url: " + server.base_url() +
          ", max_attempts: 8, backoff_initial: 0.01, backoff_max: 0.05}\n"
          "steps:\n  - step: read\n    path: in.jsonl\n"
          "  - step: embed\n    name: vectors\n    endpoint: embedder\n"
          "  - step: embed\n    name: unit\n    endpoint: embedder\n"
          "    text: \"{{ text }}\"\n    output: unit\n    normalize: true\n"
          "  - step: write\n    path: out.jsonl\n");
  CommandResult result = RunWinnow({"run", pipeline, "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines out = ParseLines(dir.Read("out.jsonl"));
  ASSERT_EQ(out.size(), 39u);
  for (const auto& row : out) {
    const std::string text = Str(row["text"]);
    const std::vector<float> expected = TestEmbeddingServer::ExpectedEmbedding(text, 8);
    const std::vector<double> got = Vector(row["embedding"]);
    ASSERT_EQ(got.size(), expected.size()) << text;
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-6) << text;
    EXPECT_EQ(Str(row["embedding_model"]), "e5-small");
    double squares = 0;
    for (double x : Vector(row["unit"])) squares += x * x;
    EXPECT_NEAR(squares, 1.0, 1e-9) << text;
  }
  const std::string failed = dir.Read("p.run/failed.jsonl");
  const ParsedLines failures = ParseLines(failed);
  ASSERT_EQ(failures.size(), 1u) << failed;
  EXPECT_EQ(Str(failures[0]["reason"]), "embed: the text to embed is empty");
  EXPECT_NE(failed.find(R"("id":7)"), std::string::npos) << failed;
  // Faults were met and retried: more requests than the 39 texts. The second step embeds the same
  // texts with the same model, so the response cache answers what the first step already has.
  const size_t sent = server.requests("/v1/embeddings");
  EXPECT_GT(sent, 39u);
  simdjson::dom::parser parser;
  const std::string summary = dir.Read("p.run/summary.json");
  simdjson::dom::element embedder = parser.parse(summary)["endpoints"]["embedder"];
  EXPECT_EQ(Int(embedder["calls"]), 78) << summary;
  EXPECT_EQ(Int(embedder["ok"]), 78) << summary;
  EXPECT_GT(Int(embedder["retries"]), 0) << summary;
  // Each text is sent by one of the two steps; the other step gets it from the cache or, when
  // both asked at once, from the request already in flight.
  EXPECT_EQ(Int(embedder["cache_hits"]), 39) << summary;
  EXPECT_EQ(static_cast<int64_t>(sent), Int(embedder["requests"])) << summary;
  // The same facts per step: which step spent what.
  simdjson::dom::element steps = parser.parse(summary)["steps"];
  EXPECT_EQ(Int(steps["vectors"]["llm.calls"]), 39) << summary;
  EXPECT_EQ(Int(steps["unit"]["llm.calls"]), 39) << summary;
  EXPECT_EQ(Int(steps["vectors"]["llm.cache_hits"]) + Int(steps["unit"]["llm.cache_hits"]), 39)
      << summary;
  EXPECT_EQ(Int(steps["vectors"]["llm.requests"]) + Int(steps["unit"]["llm.requests"]),
            static_cast<int64_t>(sent))
      << summary;

  // Again: everything is journaled, nothing is sent, the output is the same.
  const std::string first = dir.Read("out.jsonl");
  result = RunWinnow({"run", pipeline, "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(server.requests("/v1/embeddings"), sent);
  EXPECT_EQ(dir.Read("out.jsonl"), first);
}

TEST(RunEmbedCliTest, DryRunShowsTheInputAndSendsNothing) {
  TestLlmServer server;
  TempDir dir;
  dir.Write("in.jsonl", "{\"text\":\"first text\"}\n{\"text\":\"second\"}\n");
  const std::string pipeline = dir.Write(
      "p.yaml", "endpoints:\n  e: {model: m, base_url: " + server.base_url() +
                    "}\nsteps:\n  - step: read\n    path: in.jsonl\n"
                    "  - step: embed\n    endpoint: e\n  - step: write\n    path: out.jsonl\n");
  CommandResult result = RunWinnow({"run", "--dry-run", pipeline});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_NE(result.err.find("== first request to e (POST /v1/embeddings)\n  [input] first text"),
            std::string::npos)
      << Describe(result);
  EXPECT_NE(result.err.find("at most 0 answer tokens"), std::string::npos) << Describe(result);
  EXPECT_EQ(server.requests(), 0u);
}

TEST(RunEmbedCliTest, OneEndpointOnlyAndNoSamplingOptions) {
  TempDir dir;
  dir.Write("in.jsonl", "{\"text\":\"a\"}\n");
  const std::string head =
      "endpoints:\n  a: {model: m, base_url: http://127.0.0.1:9}\n"
      "  b: {model: n, base_url: http://127.0.0.1:9}\n"
      "steps:\n  - step: read\n    path: in.jsonl\n  - step: embed\n";
  CommandResult two =
      RunWinnow({"run", dir.Write("two.yaml", head + "    endpoints: [a, b]\n  - step: write\n"
                                                     "    path: out.jsonl\n")});
  EXPECT_NE(two.exit_code, 0);
  EXPECT_NE(two.err.find("embed takes one endpoint"), std::string::npos) << Describe(two);
  CommandResult sampling =
      RunWinnow({"run", dir.Write("t.yaml", head + "    endpoint: a\n    temperature: 0.5\n"
                                                   "  - step: write\n    path: out.jsonl\n")});
  EXPECT_NE(sampling.exit_code, 0);
  EXPECT_NE(sampling.err.find("unknown option 'temperature'"), std::string::npos)
      << Describe(sampling);
}

}  // namespace
}  // namespace winnow::cli_test
