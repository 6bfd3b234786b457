#include "winnow/text/word_tokenizer_passes.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>

namespace winnow::word_tokenizer_internal {
namespace {

// A letter of an (?i) pattern: ASCII either case, plus the code points Python's re folds onto it.
bool IsLetter(uint8_t s, char lower) {
  if ((s | 0x20) == lower) return true;
  if (lower == 's') return s == kLongS;
  if (lower == 'i') return s == kDotlessI || s == kDottedI;
  return false;
}

// Matches `letters` (an (?i) pattern; "'" stands for itself) at s[i..n).
bool MatchLetters(const uint8_t* s, size_t n, size_t i, std::string_view letters) {
  if (i > n || n - i < letters.size()) return false;
  for (char c : letters) {
    if (c == '\'' ? s[i] != '\'' : !IsLetter(s[i], c)) return false;
    ++i;
  }
  return true;
}

// NLTK's substitutions (nltk/tokenize/destructive.py), one method each. Each keeps re.sub's
// semantics: leftmost matches, found left to right without overlap, each pass seeing the
// previous pass's output. Passes mostly jump from one occurrence of the character they need to
// the next (memchr), and are skipped when the sentence lacks it.
class Passes {
 public:
  Passes(uint32_t triggers, Cells* cells, Cells* spare)
      : cells_(cells), spare_(spare), triggers_(triggers) {}

  void Run() {
    StartingQuotes();
    Punctuation();
    static constexpr SymbolSet kBrackets("[](){}<>");
    if (Has(kTriggerBracket)) PadEach(kBrackets);  // PARENS_BRACKETS
    if (Has(kTriggerHyphen)) PadPairs('-');        // DOUBLE_DASHES
    // NLTK now frames the text with spaces (" " + text + " "). The passes below treat the cells
    // as framed instead of copying them: a space is assumed before the first cell and after the
    // last.
    EndingQuotes();
    if (Has(kTriggerContraction)) Contractions2();
    if (Has(kTriggerApostrophe)) {
      Contractions3("is");
      Contractions3("was");
    }
  }

 private:
  bool Has(uint32_t trigger) const { return triggers_ & trigger; }
  const uint8_t* Symbols() const { return cells_->symbols.data(); }
  size_t Size() const { return cells_->size; }
  // For the passes that edit only the end of the cells in place.
  void Reserve(size_t size) {
    if (cells_->symbols.size() >= size) return;
    cells_->symbols.resize(size + size / 2);
    cells_->offsets.resize(size + size / 2);
  }
  void Set(size_t i, uint8_t symbol, uint32_t offset) {
    cells_->symbols[i] = symbol;
    cells_->offsets[i] = offset;
  }

  void StartingQuotes() {
    if (Has(kTriggerOpenQuote | kTriggerBacktick)) PadOpenQuotesAndBackticks();
    if (Size() > 0 && Symbols()[0] == '"') {  // ^\" -> ``
      Rewrite r(cells_, spare_);
      r.Quote('`');
      r.Quote('`');
      r.Drop(1);
      r.Finish();
      triggers_ |= kTriggerBacktick;
    }
    if (Has(kTriggerBacktick)) PadPairs('`');  // (``) -> " \1 "
    if (Has(kTriggerDoubleQuote | kTriggerApostrophe)) OpeningQuotes();
    if (Has(kTriggerApostrophe)) SplitQuotedLetter();
  }

  void Punctuation() {
    static constexpr SymbolSet kSymbols(";@#$%&");
    static constexpr SymbolSet kMarks("?!");
    static constexpr SymbolSet kStar("*");
    if (Has(kTriggerPeriod)) FinalPeriod(true);
    if (Has(kTriggerColonComma)) ColonComma();
    if (Has(kTriggerPeriod)) PadPeriodRuns();
    if (Has(kTriggerSymbol)) PadEach(kSymbols);
    if (Has(kTriggerPeriod)) FinalPeriod(false);
    if (Has(kTriggerQuestion)) PadEach(kMarks);
    if (Has(kTriggerApostrophe)) QuoteBeforeSpace();
    if (Has(kTriggerStar)) PadEach(kStar);
  }

  void EndingQuotes() {
    static constexpr SymbolSet kCloseQuotes("", kCloseQuote);
    if (Has(kTriggerCloseQuote)) PadEach(kCloseQuotes);  // ([»”’]) -> " \1 "
    if (Has(kTriggerApostrophe)) PadPairs('\'');         // '' -> " '' "
    if (Has(kTriggerDoubleQuote)) {                      // " -> " '' "
      Rewrite r(cells_, spare_);
      const uint8_t* sym = Symbols();
      const size_t size = Size();
      for (size_t i = Find(sym, size, 0, '"'); i < size; i = Find(sym, size, i + 1, '"')) {
        r.Keep(i);
        r.Space();
        r.Quote('\'');
        r.Quote('\'');
        r.Space();
        r.Drop(i + 1);
        triggers_ |= kTriggerApostrophe;
      }
      r.Finish();
    }
    if (Has(kTriggerApostrophe)) {
      Clitics();
      LongClitics();
    }
  }

  // Pads every cell whose symbol is in `set` with a space on each side.
  void PadEach(const SymbolSet& set) {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    for (size_t i = 0, size = Size(); i < size; ++i) {
      if (set(sym[i])) r.Pad(i, i + 1);
    }
    r.Finish();
  }

  // Pads non-overlapping pairs of `c`, left to right: (``), '' and --.
  void PadPairs(uint8_t c) {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    for (size_t i = Find(sym, size, 0, c); i + 1 < size; i = Find(sym, size, i + 1, c)) {
      if (sym[i + 1] != c) continue;
      r.Pad(i, i + 2);
      ++i;
    }
    r.Finish();
  }

  // ([«“‘„]|[`]+) -> " \1 "
  void PadOpenQuotesAndBackticks() {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    for (size_t i = 0; i < size; ++i) {
      size_t end = i;
      if (sym[i] == kOpenQuote) {
        end = i + 1;
      } else {
        while (end < size && sym[end] == '`') ++end;
      }
      if (end == i) continue;
      r.Pad(i, end);
      i = end - 1;
    }
    r.Finish();
  }

  // ([ \(\[{<])(\"|\'{2}) -> "\1 `` ": visits each quote, whose context is the cell before it.
  void OpeningQuotes() {
    static constexpr SymbolSet kContext(" ([{<");
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    FindEither find(sym, size, '"', '\'');
    size_t done = 0;  // where the last match ended
    for (size_t q = find(1); q < size; q = find(q + 1)) {
      if (q - 1 < done || !kContext(sym[q - 1])) continue;
      size_t end = sym[q] == '"' ? q + 1 : q + 1 < size && sym[q + 1] == '\'' ? q + 2 : 0;
      if (end == 0) continue;
      r.Keep(q);
      r.Space();
      r.Quote('`');
      r.Quote('`');
      r.Space();
      r.Drop(end);
      done = end;
      q = end - 1;
    }
    r.Finish();
  }

  // (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b -> "\1 \2": the \b after one word character rules out
  // the two-letter clitics, so only m t s d n remain to exclude.
  void SplitQuotedLetter() {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    for (size_t q = Find(sym, size, 0, '\''); q + 1 < size; q = Find(sym, size, q + 1, '\'')) {
      uint8_t letter = sym[q + 1];
      if (!IsWordSymbol(letter) || (q + 2 < size && IsWordSymbol(sym[q + 2]))) continue;
      if (IsLetter(letter, 'm') || IsLetter(letter, 't') || IsLetter(letter, 's') ||
          IsLetter(letter, 'd') || IsLetter(letter, 'n')) {
        continue;
      }
      r.Keep(q + 1);
      r.Space();
    }
    r.Finish();
  }

  // The two final-period patterns, anchored at the end, so only the last "." can match:
  //   ([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$ -> "\1 \2 \3 "   (first: closers and spaces)
  //   ([^\.])(\.)([\]\)}>"\']*)\s*$     -> "\1 \2\3 "    (second)
  // The trailing whitespace is replaced by one space.
  void FinalPeriod(bool first) {
    static constexpr SymbolSet kFirstClosers("])}>\"' ", kCloseQuote);
    static constexpr SymbolSet kSecondClosers("])}>\"'");
    const SymbolSet& is_closer = first ? kFirstClosers : kSecondClosers;
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    size_t period = size;
    while (period > 0 && sym[period - 1] != '.') {
      if (!is_closer(sym[period - 1]) && !IsSpaceSymbol(sym[period - 1])) return;
      --period;
    }
    if (period < 2 || sym[period - 2] == '.') return;
    --period;
    size_t closers_end = period + 1;
    while (closers_end < size && is_closer(sym[closers_end])) ++closers_end;
    for (size_t i = closers_end; i < size; ++i) {
      if (!IsSpaceSymbol(sym[i])) return;
    }
    // Only the tail changes, so it is edited in place: " . " (or " .") before the closers,
    // one space after them instead of the trailing whitespace.
    const size_t closers = closers_end - period - 1;
    const size_t shift = first ? 3 : 2;  // where the closers move, from the period
    const uint32_t period_offset = cells_->offsets[period];
    Reserve(period + shift + closers + 1);
    uint8_t* symbols = cells_->symbols.data();
    uint32_t* offsets = cells_->offsets.data();
    std::memmove(symbols + period + shift, symbols + period + 1, closers);
    std::memmove(offsets + period + shift, offsets + period + 1, closers * 4);
    Set(period, ' ', kInsertedSpace);
    Set(period + 1, '.', period_offset);
    if (first) Set(period + 2, ' ', kInsertedSpace);
    Set(period + shift + closers, ' ', kInsertedSpace);
    cells_->size = period + shift + closers + 1;
  }

  // ([:,])([^\d]) -> " \1 \2", then ([:,])$ -> " \1 " ($ also matches before a final newline).
  void ColonComma() {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    FindEither find(sym, size, ',', ':');
    for (size_t i = find(0); i + 1 < size; i = find(i + 1)) {
      if (IsDecimalSymbol(sym[i + 1])) continue;
      r.Pad(i, i + 1);
      ++i;  // the match consumed the character after the comma
    }
    r.Finish();
    size_t last = Size();
    if (last > 0 && Symbols()[last - 1] == '\n') --last;
    if (last == 0 || (Symbols()[last - 1] != ':' && Symbols()[last - 1] != ',')) return;
    // Pads the mark in place: [mark (newline)] becomes [space mark space (newline)].
    const size_t mark = last - 1;
    const bool newline = last < Size();
    const uint8_t mark_symbol = Symbols()[mark];
    const uint32_t mark_offset = cells_->offsets[mark];
    const uint32_t newline_offset = newline ? cells_->offsets[last] : 0;
    Reserve(Size() + 2);
    Set(mark, ' ', kInsertedSpace);
    Set(mark + 1, mark_symbol, mark_offset);
    Set(mark + 2, ' ', kInsertedSpace);
    if (newline) Set(mark + 3, '\n', newline_offset);
    cells_->size += 2;
  }

  // \.{2,} -> " \g<0> "
  void PadPeriodRuns() {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    for (size_t i = Find(sym, size, 0, '.'); i < size; i = Find(sym, size, i + 1, '.')) {
      size_t end = i + 1;
      while (end < size && sym[end] == '.') ++end;
      if (end - i >= 2) r.Pad(i, end);
      i = end - 1;
    }
    r.Finish();
  }

  // ([^'])' -> "\1 ' " (the space after the quote is kept, so only one is inserted).
  void QuoteBeforeSpace() {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    size_t done = 0;
    for (size_t q = Find(sym, size, 1, '\''); q + 1 < size; q = Find(sym, size, q + 1, '\'')) {
      if (q - 1 < done || sym[q - 1] == '\'' || sym[q + 1] != ' ') continue;
      r.Keep(q);
      r.Space();
      done = q + 2;
    }
    r.Finish();
  }

  // ([^' ])('[sS]|'[mM]|'[dD]|') -> "\1 \2 " (the frame's space may end the match).
  void Clitics() {
    static constexpr SymbolSet kLetters("sSmMdD");
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    auto is_space = [&](size_t i) { return i == size || sym[i] == ' '; };
    size_t done = 0;
    for (size_t q = Find(sym, size, 1, '\''); q < size; q = Find(sym, size, q + 1, '\'')) {
      if (q - 1 < done || sym[q - 1] == '\'' || sym[q - 1] == ' ') continue;
      size_t space = q + 1 < size && kLetters(sym[q + 1]) && is_space(q + 2) ? q + 2
                     : is_space(q + 1)                                       ? q + 1
                                                                             : 0;
      if (space == 0) continue;
      r.Keep(q);
      r.Space();
      done = space + 1;
      q = space;
    }
    r.Finish();
  }

  // ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) -> "\1 \2 ": visits each quote, which is the first
  // character of the clitic or the second ("n't").
  void LongClitics() {
    static constexpr std::string_view kClitics[] = {"'ll", "'LL", "'re", "'RE",
                                                    "'ve", "'VE", "n't", "N'T"};
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    size_t done = 0;
    for (size_t q = Find(sym, size, 1, '\''); q + 1 < size; q = Find(sym, size, q + 1, '\'')) {
      size_t begin = sym[q + 1] == 't' || sym[q + 1] == 'T' ? q - 1 : q;
      if (begin < 1 || begin - 1 < done || begin + 3 > size) continue;
      if (begin + 3 < size && sym[begin + 3] != ' ') continue;  // else the frame's space
      if (sym[begin - 1] == '\'' || sym[begin - 1] == ' ') continue;
      auto matches = [&](std::string_view clitic) {
        return std::equal(clitic.begin(), clitic.end(), sym + begin,
                          [](char a, uint8_t b) { return static_cast<uint8_t>(a) == b; });
      };
      if (std::none_of(std::begin(kClitics), std::end(kClitics), matches)) continue;
      r.Keep(begin);
      r.Space();
      done = begin + 4;
      q = begin + 3;
    }
    r.Finish();
  }

  // CONTRACTIONS2: (?i)\b(can)(not)\b, \b(d)('ye)\b, \b(gim)(me)\b, \b(gon)(na)\b,
  // \b(got)(ta)\b, \b(lem)(me)\b, \b(more)('n)\b, \b(wan)(na)(?=\s), each -> " \1 \2 ".
  // NLTK runs them one after another; one scan is equivalent, since every match runs from a word
  // start to a word end and the spaces inserted create no word start any pattern could use.
  void Contractions2() {
    struct Contraction {
      std::string_view first, second;
      bool space_after;  // (?=\s) instead of \b
    };
    static constexpr Contraction kContractions[] = {
        {"can", "not", false}, {"d", "'ye", false},  {"gim", "me", false},  {"gon", "na", false},
        {"got", "ta", false},  {"lem", "me", false}, {"more", "'n", false}, {"wan", "na", true},
    };
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    uint8_t before = 0;  // the class of the previous cell
    for (size_t i = 0; i < size; ++i) {
      uint8_t cls = kSymbolTables.classes[sym[i]];
      // A word start with a first letter of a contraction, without a hard-to-predict branch.
      bool start = cls & ~(before << 3) & kIsContractionStart;
      before = cls;
      if (!start) continue;
      for (const Contraction& c : kContractions) {
        if ((sym[i] | 0x20) != c.first[0]) continue;
        size_t middle = i + c.first.size();
        size_t end = middle + c.second.size();
        if (!MatchLetters(sym, size, i, c.first) || !MatchLetters(sym, size, middle, c.second)) {
          continue;
        }
        if (end < size && (c.space_after ? !IsSpaceSymbol(sym[end]) : IsWordSymbol(sym[end]))) {
          continue;
        }
        r.Keep(i);
        r.Space();
        r.Keep(middle);
        r.Space();
        r.Keep(end);
        r.Space();
        i = end - 1;
        before = kSymbolTables.classes[sym[i]];
        break;
      }
    }
    r.Finish();
  }

  // CONTRACTIONS3: (?i) ('t)(is)\b and (?i) ('t)(was)\b, one after the other, -> " \1 \2 ".
  void Contractions3(std::string_view word) {
    Rewrite r(cells_, spare_);
    const uint8_t* sym = Symbols();
    const size_t size = Size();
    for (size_t q = Find(sym, size, 0, '\''); q < size; q = Find(sym, size, q + 1, '\'')) {
      size_t end = q + 2 + word.size();
      if ((q > 0 && sym[q - 1] != ' ') || !MatchLetters(sym, size, q + 1, "t") ||
          !MatchLetters(sym, size, q + 2, word) || (end < size && IsWordSymbol(sym[end]))) {
        continue;
      }
      r.Keep(q + 2);  // the matched space (or the frame's) stays: the inserted one is the same
      r.Space();
      r.Keep(end);
      r.Space();
      q = end - 1;
    }
    r.Finish();
  }

  Cells* cells_;
  Cells* spare_;
  uint32_t triggers_;
};

}  // namespace

void RunNltkPasses(uint32_t triggers, Cells* cells, Cells* spare) {
  Passes(triggers, cells, spare).Run();
}

}  // namespace winnow::word_tokenizer_internal
