#pragma once

// The linear runner: read -> parse -> steps -> write, on all cores, in order.
//
// Threads: the calling thread reads batches; `workers` threads parse them and run the leading
// parallel steps; one ordered thread runs the remaining steps, the sink and the reject sink in
// stream order. Memory is bounded by the number of batches in flight (2 per worker + 2).
// The first error in stream order wins, so a bad record always gives the same message.
// The YAML pipeline runner (a DAG) drives the same Step objects; this is its linear special case.

#include <cstdint>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/exec/progress.h"
#include "winnow/formats/dataset_reader.h"
#include "winnow/pipeline/sink.h"
#include "winnow/pipeline/step.h"

namespace winnow {

// How much of each record the runner parses before the steps see it.
enum class ParseMode {
  kNone,      // hand steps the raw text (count --fast)
  kValidate,  // check every record parses, keep no DOM (count: nothing reads the fields)
  kFull,      // parse every record into its own DOM (every step that reads fields)
};

struct RunOptions {
  size_t workers = 0;                 // parsing/parallel-step threads; 0 = number of cores
  OnError on_error = OnError::kFail;  // what a record that fails to parse does
  ParseMode parse = ParseMode::kFull;
  ProgressReporter* progress = nullptr;  // may be null
};

struct RunResult {
  uint64_t records_read = 0;      // records the reader produced (including bad ones)
  uint64_t records_written = 0;   // records that left the last step
  uint64_t records_rejected = 0;  // records that went to the reject sink (bad input or steps)
  uint64_t bad_records = 0;       // records rejected because they could not be read
  uint64_t bytes_read = 0;        // input bytes (on disk)
  double seconds = 0;
};

// Runs the chain. `sink` and `rejects` may be null (records or rejects are then only counted).
// Does not commit the sinks: the caller commits them on success.
Result<RunResult> RunLinear(DatasetReader& reader, const std::vector<Step*>& steps,
                            RecordSink* sink, RejectSink* rejects, const RunOptions& options);

}  // namespace winnow
