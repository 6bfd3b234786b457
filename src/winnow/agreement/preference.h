#pragma once

// A pairwise verdict: which of two answers (A shown first, B second) is better, or neither.

#include <optional>
#include <string_view>

namespace winnow {

// The numbers are how preferences travel with numeric ratings (rating_pairs.h).
enum class Preference { kA = 0, kB = 1, kTie = 2 };

// "A", "B", "tie".
std::string_view PreferenceName(Preference preference);

// A verdict as judges and annotation tools write it, ignoring case and surrounding spaces:
//   A:   "a", "model_a", "response_a", "answer_a", "first"
//   B:   "b", "model_b", "response_b", "answer_b", "second"
//   tie: "tie", "draw", "equal", "tie (bothbad)", "both_bad", "both_good"
// nullopt for anything else (numbers included: whether 1 means A or "first is better" is the
// data's convention, not ours to guess).
std::optional<Preference> ParsePreference(std::string_view text);

}  // namespace winnow
