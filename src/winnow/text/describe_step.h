#pragma once

// describe: adds text descriptives (descriptives.h) as columns and summarises them over the
// dataset. For a chat message list it also adds conversation descriptives: turns, turns and
// characters per role, the last turn's length, and whether the conversation ends on an assistant
// filler turn ("You're welcome", "Glad I could help"). Dataset-level diversity (distinct-n for
// n = 1..4: distinct word n-grams / all word n-grams, distinct counted with HyperLogLog, about 1 %
// error) is part of the summary. Parallel; per-worker accumulators merged at the end.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/text_view.h"
#include "winnow/stats/profile.h"
#include "winnow/text/descriptives.h"
#include "winnow/text/unigram_model.h"
#include "winnow/tokenizers/tokenizer.h"

namespace winnow {

struct DescribeOptions {
  TextView view;  // the text described (default: field "text")
  uint32_t groups = kAllTextGroups;
  std::string prefix;        // column name prefix ("" by default: flesch_reading_ease, ...)
  bool conversation = true;  // add conversation descriptives for message lists
  std::string hyphen_dictionary = kDefaultHyphenDictionary;
  // A model's tokenizer: adds n_model_tokens (and per role for conversations). Shared by workers.
  std::shared_ptr<const Tokenizer> tokenizer;
  // The dataset's unigram model, for the entropy group (built by UnigramCountStep first).
  std::shared_ptr<const UnigramModel> unigram;
};

struct DescribeSummary {
  uint64_t records = 0;
  std::vector<std::pair<std::string, NumericSummary>> metrics;  // column name -> summary
  // distinct-n: n -> (estimated distinct n-grams, total n-grams).
  std::vector<std::pair<uint64_t, uint64_t>> distinct_ngrams;
  bool hyphenation_dictionary = true;  // false: syllables came from the vowel-group fallback
};

class DescribeStep : public Step {
 public:
  explicit DescribeStep(DescribeOptions options);
  ~DescribeStep() override;
  std::string_view name() const override { return "describe"; }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

  DescribeSummary Summary() const;
  // For the entropy group: the model the first pass built (call before the run).
  void SetUnigramModel(std::shared_ptr<const UnigramModel> model) {
    options_.unigram = std::move(model);
  }
  const TextView& view() const { return options_.view; }
  uint32_t groups() const { return options_.groups; }

 private:
  struct Worker;
  Status DescribeRecord(Record& record, Worker& worker, simdjson::dom::parser& parser);
  Status AddConversation(Record& record, simdjson::dom::element messages, Worker& worker,
                         simdjson::dom::parser& parser);
  Status SetMetric(Record& record, const std::string& name, double value, Worker& worker,
                   simdjson::dom::parser& parser);

  DescribeOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

// Options: field, roles, role_prefix, groups (descriptive_stats,readability,quality | all),
// prefix, conversation (bool), hyphen_dictionary, tokenizer (path).
Result<std::unique_ptr<Step>> CreateDescribeStep(StepOptions& options);

// Text and JSON renderings of the summary.
std::string DescribeSummaryText(const DescribeSummary& summary);
std::string DescribeSummaryJson(const DescribeSummary& summary);

}  // namespace winnow
