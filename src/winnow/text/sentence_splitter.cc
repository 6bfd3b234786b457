#include "winnow/text/sentence_splitter.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/text/python_chars.h"

namespace winnow {
namespace {

constexpr size_t kNone = std::string_view::npos;

// A mark that may end a sentence: where it is, where what follows it ends (one non-word
// character, or whitespace and the next token), and where that next token starts (kNone after
// a non-word character).
struct PotentialEnd {
  size_t mark;
  size_t after_end;
  size_t next_token;
};

// The code point at text[pos]; *next gets the offset after it (invalid bytes are one each).
uint32_t CodePointAt(std::string_view text, size_t pos, size_t* next) {
  *next = pos;
  return DecodeUtf8(text, next);
}

bool IsAsciiSpace(unsigned char c) { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20); }

// Python's string.whitespace, which _get_last_whitespace_index uses instead of \s.
bool IsStringWhitespace(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

// re's \s at text[pos]; *next gets the offset after that character, space or not.
bool IsSpaceAt(std::string_view text, size_t pos, size_t* next) {
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    *next = pos + 1;
    return IsAsciiSpace(c);
  }
  return IsPythonSpace(CodePointAt(text, pos, next));
}

// The offset where a run of whitespace starting at `pos` ends (`end` at most).
size_t SkipSpaces(std::string_view text, size_t pos, size_t end) {
  size_t next;
  while (pos < end && IsSpaceAt(text, pos, &next)) pos = next;
  return pos;
}

// len(text.rstrip()): steps back over whitespace code points. A code point is recognised
// backwards only when it decodes forwards to exactly the same bytes, so invalid bytes stay one
// non-space character each, as they are when scanning forwards.
size_t RstripEnd(std::string_view text) {
  size_t end = text.size();
  while (end > 0) {
    size_t begin = end - 1;
    while (begin > 0 && end - begin < 4 &&
           (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
      --begin;
    }
    size_t next;
    uint32_t cp = CodePointAt(text, begin, &next);
    if (next != end) cp = kInvalidCodePoint;
    if (cp == kInvalidCodePoint || !IsPythonSpace(cp)) break;
    end = begin;
  }
  return end;
}

// PunktLanguageVars._re_non_word_chars: characters that cannot appear inside a word.
bool IsNonWordChar(char c) { return std::string_view(")\";}]*:@'({[?!").find(c) != kNone; }

// _re_word_start excludes these from starting a word token.
bool IsWordStart(char c) { return std::string_view("(\"`{[:;&#*@)}]-,").find(c) == kNone; }

// _re_multi_char_punct, (?:\-{2,}|\.{2,}|(?:\.\s){2,}\.), at line[i]: the end of the match or
// kNone.
size_t MultiCharEnd(std::string_view line, size_t i) {
  const size_t n = line.size();
  for (char mark : {'-', '.'}) {
    if (i + 1 < n && line[i] == mark && line[i + 1] == mark) {
      size_t end = i + 2;
      while (end < n && line[end] == mark) ++end;
      return end;
    }
  }
  // (?:\.\s){2,}\. : greedy pairs, then a period, backing off one pair if need be.
  size_t pairs = 0;
  size_t last_pair = i;
  size_t pos = i;
  size_t next;
  while (pos + 1 < n && line[pos] == '.' && IsSpaceAt(line, pos + 1, &next)) {
    ++pairs;
    last_pair = pos;
    pos = next;
  }
  if (pairs >= 2 && pos < n && line[pos] == '.') return pos + 1;
  if (pairs >= 3) return last_pair + 1;
  return kNone;
}

// The lookahead that ends a word token in _word_tokenize_fmt, at line[j].
bool EndsWordAt(std::string_view line, size_t j) {
  size_t next;
  if (j == line.size() || IsSpaceAt(line, j, &next) || IsNonWordChar(line[j]) ||
      MultiCharEnd(line, j) != kNone) {
    return true;
  }
  if (line[j] != ',') return false;
  return j + 1 == line.size() || IsSpaceAt(line, j + 1, &next) || IsNonWordChar(line[j + 1]) ||
         MultiCharEnd(line, j + 1) != kNone;
}

// PunktLanguageVars.word_tokenize on one line: multi-character punctuation, words ended lazily
// by the lookahead above, or any other single non-space character.
template <typename Token>
void TokenizeLine(std::string_view line, std::vector<Token>* tokens) {
  size_t i = 0;
  while (i < line.size()) {
    size_t next;
    if (IsSpaceAt(line, i, &next)) {
      i = next;
      continue;
    }
    size_t end = MultiCharEnd(line, i);
    if (end == kNone) {
      end = next;
      if (IsWordStart(line[i])) {
        while (!EndsWordAt(line, end)) CodePointAt(line, end, &end);
      }
    }
    tokens->push_back(Token{line.substr(i, end - i)});
    i = end;
  }
}

// The next ".", "?" or "!" at or after a position, or text.size(): three memchr scans in all,
// each resumed only when the walk passes the mark it found.
class MarkFinder {
 public:
  explicit MarkFinder(std::string_view text) : text_(text) {}
  size_t operator()(size_t from) {
    size_t best = text_.size();
    for (size_t k = 0; k < 3; ++k) {
      if (next_[k] == kNone || (next_[k] < from && next_[k] != text_.size())) {
        next_[k] = from < text_.size() ? text_.find(kMarks[k], from) : text_.size();
        if (next_[k] == kNone) next_[k] = text_.size();
      }
      best = std::min(best, next_[k]);
    }
    return best;
  }

 private:
  static constexpr char kMarks[3] = {'.', '?', '!'};
  std::string_view text_;
  size_t next_[3] = {kNone, kNone, kNone};
};

bool IsBlank(std::string_view line) { return SkipSpaces(line, 0, line.size()) == line.size(); }

bool IsSentenceEndToken(std::string_view t) { return t == "." || t == "?" || t == "!"; }

bool IsEllipsis(std::string_view t) {  // \.\.+$
  return t.size() >= 2 && t.find_first_not_of('.') == kNone;
}

// PunktToken.is_initial, [^\W\d]\.$ : one non-digit word character and a period.
bool IsInitial(std::string_view t) {
  if (t.size() < 2 || t.back() != '.') return false;
  size_t next;
  uint32_t cp = CodePointAt(t, 0, &next);
  return next == t.size() - 1 && IsPythonWordChar(cp) && !IsPythonDecimal(cp);
}

// PunktToken._RE_NUMERIC, ^-?[\.,]?\d[\d,\.-]*\.?$ : the token's type is then "##number##".
bool IsNumeric(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && (t[i] == '.' || t[i] == ',')) ++i;
  size_t next;
  if (i == t.size() || !IsPythonDecimal(CodePointAt(t, i, &next))) return false;
  for (i = next; i < t.size(); i = next) {
    uint32_t cp = CodePointAt(t, i, &next);
    if (cp != ',' && cp != '.' && cp != '-' && !IsPythonDecimal(cp)) return false;
  }
  return true;
}

bool FirstUpper(std::string_view t) {
  size_t next;
  return IsPythonUpper(CodePointAt(t, 0, &next));
}

bool FirstLower(std::string_view t) {
  size_t next;
  return IsPythonLower(CodePointAt(t, 0, &next));
}

// str.lower() into *out when the result is ASCII (the only types the parameters hold): ASCII
// letters and U+212A KELVIN SIGN ("k") are the only characters that lowercase to ASCII.
bool LowerAscii(std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
    } else if (text.substr(i, 3) == "\u212A") {
      out->push_back('k');
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// PunktLanguageVars.period_context_re at a mark: [.?!] followed by a non-word character, or by
// whitespace and a token. Fills *end and returns true when it matches.
bool MatchPotentialEnd(std::string_view text, size_t mark, PotentialEnd* end) {
  size_t after = mark + 1;
  size_t next;
  *end = {mark, 0, kNone};
  if (after < text.size() && IsNonWordChar(text[after])) {
    end->after_end = after + 1;
    return true;
  }
  if (after == text.size() || !IsSpaceAt(text, after, &next)) return false;
  end->next_token = SkipSpaces(text, next, text.size());
  if (end->next_token == text.size()) return false;
  end->after_end = end->next_token;
  while (end->after_end < text.size() && !IsSpaceAt(text, end->after_end, &next)) {
    end->after_end = next;
  }
  return true;
}

}  // namespace

void SentenceSplitter::Split(std::string_view text, std::vector<std::string_view>* sentences) {
  sentences->clear();
  FindSlices(text);
  Realign(text, sentences);
}

// _slices_from_text over _match_potential_end_contexts: each context runs from the word before
// the mark (after the last ASCII whitespace since the previous mark) to what follows the mark. A
// mark whose word reaches back over the previous mark replaces it, with NLTK's quirk kept:
// whitespace right at the previous mark counts as none. A context with a sentence break ends a
// slice after its mark.
void SentenceSplitter::FindSlices(std::string_view text) {
  slices_.clear();
  size_t last_break = 0;
  auto decide = [&](const PotentialEnd& end, size_t context_begin) {
    if (!ContainsSentenceBreak(text.substr(context_begin, end.after_end - context_begin))) return;
    slices_.push_back({last_break, end.mark + 1});
    last_break = end.next_token != kNone ? end.next_token : end.mark + 1;
  };
  Span word{0, 0};
  PotentialEnd previous{};
  bool have_previous = false;
  MarkFinder find_mark(text);
  for (size_t mark = find_mark(0); mark < text.size(); mark = find_mark(mark + 1)) {
    PotentialEnd end;
    if (!MatchPotentialEnd(text, mark, &end)) continue;
    size_t space = mark;
    while (space > word.end && !IsStringWhitespace(text[space - 1])) --space;
    size_t word_begin = space > word.end + 1 ? space : word.begin;
    if (have_previous && word.end <= word_begin) decide(previous, word.begin);
    previous = end;
    word = {word_begin, mark};
    have_previous = true;
  }
  if (have_previous) decide(previous, word.begin);
  slices_.push_back({last_break, RstripEnd(text)});
}

// _realign_boundaries: closing quotes and brackets at the start of a slice, followed by
// whitespace, "--" or the slice's end, move to the slice before (["\')\]}]+?(?:\s+|(?=--)|$)).
void SentenceSplitter::Realign(std::string_view text, std::vector<std::string_view>* sentences) {
  size_t realign = 0;
  for (size_t k = 0; k < slices_.size(); ++k) {
    Span first{slices_[k].begin + realign, slices_[k].end};
    realign = 0;
    if (k + 1 < slices_.size()) {
      Span second = slices_[k + 1];
      size_t closers = second.begin;
      while (closers < second.end && std::string_view("\"')]}").find(text[closers]) != kNone) {
        ++closers;
      }
      size_t next;
      size_t match_end = kNone;
      if (closers > second.begin) {
        bool at_end = closers == second.end;
        if (!at_end && IsSpaceAt(text, closers, &next)) {
          match_end = SkipSpaces(text, next, second.end);
        } else if (at_end || (closers + 2 <= second.end && text.substr(closers, 2) == "--")) {
          match_end = closers;  // $ or (?=--): nothing more is consumed
        }
      }
      if (match_end != kNone) {
        sentences->push_back(text.substr(first.begin, closers - first.begin));
        realign = match_end - second.begin;
        continue;
      }
    }
    if (first.begin < first.end) {
      sentences->push_back(text.substr(first.begin, first.end - first.begin));
    }
  }
}

size_t SentenceSplitter::Count(std::string_view text) {
  Split(text, &counted_);
  return counted_.size();
}

// text_contains_sentbreak: Punkt's tokenisation and both annotation passes over the context; a
// break counts when some token follows it.
bool SentenceSplitter::ContainsSentenceBreak(std::string_view context) {
  tokens_.clear();
  for (size_t begin = 0; begin <= context.size();) {
    size_t end = context.find('\n', begin);
    if (end == kNone) end = context.size();
    std::string_view line = context.substr(begin, end - begin);
    if (!IsBlank(line)) TokenizeLine(line, &tokens_);
    begin = end + 1;
  }
  for (Token& token : tokens_) FirstPass(&token);
  for (size_t i = 0; i + 1 < tokens_.size(); ++i) {
    SecondPass(&tokens_[i], tokens_[i + 1]);
    if (tokens_[i].sentence_break) return true;
  }
  return false;
}

// _first_pass_annotation: marks, ellipses, and period-final words (abbreviation or break).
void SentenceSplitter::FirstPass(Token* token) {
  std::string_view t = token->text;
  if (IsSentenceEndToken(t)) {
    token->sentence_break = true;
  } else if (IsEllipsis(t)) {
    token->ellipsis = true;
  } else if (t.back() == '.' && !t.ends_with("..")) {
    token->abbreviation = IsAbbreviation(t);
    token->sentence_break = !token->abbreviation;
  }
}

// tok[:-1].lower(), or its part after the last "-", is a known abbreviation type.
bool SentenceSplitter::IsAbbreviation(std::string_view token) {
  std::string_view type = token.substr(0, token.size() - 1);
  if (LowerAscii(type, &lower_) && parameters_->abbreviations.contains(lower_)) return true;
  size_t dash = type.rfind('-');
  return dash != kNone && LowerAscii(type.substr(dash + 1), &lower_) &&
         parameters_->abbreviations.contains(lower_);
}

// next.type_no_sentperiod is a frequent sentence starter.
bool SentenceSplitter::IsSentenceStarter(const Token& token) {
  if (IsNumeric(token.text) || !LowerAscii(token.text, &lower_)) return false;  // "##number##"
  if (token.sentence_break && lower_.size() > 1 && lower_.back() == '.') lower_.pop_back();
  return parameters_->sentence_starters.contains(lower_);
}

// _second_pass_annotation for a period-final token, as it reduces with no collocations and no
// orthographic context: the orthographic heuristic then says "not a sentence starter" for
// punctuation and lowercase words, "unknown" for anything else, and never "starter".
void SentenceSplitter::SecondPass(Token* token, const Token& next) {
  std::string_view t = token->text;
  if (t.back() != '.') return;
  bool initial = IsInitial(t);
  if ((token->abbreviation || token->ellipsis) && !initial) {
    if (FirstUpper(next.text) && IsSentenceStarter(next)) {
      token->sentence_break = true;
      return;
    }
  }
  // typ == "##number##": no token spells that out, since "#" cannot start a Punkt word.
  if (initial || IsNumeric(t)) {
    std::string_view n = next.text;
    bool not_starter =
        n == ";" || n == ":" || n == "," || n == "." || n == "!" || n == "?" || FirstLower(n);
    if (not_starter || (initial && FirstUpper(n))) {
      token->sentence_break = false;
      token->abbreviation = true;
    }
  }
}

}  // namespace winnow
