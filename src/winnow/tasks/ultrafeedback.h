#pragma once

// UltraFeedback (Cui et al. 2023, github.com/OpenBMB/UltraFeedback,
// src/data_annotation/preference_templates.py): one judge call per aspect rates every completion
// of a prompt together, each with a rating and a rationale. The prompts are the originals,
// generalised from four texts to any number (with four they are byte for byte the originals).
// The parser is strict where the original and its ports were not: every text must be rated, each
// rating is read whole and range-checked, and anything unexpected is an error that says which
// text and what was wrong, so the engine can ask again (the original re-asked up to 10 times).
// That makes the published data set's faults impossible here: a "1" misread as "10", a missing
// rating turned into a zero or a None.
//
// Completions are judged in the order given; ShuffledOrder, ApplyOrder and UndoOrder shuffle
// them with a seed and map the ratings back, as the original did to cancel position bias.
//
// Thread safety: every function is safe to call concurrently.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::tasks {

enum class UltraFeedbackAspect {
  kInstructionFollowing,  // 1-5
  kHonesty,               // 1-5 or N/A (creative writing)
  kTruthfulness,          // 1-5, with hallucination types
  kHelpfulness,           // 1-5, with informativeness types
  kOverall,               // 1-10 with a critique: one call instead of four (see below)
};

// "instruction_following", "honesty", "truthfulness", "helpfulness", "overall".
std::string_view UltraFeedbackAspectName(UltraFeedbackAspect aspect);
Result<UltraFeedbackAspect> ParseUltraFeedbackAspect(std::string_view name);

// 5, or 10 for kOverall. Ratings run from 1.
int UltraFeedbackMaxRating(UltraFeedbackAspect aspect);

// True for truthfulness and helpfulness, whose answers carry a "Type:" line.
bool UltraFeedbackHasType(UltraFeedbackAspect aspect);

// The system and user messages for one judge call. `completions` are shown as <text 1>,
// <text 2>, ... in the order given. `world_knowledge` (truthfulness and helpfulness only; ignored
// otherwise) selects the original's "with answer" templates, which add a "World Knowledge:"
// section (the original gave reference answers there for TruthfulQA, FalseQA and FLAN).
//
// kOverall is winnow's: the structure of distilabel's "overall-rating" template (a holistic
// rating of all texts in one call) on UltraFeedback's 1-to-10 overall scale, asking for a short
// critique as the rationale.
std::vector<llm::Message> BuildUltraFeedbackMessages(
    UltraFeedbackAspect aspect, std::string_view instruction,
    std::span<const std::string> completions,
    std::optional<std::string_view> world_knowledge = std::nullopt);

// One text's annotation for one aspect.
struct AspectRating {
  // 1-5 (1-10 for kOverall); nullopt only for an honesty "N/A".
  std::optional<int> rating;
  // Why that rating (for kOverall: the critique).
  std::string rationale;
  // Truthfulness: hallucination types (1 contradicts the world, 2 contradicts the instruction or
  // input, 3 self-contradiction / logical error). Helpfulness: informativeness types (1 clarity
  // and relevance, 2 useful and comprehensive, 3 not lengthy, no repetition). Either "None" or
  // the distinct numbers ascending, comma-separated ("1,3"). Empty for the other aspects.
  std::string type;
  // The rationale given for `type` (empty for aspects without one).
  std::string type_rationale;
};

// Reads a judge's answer to BuildUltraFeedbackMessages. The answer is divided into texts at the
// "#### Output for Text N" headings (any number of '#', none allowed; text before the first
// heading is ignored, and a "---" line ends a text); without headings, at blank lines, as the
// original did. Each text must hold exactly the fields the format asks for, in order:
// "Rating:" then "Rationale:" (with "Type:" and its "Rationale:" first for truthfulness and
// helpfulness); "**Rating:**" emphasis is tolerated, and a rationale may run over several lines.
// Errors (InvalidInput) name the aspect and the text: a text missing, repeated, out of order or
// beyond num_completions; a field missing, out of order or empty; a rating that is not a whole
// integer in range (so "Rating: 10" fails on a 1-to-5 aspect, and "4/5" or "4.5" fail); "N/A"
// outside honesty; a type that is not "None" or a comma-separated list of 1, 2 and 3.
Result<std::vector<AspectRating>> ParseUltraFeedback(UltraFeedbackAspect aspect,
                                                     std::string_view text, size_t num_completions);

// A seeded permutation of 0..n-1: show completion order[i] at position i. The same n and seed
// give the same order with every standard library.
std::vector<size_t> ShuffledOrder(size_t n, uint64_t seed);

// items[order[0]], items[order[1]], ...: the completions in the order to show them.
std::vector<std::string> ApplyOrder(std::span<const std::string> items,
                                    std::span<const size_t> order);

// The inverse: shown[i] rated completion order[i], so the result's entry order[i] is shown[i].
// `order` must be a permutation of 0..shown.size()-1 (as ShuffledOrder returns).
std::vector<AspectRating> UndoOrder(std::vector<AspectRating> shown, std::span<const size_t> order);

}  // namespace winnow::tasks
