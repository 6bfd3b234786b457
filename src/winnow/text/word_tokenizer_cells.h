#pragma once

// The internals of WordTokenizer (word_tokenizer.h): the sentence as cells, one per code point,
// and the tools a pass (word_tokenizer_passes.cc) uses to find characters and edit the cells.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::word_tokenizer_internal {

// A cell's symbol: an ASCII character stands for itself, any other code point for its class.
// NLTK's patterns name only ASCII characters and the quotes below, so the class is all a pass
// needs to know about a non-ASCII character.
enum Symbol : uint8_t {
  kWordChar = 0x80,    // \w (but not \d) and none of the letters below
  kDecimal = 0x81,     // \d
  kSpace = 0x82,       // \s
  kOther = 0x83,       // anything else, invalid bytes included
  kOpenQuote = 0x84,   // « “ ‘ „ : STARTING_QUOTES pads them
  kCloseQuote = 0x85,  // » ” ’ : ENDING_QUOTES pads them; they may follow a final period
  kLongS = 0x86,       // ſ, which (?i)s matches
  kDotlessI = 0x87,    // ı, which (?i)i matches
  kDottedI = 0x88,     // İ, which (?i)i matches
};

// The symbol of a code point outside ASCII (kInvalidCodePoint included).
uint8_t ClassifyNonAscii(uint32_t code_point);

// Offsets of the cells that are not in the input.
inline constexpr uint32_t kInsertedSpace = 0xFFFFFFFE;
inline constexpr uint32_t kRewrittenQuote = 0xFFFFFFFF;  // "``" or "''" written for '"'

enum ClassBit : uint8_t {
  kIsWord = 1,
  kIsDecimal = 2,
  kIsSpace = 4,
  kIsContractionStart = 8,  // c d g l m w, either case: the first letters of CONTRACTIONS2
};

// Trigger bits: the characters without which a pass cannot match, so that it is skipped.
enum Trigger : uint32_t {
  kTriggerOpenQuote = 1 << 0,
  kTriggerBacktick = 1 << 1,
  kTriggerDoubleQuote = 1 << 2,
  kTriggerApostrophe = 1 << 3,
  kTriggerPeriod = 1 << 4,
  kTriggerColonComma = 1 << 5,
  kTriggerSymbol = 1 << 6,    // ;@#$%&
  kTriggerQuestion = 1 << 7,  // ?!
  kTriggerStar = 1 << 8,
  kTriggerBracket = 1 << 9,  // ][(){}<>
  kTriggerHyphen = 1 << 10,
  kTriggerCloseQuote = 1 << 11,
  kTriggerContraction = 1 << 12,
};

struct SymbolTables {
  std::array<uint8_t, 256> classes{};    // ClassBit
  std::array<uint32_t, 256> triggers{};  // Trigger
};

constexpr SymbolTables MakeSymbolTables() {
  SymbolTables t;
  for (int c = 0; c < 128; ++c) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool digit = c >= '0' && c <= '9';
    if (alpha || digit || c == '_') t.classes[c] |= kIsWord;
    if (digit) t.classes[c] |= kIsDecimal;
    if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)) t.classes[c] |= kIsSpace;
  }
  for (int s : {kWordChar, kLongS, kDotlessI, kDottedI}) t.classes[s] = kIsWord;
  t.classes[kDecimal] = kIsWord | kIsDecimal;
  t.classes[kSpace] = kIsSpace;
  auto set = [&t](std::string_view chars, uint32_t bit) {
    for (char c : chars) t.triggers[static_cast<uint8_t>(c)] |= bit;
  };
  set("`", kTriggerBacktick);
  set("\"", kTriggerDoubleQuote);
  set("'", kTriggerApostrophe);
  set(".", kTriggerPeriod);
  set(":,", kTriggerColonComma);
  set(";@#$%&", kTriggerSymbol);
  set("?!", kTriggerQuestion);
  set("*", kTriggerStar);
  set("[](){}<>", kTriggerBracket);
  set("-", kTriggerHyphen);
  set("cdglmwCDGLMW", kTriggerContraction);
  for (char c : std::string_view("cdglmwCDGLMW"))
    t.classes[static_cast<uint8_t>(c)] |= kIsContractionStart;
  t.triggers[kOpenQuote] = kTriggerOpenQuote;
  t.triggers[kCloseQuote] = kTriggerCloseQuote;
  return t;
}
inline constexpr SymbolTables kSymbolTables = MakeSymbolTables();

static_assert(kIsWord << 3 == kIsContractionStart, "Contractions2 shifts one onto the other");

inline bool IsSpaceSymbol(uint8_t s) { return kSymbolTables.classes[s] & kIsSpace; }
inline bool IsWordSymbol(uint8_t s) { return kSymbolTables.classes[s] & kIsWord; }
inline bool IsDecimalSymbol(uint8_t s) { return kSymbolTables.classes[s] & kIsDecimal; }

// The sentence being rewritten, one cell per code point: `symbols` holds each Symbol, `offsets`
// its byte offset in the input (or kInsertedSpace, kRewrittenQuote). `size` cells are in use;
// the vectors only grow.
struct Cells {
  std::vector<uint8_t> symbols;
  std::vector<uint32_t> offsets;
  size_t size = 0;
};

// A set of symbols as a lookup table.
struct SymbolSet {
  std::array<bool, 256> has{};
  explicit constexpr SymbolSet(std::string_view ascii, uint8_t extra = 0) {
    for (char c : ascii) has[static_cast<uint8_t>(c)] = true;
    if (extra != 0) has[extra] = true;
  }
  bool operator()(uint8_t s) const { return has[s]; }
};

// The first index at or after `from` whose symbol is `c`, or n.
inline size_t Find(const uint8_t* s, size_t n, size_t from, uint8_t c) {
  if (from >= n) return n;
  const void* found = std::memchr(s + from, c, n - from);
  return found == nullptr ? n : static_cast<size_t>(static_cast<const uint8_t*>(found) - s);
}

// The first index at or after `from` whose symbol is `a` or `b`, or n; remembers where each was
// last found, so that walking a sentence costs two memchr scans.
class FindEither {
 public:
  FindEither(const uint8_t* s, size_t n, uint8_t a, uint8_t b) : s_(s), n_(n), a_(a), b_(b) {}
  size_t operator()(size_t from) {
    if (next_a_ < from || next_a_ == kUnset) next_a_ = Find(s_, n_, from, a_);
    if (next_b_ < from || next_b_ == kUnset) next_b_ = Find(s_, n_, from, b_);
    return std::min(next_a_, next_b_);
  }

 private:
  static constexpr size_t kUnset = ~size_t{0};
  const uint8_t* s_;
  size_t n_;
  uint8_t a_, b_;
  size_t next_a_ = kUnset, next_b_ = kUnset;
};

// One substitution pass: copies the cells, with edits, into the spare buffer. Nothing is copied
// until the first edit, so a pass that finds no match costs only its scan.
class Rewrite {
 public:
  Rewrite(Cells* cells, Cells* spare) : in_(cells), out_(spare) {}

  // Copies the input cells not yet copied or dropped, up to `end`.
  void Keep(size_t end) {
    Start();
    size_t count = end - done_;
    if (count == 0) return;  // the buffers may still be unallocated (memcpy from null is UB)
    Grow(count);
    std::memcpy(out_->symbols.data() + out_->size, in_->symbols.data() + done_, count);
    std::memcpy(out_->offsets.data() + out_->size, in_->offsets.data() + done_, count * 4);
    out_->size += count;
    done_ = end;
  }
  // Drops the input cells not yet copied, up to `end`.
  void Drop(size_t end) {
    Start();
    done_ = end;
  }
  void Space() { Insert(' ', kInsertedSpace); }
  void Quote(char quote) { Insert(static_cast<uint8_t>(quote), kRewrittenQuote); }
  // Keeps the input cells before `begin`, then those up to `end` with a space on each side.
  void Pad(size_t begin, size_t end) {
    Keep(begin);
    Space();
    Keep(end);
    Space();
  }
  // Ends the pass; when it edited, the cells now hold its output.
  void Finish() {
    if (!started_) return;
    Keep(in_->size);
    std::swap(*in_, *out_);
  }

 private:
  void Start() {
    if (started_) return;
    started_ = true;
    out_->size = 0;
  }
  void Insert(uint8_t symbol, uint32_t offset) {
    Start();
    Grow(1);
    out_->symbols[out_->size] = symbol;
    out_->offsets[out_->size] = offset;
    ++out_->size;
  }
  void Grow(size_t more) {
    size_t need = out_->size + more;
    if (need <= out_->symbols.size()) return;
    size_t capacity = std::max(need, in_->size + in_->size / 2 + 16);
    out_->symbols.resize(capacity);
    out_->offsets.resize(capacity);
  }

  Cells* in_;
  Cells* out_;
  size_t done_ = 0;
  bool started_ = false;
};

}  // namespace winnow::word_tokenizer_internal
