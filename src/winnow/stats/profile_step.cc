#include "winnow/stats/profile_step.h"

#include "winnow/stats/profile_worker.h"

namespace winnow {

ProfileStep::ProfileStep(ProfileOptions options) : options_(options) {}
ProfileStep::~ProfileStep() = default;

Status ProfileStep::Open(size_t worker_count) {
  workers_.clear();
  for (size_t i = 0; i < worker_count; ++i) {
    workers_.push_back(std::make_unique<ProfileWorker>(options_));
  }
  return Status::OK();
}

Status ProfileStep::Process(Batch& batch, StepContext& ctx) {
  if (workers_.empty()) WINNOW_RETURN_IF_ERROR(Open(1));
  ProfileWorker& worker = *workers_[ctx.worker_index % workers_.size()];
  for (const auto& record : batch.records) worker.Add(record);
  return Status::OK();
}

Status ProfileStep::Finish(Batch& out, StepContext& ctx) {
  (void)out;
  (void)ctx;
  if (workers_.empty()) WINNOW_RETURN_IF_ERROR(Open(1));
  for (size_t i = 1; i < workers_.size(); ++i) workers_[0]->Merge(*workers_[i]);
  profile_ = DatasetProfile{};
  workers_[0]->FinishInto(&profile_);
  workers_.clear();
  return Status::OK();
}

}  // namespace winnow
