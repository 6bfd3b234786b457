#include "winnow/tasks/self_instruct.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "winnow/common/utf8.h"
#include "winnow/tasks/python_case.h"
#include "winnow/tasks/random_draw.h"
#include "winnow/text/python_chars.h"
#include "winnow/text/python_str.h"

namespace winnow::tasks {
namespace {

uint32_t CodePointAt(std::string_view text, size_t pos, size_t* next) {
  *next = pos;
  return DecodeUtf8(text, next);
}

// re.sub(r"\s+", " ", text).strip(): Python whitespace runs become one space.
std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next;
    const uint32_t cp = CodePointAt(text, pos, &next);
    if (cp != kInvalidCodePoint && IsPythonSpace(cp)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(pos, next - pos));
    }
    pos = next;
  }
  return out;
}

// Length of a match of r"\n\d+\s?\. " at `pos`, or 0. The regex cannot backtrack into another
// match: digits are neither whitespace nor '.', so a greedy scan decides.
size_t MarkerLength(std::string_view text, size_t pos) {
  if (pos >= text.size() || text[pos] != '\n') return 0;
  size_t at = pos + 1;
  size_t digits = 0;
  size_t next;
  while (at < text.size() && IsPythonDecimal(CodePointAt(text, at, &next))) {
    at = next;
    ++digits;
  }
  if (digits == 0 || at >= text.size()) return 0;
  const uint32_t cp = CodePointAt(text, at, &next);
  if (cp != kInvalidCodePoint && IsPythonSpace(cp)) at = next;
  if (text.substr(at, 2) != ". ") return 0;
  return at + 2 - pos;
}

bool IsWordAt(std::string_view text, size_t pos) {
  size_t next;
  return pos < text.size() && IsPythonWordChar(CodePointAt(text, pos, &next));
}

bool IsWordBefore(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return IsWordAt(text, start);
}

// Length in bytes of a case-insensitive match of `word` at text[pos], or npos.
size_t MatchIgnoringCase(std::string_view text, size_t pos, std::string_view word) {
  size_t at = pos;
  size_t in_word = 0;
  while (in_word < word.size()) {
    if (at >= text.size()) return std::string_view::npos;
    const uint32_t expected = DecodeUtf8(word, &in_word);
    if (expected == kInvalidCodePoint) return std::string_view::npos;  // bad bytes match nothing
    if (!IgnoreCaseEqual(DecodeUtf8(text, &at), expected)) return std::string_view::npos;
  }
  return at - pos;
}

// re.search(r"\b(" + word + r")\b", text, re.IGNORECASE) with `word` taken literally.
bool ContainsWord(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  const bool word_starts_word = IsWordAt(word, 0);
  size_t last = word.size() - 1;
  while (last > 0 && (static_cast<unsigned char>(word[last]) & 0xC0) == 0x80) --last;
  const bool word_ends_word = IsWordAt(word, last);
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) continue;
    if (IsWordBefore(text, pos) == word_starts_word) continue;  // no \b before
    const size_t length = MatchIgnoringCase(text, pos, word);
    if (length == std::string_view::npos) continue;
    if (IsWordAt(text, pos + length) != word_ends_word) return true;  // \b after
  }
  return false;
}

// Python's string.punctuation.
bool IsAsciiPunctuation(unsigned char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// random.sample(pool, k): k distinct elements (here by a partial Fisher-Yates over indices).
void SampleInto(std::span<const std::string> pool, size_t k, std::mt19937_64& rng,
                std::vector<std::string>* out) {
  std::vector<size_t> indices(pool.size());
  std::iota(indices.begin(), indices.end(), size_t{0});
  k = std::min(k, pool.size());
  for (size_t i = 0; i < k; ++i) {
    const size_t j = i + static_cast<size_t>(UniformBelow(rng, indices.size() - i));
    std::swap(indices[i], indices[j]);
    out->push_back(pool[indices[i]]);
  }
}

}  // namespace

std::string BuildSelfInstructPrompt(std::span<const std::string> instructions,
                                    bool classification) {
  std::string prompt = classification ? "Come up with a series of classification tasks. Try to "
                                        "specify the possible output labels when possible.\n"
                                      : "Come up with a series of tasks:\n";
  for (size_t i = 0; i < instructions.size(); ++i) {
    std::string collapsed = CollapseWhitespace(instructions[i]);
    while (!collapsed.empty() && collapsed.back() == ':') collapsed.pop_back();
    prompt += fmt::format("{}. {}\n", i + 1, collapsed);
  }
  prompt += fmt::format("{}.", instructions.size() + 1);
  return prompt;
}

std::vector<std::string> SplitSelfInstructResponse(std::string_view text) {
  // A leading "\n" lets the split consume a number marker at the very start of the answer.
  std::string body = "\n";
  body.append(PythonLStrip(text));
  std::vector<std::string> instructions;
  size_t piece_start = 0;
  auto take_piece = [&](size_t end) {
    std::string normalized = NormalizeSelfInstructInstruction(
        std::string_view(body).substr(piece_start, end - piece_start));
    if (!normalized.empty()) instructions.push_back(std::move(normalized));
  };
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t length = MarkerLength(body, pos);
    if (length == 0) {
      ++pos;
      continue;
    }
    take_piece(pos);
    pos += length;
    piece_start = pos;
  }
  take_piece(body.size());
  return instructions;
}

std::string NormalizeSelfInstructInstruction(std::string_view instruction) {
  return PythonCapitalize(CollapseWhitespace(instruction));
}

std::vector<std::string> DefaultSelfInstructBlocklist() {
  return {"image", "images", "graph", "graphs", "picture", "pictures", "file",
          "files", "map",    "maps",  "draw",   "plot",    "go to"};
}

std::optional<std::string> SelfInstructRejectReason(std::string_view instruction,
                                                    const RougePool& pool,
                                                    const SelfInstructFilterOptions& options) {
  if (instruction.empty()) return "empty";
  const size_t words = CountPythonWords(instruction, nullptr);
  if (words < options.min_words) return "too_short";
  if (words > options.max_words) return "too_long";
  for (const std::string& word : options.blocklist) {
    if (ContainsWord(instruction, word)) return "blocklist:" + word;
  }
  if (instruction.starts_with("Write a program")) return "write_a_program";
  const auto first = static_cast<unsigned char>(instruction[0]);
  if (IsAsciiPunctuation(first)) return "starts_with_punctuation";
  if (first >= 0x80) return "non_ascii_start";
  const double score = pool.MaxScore(RougeTokenize(instruction), options.max_similarity);
  if (score > options.max_similarity) return fmt::format("similar:{:.2f}", score);
  return std::nullopt;
}

std::vector<std::string> SampleSelfInstructExamples(std::span<const std::string> human,
                                                    std::span<const std::string> machine,
                                                    std::mt19937_64& rng, size_t num_examples,
                                                    size_t max_machine) {
  std::vector<std::string> examples;
  examples.reserve(num_examples);
  SampleInto(machine, std::min(max_machine, num_examples), rng, &examples);
  SampleInto(human, num_examples - examples.size(), rng, &examples);
  ShuffleInPlace(std::span<std::string>(examples), rng);
  return examples;
}

}  // namespace winnow::tasks
