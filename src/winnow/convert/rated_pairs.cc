#include "winnow/convert/rated_pairs.h"

#include <algorithm>

namespace winnow {

PairingResult ChoosePairs(const std::vector<ScoredAnswer>& answers, const PairingOptions& options,
                          uint64_t rng_seed) {
  PairingResult result;
  std::vector<const ScoredAnswer*> scored;
  for (const auto& answer : answers) {
    if (answer.score) scored.push_back(&answer);
  }
  if (scored.size() < 2) {
    result.dropped = answers.size() < 2 ? "fewer_than_two_answers" : "fewer_than_two_scored";
    return result;
  }
  std::mt19937_64 rng(rng_seed);
  // Shuffle first so that the stable sort breaks ties at random (but reproducibly).
  std::shuffle(scored.begin(), scored.end(), rng);
  std::stable_sort(scored.begin(), scored.end(), [](const ScoredAnswer* a, const ScoredAnswer* b) {
    return *a->score > *b->score;
  });
  double best = *scored.front()->score;
  if (options.min_chosen_score && best < *options.min_chosen_score) {
    result.dropped = "best_below_min_chosen_rating";
    return result;
  }
  bool identical_seen = false;
  if (options.mode == PairingOptions::Mode::kBestWorst) {
    const ScoredAnswer* chosen = scored.front();
    // The worst answer that differs from the chosen one in text.
    for (auto it = scored.rbegin(); it != scored.rend(); ++it) {
      if (*(*it)->score >= best) break;
      if ((*it)->key == chosen->key) {
        identical_seen = true;
        continue;
      }
      result.pairs.push_back({chosen->index, (*it)->index});
      break;
    }
  } else {
    for (size_t i = 0; i < scored.size(); ++i) {
      for (size_t j = i + 1; j < scored.size(); ++j) {
        if (*scored[i]->score - *scored[j]->score <= options.margin) continue;
        if (scored[i]->key == scored[j]->key) {
          identical_seen = true;
          continue;
        }
        result.pairs.push_back({scored[i]->index, scored[j]->index});
      }
    }
    if (options.max_pairs > 0 && result.pairs.size() > options.max_pairs) {
      std::shuffle(result.pairs.begin(), result.pairs.end(), rng);
      result.pairs.resize(options.max_pairs);
      std::sort(result.pairs.begin(), result.pairs.end(), [](ChosenPair a, ChosenPair b) {
        return a.chosen != b.chosen ? a.chosen < b.chosen : a.rejected < b.rejected;
      });
    }
  }
  if (result.pairs.empty()) {
    if (identical_seen) {
      result.dropped = "identical_answers";
    } else if (options.mode == PairingOptions::Mode::kAll && options.margin > 0) {
      result.dropped = "no_pair_above_margin";
    } else {
      result.dropped = "all_tied";
    }
  }
  return result;
}

Result<PairingOptions> ReadPairingOptions(StepOptions& options, const char* default_pairs) {
  PairingOptions out;
  WINNOW_ASSIGN_OR_RETURN(std::string mode, options.GetString("pairs", default_pairs));
  if (mode == "all") {
    out.mode = PairingOptions::Mode::kAll;
  } else if (mode == "one" || mode == "best-worst" || mode == "best_worst") {
    out.mode = PairingOptions::Mode::kBestWorst;
  } else {
    return Error(
        Status::InvalidArgument("pairs must be 'all', 'one' or 'best-worst', got '" + mode + "'"));
  }
  WINNOW_ASSIGN_OR_RETURN(out.margin, options.GetDouble("margin", 0));
  WINNOW_ASSIGN_OR_RETURN(int64_t max_pairs, options.GetInt("max_pairs", 0));
  out.max_pairs = static_cast<size_t>(std::max<int64_t>(max_pairs, 0));
  if (options.Has("min_chosen_rating")) {
    WINNOW_ASSIGN_OR_RETURN(double min_chosen, options.GetDouble("min_chosen_rating", 0));
    out.min_chosen_score = min_chosen;
  }
  WINNOW_ASSIGN_OR_RETURN(int64_t seed, options.GetInt("seed", 0));
  out.seed = static_cast<uint64_t>(seed);
  return out;
}

}  // namespace winnow
