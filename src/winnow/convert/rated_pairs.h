#pragma once

// Choosing preference pairs among scored answers to one prompt — shared by ratings ->
// preference (scores from a judge or annotators) and KTO -> preference (true = 1, false = 0).
// Ties and missing scores never make a pair (shared/specs/formats.md); each prompt that yields no
// pair gets one reason.

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

struct PairingOptions {
  enum class Mode {
    kBestWorst,  // one pair: a best-scored answer vs a worst-scored one (ties broken by the seed)
    kAll,        // every pair whose scores differ by more than `margin`
  };
  Mode mode = Mode::kBestWorst;
  double margin = 0;     // kAll: chosen - rejected must exceed this (ties never pair)
  size_t max_pairs = 0;  // per prompt; 0 = no limit (a seeded subset when over)
  std::optional<double> min_chosen_score;  // drop prompts whose best score is below this
  uint64_t seed = 0;
};

// One answer: its position among the prompt's answers, its score (nullopt when missing or not a
// number), and a key to tell identical answers apart.
struct ScoredAnswer {
  size_t index = 0;
  std::optional<double> score;
  std::string key;
};

struct ChosenPair {
  size_t chosen;  // index into the answers
  size_t rejected;
};

struct PairingResult {
  std::vector<ChosenPair> pairs;
  std::string dropped;  // why no pair came out: "fewer_than_two_scored", "all_tied", ...
};

// `rng_seed` makes the choice reproducible per prompt (callers mix the option seed with the
// prompt's position or text).
PairingResult ChoosePairs(const std::vector<ScoredAnswer>& answers, const PairingOptions& options,
                          uint64_t rng_seed);

// Reads pairs/margin/max_pairs/min_chosen_rating/seed from step options.
Result<PairingOptions> ReadPairingOptions(StepOptions& options, const char* default_pairs);

}  // namespace winnow
