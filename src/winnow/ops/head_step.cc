#include "winnow/ops/head_step.h"

namespace winnow {

Status HeadStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t room = limit_ > seen_ ? limit_ - seen_ : 0;
  if (batch.records.size() > room) batch.records.resize(room);
  seen_ += batch.records.size();
  if (seen_ >= limit_) ctx.RequestStop();
  return Status::OK();
}

Result<std::unique_ptr<Step>> CreateHeadStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(int64_t n, options.GetInt("n", 10));
  if (n < 0) return Error(Status::InvalidArgument("step 'head': n must be >= 0"));
  return std::unique_ptr<Step>(new HeadStep(static_cast<uint64_t>(n)));
}

}  // namespace winnow
