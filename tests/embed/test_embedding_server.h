#pragma once

// A deterministic OpenAI-compatible embeddings server on 127.0.0.1 (ephemeral port) for tests,
// with request counting and fault injection. Started by the constructor, stopped by the
// destructor. Routes:
//   POST /v1/embeddings      {"model", "input": [..], "dimensions"?} -> {"data": [{index,
//                            embedding}]}; embedding = ExpectedEmbedding(text) * 3 (unnormalised)
//   POST /echo               answers the request body; header X-Authorization echoes
//                            Authorization
//   GET  /status/<code>      answers <code> with "Retry-After: 7"
//   GET  /slow/<ms>          answers "done" after <ms> milliseconds

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace winnow::testutil {

class TestEmbeddingServer {
 public:
  explicit TestEmbeddingServer(size_t dimension = 8);
  ~TestEmbeddingServer();
  TestEmbeddingServer(const TestEmbeddingServer&) = delete;
  TestEmbeddingServer& operator=(const TestEmbeddingServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  // Fault injection, consumed in order by the next embedding requests, one fault per request.
  void Add429(int count, std::string retry_after);
  void Add500(int count);
  void AddSlow(int count, double seconds);
  void AddMalformed(int count);
  void AddWrongDimension(int count);  // the batch's second (or only) item gets dimension + 1
  void set_shuffle(bool shuffle) { shuffle_ = shuffle; }

  size_t embedding_requests() const { return embedding_requests_.load(); }
  size_t max_batch() const { return max_batch_.load(); }
  std::string last_authorization() const;
  std::string last_body() const;

  // The unit vector this server's embedding of `text` normalises to.
  static std::vector<float> ExpectedEmbedding(std::string_view text, size_t dimension);

 private:
  enum class FaultKind { k429, k500, kSlow, kMalformed, kWrongDimension };
  struct Fault {
    FaultKind kind;
    std::string retry_after;
    double seconds = 0;
  };
  void AddFaults(int count, const Fault& fault);
  bool NextFault(Fault* fault);
  void SleepUnlessStopping(double seconds) const;
  void Route();

  size_t dimension_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> shuffle_{false};
  std::atomic<size_t> embedding_requests_{0};
  std::atomic<size_t> max_batch_{0};
  mutable std::mutex mutex_;
  std::deque<Fault> faults_;
  std::string last_authorization_;
  std::string last_body_;
};

}  // namespace winnow::testutil
