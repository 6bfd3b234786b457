#pragma once

// ProfileStep: the step behind `winnow inspect`. It runs in parallel (one ProfileWorker per worker
// thread), passes records through unchanged, and on Finish merges the workers into a
// DatasetProfile. It can sit anywhere in a pipeline to profile what flows past it.

#include <memory>
#include <mutex>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/stats/profile.h"

namespace winnow {

struct ProfileOptions {
  size_t max_nested_depth = 3;  // nested object fields profiled as "a.b.c" up to this depth
  bool duplicates = true;       // count exact duplicates of records and prompts
};

class ProfileWorker;

class ProfileStep : public Step {
 public:
  explicit ProfileStep(ProfileOptions options = {});
  ~ProfileStep() override;
  std::string_view name() const override { return "profile"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;
  Status Finish(Batch& out, StepContext& ctx) override;

  // The merged profile (columns, conversations, duplicates); valid after Finish. Sources, bytes,
  // timing and the TRL type are filled in by the caller.
  DatasetProfile& profile() { return profile_; }

 private:
  ProfileOptions options_;
  std::vector<std::unique_ptr<ProfileWorker>> workers_;
  DatasetProfile profile_;
};

}  // namespace winnow
