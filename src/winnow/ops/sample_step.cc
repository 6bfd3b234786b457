#include "winnow/ops/sample_step.h"

#include <algorithm>

#include "winnow/common/hash.h"

namespace winnow {

Status ReservoirSampleStep::Process(Batch& batch, StepContext& ctx) {
  (void)ctx;
  for (auto& record : batch.records) {
    uint64_t position = seen_++;
    if (reservoir_.size() < size_) {
      record.Detach();
      reservoir_.push_back({position, std::move(record)});
      continue;
    }
    std::uniform_int_distribution<uint64_t> pick(0, position);
    uint64_t slot = pick(rng_);
    if (slot < size_) {
      record.Detach();
      reservoir_[slot] = {position, std::move(record)};
    }
  }
  // Every record is held back (or not chosen); nothing passes through now.
  batch.records.clear();
  return Status::OK();
}

Status ReservoirSampleStep::Finish(Batch& out, StepContext& ctx) {
  std::sort(reservoir_.begin(), reservoir_.end(),
            [](const Kept& a, const Kept& b) { return a.position < b.position; });
  for (auto& kept : reservoir_) out.records.push_back(std::move(kept.record));
  ctx.counters->Add("seen", seen_);
  ctx.counters->Add("kept", reservoir_.size());
  reservoir_.clear();
  return Status::OK();
}

Status FractionSampleStep::Process(Batch& batch, StepContext& ctx) {
  const double threshold = fraction_ * 18446744073709551616.0;  // 2^64
  size_t kept = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const RecordOrigin& origin = batch.records[i].origin();
    uint64_t key = Hash64(origin.source ? *origin.source : std::string(), seed_);
    uint64_t h = Hash64(std::string_view(reinterpret_cast<const char*>(&origin.byte_offset),
                                         sizeof origin.byte_offset),
                        key);
    if (static_cast<double>(h) < threshold) {
      if (kept != i) batch.records[kept] = std::move(batch.records[i]);
      ++kept;
    }
  }
  ctx.counters->Add("seen", batch.records.size());
  ctx.counters->Add("kept", kept);
  batch.records.resize(kept);
  return Status::OK();
}

Result<std::unique_ptr<Step>> CreateSampleStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(int64_t seed, options.GetInt("seed", 0));
  bool has_n = options.Has("n");
  bool has_fraction = options.Has("fraction");
  if (has_n == has_fraction) {
    return Error(Status::InvalidArgument("step 'sample': give exactly one of n or fraction"));
  }
  if (has_n) {
    WINNOW_ASSIGN_OR_RETURN(int64_t n, options.GetInt("n", 0));
    if (n < 0) return Error(Status::InvalidArgument("step 'sample': n must be >= 0"));
    return std::unique_ptr<Step>(
        new ReservoirSampleStep(static_cast<uint64_t>(n), static_cast<uint64_t>(seed)));
  }
  WINNOW_ASSIGN_OR_RETURN(double fraction, options.GetDouble("fraction", 0));
  if (!(fraction >= 0 && fraction <= 1)) {
    return Error(Status::InvalidArgument("step 'sample': fraction must be between 0 and 1"));
  }
  return std::unique_ptr<Step>(new FractionSampleStep(fraction, static_cast<uint64_t>(seed)));
}

}  // namespace winnow
