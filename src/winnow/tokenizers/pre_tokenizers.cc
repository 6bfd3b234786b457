#include <optional>

#include "winnow/common/utf8.h"
#include "winnow/tokenizers/byte_level.h"
#include "winnow/tokenizers/pre_tokenizer.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

// A piece being built: [begin, end) of the text.
struct Cut {
  size_t begin;
  size_t end;
};

// The library's NormalizedString::split: the text as alternating (span, is_delimiter) parts,
// folded according to the behaviour, then emitted.
class SplitFolder {
 public:
  SplitFolder(std::string_view text, SplitBehavior behavior, bool at_text_start,
              const PieceSink& emit)
      : text_(text), behavior_(behavior), at_text_start_(at_text_start), emit_(emit) {}

  // Parts arrive left to right; together they cover the text.
  void Add(size_t begin, size_t end, bool is_delimiter) {
    switch (behavior_) {
      case SplitBehavior::kRemoved:
        if (!is_delimiter) Emit(begin, end);
        break;
      case SplitBehavior::kIsolated:
        Emit(begin, end);
        break;
      case SplitBehavior::kContiguous:
        // Runs of delimiters become one piece, runs of text another.
        if (pending_ && is_delimiter == previous_is_delimiter_) {
          pending_->end = end;
        } else {
          Flush();
          pending_ = Cut{begin, end};
        }
        break;
      case SplitBehavior::kMergedWithPrevious:
        // A delimiter closes the text piece before it.
        if (pending_ && is_delimiter && !previous_is_delimiter_) {
          pending_->end = end;
        } else {
          Flush();
          pending_ = Cut{begin, end};
        }
        break;
      case SplitBehavior::kMergedWithNext:
        // A delimiter opens the next piece; text after a delimiter joins it.
        if (pending_ && !is_delimiter && previous_is_delimiter_) {
          pending_->end = end;
        } else {
          Flush();
          pending_ = Cut{begin, end};
        }
        break;
    }
    previous_is_delimiter_ = is_delimiter;
  }

  void Finish() { Flush(); }

 private:
  void Flush() {
    if (pending_) Emit(pending_->begin, pending_->end);
    pending_.reset();
  }
  void Emit(size_t begin, size_t end) {
    if (end > begin) emit_(text_.substr(begin, end - begin), at_text_start_ && begin == 0);
  }

  std::string_view text_;
  SplitBehavior behavior_;
  bool at_text_start_;
  const PieceSink& emit_;
  std::optional<Cut> pending_;
  bool previous_is_delimiter_ = false;
};

// Spans of the single characters for which `predicate` holds (the library's `Fn(char) -> bool`
// patterns match one character at a time).
template <typename Predicate>
void FindChars(std::string_view text, Predicate predicate, std::vector<Span>* matches) {
  for (size_t pos = 0; pos < text.size();) {
    size_t begin = pos;
    if (predicate(NextCodePoint(text, &pos))) matches->push_back({begin, pos});
  }
}

class SplitPreTokenizer final : public PreTokenizer {
 public:
  SplitPreTokenizer(std::unique_ptr<SplitPattern> pattern, SplitBehavior behavior, bool invert)
      : pattern_(std::move(pattern)), behavior_(behavior), invert_(invert) {}

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    std::vector<Span> matches;
    pattern_->FindMatches(text, &matches);
    EmitSplits(text, matches, behavior_, invert_, at_text_start, emit);
  }

 private:
  std::unique_ptr<SplitPattern> pattern_;
  SplitBehavior behavior_;
  bool invert_;
};

// The library prepends the space to each piece that reaches it, then splits with the GPT-2
// pattern (Isolated), then spells each piece in the byte-level alphabet.
class ByteLevelPreTokenizer final : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool add_prefix_space, bool use_regex, bool map_bytes)
      : add_prefix_space_(add_prefix_space),
        map_bytes_(map_bytes),
        pattern_(use_regex ? NewGpt2Pattern() : nullptr) {}

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    std::string prefixed;
    if (add_prefix_space_ && text.front() != ' ') {
      prefixed.reserve(text.size() + 1);
      prefixed.push_back(' ');
      prefixed.append(text);
      text = prefixed;
    }
    std::string mapped;
    auto emit_piece = [&](std::string_view piece, bool piece_at_start) {
      if (!map_bytes_) return emit(piece, piece_at_start);
      mapped.clear();
      AppendByteLevel(piece, &mapped);
      emit(mapped, piece_at_start);
    };
    if (pattern_ == nullptr) return emit_piece(text, at_text_start);
    std::vector<Span> matches;
    pattern_->FindMatches(text, &matches);
    PieceSink sink(emit_piece);
    EmitSplits(text, matches, SplitBehavior::kIsolated, false, at_text_start, sink);
  }

 private:
  bool add_prefix_space_;
  bool map_bytes_;
  std::unique_ptr<SplitPattern> pattern_;
};

// Removes whitespace, keeps runs of word characters and runs of other characters as pieces.
class WhitespacePreTokenizer final : public PreTokenizer {
 public:
  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    enum class Kind { kSpace, kWord, kOther };
    auto kind_of = [](uint32_t cp) {
      if (IsWordChar(cp)) return Kind::kWord;
      return IsWhitespace(cp) ? Kind::kSpace : Kind::kOther;
    };
    size_t run_begin = 0;
    Kind run_kind = Kind::kSpace;
    for (size_t pos = 0; pos < text.size();) {
      size_t begin = pos;
      Kind kind = kind_of(NextCodePoint(text, &pos));
      if (kind == run_kind) continue;
      if (run_kind != Kind::kSpace && begin > run_begin) {
        emit(text.substr(run_begin, begin - run_begin), at_text_start && run_begin == 0);
      }
      run_begin = begin;
      run_kind = kind;
    }
    if (run_kind != Kind::kSpace && text.size() > run_begin) {
      emit(text.substr(run_begin), at_text_start && run_begin == 0);
    }
  }
};

class CharPredicatePreTokenizer final : public PreTokenizer {
 public:
  using Predicate = bool (*)(uint32_t);
  CharPredicatePreTokenizer(Predicate predicate, SplitBehavior behavior)
      : predicate_(predicate), behavior_(behavior) {}

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    std::vector<Span> matches;
    FindChars(text, predicate_, &matches);
    EmitSplits(text, matches, behavior_, false, at_text_start, emit);
  }

 private:
  Predicate predicate_;
  SplitBehavior behavior_;
};

class CharDelimiterPreTokenizer final : public PreTokenizer {
 public:
  explicit CharDelimiterPreTokenizer(uint32_t delimiter) : delimiter_(delimiter) {}

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    std::vector<Span> matches;
    FindChars(
        text, [&](uint32_t cp) { return cp == delimiter_; }, &matches);
    EmitSplits(text, matches, SplitBehavior::kRemoved, false, at_text_start, emit);
  }

 private:
  uint32_t delimiter_;
};

// SentencePiece's word marking: spaces become `replacement` (▁), one is prepended to mark the
// first word, and each ▁ opens a new piece.
class MetaspacePreTokenizer final : public PreTokenizer {
 public:
  MetaspacePreTokenizer(uint32_t replacement, PrependScheme prepend, bool split)
      : replacement_cp_(replacement), prepend_(prepend), split_(split) {
    AppendUtf8(replacement, &replacement_);
  }

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    std::string replaced;
    replaced.reserve(text.size() + replacement_.size() * 4);
    bool prepend =
        prepend_ == PrependScheme::kAlways || (prepend_ == PrependScheme::kFirst && at_text_start);
    // The library checks after replacing spaces, so a leading space counts as a leading ▁.
    if (prepend && text.front() != ' ' && !text.starts_with(replacement_)) {
      replaced.append(replacement_);
    }
    for (char c : text) {
      if (c == ' ') {
        replaced.append(replacement_);
      } else {
        replaced.push_back(c);
      }
    }
    if (!split_) return emit(replaced, at_text_start);
    std::vector<Span> matches;
    FindChars(
        replaced, [&](uint32_t cp) { return cp == replacement_cp_; }, &matches);
    EmitSplits(replaced, matches, SplitBehavior::kMergedWithNext, false, at_text_start, emit);
  }

 private:
  uint32_t replacement_cp_;
  std::string replacement_;
  PrependScheme prepend_;
  bool split_;
};

class SequencePreTokenizer final : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps)
      : steps_(std::move(steps)) {}

  void PreTokenize(std::string_view text, bool at_text_start,
                   const PieceSink& emit) const override {
    Run(0, text, at_text_start, emit);
  }

 private:
  void Run(size_t step, std::string_view text, bool at_text_start, const PieceSink& emit) const {
    if (step == steps_.size()) return emit(text, at_text_start);
    auto next = [&](std::string_view piece, bool piece_at_start) {
      Run(step + 1, piece, piece_at_start, emit);
    };
    steps_[step]->PreTokenize(text, at_text_start, PieceSink(next));
  }

  std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

}  // namespace

void EmitSplits(std::string_view text, const std::vector<Span>& matches, SplitBehavior behavior,
                bool invert, bool at_text_start, const PieceSink& emit) {
  SplitFolder folder(text, behavior, at_text_start, emit);
  size_t pos = 0;
  for (const Span& match : matches) {
    if (match.begin > pos) folder.Add(pos, match.begin, invert);
    folder.Add(match.begin, match.end, !invert);
    pos = match.end;
  }
  if (pos < text.size()) folder.Add(pos, text.size(), invert);
  folder.Finish();
}

std::unique_ptr<PreTokenizer> NewSplitPreTokenizer(std::unique_ptr<SplitPattern> pattern,
                                                   SplitBehavior behavior, bool invert) {
  return std::make_unique<SplitPreTokenizer>(std::move(pattern), behavior, invert);
}

std::unique_ptr<PreTokenizer> NewByteLevelPreTokenizer(bool add_prefix_space, bool use_regex,
                                                       bool map_bytes) {
  return std::make_unique<ByteLevelPreTokenizer>(add_prefix_space, use_regex, map_bytes);
}

std::unique_ptr<PreTokenizer> NewWhitespacePreTokenizer() {
  return std::make_unique<WhitespacePreTokenizer>();
}

std::unique_ptr<PreTokenizer> NewWhitespaceSplitPreTokenizer() {
  return std::make_unique<CharPredicatePreTokenizer>(IsWhitespace, SplitBehavior::kRemoved);
}

std::unique_ptr<PreTokenizer> NewBertPreTokenizer() {
  std::vector<std::unique_ptr<PreTokenizer>> steps;
  steps.push_back(NewWhitespaceSplitPreTokenizer());
  steps.push_back(NewPunctuationPreTokenizer(SplitBehavior::kIsolated));
  return NewSequencePreTokenizer(std::move(steps));
}

std::unique_ptr<PreTokenizer> NewPunctuationPreTokenizer(SplitBehavior behavior) {
  return std::make_unique<CharPredicatePreTokenizer>(IsBertPunctuation, behavior);
}

std::unique_ptr<PreTokenizer> NewDigitsPreTokenizer(bool individual_digits) {
  return std::make_unique<CharPredicatePreTokenizer>(
      IsNumber, individual_digits ? SplitBehavior::kIsolated : SplitBehavior::kContiguous);
}

std::unique_ptr<PreTokenizer> NewCharDelimiterPreTokenizer(uint32_t delimiter) {
  return std::make_unique<CharDelimiterPreTokenizer>(delimiter);
}

std::unique_ptr<PreTokenizer> NewMetaspacePreTokenizer(uint32_t replacement, PrependScheme prepend,
                                                       bool split) {
  return std::make_unique<MetaspacePreTokenizer>(replacement, prepend, split);
}

std::unique_ptr<PreTokenizer> NewSequencePreTokenizer(
    std::vector<std::unique_ptr<PreTokenizer>> steps) {
  return std::make_unique<SequencePreTokenizer>(std::move(steps));
}

}  // namespace winnow::tokenizers
