#include "winnow/ops/split_step.h"

#include "winnow/common/hash.h"
#include "winnow/record/json_writer.h"

namespace winnow {

Status SplitKeyStep::Process(Batch& batch, StepContext& ctx) {
  (void)ctx;
  for (const auto& record : batch.records) {
    ++rows_;
    if (!group_by_) continue;
    simdjson::dom::element value;
    uint64_t key;
    if (group_by_->Get(record).get(value)) {
      // No group value: the row is a group of its own.
      ++missing_group_;
      key = Hash64(std::to_string(rows_), 0x9e3779b97f4a7c15ull);
    } else {
      scratch_.clear();
      AppendJsonElement(value, &scratch_);
      key = Hash64(scratch_);
    }
    row_groups_.push_back(key);
  }
  batch.records.clear();
  return Status::OK();
}

Status SplitRouteStep::Process(Batch& batch, StepContext& ctx) {
  (void)ctx;
  for (const auto& record : batch.records) {
    // Both passes see the same good records in the same order, so a running count matches
    // pass 1's numbering even when bad records were skipped.
    uint8_t split = plan_.SplitOf(next_row_++);
    WINNOW_RETURN_IF_ERROR(writers_[split]->WriteRecord(record));
  }
  batch.records.clear();
  return Status::OK();
}

}  // namespace winnow
