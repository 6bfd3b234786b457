#include "winnow/text/unigram_model.h"

#include <cmath>

#include "winnow/common/utf8.h"
#include "winnow/text/punctuation.h"

namespace winnow {

void LowerAsciiWord(std::string_view word, std::string* out) {
  out->assign(word);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
}

bool IsDescriptiveWord(std::string_view token) {
  for (size_t pos = 0; pos < token.size();) {
    if (!IsPunctuation(DecodeUtf8(token, &pos))) return true;
  }
  return false;
}

void UnigramModel::Add(std::string_view lowered_word, uint64_t count) {
  auto it = counts_.find(lowered_word);
  if (it == counts_.end()) {
    counts_.emplace(std::string(lowered_word), count);
  } else {
    it->second += count;
  }
  total_ += count;
}

void UnigramModel::Merge(const UnigramModel& other) {
  for (const auto& [word, count] : other.counts_) Add(word, count);
}

double UnigramModel::Log2Probability(std::string_view lowered_word) const {
  auto it = counts_.find(lowered_word);
  const double count = it == counts_.end() ? 1.0 : static_cast<double>(it->second);
  return std::log2(count / static_cast<double>(std::max<uint64_t>(total_, 1)));
}

struct UnigramCountStep::Worker {
  WordSplitter splitter;
  std::vector<std::string_view> tokens;
  std::string scratch;
  std::string lowered;
  UnigramModel model;
};

UnigramCountStep::UnigramCountStep(TextView view) : view_(std::move(view)) {}
UnigramCountStep::~UnigramCountStep() = default;

Status UnigramCountStep::Open(size_t worker_count) {
  workers_.clear();
  for (size_t i = 0; i < worker_count; ++i) workers_.push_back(std::make_unique<Worker>());
  return Status::OK();
}

Status UnigramCountStep::Process(Batch& batch, StepContext& ctx) {
  Worker& worker = *workers_[ctx.worker_index];
  for (Record& record : batch.records) {
    // Records that do not parse are the describe pass's to reject; here they count nothing.
    if (!record.parsed() && !record.Parse(*ctx.parser).ok()) continue;
    worker.splitter.Split(view_.Get(record, &worker.scratch), &worker.tokens);
    for (std::string_view token : worker.tokens) {
      if (!IsDescriptiveWord(token)) continue;
      LowerAsciiWord(token, &worker.lowered);
      worker.model.Add(worker.lowered);
    }
  }
  return Status::OK();
}

UnigramModel UnigramCountStep::TakeModel() {
  UnigramModel merged;
  for (auto& worker : workers_) merged.Merge(worker->model);
  workers_.clear();
  return merged;
}

}  // namespace winnow
