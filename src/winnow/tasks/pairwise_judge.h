#pragma once

// Pairwise judging as MT-Bench does it (Zheng et al. 2023, github.com/lm-sys/FastChat,
// fastchat/llm_judge/data/judge_prompts.jsonl): the judge compares two answers to one question
// and ends with "[[A]]", "[[B]]" or "[[C]]" (tie). To cancel position bias the caller asks twice,
// with the answers in both orders, and combines the two verdicts with CombineBothOrders.
//
// Thread safety: every function is safe to call concurrently.

#include <optional>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::tasks {

// Which answer the judge preferred, by position in the prompt.
enum class PairwiseVerdict { kA, kB, kTie };

// "A", "B", "tie".
std::string_view PairwiseVerdictName(PairwiseVerdict verdict);

// The system and user messages of MT-Bench's "pair-v2" prompt, or "pair-math-v1" (compare both
// answers with a reference answer, correctness first) when `reference` is given.
std::vector<llm::Message> BuildPairwiseMessages(std::string_view question,
                                                std::string_view answer_a,
                                                std::string_view answer_b,
                                                std::optional<std::string_view> reference);

// The verdict in a judge's answer: the "[[A]]", "[[B]]" or "[[C]]" it contains. Repeating the
// same verdict is accepted; an answer with none, or with two different ones (a judge quoting the
// format back, then deciding), is an InvalidInput error, so the engine can ask again. MT-Bench
// itself took the first of A, B, C found, in that order.
Result<PairwiseVerdict> ParsePairwise(std::string_view answer);

// The outcome of asking in both orders.
enum class PairwiseOutcome {
  kFirstWins,     // both calls preferred the first answer
  kSecondWins,    // both calls preferred the second answer
  kTie,           // both calls said tie
  kInconsistent,  // the calls disagree: the preference moved with the position
};

// "first", "second", "tie", "inconsistent".
std::string_view PairwiseOutcomeName(PairwiseOutcome outcome);

// Combines `first_vs_second` (the first answer shown as A) with `second_vs_first` (the second
// answer shown as A), as MT-Bench does: a win counts only when both orders agree; any other pair
// is kInconsistent, which MT-Bench scores as a tie, and which must never become a preference
// pair (neither must kTie).
PairwiseOutcome CombineBothOrders(PairwiseVerdict first_vs_second, PairwiseVerdict second_vs_first);

}  // namespace winnow::tasks
