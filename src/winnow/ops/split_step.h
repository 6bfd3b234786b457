#pragma once

// The two passes of `winnow split` as steps:
//   SplitKeyStep   (pass 1) counts rows and, with a group column, records each row's group key;
//   SplitRouteStep (pass 2) sends each row to its split's writer according to a SplitPlan.
// Both are sequential: they rely on rows arriving in input order.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "winnow/formats/dataset_writer.h"
#include "winnow/ops/split_plan.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/field_path.h"

namespace winnow {

class SplitKeyStep : public Step {
 public:
  explicit SplitKeyStep(std::optional<FieldPath> group_by) : group_by_(std::move(group_by)) {}
  std::string_view name() const override { return "split_keys"; }
  Status Process(Batch& batch, StepContext& ctx) override;

  uint64_t rows() const { return rows_; }
  const std::vector<uint64_t>& row_groups() const { return row_groups_; }
  uint64_t missing_group() const { return missing_group_; }

 private:
  std::optional<FieldPath> group_by_;
  uint64_t rows_ = 0;
  std::vector<uint64_t> row_groups_;
  uint64_t missing_group_ = 0;  // rows without the group column (each its own group)
  std::string scratch_;
};

class SplitRouteStep : public Step {
 public:
  // `writers[k]` receives split k; writers and plan must outlive the step.
  SplitRouteStep(const SplitPlan& plan, std::vector<DatasetWriter*> writers)
      : plan_(plan), writers_(std::move(writers)) {}
  std::string_view name() const override { return "split"; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  const SplitPlan& plan_;
  std::vector<DatasetWriter*> writers_;
  uint64_t next_row_ = 0;
};

}  // namespace winnow
