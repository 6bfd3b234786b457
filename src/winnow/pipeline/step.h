#pragma once

// Step: the unit of work every winnow feature plugs into, from the CLI and from pipeline files.
//
// A step receives batches of records in stream order and may drop records (batch.Reject + Compact:
// rejected records go to the reject sink with the reason), annotate them (Record::Set), or hold
// them back and emit them at the end (Finish). It reports named counters. Steps never start
// threads; the runner decides where they run. A step that says parallel() may be given several
// batches at once on different threads, with a worker index for per-worker state.

#include <simdjson.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/record/batch.h"

namespace winnow {

// Named counters of one step ("kept", "dropped.too_short"). Thread-safe; add once per batch, not
// once per record.
class Counters {
 public:
  void Add(std::string_view name, uint64_t value);
  uint64_t Get(std::string_view name) const;
  std::vector<std::pair<std::string, uint64_t>> Snapshot() const;

  // Keeps the first example seen for a counter (a reject reason, a sample value), so summaries can
  // say why without a reject file. Later examples for the same counter are ignored.
  void AddExample(std::string_view name, std::string_view example);
  std::string Example(std::string_view name) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, uint64_t, std::less<>> values_;
  std::map<std::string, std::string, std::less<>> examples_;
};

// Per-call facilities the runner hands a step.
struct StepContext {
  size_t worker_index = 0;                  // which worker runs this call (0 for sequential steps)
  size_t worker_count = 1;                  // how many workers a parallel step may see
  simdjson::dom::parser* parser = nullptr;  // for Record::Parse / Record::Set on this thread
  Counters* counters = nullptr;             // this step's counters
  std::atomic<bool>* stop = nullptr;        // set to ask the runner to stop reading input

  void RequestStop() const {
    if (stop) stop->store(true, std::memory_order_relaxed);
  }
};

class Step {
 public:
  virtual ~Step() = default;

  // The step's registry name, used in counters and reject reasons ("gopher_quality").
  virtual std::string_view name() const = 0;

  // True when Process may run on several batches concurrently (per-worker state or none).
  virtual bool parallel() const { return false; }

  // Called once before the first batch. `worker_count` is the number of distinct worker indexes
  // a parallel step will see.
  virtual Status Open(size_t worker_count) {
    (void)worker_count;
    return Status::OK();
  }

  // Processes one batch in place.
  virtual Status Process(Batch& batch, StepContext& ctx) = 0;

  // Called once after the last batch; a step that held records back appends them to `out`,
  // which then flows through the following steps.
  virtual Status Finish(Batch& out, StepContext& ctx) {
    (void)out;
    (void)ctx;
    return Status::OK();
  }

  Counters& counters() { return counters_; }
  const Counters& counters() const { return counters_; }

 private:
  Counters counters_;
};

}  // namespace winnow
