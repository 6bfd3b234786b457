#pragma once

// Self-Instruct (Wang et al. 2022, github.com/yizhongw/self-instruct,
// self_instruct/bootstrap_instructions.py): the prompt that shows 8 numbered instructions and
// lets the model continue the list, the split of its answer into instructions, and the filters a
// new instruction must pass before it joins the pool. Everything here is pure and deterministic;
// the engine sends the prompt (a completion-style prompt; the original used GPT-3 with
// temperature 0.7, top_p 0.5, presence_penalty 2, max_tokens 1024 and stop sequences
// "\n\n", "\n16", "16.", "16 ."), drops answers cut off by the length limit (as the original
// does), and adds kept instructions to the RougePool.
//
// Thread safety: every function is safe to call concurrently.

#include <cstddef>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/tasks/rouge_l.h"

namespace winnow::tasks {

// The original's request settings, for the engine.
inline constexpr size_t kSelfInstructExamplesPerPrompt = 8;
inline constexpr size_t kSelfInstructMaxMachineExamples = 2;

// encode_prompt(): "Come up with a series of tasks:\n", then "<i>. <instruction>\n" for each
// instruction (whitespace runs collapsed to one space, stripped, trailing ':' removed), then
// "<n + 1>." with nothing after it, so the model writes instruction n + 1. With
// `classification` the first line is the original's classification variant.
std::string BuildSelfInstructPrompt(std::span<const std::string> instructions,
                                    bool classification = false);

// post_process_gpt3_response()'s split: the answer is cut at every match of the Python regex
// r"\n\d+\s?\. " (\d and \s in their Unicode sense) and each piece normalised with
// NormalizeSelfInstructInstruction; empty pieces are dropped. A completion model continues
// after the prompt's "9." so the first piece is instruction 9; a chat model often restates the
// number ("9. Write ..."), so a number marker at the very start of the answer is removed too
// (the original would have kept "9. write ..." as an instruction).
std::vector<std::string> SplitSelfInstructResponse(std::string_view text);

// The original's normalisation before every check: re.sub(r"\s+", " ", s).strip(), then
// str.capitalize() (first character title case, the rest lower case).
std::string NormalizeSelfInstructInstruction(std::string_view instruction);

// The original keyword blocklist: image(s), graph(s), picture(s), file(s), map(s), draw, plot,
// go to.
std::vector<std::string> DefaultSelfInstructBlocklist();

struct SelfInstructFilterOptions {
  // Fewest and most words (Python str.split()) an instruction may have. The original keeps
  // 4 to 150 (it drops len(split()) <= 3 or > 150).
  size_t min_words = 4;
  size_t max_words = 150;
  // Words and phrases that reject an instruction when found as a whole word, ignoring case
  // (the original's re.search(r"\b(word)\b", s, re.IGNORECASE); here the word is matched
  // literally, not as a regex). Default: DefaultSelfInstructBlocklist().
  std::vector<std::string> blocklist = DefaultSelfInstructBlocklist();
  // An instruction whose ROUGE-L F with some pool entry is above this is rejected (original:
  // 0.7, strictly greater).
  double max_similarity = 0.7;
};

// Why Self-Instruct would drop `instruction` (already normalised, as SplitSelfInstructResponse
// returns it), or nullopt to keep it. Checks run in the original's order and the first failure
// is reported:
//   "empty"                    nothing left after normalisation (the original skips these)
//   "too_short", "too_long"    word count outside [min_words, max_words]
//   "blocklist:<word>"         a blocklisted word or phrase occurs
//   "write_a_program"          starts with "Write a program" (the original's comment: the model
//                              tends to append it to existing instructions)
//   "starts_with_punctuation"  the first character is ASCII punctuation (string.punctuation)
//   "non_ascii_start"          the first character is not ASCII
//   "similar:<F>"              ROUGE-L F with some pool entry > max_similarity; <F> is that
//                              score with two decimals (the first score found above the
//                              threshold, not necessarily the highest)
// The text before ':' is a stable name for counters; what follows is detail.
std::optional<std::string> SelfInstructRejectReason(std::string_view instruction,
                                                    const RougePool& pool,
                                                    const SelfInstructFilterOptions& options = {});

// The examples for one prompt, as the original samples them: up to `max_machine` distinct
// machine-generated instructions, then distinct human (seed) instructions to make
// `num_examples` in all, the whole list shuffled. When there are too few human instructions,
// all of them are used (the original would raise). Draws come from `rng` only, identically with
// every standard library, so the caller's seed fixes the prompt (the draws differ from Python's
// random module).
std::vector<std::string> SampleSelfInstructExamples(
    std::span<const std::string> human, std::span<const std::string> machine, std::mt19937_64& rng,
    size_t num_examples = kSelfInstructExamplesPerPrompt,
    size_t max_machine = kSelfInstructMaxMachineExamples);

}  // namespace winnow::tasks
