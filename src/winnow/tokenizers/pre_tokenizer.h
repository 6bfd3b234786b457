#pragma once

// PreTokenizer: cuts normalised text into the words the model tokenizes one at a time, as the
// Hugging Face library's pre_tokenizers do. Pieces stream through a callback instead of being
// collected, so a chain of pre-tokenizers (Sequence) allocates nothing per piece unless a step
// rewrites text (ByteLevel, Metaspace). Empty pieces are never emitted (the library drops them).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/tokenizers/split_pattern.h"

namespace winnow::tokenizers {

// Receives one piece. `text` is valid only during the call. `at_text_start` is true when the
// piece begins at offset 0 of the text given to Encode (Metaspace's prepend_scheme "first").
class PieceSink {
 public:
  template <typename F>
  PieceSink(F& function)  // NOLINT(google-explicit-constructor): borrows `function`
      : object_(&function), call_([](void* object, std::string_view text, bool at_text_start) {
          (*static_cast<F*>(object))(text, at_text_start);
        }) {}
  void operator()(std::string_view text, bool at_text_start) const {
    call_(object_, text, at_text_start);
  }

 private:
  void* object_;
  void (*call_)(void*, std::string_view, bool);
};

// Immutable and thread-safe.
class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Emits the pieces of `text` (valid UTF-8, not empty) in order.
  virtual void PreTokenize(std::string_view text, bool at_text_start,
                           const PieceSink& emit) const = 0;
};

// What a split does with the matched delimiters (the library's SplitDelimiterBehavior).
enum class SplitBehavior { kRemoved, kIsolated, kMergedWithPrevious, kMergedWithNext, kContiguous };

// Cuts `text` at `matches` (ordered, disjoint, non-empty spans) and emits the pieces that
// `behavior` keeps. With `invert`, the matches are the kept text and the gaps the delimiters.
void EmitSplits(std::string_view text, const std::vector<Span>& matches, SplitBehavior behavior,
                bool invert, bool at_text_start, const PieceSink& emit);

// The pre-tokenizers of tokenizer.json.
std::unique_ptr<PreTokenizer> NewSplitPreTokenizer(std::unique_ptr<SplitPattern> pattern,
                                                   SplitBehavior behavior, bool invert);
// `map_bytes` false leaves pieces as raw bytes instead of spelling them in the byte-level
// alphabet; the loader does that when a byte-level BPE's vocabulary was decoded to raw bytes.
std::unique_ptr<PreTokenizer> NewByteLevelPreTokenizer(bool add_prefix_space, bool use_regex,
                                                       bool map_bytes);
std::unique_ptr<PreTokenizer> NewWhitespacePreTokenizer();       // \w+|[^\w\s]+
std::unique_ptr<PreTokenizer> NewWhitespaceSplitPreTokenizer();  // runs of non-whitespace
std::unique_ptr<PreTokenizer> NewBertPreTokenizer();  // whitespace, then each punctuation mark
std::unique_ptr<PreTokenizer> NewPunctuationPreTokenizer(SplitBehavior behavior);
std::unique_ptr<PreTokenizer> NewDigitsPreTokenizer(bool individual_digits);
std::unique_ptr<PreTokenizer> NewCharDelimiterPreTokenizer(uint32_t delimiter);
enum class PrependScheme { kAlways, kFirst, kNever };
std::unique_ptr<PreTokenizer> NewMetaspacePreTokenizer(uint32_t replacement, PrependScheme prepend,
                                                       bool split);
std::unique_ptr<PreTokenizer> NewSequencePreTokenizer(
    std::vector<std::unique_ptr<PreTokenizer>> steps);

}  // namespace winnow::tokenizers
