#pragma once

// The passes of a fingerprint dedup run (exact, MinHash) as the dedup commands drive them:
//   - one machine: fingerprint -> cluster (-> verify) -> apply, reading the input 2-3 times;
//   - shards (datatrove's stages): fingerprint one shard into a signature file; merge all shards'
//     signature files into per-shard decisions; apply one shard's decisions.

#include <optional>
#include <string>

#include "winnow/cli/dedup_flags.h"
#include "winnow/common/status.h"
#include "winnow/dedup/band_index.h"
#include "winnow/dedup/dedup_key.h"
#include "winnow/dedup/dedup_report.h"
#include "winnow/dedup/fingerprint_config.h"

namespace winnow::cli {

// A fingerprint dedup ready to run: what the keys are, how records are fingerprinted, and
// whether candidates are checked by exact Jaccard (MinHash only).
struct DedupMethod {
  FingerprintConfig config;
  FingerprintSetup setup;
  BandIndexOptions index;
  bool verify = false;
  double verify_threshold = 0.8;
};

// Parses the flags every method shares into `config` and sets up the index options.
Status ConfigureDedup(const DedupFlags& flags, FingerprintConfig* config, BandIndexOptions* index);

// Runs a whole dedup (or, with --signatures, stage 1 of a sharded one) and prints the report.
Status RunFingerprintDedup(const DedupFlags& flags, const DedupMethod& method, DedupReport* report);

// `winnow dedup semantic`: embed, k-means, SemDeDup, apply.
Status RunSemanticDedupCommand(const DedupFlags& flags, const SemanticFlags& semantic);

// `winnow dedup merge`: stage 2.
struct DedupMergeFlags {
  std::string dir;
  std::string clusters_path;
  std::string report_path;
  std::string memory = "2GiB";
  std::string tmp_dir;
  bool quiet = false;
};
Status RunDedupMerge(const DedupMergeFlags& flags);

// `winnow dedup apply`: stage 3.
struct DedupApplyFlags {
  InputFlags input;
  OutputFlags output;
  std::string dir;
  bool annotate = false;
};
Status RunDedupApply(const DedupApplyFlags& flags);

}  // namespace winnow::cli
