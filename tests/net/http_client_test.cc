#include "winnow/net/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "embed/test_embedding_server.h"

namespace winnow {
namespace {

using testutil::TestEmbeddingServer;

HttpRequest Get(const std::string& url, double timeout = 5) {
  HttpRequest request;
  request.url = url;
  request.timeout_seconds = timeout;
  return request;
}

TEST(HttpClientTest, PostsBodiesAndHeadersAndKeepsOrder) {
  TestEmbeddingServer server;
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 20; ++i) {
    HttpRequest request = Get(server.base_url() + "/echo");
    request.body = "body number " + std::to_string(i);
    request.headers.push_back("Authorization: Bearer k" + std::to_string(i));
    requests.push_back(request);
  }
  HttpClient client;
  std::vector<HttpResponse> responses;
  ASSERT_TRUE(client.PerformAll(requests, 4, &responses).ok());
  ASSERT_EQ(responses.size(), 20u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(responses[i].transport_error.ok()) << responses[i].transport_error.message();
    EXPECT_EQ(responses[i].status, 200);
    EXPECT_EQ(responses[i].body, "body number " + std::to_string(i));
  }
  // The client is reusable after a call.
  ASSERT_TRUE(client.PerformAll(std::span(requests).first(1), 1, &responses).ok());
  EXPECT_EQ(responses[0].body, "body number 0");
}

TEST(HttpClientTest, ReportsStatusAndRetryAfter) {
  TestEmbeddingServer server;
  std::vector<HttpRequest> requests = {Get(server.base_url() + "/status/429"),
                                       Get(server.base_url() + "/status/503")};
  HttpClient client;
  std::vector<HttpResponse> responses;
  ASSERT_TRUE(client.PerformAll(requests, 8, &responses).ok());
  EXPECT_EQ(responses[0].status, 429);
  EXPECT_EQ(responses[0].Header("retry-after"), "7");
  EXPECT_EQ(responses[1].status, 503);
  EXPECT_EQ(responses[1].body, "status 503");
  EXPECT_TRUE(responses[1].transport_error.ok());
}

TEST(HttpClientTest, TimeoutIsReportedPerRequest) {
  TestEmbeddingServer server;
  std::vector<HttpRequest> requests = {Get(server.base_url() + "/slow/2000", 0.2),
                                       Get(server.base_url() + "/slow/10", 5)};
  HttpClient client;
  std::vector<HttpResponse> responses;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.PerformAll(requests, 2, &responses).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  EXPECT_FALSE(responses[0].transport_error.ok());
  EXPECT_TRUE(responses[0].timed_out);
  EXPECT_EQ(responses[0].status, 0);
  EXPECT_NE(responses[0].transport_error.message().find("/slow/2000"), std::string::npos);
  EXPECT_EQ(responses[1].status, 200);
  EXPECT_EQ(responses[1].body, "done");
}

// A listening socket that accepts connections and closes them without answering.
class DroppingListener {
 public:
  DroppingListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(fd_, 8);
    thread_ = std::thread([this] {
      while (!stop_) {
        int client = accept(fd_, nullptr, nullptr);
        if (client >= 0) close(client);
      }
    });
  }
  ~DroppingListener() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);  // wakes accept()
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(HttpClientTest, DroppedAndRefusedConnectionsAreTransportErrors) {
  int closed_port = 0;
  {
    DroppingListener probe;  // learn a port, then free it: nothing listens there afterwards
    closed_port = probe.port();
  }
  DroppingListener dropper;
  std::vector<HttpRequest> requests = {
      Get("http://127.0.0.1:" + std::to_string(dropper.port()) + "/x"),
      Get("http://127.0.0.1:" + std::to_string(closed_port) + "/x")};
  HttpClient client;
  std::vector<HttpResponse> responses;
  ASSERT_TRUE(client.PerformAll(requests, 2, &responses).ok());
  for (const HttpResponse& response : responses) {
    EXPECT_EQ(response.status, 0);
    EXPECT_FALSE(response.transport_error.ok());
    EXPECT_FALSE(response.timed_out);
  }
  EXPECT_NE(responses[1].transport_error.message().find(std::to_string(closed_port)),
            std::string::npos);
}

TEST(HttpClientTest, RejectsZeroConcurrency) {
  HttpClient client;
  std::vector<HttpResponse> responses;
  EXPECT_EQ(client.PerformAll({}, 0, &responses).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow
