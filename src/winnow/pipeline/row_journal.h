#pragma once

// RowJournal: the append-only record of what an LLM step finished, one JSON line per row, so a
// run killed at any moment resumes without redoing (or re-paying for) finished rows:
//
//   {"journal":1,"step":"judge","fingerprint":"3f2a..."}                       (header)
//   {"key":"17","ok":true,"columns":{"rating":4,"rationale":"..."}}
//   {"key":"18","ok":false,"reason":"judge: timeout: ...","class":"timeout","http_status":0,
//    "attempts":6,"raw":""}
//
// A line is written only after its row is complete, and appended with one write() per flush, so
// a kill leaves at most one torn last line, which Open cuts off. When the step's fingerprint
// changed (its options or a step above it were edited) the old journal is set aside as
// <name>.stale-<fingerprint>.jsonl and the step starts over (its requests still hit the response
// cache where unchanged).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "winnow/common/hash.h"
#include "winnow/common/status.h"
#include "winnow/llm/llm_task.h"

namespace winnow {

struct JournalEntry {
  bool ok = false;
  std::vector<std::pair<std::string, std::string>> columns;  // name -> JSON value (ok rows)
  llm::RowFailure failure;                                   // failed rows
};

// Thread-safety: none; the step's node owns it.
class RowJournal {
 public:
  static Result<std::unique_ptr<RowJournal>> Open(const std::string& path, std::string_view step,
                                                  std::string_view fingerprint);
  ~RowJournal();
  RowJournal(const RowJournal&) = delete;
  RowJournal& operator=(const RowJournal&) = delete;

  // The entry a previous run left for `key`, or null.
  const JournalEntry* Find(std::string_view key) const;
  size_t loaded_ok() const { return loaded_ok_; }
  size_t loaded_failed() const { return loaded_failed_; }
  // True when an older journal was set aside because the step changed.
  bool restarted() const { return restarted_; }

  void AppendOk(std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& columns);
  void AppendFailure(std::string_view key, const llm::RowFailure& failure);
  // Writes what was appended since the last flush.
  Status Flush();

 private:
  RowJournal() = default;
  Status Load(std::string_view step, std::string_view fingerprint);

  std::string path_;
  int fd_ = -1;
  std::string pending_;
  std::unordered_map<std::string, JournalEntry, StringViewHash, std::equal_to<>> entries_;
  size_t loaded_ok_ = 0;
  size_t loaded_failed_ = 0;
  bool restarted_ = false;
};

// "17", "17.1.0": a record's pipeline row key.
std::string RowKeyString(uint64_t row, std::string_view suffix);

}  // namespace winnow
