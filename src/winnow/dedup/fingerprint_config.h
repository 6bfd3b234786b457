#pragma once

// FingerprintConfig: everything that decides a fingerprint dedup's keys (method, key text,
// normalisation, shingles, bands x rows, seed, keep policy, ids), parsed in one place for the CLI
// and pipeline steps. Its Settings() string is what shard files compare, so shards fingerprinted
// by a command and by a pipeline merge together.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/fingerprint.h"
#include "winnow/dedup/keep_policy.h"
#include "winnow/record/field_path.h"

namespace winnow {

enum class FingerprintMethod { kExact, kMinHash };

struct FingerprintConfig {
  FingerprintMethod method = FingerprintMethod::kMinHash;
  DedupKeyOptions key;  // key.normalization defaults per method (see Defaults)
  std::string part = "all";
  std::string keep = "first";
  std::string id_field = "id";
  ShingleOptions shingles;  // MinHash only
  MinHashOptions minhash;   // MinHash only

  // The method's default normalisation: simple for exact, minhash for MinHash.
  static TextNormalization DefaultNormalization(FingerprintMethod method);

  std::string Settings() const;
  std::string_view step_name() const;  // "dedup_exact" | "dedup_minhash"
};

// The parsed, ready-to-use pieces of a config.
struct FingerprintSetup {
  DedupKey key;
  KeepPolicy keep;
  std::optional<FieldPath> id_field;
  std::unique_ptr<Fingerprinter> fingerprinter;
  const MinHashFingerprinter* minhash = nullptr;  // the same object, for MinHash
};

Result<FingerprintSetup> SetUpFingerprints(const FingerprintConfig& config);

}  // namespace winnow
