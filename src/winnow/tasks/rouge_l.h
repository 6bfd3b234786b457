#pragma once

// ROUGE-L as Google's rouge_score computes it (rouge_scorer.RougeScorer(["rougeL"],
// use_stemmer=False)), for Self-Instruct's rule that a new instruction is kept only when its
// ROUGE-L F-measure with every instruction already in the pool is at most 0.7.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::tasks {

// rouge_score's default tokenizer without stemming: Python lower(), every run of characters
// other than [a-z0-9] becomes a separator, empty pieces dropped. So punctuation splits words
// ("don't" -> "don", "t") and every non-ASCII letter is dropped ("café" -> "caf"), except the two
// whose lower case is ASCII: U+0130 (İ -> i) and U+212A (Kelvin sign -> k).
std::vector<std::string> RougeTokenize(std::string_view text);

// ROUGE-L F-measure of two token lists, computed as rouge_score does so that results agree to
// the last bit: lcs = longest common subsequence length, precision = lcs / |prediction|,
// recall = lcs / |target|, F = 2PR / (P + R); 0 when either list is empty or lcs is 0.
double RougeLF(std::span<const std::string> target, std::span<const std::string> prediction);

// A growing set of tokenised instructions to compare new instructions against. Tokens are
// interned to integers and stored in one flat array, so a comparison is a two-row LCS over ints.
//
// Thread safety: const methods may run concurrently; Add must not run alongside anything else.
class RougePool {
 public:
  // Adds one instruction's tokens (as RougeTokenize returns them).
  void Add(std::span<const std::string> tokens);

  size_t size() const { return offsets_.size() - 1; }

  // The highest RougeLF(candidate, entry) over the pool's entries, or 0 for an empty pool.
  // Returns early, as soon as one score exceeds `stop_at`, with that score: callers that only
  // ask "is any score above 0.7?" pass 0.7 and stop at the first hit. With stop_at >= 1 (the
  // default) the exact maximum is returned. Entries whose length alone bounds their score at or
  // below the best so far are skipped without computing their LCS.
  double MaxScore(std::span<const std::string> candidate, double stop_at = 1.0) const;

 private:
  std::unordered_map<std::string, int32_t> ids_;
  std::vector<int32_t> tokens_;        // every entry's token ids, one after another
  std::vector<size_t> offsets_ = {0};  // entry i is tokens_[offsets_[i], offsets_[i + 1])
};

}  // namespace winnow::tasks
