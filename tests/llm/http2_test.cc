// HTTP/2 against a real HTTP/2 server (nghttpd): h2c with prior knowledge, and TLS with ALPN
// and a private certificate authority (ca_file), through the raw client and the LLM engine.

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "llm/engine_test_util.h"
#include "llm/nghttpd_process.h"
#include "winnow/llm/llm_engine.h"
#include "winnow/net/async_http_client.h"
#include "winnow/net/http_client.h"

namespace winnow {
namespace {

namespace fs = std::filesystem;
using testutil::NghttpdProcess;

constexpr char kCompletion[] =
    R"({"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,)"
    R"("message":{"role":"assistant","content":"hello over h2"},"finish_reason":"stop"}],)"
    R"("usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}})";

// A folder nghttpd serves: v1/chat/completions holds one chat completion. Removed at the end.
class Http2Fixture : public ::testing::Test {
 protected:
  void SetUp() override {
    nghttpd_ = testutil::FindNghttpd();
    if (nghttpd_.empty()) GTEST_SKIP() << "nghttpd (Debian package nghttp2-server) not installed";
    std::string pattern = (fs::path(::testing::TempDir()) / "winnow-h2-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "htdocs/v1/chat");
    std::ofstream(root_ / "htdocs/v1/chat/completions") << kCompletion;
  }
  void TearDown() override {
    std::error_code ignored;
    if (!root_.empty()) fs::remove_all(root_, ignored);
  }

  std::string htdocs() const { return (root_ / "htdocs").string(); }

  // A self-signed certificate for 127.0.0.1; false when openssl is missing or fails.
  bool MakeCertificate() {
    std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
        "-keyout '" +
        key() + "' -out '" + cert() + "' >/dev/null 2>&1";
    return std::system(command.c_str()) == 0 && fs::exists(cert());
  }
  std::string key() const { return (root_ / "key.pem").string(); }
  std::string cert() const { return (root_ / "cert.pem").string(); }

  std::string nghttpd_;
  fs::path root_;
};

std::vector<HttpRequest> ChatPosts(const std::string& base_url, size_t count, HttpVersion version,
                                   const std::string& ca_file = "") {
  std::vector<HttpRequest> requests(count);
  for (size_t i = 0; i < count; ++i) {
    requests[i].url = base_url + "/v1/chat/completions";
    requests[i].body =
        R"({"model":"m","messages":[{"role":"user","content":"q)" + std::to_string(i) + R"("}]})";
    requests[i].headers = {"Content-Type: application/json"};
    requests[i].timeout_seconds = 10;
    requests[i].version = version;
    requests[i].ca_file = ca_file;
  }
  return requests;
}

// h2c needs libcurl >= 8.0.0 (curl issue #10634); older ones must be refused up front, with a
// message that says why and what to use instead.
TEST(Http2SupportTest, CleartextHttp2IsRefusedWhereLibcurlBreaksIt) {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  bool usable = (info->features & CURL_VERSION_HTTP2) != 0 && info->version_num >= 0x080000;
  Status status = CheckHttpVersionSupport(HttpVersion::kHttp2PriorKnowledge);
  EXPECT_EQ(status.ok(), usable) << status.message();
  if (!usable) {
    EXPECT_NE(status.message().find("use http: auto"), std::string::npos);
  }
  EXPECT_TRUE(CheckHttpVersionSupport(HttpVersion::kDefault).ok());
  EXPECT_TRUE(CheckHttpVersionSupport(HttpVersion::kHttp11).ok());
}

TEST_F(Http2Fixture, ManyRequestsInFlightOverCleartextHttp2) {
  Status supported = CheckHttpVersionSupport(HttpVersion::kHttp2PriorKnowledge);
  if (!supported.ok()) GTEST_SKIP() << supported.message();
  NghttpdProcess server(nghttpd_, htdocs());
  ASSERT_TRUE(server.running());
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  HttpClient client;
  std::vector<HttpResponse> responses;
  ASSERT_TRUE(
      client.PerformAll(ChatPosts(base, 200, HttpVersion::kHttp2PriorKnowledge), 64, &responses)
          .ok());
  ASSERT_EQ(responses.size(), 200u);
  for (const HttpResponse& response : responses) {
    ASSERT_TRUE(response.transport_error.ok()) << response.transport_error.message();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.http_major_version, 2);
    EXPECT_EQ(response.body, kCompletion);
  }
  // Asked for HTTP/1.1, the same server (which speaks only HTTP/2) gives no answer: proof
  // that the 2 above is what was spoken, not a label.
  ASSERT_TRUE(client.PerformAll(ChatPosts(base, 1, HttpVersion::kHttp11), 1, &responses).ok());
  EXPECT_NE(responses[0].status, 200);
}

TEST_F(Http2Fixture, TlsNegotiatesHttp2AndTrustsOnlyTheGivenAuthority) {
  if (!MakeCertificate()) GTEST_SKIP() << "openssl could not make a test certificate";
  NghttpdProcess server(nghttpd_, htdocs(), key(), cert());
  ASSERT_TRUE(server.running());
  std::string base = "https://127.0.0.1:" + std::to_string(server.port());
  HttpClient client;
  std::vector<HttpResponse> responses;
  ASSERT_TRUE(
      client.PerformAll(ChatPosts(base, 50, HttpVersion::kDefault, cert()), 16, &responses).ok());
  for (const HttpResponse& response : responses) {
    ASSERT_TRUE(response.transport_error.ok()) << response.transport_error.message();
    EXPECT_EQ(response.http_major_version, 2);
    EXPECT_EQ(response.body, kCompletion);
  }
  // Without the authority the certificate is refused: verification is on.
  ASSERT_TRUE(client.PerformAll(ChatPosts(base, 1, HttpVersion::kDefault), 1, &responses).ok());
  EXPECT_FALSE(responses[0].transport_error.ok());
  EXPECT_EQ(responses[0].status, 0);
}

// `count` distinct questions to the "h2" endpoint, answered through `engine`.
std::vector<llm::LlmResult> RunCalls(llm::LlmEngine& engine, size_t count) {
  std::vector<llm::LlmCall> calls(count);
  for (size_t i = 0; i < count; ++i) {
    calls[i].endpoint = "h2";
    calls[i].request.messages = {{"user", "q" + std::to_string(i)}};
    calls[i].request.sampling.max_tokens = 16;
  }
  return testutil::RunCalls(engine, std::move(calls));
}

llm::EndpointOptions Http2Endpoint(const std::string& base_url, HttpVersion version,
                                   const std::string& ca_file = "") {
  llm::EndpointOptions endpoint;
  endpoint.name = "h2";
  endpoint.model = "m";
  endpoint.replicas.push_back({base_url, 1, 32});
  endpoint.timeout_seconds = 10;
  endpoint.max_attempts = 2;
  endpoint.http_version = version;
  endpoint.ca_file = ca_file;
  return endpoint;
}

TEST_F(Http2Fixture, EngineAnswersEveryCallOverH2cAndOverTls) {
  NghttpdProcess plain(nghttpd_, htdocs());
  ASSERT_TRUE(plain.running());
  if (CheckHttpVersionSupport(HttpVersion::kHttp2PriorKnowledge).ok()) {
    llm::EngineOptions options;
    options.endpoints = {Http2Endpoint("http://127.0.0.1:" + std::to_string(plain.port()),
                                       HttpVersion::kHttp2PriorKnowledge)};
    auto engine = llm::LlmEngine::Start(std::move(options));
    ASSERT_TRUE(engine.has_value()) << engine.error().message();
    for (const llm::LlmResult& result : RunCalls(**engine, 100)) {
      ASSERT_TRUE(result.ok()) << result.error;
      EXPECT_EQ(result.text, "hello over h2");
    }
  } else {
    // Refused when the engine starts, before any request.
    llm::EngineOptions options;
    options.endpoints = {Http2Endpoint("http://127.0.0.1:" + std::to_string(plain.port()),
                                       HttpVersion::kHttp2PriorKnowledge)};
    auto engine = llm::LlmEngine::Start(std::move(options));
    ASSERT_FALSE(engine.has_value());
    EXPECT_NE(engine.error().message().find("curl issue #10634"), std::string::npos)
        << engine.error().message();
  }
  if (!MakeCertificate()) GTEST_SKIP() << "openssl could not make a test certificate";
  NghttpdProcess tls(nghttpd_, htdocs(), key(), cert());
  ASSERT_TRUE(tls.running());
  llm::EngineOptions options;
  options.endpoints = {Http2Endpoint("https://127.0.0.1:" + std::to_string(tls.port()),
                                     HttpVersion::kDefault, cert())};
  auto engine = llm::LlmEngine::Start(std::move(options));
  ASSERT_TRUE(engine.has_value()) << engine.error().message();
  for (const llm::LlmResult& result : RunCalls(**engine, 100)) {
    ASSERT_TRUE(result.ok()) << result.error;
    EXPECT_EQ(result.text, "hello over h2");
  }
}

TEST(EndpointCaFileTest, AMissingAuthorityFileIsAnEndpointError) {
  llm::EndpointOptions endpoint =
      Http2Endpoint("https://127.0.0.1:1", HttpVersion::kDefault, "/nonexistent/ca.pem");
  Status status = llm::ValidateEndpoint(endpoint);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("endpoint 'h2': ca_file '/nonexistent/ca.pem'"),
            std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace winnow
