#pragma once

// The test LLM server's request log: one entry per request, with the counters tests ask about
// (requests per route, successes per body, faults per kind, peak concurrency).
// Thread-safety: every method may be called from any thread.

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "llm/llm_faults.h"
#include "winnow/common/status.h"

namespace winnow::testutil {

struct LlmLogEntry {
  uint64_t sequence = 0;     // arrival order, from 0, over all routes
  std::string route;         // "/v1/chat/completions", "/health", ...
  std::string model;         // empty when the body named none (or the route takes none)
  uint64_t body_hash = 0;    // Hash64 (xxHash XXH3-64) of the raw body
  uint64_t seen_before = 0;  // earlier requests with the same body
  // The HTTP status sent; 0 when no complete response was (timeout, drop, shutdown).
  int status = 0;
  LlmFault fault = LlmFault::kNone;
  // HTTP 200 with a well-formed completion whose every choice finished with "stop" and no fault
  // but kSlow: what a client may accept without checking further.
  bool success = false;
  std::string structured = "none";  // RequestInfo::StructuredDialects()
  double latency_seconds = 0;       // arrival to answer, including injected sleeps and holds
};

// One compact JSON object (no newline): {"seq","route","model","body_hash": 16 hex digits,
// "seen_before","status","fault","success","structured","latency_ms"}.
std::string LlmLogEntryJson(const LlmLogEntry& entry);

class LlmRequestLog {
 public:
  struct Arrival {
    uint64_t sequence;
    uint64_t seen_before;
  };

  // Counts a request as it arrives: its sequence number and how often its body came before.
  Arrival Arrive(std::string_view route, uint64_t body_hash);
  // Records a request once answered; entries are kept only while keep_entries is on (counters
  // always are).
  void Record(LlmLogEntry entry);
  void CountFault(LlmFault fault);
  void set_keep_entries(bool keep);

  // Work in flight, and its peak since construction.
  void Enter();
  void Leave();
  size_t in_flight() const;
  size_t max_concurrent() const;

  // Arrivals, on all routes or on one.
  size_t requests() const;
  size_t requests(std::string_view route) const;
  size_t successes_for_body(uint64_t body_hash) const;
  size_t fault_count(LlmFault fault) const;
  // Recorded entries in arrival order.
  std::vector<LlmLogEntry> Snapshot() const;
  // Snapshot() as JSON lines.
  std::string Jsonl() const;

 private:
  struct BodyCounts {
    uint64_t seen = 0;
    uint64_t successes = 0;
  };
  mutable std::mutex mutex_;
  uint64_t arrivals_ = 0;
  size_t in_flight_ = 0;
  size_t max_concurrent_ = 0;
  bool keep_entries_ = true;
  std::unordered_map<uint64_t, BodyCounts> bodies_;
  std::unordered_map<std::string, size_t> route_counts_;
  std::array<size_t, kLlmFaultCount> fault_counts_{};
  std::vector<LlmLogEntry> entries_;
};

}  // namespace winnow::testutil
