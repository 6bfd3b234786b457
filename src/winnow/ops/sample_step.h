#pragma once

// sample: a seeded random sample, either
//   - exactly n records (reservoir sampling, Algorithm R, over the whole stream; memory n records;
//     emitted at the end in input order), or
//   - each record with probability `fraction`, decided by a hash of (seed, source, byte offset), so
//     the choice does not depend on batching, threads or --shard, and the step runs in parallel.

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

class ReservoirSampleStep : public Step {
 public:
  ReservoirSampleStep(uint64_t size, uint64_t seed) : size_(size), rng_(seed) {}
  std::string_view name() const override { return "sample"; }
  Status Process(Batch& batch, StepContext& ctx) override;
  Status Finish(Batch& out, StepContext& ctx) override;

 private:
  struct Kept {
    uint64_t position;
    Record record;
  };
  uint64_t size_;
  std::mt19937_64 rng_;
  uint64_t seen_ = 0;
  std::vector<Kept> reservoir_;
};

class FractionSampleStep : public Step {
 public:
  FractionSampleStep(double fraction, uint64_t seed) : fraction_(fraction), seed_(seed) {}
  std::string_view name() const override { return "sample"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  double fraction_;
  uint64_t seed_;
};

Result<std::unique_ptr<Step>> CreateSampleStep(StepOptions& options);

}  // namespace winnow
