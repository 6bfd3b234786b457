#pragma once

// Sinks: where records leave a run. The runner calls Write() in stream order from one thread.
// Outputs become visible only on Commit(); destroying an uncommitted sink discards them, so a
// failed run leaves nothing half-written.

#include "winnow/common/status.h"
#include "winnow/record/batch.h"

namespace winnow {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status Write(const Batch& batch) = 0;
  virtual Status Commit() = 0;
};

class RejectSink {
 public:
  virtual ~RejectSink() = default;
  virtual Status Write(const RejectedRecord& rejected) = 0;
  virtual Status Commit() = 0;
};

}  // namespace winnow
