#include "embed/test_embedding_server.h"

#include <httplib.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "winnow/common/hash.h"
#include "winnow/record/json_writer.h"

namespace winnow::testutil {

TestEmbeddingServer::TestEmbeddingServer(size_t dimension)
    : dimension_(dimension), server_(std::make_unique<httplib::Server>()) {
  // Enough workers for two clients with 8 connections each; short keep-alive so idle
  // connections do not hold workers for long.
  server_->new_task_queue = [] { return new httplib::ThreadPool(24); };
  server_->set_keep_alive_timeout(1);
  Route();
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  for (int i = 0; i < 500 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TestEmbeddingServer::~TestEmbeddingServer() {
  stopping_ = true;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string TestEmbeddingServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void TestEmbeddingServer::AddFaults(int count, const Fault& fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < count; ++i) faults_.push_back(fault);
}
void TestEmbeddingServer::Add429(int count, std::string retry_after) {
  AddFaults(count, {FaultKind::k429, std::move(retry_after), 0});
}
void TestEmbeddingServer::Add500(int count) { AddFaults(count, {FaultKind::k500, "", 0}); }
void TestEmbeddingServer::AddSlow(int count, double seconds) {
  AddFaults(count, {FaultKind::kSlow, "", seconds});
}
void TestEmbeddingServer::AddMalformed(int count) {
  AddFaults(count, {FaultKind::kMalformed, "", 0});
}
void TestEmbeddingServer::AddWrongDimension(int count) {
  AddFaults(count, {FaultKind::kWrongDimension, "", 0});
}

bool TestEmbeddingServer::NextFault(Fault* fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (faults_.empty()) return false;
  *fault = faults_.front();
  faults_.pop_front();
  return true;
}

std::string TestEmbeddingServer::last_authorization() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_authorization_;
}
std::string TestEmbeddingServer::last_body() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_body_;
}

void TestEmbeddingServer::SleepUnlessStopping(double seconds) const {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!stopping_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::vector<float> TestEmbeddingServer::ExpectedEmbedding(std::string_view text, size_t dimension) {
  std::vector<float> v(dimension);
  double sum = 0;
  for (size_t i = 0; i < dimension; ++i) {
    v[i] = static_cast<float>(static_cast<double>(Hash64(text, i) % 2001) / 1000.0 - 1.0);
    sum += static_cast<double>(v[i]) * v[i];
  }
  const float scale = sum > 0 ? static_cast<float>(1.0 / std::sqrt(sum)) : 0.0f;
  for (float& x : v) x *= scale;
  return v;
}

namespace {

// Builds {"object":"list","data":[...],"model":...}; `extra_dim_item` gets one more float.
std::string EmbeddingsJson(const std::vector<std::string>& inputs, size_t dimension, bool shuffle,
                           int64_t extra_dim_item) {
  std::vector<size_t> order(inputs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = shuffle ? order.size() - 1 - i : i;
  std::string out = "{\"object\":\"list\",\"data\":[";
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    if (k > 0) out += ',';
    out += "{\"object\":\"embedding\",\"index\":" + std::to_string(i) + ",\"embedding\":[";
    std::vector<float> v = TestEmbeddingServer::ExpectedEmbedding(inputs[i], dimension);
    if (static_cast<int64_t>(i) == extra_dim_item) v.push_back(0.5f);
    for (size_t d = 0; d < v.size(); ++d) {
      if (d > 0) out += ',';
      AppendJsonNumber(3.0 * v[d], &out);  // unnormalised on purpose
    }
    out += "]}";
  }
  out += "],\"model\":\"test\"}";
  return out;
}

}  // namespace

void TestEmbeddingServer::Route() {
  server_->Post("/v1/embeddings", [this](const httplib::Request& req, httplib::Response& res) {
    ++embedding_requests_;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_authorization_ = req.get_header_value("Authorization");
      last_body_ = req.body;
    }
    simdjson::dom::parser parser;
    simdjson::dom::array input;
    if (parser.parse(req.body).get_object()["input"].get_array().get(input)) {
      res.status = 400;
      res.set_content("{\"error\":\"bad request\"}", "application/json");
      return;
    }
    std::vector<std::string> inputs;
    for (auto item : input) {
      std::string_view text;
      if (item.get_string().get(text)) text = "<not a string>";
      inputs.emplace_back(text);
    }
    size_t seen = max_batch_.load();
    while (inputs.size() > seen && !max_batch_.compare_exchange_weak(seen, inputs.size())) {
    }
    Fault fault{};
    bool faulty = NextFault(&fault);
    int64_t extra_dim_item = -1;
    if (faulty) {
      switch (fault.kind) {
        case FaultKind::k429:
          res.status = 429;
          res.set_header("Retry-After", fault.retry_after);
          res.set_content("{\"error\":\"rate limited\"}", "application/json");
          return;
        case FaultKind::k500:
          res.status = 500;
          res.set_content("{\"error\":\"internal trouble\"}", "application/json");
          return;
        case FaultKind::kSlow:
          SleepUnlessStopping(fault.seconds);
          break;
        case FaultKind::kMalformed:
          res.set_content("{\"data\":[{\"index\":0,\"embedding\":[0.1,", "application/json");
          return;
        case FaultKind::kWrongDimension:
          extra_dim_item = inputs.size() > 1 ? 1 : 0;
          break;
      }
    }
    res.set_content(EmbeddingsJson(inputs, dimension_, shuffle_, extra_dim_item),
                    "application/json");
  });
  server_->Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Authorization", req.get_header_value("Authorization"));
    res.set_content(req.body, "text/plain");
  });
  server_->Get(R"(/status/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.status = std::stoi(req.matches[1]);
    res.set_header("Retry-After", "7");
    res.set_content("status " + std::string(req.matches[1]), "text/plain");
  });
  server_->Get(R"(/slow/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    SleepUnlessStopping(std::stoi(req.matches[1]) / 1000.0);
    res.set_content("done", "text/plain");
  });
}

}  // namespace winnow::testutil
