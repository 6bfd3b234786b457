#include "winnow/llm/regex_example.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "winnow/common/utf8.h"

namespace winnow::llm {
namespace {

constexpr size_t kMaxSampleBytes = 10000;
constexpr uint32_t kMaxRepeat = 1000;
constexpr int kMaxGroupDepth = 64;
constexpr uint32_t kUnbounded = std::numeric_limits<uint32_t>::max();

struct Range {
  uint32_t low;
  uint32_t high;
};

// Characters tried, in order, for a negated class: ordinary ones an answer would contain.
constexpr std::string_view kNegatedCandidates = "xa0_-. XZ9q";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class PatternSampler {
 public:
  PatternSampler(std::string_view pattern, uint64_t variant, uint32_t extra)
      : pattern_(pattern), variant_(variant), extra_(extra) {}

  std::optional<std::string> Run() {
    std::string out;
    if (!Alternation(0, &out) || pos_ != pattern_.size()) return std::nullopt;
    return out;
  }

 private:
  bool AtEnd() const { return pos_ >= pattern_.size(); }
  char Peek() const { return pattern_[pos_]; }
  bool Consume(std::string_view text) {
    if (pattern_.substr(pos_, text.size()) != text) return false;
    pos_ += text.size();
    return true;
  }

  // Branches separated by '|' up to ')' or the end; keeps the branch the variant picks.
  bool Alternation(int depth, std::string* out) {
    if (depth > kMaxGroupDepth) return false;
    std::vector<std::string> branches(1);
    while (!AtEnd() && Peek() != ')') {
      if (Peek() == '|') {
        ++pos_;
        branches.emplace_back();
        continue;
      }
      if (!Piece(depth, &branches.back())) return false;
    }
    *out += branches[variant_ % branches.size()];
    return out->size() <= kMaxSampleBytes;
  }

  // One atom and its quantifier.
  bool Piece(int depth, std::string* out) {
    std::string atom;
    if (!Atom(depth, &atom)) return false;
    uint32_t min = 1;
    uint32_t max = 1;
    if (!Quantifier(&min, &max)) return false;
    const uint64_t wanted = static_cast<uint64_t>(min) + extra_;
    const uint64_t count = std::min<uint64_t>(wanted, max);
    if (count > kMaxRepeat || atom.size() * count + out->size() > kMaxSampleBytes) return false;
    for (uint64_t i = 0; i < count; ++i) *out += atom;
    return true;
  }

  bool Quantifier(uint32_t* min, uint32_t* max) {
    if (AtEnd()) return true;
    const char c = Peek();
    if (c == '?' || c == '*' || c == '+') {
      ++pos_;
      *min = c == '+' ? 1 : 0;
      *max = c == '?' ? 1 : kUnbounded;
    } else if (c != '{' || !BracedQuantifier(min, max)) {
      return true;  // no quantifier: the atom once
    }
    Consume("?");  // lazy: same strings
    return !(!AtEnd() && (Peek() == '*' || Peek() == '+' || Peek() == '?'));
  }

  // {n}, {n,} or {n,m}; leaves pos_ alone when the brace is a literal (ECMA Annex B).
  bool BracedQuantifier(uint32_t* min, uint32_t* max) {
    size_t p = pos_ + 1;
    auto number = [&](uint32_t* value) {
      const size_t start = p;
      uint64_t n = 0;
      while (p < pattern_.size() && pattern_[p] >= '0' && pattern_[p] <= '9') {
        n = std::min<uint64_t>(n * 10 + static_cast<uint64_t>(pattern_[p] - '0'), kUnbounded - 1);
        ++p;
      }
      *value = static_cast<uint32_t>(n);
      return p > start;
    };
    uint32_t low = 0;
    uint32_t high = 0;
    if (!number(&low)) return false;
    high = low;
    if (p < pattern_.size() && pattern_[p] == ',') {
      ++p;
      if (!number(&high)) high = kUnbounded;
    }
    if (p >= pattern_.size() || pattern_[p] != '}' || high < low) return false;
    pos_ = p + 1;
    *min = low;
    *max = high;
    return true;
  }

  bool Atom(int depth, std::string* out) {
    const char c = Peek();
    if (c == '(') return Group(depth, out);
    if (c == '[') return Class(out);
    if (c == '*' || c == '+' || c == '?' || c == ')') return false;
    if (c == '^' || c == '$') {
      ++pos_;  // anchors: the sample is the whole match anyway
      return true;
    }
    if (c == '.') {
      ++pos_;
      return AppendCodePoint('x', out);
    }
    if (c == '\\') {
      std::vector<Range> ranges;
      bool assertion = false;
      if (!Escape(&ranges, &assertion)) return false;
      return assertion || AppendCodePoint(Pick(ranges), out);
    }
    const uint32_t code_point = DecodeUtf8(pattern_, &pos_);
    return AppendCodePoint(code_point, out);
  }

  bool Group(int depth, std::string* out) {
    ++pos_;
    if (Consume("?")) {
      if (Consume("P<") || (Consume("<") && !AtEnd() && Peek() != '=' && Peek() != '!')) {
        const size_t close = pattern_.find('>', pos_);
        if (close == std::string_view::npos) return false;
        pos_ = close + 1;
      } else if (!Consume(":")) {
        return false;  // lookaround, or an inline flag group
      }
    }
    if (!Alternation(depth + 1, out)) return false;
    return Consume(")");
  }

  // [...] or [^...]: a member, or for a negated class an ordinary character outside it.
  bool Class(std::string* out) {
    ++pos_;
    const bool negated = Consume("^");
    std::vector<Range> ranges;
    while (!AtEnd() && Peek() != ']') {
      std::vector<Range> item;
      if (!ClassAtom(&item)) return false;
      if (item.size() == 1 && item[0].low == item[0].high && pattern_.substr(pos_, 1) == "-" &&
          pattern_.substr(pos_ + 1, 1) != "]" && pos_ + 1 < pattern_.size()) {
        ++pos_;
        std::vector<Range> end;
        if (!ClassAtom(&end)) return false;
        if (end.size() != 1 || end[0].low != end[0].high || end[0].low < item[0].low) return false;
        item[0].high = end[0].low;
      }
      ranges.insert(ranges.end(), item.begin(), item.end());
    }
    if (!Consume("]") || (ranges.empty() && !negated)) return false;
    if (!negated) return AppendCodePoint(Pick(ranges), out);
    for (char candidate : kNegatedCandidates) {
      const auto code = static_cast<uint32_t>(static_cast<unsigned char>(candidate));
      const bool inside = std::any_of(ranges.begin(), ranges.end(), [code](const Range& r) {
        return code >= r.low && code <= r.high;
      });
      if (!inside) return AppendCodePoint(code, out);
    }
    return false;
  }

  bool ClassAtom(std::vector<Range>* out) {
    if (Peek() == '\\') {
      bool assertion = false;
      if (pattern_.substr(pos_, 2) == "\\b") {  // backspace inside a class
        pos_ += 2;
        out->push_back({8, 8});
        return true;
      }
      return Escape(out, &assertion) && !assertion;
    }
    const uint32_t code_point = DecodeUtf8(pattern_, &pos_);
    if (code_point == kInvalidCodePoint) return false;
    out->push_back({code_point, code_point});
    return true;
  }

  // An escape at pos_ as the ranges it may stand for; \b and \B are assertions (no text).
  bool Escape(std::vector<Range>* ranges, bool* assertion) {
    if (pos_ + 1 >= pattern_.size()) return false;
    const char c = pattern_[pos_ + 1];
    pos_ += 2;
    if (c == 'u' || c == 'x') return HexEscape(c, ranges);
    if (c == 'p') return PropertyEscape(ranges);
    if (c == 'b' || c == 'B') {
      *assertion = true;
      return true;
    }
    if (c == 'w') {
      ranges->insert(ranges->end(), {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}});
      return true;
    }
    // Class escapes stand for a representative; control escapes for their character.
    static constexpr std::pair<char, char> kSingles[] = {
        {'d', '0'},  {'s', ' '},  {'D', 'x'},  {'W', '-'},  {'S', 'x'},
        {'n', '\n'}, {'t', '\t'}, {'r', '\r'}, {'f', '\f'}, {'v', '\v'}};
    for (const auto& [escape, character] : kSingles) {
      if (c != escape) continue;
      const auto code = static_cast<uint32_t>(static_cast<unsigned char>(character));
      ranges->push_back({code, c == 'd' ? static_cast<uint32_t>('9') : code});
      return true;
    }
    // Backreferences, \k<name>, \P{...} and \cX are not sampled; other escapes are literal.
    if ((c >= '0' && c <= '9') || c == 'k' || c == 'P' || c == 'c') return false;
    const auto code = static_cast<unsigned char>(c);
    ranges->push_back({code, code});
    return code < 0x80;
  }

  // \uXXXX (a surrogate pair joined), \xHH; pos_ is just past the letter.
  bool HexEscape(char kind, std::vector<Range>* ranges) {
    const size_t digits = kind == 'u' ? 4 : 2;
    auto read = [&](uint32_t* value) {
      if (pos_ + digits > pattern_.size()) return false;
      *value = 0;
      for (size_t i = 0; i < digits; ++i) {
        const int digit = HexValue(pattern_[pos_ + i]);
        if (digit < 0) return false;
        *value = *value * 16 + static_cast<uint32_t>(digit);
      }
      pos_ += digits;
      return true;
    };
    uint32_t value = 0;
    if (!read(&value)) return false;
    if (kind == 'u' && value >= 0xD800 && value <= 0xDBFF && Consume("\\u")) {
      uint32_t low = 0;
      if (!read(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
    }
    ranges->push_back({value, value});
    return true;
  }

  // \p{L}, \p{Lu}, \p{N}...: a representative of the common general categories.
  bool PropertyEscape(std::vector<Range>* ranges) {
    if (!Consume("{")) return false;
    const size_t close = pattern_.find('}', pos_);
    if (close == std::string_view::npos) return false;
    const std::string_view name = pattern_.substr(pos_, close - pos_);
    pos_ = close + 1;
    if (name == "L" || name == "Ll" || name == "Letter" || name == "Alphabetic") {
      ranges->push_back({'a', 'z'});
    } else if (name == "Lu") {
      ranges->push_back({'A', 'Z'});
    } else if (name == "N" || name == "Nd") {
      ranges->push_back({'0', '9'});
    } else {
      return false;
    }
    return true;
  }

  uint32_t Pick(const std::vector<Range>& ranges) const {
    if (ranges.empty()) return kInvalidCodePoint;
    const Range& range = ranges[variant_ % ranges.size()];
    const uint64_t width = static_cast<uint64_t>(range.high) - range.low + 1;
    return range.low + static_cast<uint32_t>((variant_ / ranges.size()) % width);
  }

  static bool AppendCodePoint(uint32_t code_point, std::string* out) {
    if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return false;
    AppendUtf8(code_point, out);
    return true;
  }

  std::string_view pattern_;
  uint64_t variant_;
  uint32_t extra_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> SamplePatternMatch(std::string_view pattern, uint64_t variant,
                                              uint32_t extra_repeats) {
  return PatternSampler(pattern, variant, extra_repeats).Run();
}

}  // namespace winnow::llm
