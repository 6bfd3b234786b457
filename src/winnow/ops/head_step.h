#pragma once

// head: keep the first n records, then ask the runner to stop reading.

#include <cstdint>
#include <memory>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

class HeadStep : public Step {
 public:
  explicit HeadStep(uint64_t limit) : limit_(limit) {}
  std::string_view name() const override { return "head"; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  uint64_t limit_;
  uint64_t seen_ = 0;
};

Result<std::unique_ptr<Step>> CreateHeadStep(StepOptions& options);

}  // namespace winnow
