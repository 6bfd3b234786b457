#include "llm/llm_request_log.h"

#include <fmt/format.h>

#include <algorithm>

#include "winnow/record/json_builder.h"

namespace winnow::testutil {

std::string LlmLogEntryJson(const LlmLogEntry& entry) {
  JsonBuilder json;
  json.BeginObject();
  json.Key("seq").Int(static_cast<int64_t>(entry.sequence));
  json.Field("route", entry.route).Field("model", entry.model);
  json.Field("body_hash", fmt::format("{:016x}", entry.body_hash));
  json.Key("seen_before").Int(static_cast<int64_t>(entry.seen_before));
  json.Key("status").Int(entry.status);
  json.Field("fault", LlmFaultName(entry.fault));
  json.Key("success").Bool(entry.success);
  json.Field("structured", entry.structured);
  json.Key("latency_ms").Number(entry.latency_seconds * 1000.0);
  json.EndObject();
  return json.Take();
}

LlmRequestLog::Arrival LlmRequestLog::Arrive(std::string_view route, uint64_t body_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++route_counts_[std::string(route)];
  return {arrivals_++, bodies_[body_hash].seen++};
}

void LlmRequestLog::Record(LlmLogEntry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entry.success) ++bodies_[entry.body_hash].successes;
  if (keep_entries_) entries_.push_back(std::move(entry));
}

void LlmRequestLog::CountFault(LlmFault fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++fault_counts_[static_cast<size_t>(fault)];
}

void LlmRequestLog::set_keep_entries(bool keep) {
  std::lock_guard<std::mutex> lock(mutex_);
  keep_entries_ = keep;
}

void LlmRequestLog::Enter() {
  std::lock_guard<std::mutex> lock(mutex_);
  max_concurrent_ = std::max(max_concurrent_, ++in_flight_);
}

void LlmRequestLog::Leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  --in_flight_;
}

size_t LlmRequestLog::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

size_t LlmRequestLog::max_concurrent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return max_concurrent_;
}

size_t LlmRequestLog::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return arrivals_;
}

size_t LlmRequestLog::requests(std::string_view route) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = route_counts_.find(std::string(route));
  return it == route_counts_.end() ? 0 : it->second;
}

size_t LlmRequestLog::successes_for_body(uint64_t body_hash) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = bodies_.find(body_hash);
  return it == bodies_.end() ? 0 : it->second.successes;
}

size_t LlmRequestLog::fault_count(LlmFault fault) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fault_counts_[static_cast<size_t>(fault)];
}

std::vector<LlmLogEntry> LlmRequestLog::Snapshot() const {
  std::vector<LlmLogEntry> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries = entries_;
  }
  std::sort(entries.begin(), entries.end(),
            [](const LlmLogEntry& a, const LlmLogEntry& b) { return a.sequence < b.sequence; });
  return entries;
}

std::string LlmRequestLog::Jsonl() const {
  std::string out;
  for (const LlmLogEntry& entry : Snapshot()) {
    out += LlmLogEntryJson(entry);
    out += '\n';
  }
  return out;
}

}  // namespace winnow::testutil
