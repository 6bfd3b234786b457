#pragma once

// The kinds of pipeline node. Each factory reads its options (StepOptions, already resolved
// against the pipeline file's folder) and fails with a message naming the option.

#include <memory>

#include "winnow/exec/dag_node.h"
#include "winnow/formats/dataset_writer.h"
#include "winnow/io/file_system.h"
#include "winnow/llm/llm_generator.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

// read: path (file, glob or folder; or a list), format, text_unit, text_field, csv_types,
// on_error (fail|skip), max_record_bytes. Gives each row its pipeline row key (its position).
Result<std::unique_ptr<DagNode>> MakeReadNode(const std::string& name, StepOptions& options,
                                              FileSystem& fs, RunShared& shared);

// A step of the step table, run on this node's thread.
std::unique_ptr<DagNode> MakeStepNode(const std::string& name, std::unique_ptr<Step> step,
                                      RunShared& shared);

class WriteNode : public DagNode {
 public:
  using DagNode::DagNode;
  // Makes every written file appear (after a successful run).
  virtual Status Commit() = 0;
  virtual std::vector<std::string> paths() const = 0;
};

// write: path, format, max_rows (per shard). Nothing appears until Commit.
Result<std::unique_ptr<WriteNode>> MakeWriteNode(const std::string& name, StepOptions& options,
                                                 FileSystem& fs, RunShared& shared);

// join: rows of all parents with the same row key become one row: the first parent's fields,
// then each other parent's new fields. A row missing from a parent (dropped there) is dropped
// here too (counted as missing.<parent>); a field two parents give different values rejects the
// row, since silently picking one would lose data.
std::unique_ptr<DagNode> MakeJoinNode(const std::string& name,
                                      std::vector<std::string> parent_names, RunShared& shared);

// An LLM task step: per-row jobs against shared.backend, a sliding window of rows in progress,
// results in input order, a journal for resume, failures to the failure file.
std::unique_ptr<DagNode> MakeLlmNode(const std::string& name, const std::string& fingerprint,
                                     std::unique_ptr<llm::LlmTask> task, size_t window,
                                     RunShared& shared);

// An LLM generator step (Self-Instruct): all input first, then rounds of calls making new rows.
std::unique_ptr<DagNode> MakeGeneratorNode(const std::string& name,
                                           std::unique_ptr<llm::LlmGenerator> generator,
                                           RunShared& shared);

}  // namespace winnow
