#pragma once

// Batch: the unit of work that flows from a reader through steps to a writer.
// A batch owns the buffers its borrowed records point into, so records stay valid as long as the
// batch does. Only one thread touches a batch at a time.

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/record/record.h"

namespace winnow {

// A record a step (or the reader) refused, with the reason. Goes to the reject sink.
struct RejectedRecord {
  Record record;
  std::string step;  // "reader", "gopher_quality", ...
  // One line: "dup_line_frac 0.41 > 0.30", "data.jsonl:3:9: unterminated string".
  std::string reason;
  // Optional machine-readable facts as a JSON object ({"cluster_id":3,"duplicate_of":"d1"}),
  // written to the reject file beside the reason; empty for none.
  std::string details;
};

class Batch {
 public:
  Batch() = default;
  Batch(Batch&&) noexcept = default;
  Batch& operator=(Batch&&) noexcept = default;

  uint64_t sequence = 0;     // position in the stream; the runner restores this order
  uint64_t input_bytes = 0;  // bytes of input this batch consumed (for progress)
  // Records the reader put in this batch (steps may change records.size(): a conversion can emit
  // two rows per input). Set by the runner.
  uint64_t input_records = 0;
  std::vector<Record> records;
  std::vector<RejectedRecord> rejects;

  // A new buffer of `size` bytes (plus simdjson padding) that borrowed records may point into.
  // Valid until the batch is destroyed.
  char* AddBuffer(size_t size);

  // Moves records[i] to the rejects with a reason; the caller then calls Compact().
  void Reject(size_t index, std::string step, std::string reason, std::string details = {});
  // Drops every record emptied by Reject(), keeping order.
  void Compact();

  size_t size() const { return records.size(); }
  bool empty() const { return records.empty(); }

 private:
  std::vector<std::unique_ptr<simdjson::padded_string>> buffers_;
  std::vector<bool> dropped_;
};

}  // namespace winnow
