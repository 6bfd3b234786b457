#pragma once

// UnigramModel: word frequencies of a whole dataset, for the descriptives' entropy and
// perplexity ("a unigram model fitted on the dataset itself"): maximum-likelihood probabilities
// of lowercased words (ASCII lowercasing), so every word of the dataset has a probability and no
// smoothing is needed. Built by UnigramCountStep in a first pass over the input.
//
//   entropy(text)    = -(1/N) * sum over the text's N words of log2 p(word)   (bits per word)
//   perplexity(text) = 2 ^ entropy(text)

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "winnow/common/hash.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/text_view.h"
#include "winnow/text/word_splitter.h"

namespace winnow {

class UnigramModel {
 public:
  void Add(std::string_view lowered_word, uint64_t count = 1);
  void Merge(const UnigramModel& other);
  uint64_t total() const { return total_; }
  size_t vocabulary() const { return counts_.size(); }
  // log2 p(word); words the model never saw get the probability of one occurrence.
  double Log2Probability(std::string_view lowered_word) const;

 private:
  std::unordered_map<std::string, uint64_t, StringViewHash, std::equal_to<>> counts_;
  uint64_t total_ = 0;
};

// "The" -> "the" (ASCII only; the model and the scoring use the same rule).
void LowerAsciiWord(std::string_view word, std::string* out);

// Words as the descriptives count them: tokens with a character outside the punctuation set.
bool IsDescriptiveWord(std::string_view token);

// Pass 1: counts the words of `view` over all records (parallel; per-worker models merged).
class UnigramCountStep : public Step {
 public:
  explicit UnigramCountStep(TextView view);
  ~UnigramCountStep() override;
  std::string_view name() const override { return "unigram_count"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;
  UnigramModel TakeModel();

 private:
  struct Worker;
  TextView view_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace winnow
