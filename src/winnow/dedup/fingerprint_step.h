#pragma once

// FingerprintStep: the first pass of exact and MinHash dedup. Runs on all workers; for each record
// it computes the key text, the fingerprint, the keep rank and a display id, and hands the batch's
// results to a FingerprintCollector. Records pass through unchanged.

#include <memory>
#include <optional>
#include <string>

#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/fingerprint.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/keep_policy.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/record_identity.h"

namespace winnow {

// Counter of records whose key field is not a conversation although --part asked for one.
inline constexpr std::string_view kPartIgnoredCounter = "part_ignored";

class FingerprintStep final : public Step {
 public:
  // `fingerprinter` and `collector` must outlive the step.
  FingerprintStep(std::string name, DedupKey key, KeepPolicy keep, RecordIdentity identity,
                  const Fingerprinter& fingerprinter, FingerprintCollector& collector)
      : name_(std::move(name)),
        key_(std::move(key)),
        keep_(std::move(keep)),
        identity_(std::move(identity)),
        fingerprinter_(fingerprinter),
        collector_(collector) {}

  std::string_view name() const override { return name_; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  std::string name_;
  DedupKey key_;
  KeepPolicy keep_;
  RecordIdentity identity_;
  const Fingerprinter& fingerprinter_;
  FingerprintCollector& collector_;
};

}  // namespace winnow
