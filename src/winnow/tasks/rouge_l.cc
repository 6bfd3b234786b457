#include "winnow/tasks/rouge_l.h"

#include <algorithm>

#include "winnow/common/utf8.h"

namespace winnow::tasks {
namespace {

// 'İ'.lower() is "i" + U+0307: an i that ends its token, since the combining dot separates.
constexpr uint32_t kCapitalIWithDot = 0x0130;

// The ASCII character a code point contributes to a rouge_score token after Python's lower(),
// or 0 when it separates tokens.
char TokenChar(uint32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp + 32);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return static_cast<char>(cp);
    return 0;
  }
  if (cp == kCapitalIWithDot) return 'i';
  if (cp == 0x212A) return 'k';  // the Kelvin sign lowers to k
  return 0;
}

// Length of the longest common subsequence of two id sequences: the classic DP kept to two rows.
// `row` is scratch space of b.size() + 1 entries.
size_t LcsLength(std::span<const int32_t> a, std::span<const int32_t> b, std::vector<size_t>* row) {
  row->assign(b.size() + 1, 0);
  size_t* prev_row = row->data();
  for (int32_t token : a) {
    size_t diagonal = 0;  // prev_row[j - 1] before this pass overwrote it
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = prev_row[j];
      prev_row[j] = token == b[j - 1] ? diagonal + 1 : std::max(above, prev_row[j - 1]);
      diagonal = above;
    }
  }
  return prev_row[b.size()];
}

// rouge_score's scoring.fmeasure over _score_lcs, operation for operation.
double FMeasure(size_t lcs, size_t target_size, size_t prediction_size) {
  if (target_size == 0 || prediction_size == 0) return 0.0;
  const double precision = static_cast<double>(lcs) / static_cast<double>(prediction_size);
  const double recall = static_cast<double>(lcs) / static_cast<double>(target_size);
  if (precision + recall > 0) return 2 * precision * recall / (precision + recall);
  return 0.0;
}

}  // namespace

std::vector<std::string> RougeTokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  size_t pos = 0;
  while (pos < text.size()) {
    const uint32_t cp = DecodeUtf8(text, &pos);
    const char c = TokenChar(cp);
    if (c != 0) current.push_back(c);
    if ((c == 0 || cp == kCapitalIWithDot) && !current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

double RougeLF(std::span<const std::string> target, std::span<const std::string> prediction) {
  RougePool pool;
  pool.Add(prediction);
  return pool.MaxScore(target);
}

void RougePool::Add(std::span<const std::string> tokens) {
  for (const std::string& token : tokens) {
    auto [it, inserted] = ids_.try_emplace(token, static_cast<int32_t>(ids_.size()));
    tokens_.push_back(it->second);
  }
  offsets_.push_back(tokens_.size());
}

double RougePool::MaxScore(std::span<const std::string> candidate, double stop_at) const {
  // A candidate token the pool has never seen can match nothing: -1 is no entry's id.
  std::vector<int32_t> ids;
  ids.reserve(candidate.size());
  for (const std::string& token : candidate) {
    auto it = ids_.find(token);
    ids.push_back(it == ids_.end() ? -1 : it->second);
  }
  std::vector<size_t> row;
  double best = 0.0;
  const size_t n = ids.size();
  for (size_t i = 0; i + 1 < offsets_.size(); ++i) {
    std::span<const int32_t> entry(tokens_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    // lcs <= min(n, m), so F <= 2 min(n, m) / (n + m): skip entries that cannot beat `best`.
    const size_t shorter = std::min(n, entry.size());
    if (shorter == 0 || FMeasure(shorter, n, entry.size()) <= best) continue;
    const double score = FMeasure(LcsLength(ids, entry, &row), n, entry.size());
    if (score > best) best = score;
    if (best > stop_at) break;
  }
  return best;
}

}  // namespace winnow::tasks
