// Embedding requests: the body sent, the cache key, and strict reading of the answer (a vector of
// finite numbers, one per input), kept as a compact JSON array.

#include <gtest/gtest.h>

#include "winnow/llm/completion_parse.h"
#include "winnow/llm/request_body.h"

namespace winnow::llm {
namespace {

LlmRequest Embedding(std::string text) {
  LlmRequest request;
  request.kind = RequestKind::kEmbedding;
  request.prompt = std::move(text);
  return request;
}

TEST(EmbeddingRequestTest, BodyRouteAndCacheKey) {
  LlmRequest request = Embedding("hello \"world\"");
  request.sampling.temperature = 0.7;  // ignored: embeddings take no sampling
  EXPECT_EQ(RequestRoute(request), "embeddings");
  for (Dialect dialect : {Dialect::kOpenAi, Dialect::kVllm, Dialect::kOllama, Dialect::kTgi}) {
    EXPECT_EQ(BuildRequestBody(request, "e5", dialect),
              R"({"model":"e5","input":"hello \"world\"","encoding_format":"float"})");
  }
  EXPECT_EQ(CanonicalRequestJson(request, "e5"),
            R"({"kind":"embeddings","model":"e5","input":"hello \"world\""})");
  // Same text, other kind: another key; other model: another key.
  LlmRequest completion = request;
  completion.kind = RequestKind::kCompletion;
  EXPECT_NE(RequestCacheKey(request, "e5"), RequestCacheKey(completion, "e5"));
  EXPECT_NE(RequestCacheKey(request, "e5"), RequestCacheKey(request, "bge"));
  EXPECT_EQ(RequestCacheKey(request, "e5"), RequestCacheKey(Embedding("hello \"world\""), "e5"));
}

Result<ParsedCompletion> Parse(std::string_view body) {
  simdjson::dom::parser parser;
  return ParseCompletionBody(body, RequestKind::kEmbedding, parser);
}

TEST(EmbeddingRequestTest, ReadsTheVectorAndUsage) {
  auto parsed = Parse(
      R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25,1e-3,3]}],)"
      R"("model":"e5","usage":{"prompt_tokens":7,"total_tokens":7}})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->text, "[0.5,-0.25,0.001,3]");
  EXPECT_EQ(parsed->finish_reason, "stop");
  EXPECT_EQ(parsed->usage.prompt_tokens, 7);
  EXPECT_EQ(parsed->usage.completion_tokens, 0);
}

TEST(EmbeddingRequestTest, RefusesAnythingButOneFiniteVector) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      {R"({"data":[]})", "no data in the embeddings response"},
      {R"({"choices":[]})", "no data in the embeddings response"},
      {R"({"data":[{"embedding":[1]},{"embedding":[2]}]})", "2 embeddings for one input"},
      {R"({"data":[{"embedding":"AAAA"}]})", "data[0].embedding is not an array"},
      {R"({"data":[{"embedding":[]}]})", "data[0].embedding is empty"},
      {R"({"data":[{"embedding":[1,null,2]}]})", "data[0].embedding[1] is not a finite number"},
      {R"({"data":[{"embedding":[1,"2"]}]})", "data[0].embedding[1] is not a finite number"},
      {R"({"data":[{"embedding":[1,2)", "not JSON"},
  };
  for (const Case& c : cases) {
    auto parsed = Parse(c.body);
    ASSERT_FALSE(parsed.has_value()) << c.body;
    EXPECT_NE(parsed.error().message().find(c.message), std::string::npos)
        << c.body << " -> " << parsed.error().message();
  }
}

}  // namespace
}  // namespace winnow::llm
