// The hand-written GPT-2 and Llama-3/Qwen2 scanners against ICU's regex engine running the same
// patterns, on hand-checked texts and on many random mixes of letters, digits, whitespace runs,
// newlines, apostrophes and non-ASCII characters of every class the patterns tell apart.

#include "winnow/tokenizers/split_pattern.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace winnow::tokenizers {
namespace {

std::vector<std::string> Pieces(const SplitPattern& pattern, std::string_view text) {
  std::vector<Span> matches;
  pattern.FindMatches(text, &matches);
  std::vector<std::string> pieces;
  for (const Span& match : matches) {
    pieces.emplace_back(text.substr(match.begin, match.end - match.begin));
  }
  return pieces;
}

std::unique_ptr<SplitPattern> Icu(std::string_view pattern) {
  auto compiled = CompileIcuRegex(pattern);
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message();
  return std::move(compiled).value();
}

using Strings = std::vector<std::string>;

TEST(SplitPattern, Gpt2HandChecked) {
  auto fast = NewGpt2Pattern();
  auto icu = Icu(kGpt2Pattern);
  // Contractions are their own pieces; a space joins the word after it; of two spaces the first
  // stays alone (\s+(?!\S)); "'S" is no contraction under GPT-2's case-sensitive pattern.
  const char* text = "Hello world's  end\nIT'S 42x";
  Strings expected = {"Hello", " world", "'s", " ", " end", "\n", "IT", "'", "S", " 42", "x"};
  EXPECT_EQ(Pieces(*fast, text), expected);
  EXPECT_EQ(Pieces(*icu, text), expected);
}

TEST(SplitPattern, Llama3HandChecked) {
  auto fast = NewLlama3StylePattern(3);
  auto icu = Icu(kLlama3Pattern);
  // (?i) contractions; digits in threes; punctuation keeps the newlines after it; a lone space
  // before a number is its own piece; of a whitespace run the last space joins the next word.
  const char* text = "I'VE 12345 apples!!\n\n  ok";
  Strings expected = {"I", "'VE", " ", "123", "45", " apples", "!!\n\n", " ", " ok"};
  EXPECT_EQ(Pieces(*fast, text), expected);
  EXPECT_EQ(Pieces(*icu, text), expected);
  // A non-letter, non-digit character leads the word after it; newlines end a whitespace run.
  const char* code = "f(x)\n\n\tif\r\n";
  Strings code_expected = {"f", "(x", ")\n\n", "\tif", "\r\n"};
  EXPECT_EQ(Pieces(*fast, code), code_expected);
  EXPECT_EQ(Pieces(*icu, code), code_expected);
}

TEST(SplitPattern, Qwen2SplitsDigitsOneByOne) {
  auto fast = NewLlama3StylePattern(1);
  auto icu = Icu(kQwen2Pattern);
  Strings expected = {"1", "2", "3", " a"};
  EXPECT_EQ(Pieces(*fast, "123 a"), expected);
  EXPECT_EQ(Pieces(*icu, "123 a"), expected);
}

TEST(SplitPattern, RecognisesKnownPatternsByText) {
  // The fast and the ICU versions must agree, so recognition is only observable through speed;
  // here it is enough that every known pattern compiles.
  for (std::string_view pattern : {kGpt2Pattern, kLlama3Pattern, kQwen2Pattern}) {
    EXPECT_TRUE(CompileSplitRegex(pattern).has_value()) << pattern;
  }
  auto bad = CompileSplitRegex("(unclosed");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("does not compile"), std::string::npos);
}

// Patterns of other real tokenizer.json files (GPT-4o's o200k, DeepSeek-V3's Split steps) are
// not fast-pathed; ICU must accept them, and where every character matches one of their
// alternatives the pieces must tile the text. (DeepSeek's pattern leaves digits to an earlier
// Split step, so its text here has none.)
TEST(SplitPattern, OtherRealPatternsRunOnIcu) {
  const char* o200k =
      R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
  const char* deepseek =
      R"([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
  std::string letters = "HelloWORLD's  café\n\n\t(x) \u4e2d\u6587 \U0001F600!";
  for (const auto& [pattern, text] :
       {std::pair<const char*, std::string>{o200k, letters + " 12345"},
        std::pair<const char*, std::string>{deepseek, letters}}) {
    auto compiled = CompileSplitRegex(pattern);
    ASSERT_TRUE(compiled.has_value()) << compiled.error().message();
    std::string joined;
    for (const std::string& piece : Pieces(**compiled, text)) joined += piece;
    EXPECT_EQ(joined, text) << pattern;
  }
  // o200k cuts before an upper-case run and keeps the contraction with its word.
  EXPECT_EQ(Pieces(**CompileSplitRegex(o200k), "HelloWORLD's"), Strings({"Hello", "WORLD's"}));
}

TEST(SplitPattern, Literal) {
  auto literal = NewLiteralPattern("ab");
  std::vector<Span> matches;
  literal->FindMatches("xababa", &matches);
  EXPECT_EQ(matches, (std::vector<Span>{{1, 3}, {3, 5}}));
}

// Text fragments covering each class the patterns distinguish.
const std::vector<std::string>& Fragments() {
  static const std::vector<std::string> fragments = {
      "a",          "Z",      "hello",  "The",     " ",      "  ",         "   ",     "\t",
      "\n",         "\r",     "\r\n",   "\n\n",    "\v",     "\f",         "'",       "'s",
      "'S",         "'t",     "'re",    "'RE",     "'ve",    "'m",         "'ll",     "'Ll",
      "'d",         "'D",     "'x",     "'\u017F", "\u017F", "0",          "7",       "123",
      "12345",      "\u00E9", "\u0436", "\u4E2D",  "\u0663", "\u00B2",     "\u216B",  "\u00A0",
      "\u3000",     "\u2028", "\u2029", "\u0085",  "\u1680", "\u0301",     "!",       "?",
      ".",          "...",    "-",      "(",       ")",      "\U0001F600", "\u200B",  "_",
      "$",          "\u01C5", "\u02B0", "\x01",    "\u00AD", "\uFFFD",     "e\u0301", "\U00010400",
      "\U0001D7D8", "\u2163",
  };
  return fragments;
}

std::string RandomText(std::mt19937& rng) {
  const auto& fragments = Fragments();
  std::uniform_int_distribution<size_t> count(0, 24);
  std::uniform_int_distribution<size_t> pick(0, fragments.size() - 1);
  std::string text;
  for (size_t n = count(rng); n > 0; --n) text += fragments[pick(rng)];
  return text;
}

void ExpectSameAsIcu(const SplitPattern& fast, const SplitPattern& icu, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < 20000; ++i) {
    std::string text = RandomText(rng);
    std::vector<Span> fast_matches;
    std::vector<Span> icu_matches;
    fast.FindMatches(text, &fast_matches);
    icu.FindMatches(text, &icu_matches);
    ASSERT_EQ(fast_matches, icu_matches) << "text: \"" << text << "\"";
  }
}

TEST(SplitPattern, Gpt2ScannerEqualsIcuOnRandomText) {
  ExpectSameAsIcu(*NewGpt2Pattern(), *Icu(kGpt2Pattern), 1);
}

TEST(SplitPattern, Llama3ScannerEqualsIcuOnRandomText) {
  ExpectSameAsIcu(*NewLlama3StylePattern(3), *Icu(kLlama3Pattern), 2);
}

TEST(SplitPattern, Qwen2ScannerEqualsIcuOnRandomText) {
  ExpectSameAsIcu(*NewLlama3StylePattern(1), *Icu(kQwen2Pattern), 3);
}

}  // namespace
}  // namespace winnow::tokenizers
