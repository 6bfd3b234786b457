#pragma once

// The nodes of a running pipeline DAG (exec/dag_runner.h drives them). Each node runs on its own
// thread: it takes batches from its inbox, works, and hands batches to its children's inboxes
// (copies for all but the last child), so steps overlap and both cores stay busy. The first
// error anywhere aborts every node; rows keep their pipeline row keys (RecordOrigin::row plus
// key_suffix) from the reader to the writers, which is what joins, journals and resume use.

#include <simdjson.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/exec/node_inbox.h"
#include "winnow/llm/llm_backend.h"
#include "winnow/llm/llm_task.h"
#include "winnow/pipeline/step.h"

namespace winnow {

class RejectWriter;

// Rows that left the run early, gathered from every node into the run directory's files.
class RunOutcomes {
 public:
  // `rejects` may be null (then only counted). Borrowed.
  explicit RunOutcomes(RejectWriter* rejects) : rejects_(rejects) {}
  Status Reject(const RejectedRecord& rejected);
  // An LLM step's failed row: {"step","key","reason","class","http_status","attempts","raw",
  // "record"} — one JSON line, kept for the failure file.
  void Failure(std::string_view step, std::string_view key, const llm::RowFailure& failure,
               const Record& record);
  // The failure file's lines, sorted by step then row key order of arrival.
  std::string TakeFailures();
  uint64_t rejected() const { return rejected_; }
  uint64_t failed() const { return failed_; }

 private:
  std::mutex mutex_;
  RejectWriter* rejects_;
  std::string failures_;
  uint64_t rejected_ = 0;
  uint64_t failed_ = 0;
};

// What all nodes of one run share.
struct RunShared {
  std::atomic<bool> aborted{false};
  std::mutex error_mutex;
  Status first_error;
  std::vector<NodeInbox*> inboxes;  // every node's, to wake them all on abort
  RunOutcomes* outcomes = nullptr;
  llm::LlmBackend* backend = nullptr;  // null when the pipeline has no LLM step
  uint64_t seed = 0;
  std::string run_dir;            // journals live under <run_dir>/journal
  bool retry_failed = false;      // re-run rows the journals record as failed
  bool preview = false;           // dry run / preflight: no journals, no files written
  bool strict_columns = false;    // preflight: a missing column is a pipeline error
  uint64_t limit = 0;             // rows each reader passes on; 0 = all
  size_t preview_rows = 0;        // rows each node keeps for the dry-run display
  size_t max_rows_in_flight = 0;  // per LLM step; 0 = from the endpoints' windows
  size_t step_workers = 1;        // threads a parallel() step gets inside its node

  // Records the first error and wakes every node so all threads wind down.
  void Abort(Status status);
};

class DagNode {
 public:
  DagNode(std::string name, RunShared& shared, size_t parents);
  virtual ~DagNode() = default;

  const std::string& name() const { return name_; }
  // LLM steps report rows done and failed; the others rows in and out.
  virtual bool is_llm() const { return false; }
  NodeInbox& inbox() { return inbox_; }
  void AddChild(DagNode* child, size_t parent_slot) { children_.push_back({child, parent_slot}); }
  Counters& counters() { return counters_; }
  // The first rows this node passed on (dry runs), as JSON lines.
  const std::vector<std::string>& preview() const { return preview_; }

  // Runs the node to completion on the calling thread: returns once its input is exhausted and
  // its children are closed, or when the run aborts. Errors also abort the run.
  void RunToEnd();

 protected:
  virtual Status Run() = 0;
  // The next batch from the parents; nullopt once they are all done (or the run aborted).
  std::optional<NodeInbox::Item> NextInput();
  // Hands a batch to every child. False when the run was aborted.
  bool Emit(Batch batch);
  bool aborted() const { return shared_.aborted.load(std::memory_order_relaxed); }

  RunShared& shared_;
  simdjson::dom::parser parser_;
  Counters counters_;

 private:
  struct Child {
    DagNode* node;
    size_t slot;
  };
  void CloseOutputs();

  std::string name_;
  NodeInbox inbox_;
  std::vector<Child> children_;
  std::vector<std::string> preview_;
};

// Gives rows a step made from one input row distinct keys: equal (row, suffix) neighbours get
// ".0", ".1", ... appended, in order.
void AssignExpansionKeys(Batch& batch);

// Orders pipeline row keys: by row, then suffix components numerically ("17.2" < "17.10").
int CompareRowKeys(uint64_t row_a, std::string_view suffix_a, uint64_t row_b,
                   std::string_view suffix_b);

// Copies a batch (for all children but the last); records are re-parsed into their own DOMs.
Result<Batch> CopyBatch(const Batch& batch, simdjson::dom::parser& parser);

}  // namespace winnow
