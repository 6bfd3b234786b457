#pragma once

// SplitPattern: finds where a pre-tokenizer cuts text. tokenizer.json spells its patterns as
// Oniguruma regexes (`\p{L}`, `(?i:...)`, `(?!\S)`), which ICU's regex engine understands and RE2
// does not. The GPT-2, Llama-3 (cl100k-style) and Qwen2 patterns, which nearly every byte-level
// tokenizer uses, are recognised by their exact text and run by hand-written scanners instead:
// several times faster, and proven equal to the ICU path by tests/tokenizers/split_pattern_test.cc.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"

namespace winnow::tokenizers {

// A byte range [begin, end) of a text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  bool operator==(const Span&) const = default;
};

// Immutable and thread-safe after construction.
class SplitPattern {
 public:
  virtual ~SplitPattern() = default;
  // Appends to *matches the non-empty matches of the pattern in `text` (valid UTF-8), leftmost
  // first and non-overlapping, as repeated regex searches find them. Empty matches are dropped:
  // they cut nothing.
  virtual void FindMatches(std::string_view text, std::vector<Span>* matches) const = 0;
};

// The pattern of GPT-2's ByteLevel pre-tokenizer (also what `use_regex: true` means).
inline constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
// Llama-3's Split pattern (tiktoken's cl100k_base).
inline constexpr std::string_view kLlama3Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
// Qwen2's: Llama-3's with single digits.
inline constexpr std::string_view kQwen2Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// A regex as tokenizer.json holds it: a fast scanner for the three patterns above, ICU otherwise.
// InvalidInput naming the error and its offset when ICU rejects the pattern.
Result<std::unique_ptr<SplitPattern>> CompileSplitRegex(std::string_view pattern);

// Always ICU's engine (the reference the fast scanners are tested against).
Result<std::unique_ptr<SplitPattern>> CompileIcuRegex(std::string_view pattern);

// Every occurrence of `literal`, left to right (tokenizer.json's {"String": ...} patterns).
std::unique_ptr<SplitPattern> NewLiteralPattern(std::string literal);

// The hand-written scanners. `max_digits` is 3 for Llama-3's \p{N}{1,3}, 1 for Qwen2's \p{N}.
std::unique_ptr<SplitPattern> NewGpt2Pattern();
std::unique_ptr<SplitPattern> NewLlama3StylePattern(int max_digits);

}  // namespace winnow::tokenizers
