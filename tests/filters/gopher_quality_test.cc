// gopher_quality (src/winnow/filters/gopher_quality.cc) rule by rule, in the order datatrove
// v0.3.0's GopherQualityFilter checks them. Texts are space-separated plain words and standalone
// symbol tokens ("#", "...", "-"), which a whitespace splitter and NLTK's word_tokenize split the
// same way, so the expected values do not depend on the word splitter.

#include "winnow/filters/gopher_quality.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "filters/filter_test_util.h"

namespace winnow {
namespace {

using testing::MakeFilter;
using testing::Verdict;

// `n` plain words (4 to 7 letters, none a stop word), space-separated.
std::string Words(size_t n) {
  static const char* const kWords[] = {"alpha",   "bravo", "charlie", "delta", "echo",
                                       "foxtrot", "golf",  "hotel",   "india", "juliet"};
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += ' ';
    out += kWords[i % 10];
  }
  return out;
}

// `token` `n` times, space-separated, with a leading space.
std::string Tokens(std::string_view token, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += ' ';
    out += token;
  }
  return out;
}

// 50 non-symbol words, two of them stop words: passes every rule.
std::string GoodText() { return "the of " + Words(48); }

std::optional<double> Measured(const FilterResult& result, std::string_view name) {
  for (const Measurement& m : result.measurements()) {
    if (m.name == name) return m.value;
  }
  return std::nullopt;
}

FilterResult MeasureAll(const Filter& filter, std::string_view text) {
  FilterResult result;
  Verdict(filter, text, /*measure_all=*/true, &result);
  return result;
}

class GopherQualityTest : public ::testing::Test {
 protected:
  std::unique_ptr<Filter> filter_ = MakeFilter("gopher_quality");
};

TEST_F(GopherQualityTest, GoodTextIsKept) {
  EXPECT_EQ(Verdict(*filter_, GoodText()), "kept");
  FilterResult result = MeasureAll(*filter_, GoodText());
  EXPECT_EQ(Measured(result, "non_symbol_words"), 50.0);
  EXPECT_EQ(Measured(result, "stop_words"), 2.0);
  EXPECT_EQ(Measured(result, "alpha_words_ratio"), 1.0);
  EXPECT_EQ(Measured(result, "hash_word_ratio"), 0.0);
}

// --- 1. document length in non-symbol words -----------------------------------------------------

TEST_F(GopherQualityTest, ShortDocCountsNonSymbolWordsOnly) {
  // 49 words plus five symbol-only tokens: still 49 non-symbol words.
  const std::string text =
      "the of " + Words(47) + Tokens("--", 3) + Tokens("#", 1) + Tokens("?", 1);
  FilterResult result = MeasureAll(*filter_, text);
  EXPECT_EQ(result.rule(), "gopher_short_doc");
  EXPECT_EQ(Measured(result, "non_symbol_words"), 49.0);
  EXPECT_EQ(result.Explain(), "gopher_short_doc: non_symbol_words 49 < 50");
  EXPECT_EQ(Verdict(*filter_, "the of " + Words(48)), "kept");  // exactly 50
}

TEST_F(GopherQualityTest, AWordWithOneCharacterOutsideThePunctuationSetIsNotASymbol) {
  // "•" (U+2022) is not in datatrove's punctuation set, "…" and "-" are; digits are not
  // punctuation.
  FilterResult result = MeasureAll(*filter_, "the of " + Words(47) + " \u2022 \u2026 - 7");
  EXPECT_EQ(Measured(result, "non_symbol_words"), 51.0);  // 49 + "•" + "7"
}

TEST_F(GopherQualityTest, LongDoc) {
  auto filter = MakeFilter("gopher_quality", {{"max_doc_words", "60"}});
  EXPECT_EQ(Verdict(*filter, "the of " + Words(59)), "gopher_long_doc");
  EXPECT_EQ(Verdict(*filter, "the of " + Words(58)), "kept");  // 60 words: not > 60
  FilterResult result = MeasureAll(*filter, "the of " + Words(59));
  EXPECT_EQ(result.Explain(), "gopher_long_doc: non_symbol_words 61 > 60");
}

// --- 2. mean word length -------------------------------------------------------------------------

TEST_F(GopherQualityTest, BelowAverageWordLength) {
  FilterResult result = MeasureAll(*filter_, "ab" + Tokens("ab", 49));
  EXPECT_EQ(result.rule(), "gopher_below_avg_threshold");
  EXPECT_EQ(Measured(result, "avg_word_length"), 2.0);
  EXPECT_EQ(result.Explain(), "gopher_below_avg_threshold: avg_word_length 2 < 3");
}

TEST_F(GopherQualityTest, AboveAverageWordLength) {
  FilterResult result = MeasureAll(*filter_, "abcdefghijk" + Tokens("abcdefghijk", 49));
  EXPECT_EQ(result.rule(), "gopher_above_avg_threshold");
  EXPECT_EQ(Measured(result, "avg_word_length"), 11.0);
}

TEST_F(GopherQualityTest, AverageWordLengthCountsCodePoints) {
  // "éé" is 2 code points (4 bytes): below 3. "ééééé" (5 code points, 10 bytes) is fine.
  EXPECT_EQ(Verdict(*filter_, "éé" + Tokens("éé", 49)), "gopher_below_avg_threshold");
  FilterResult result = MeasureAll(*filter_, "ééééé" + Tokens("ééééé", 49));
  EXPECT_EQ(Measured(result, "avg_word_length"), 5.0);
  EXPECT_NE(result.rule(), "gopher_above_avg_threshold");
}

TEST_F(GopherQualityTest, AverageIsOverNonSymbolWordsOnly) {
  // 50 x "abc" and 50 x "--": the mean of the non-symbol words is 3 (with "--" it would be 2.5);
  // the symbol tokens then fail the alpha rule (50 of 100 words have a letter).
  FilterResult result = MeasureAll(*filter_, "abc" + Tokens("abc", 49) + Tokens("--", 50));
  EXPECT_EQ(Measured(result, "avg_word_length"), 3.0);
  EXPECT_EQ(result.rule(), "gopher_below_alpha_threshold");
  EXPECT_EQ(Measured(result, "alpha_words_ratio"), 0.5);
}

TEST_F(GopherQualityTest, AverageOfNoWordsIsNaNAndFailsNoRule) {
  // Only symbol tokens (np.mean([]) is nan, which compares false): with the length rule off the
  // average rules pass, and the alpha rule drops the text.
  auto filter = MakeFilter("gopher_quality", {{"min_doc_words", "off"}});
  FilterResult result = MeasureAll(*filter, "?? ?? ??");
  std::optional<double> avg = Measured(result, "avg_word_length");
  ASSERT_TRUE(avg.has_value());
  EXPECT_TRUE(std::isnan(*avg));
  EXPECT_EQ(result.rule(), "gopher_below_alpha_threshold");
}

// --- 3, 4. hashes and ellipses per word ---------------------------------------------------------

TEST_F(GopherQualityTest, TooManyHashes) {
  // text.count("#") / n_words: 6 / 56 = 0.107 > 0.1; 5 / 55 = 0.091 passes.
  FilterResult result = MeasureAll(*filter_, GoodText() + Tokens("#", 6));
  EXPECT_EQ(result.rule(), "gopher_too_many_hashes");
  EXPECT_DOUBLE_EQ(*Measured(result, "hash_word_ratio"), 6.0 / 56);
  EXPECT_EQ(result.Explain(), "gopher_too_many_hashes: hash_word_ratio 0.1071 > 0.1");
  EXPECT_EQ(Verdict(*filter_, GoodText() + Tokens("#", 5)), "kept");
}

// Assumes NLTK word_tokenize (the word splitter since a87990d): "##" is split into two "#" tokens,
// so three "##" are 6 of 56 words.
TEST_F(GopherQualityTest, HashesAreSplitOffNltkWords) {
  FilterResult result = MeasureAll(*filter_, GoodText() + Tokens("##", 3));
  EXPECT_EQ(result.rule(), "gopher_too_many_hashes");
  EXPECT_DOUBLE_EQ(*Measured(result, "hash_word_ratio"), 6.0 / 56);
}

TEST_F(GopherQualityTest, TooManyEllipsesCountsThreeDotsAndTheEllipsisCharacter) {
  // (text.count("...") + text.count("…")) / n_words = (3 + 3) / 56 = 0.107 > 0.1.
  const std::string text = "the of" + Tokens("...", 3) + Tokens("\u2026", 3) + " " + Words(48);
  FilterResult result = MeasureAll(*filter_, text);
  EXPECT_EQ(result.rule(), "gopher_too_many_ellipsis");
  EXPECT_DOUBLE_EQ(*Measured(result, "ellipsis_word_ratio"), 6.0 / 56);
  // (3 + 2) / 55 = 0.091 passes.
  EXPECT_EQ(Verdict(*filter_, "the of" + Tokens("...", 3) + Tokens("\u2026", 2) + " " + Words(48)),
            "kept");
}

TEST_F(GopherQualityTest, HashAndEllipsisShareOneThreshold) {
  auto filter = MakeFilter("gopher_quality", {{"max_symbol_word_ratio", "0.2"}});
  EXPECT_EQ(Verdict(*filter, GoodText() + Tokens("#", 6)), "kept");
  EXPECT_EQ(Verdict(*filter, "the of" + Tokens("...", 6) + " " + Words(48)), "kept");
  EXPECT_EQ(Verdict(*filter, GoodText() + Tokens("#", 13)), "gopher_too_many_hashes");  // 13/63
}

// --- 5, 6. bullet lines and lines ending in an ellipsis -----------------------------------------

// Ten lines of five words each (plus "the of" on the first); line i starts with prefixes[i] and
// ends with suffixes[i] where given.
std::string TenLines(const std::vector<std::string>& prefixes,
                     const std::vector<std::string>& suffixes, std::string_view newline = "\n") {
  std::string out;
  for (size_t i = 0; i < 10; ++i) {
    if (i > 0) out += newline;
    out += i < prefixes.size() ? prefixes[i] : "";
    out += Words(5);
    if (i == 0) out += " the of";
    out += i < suffixes.size() ? suffixes[i] : "";
  }
  return out;
}

TEST_F(GopherQualityTest, TooManyBulletLines) {
  // Ten bullet lines ('-' or '•' after any leading whitespace, including U+3000): 10 / 10 > 0.9.
  const std::vector<std::string> bullets = {"- ", "\u2022 ", "  - ",  "\t\u2022 ", "\u3000- ",
                                            "-",  "\u2022",  "   - ", "- ",        "\u00a0\u2022 "};
  FilterResult result = MeasureAll(*filter_, TenLines(bullets, {}));
  EXPECT_EQ(result.rule(), "gopher_too_many_bullets");
  EXPECT_EQ(Measured(result, "bullet_lines_ratio"), 1.0);
  // Nine of ten: 0.9 is not > 0.9.
  std::vector<std::string> nine = bullets;
  nine[4] = "x - ";  // a dash after a word is no bullet
  EXPECT_EQ(Verdict(*filter_, TenLines(nine, {})), "kept");
  EXPECT_EQ(Measured(MeasureAll(*filter_, TenLines(nine, {})), "bullet_lines_ratio"), 0.9);
}

TEST_F(GopherQualityTest, OtherDashesAndMarksAreNotBullets) {
  // Em dash, en dash, '*', '·' and '◦' start no bullet line.
  const std::vector<std::string> prefixes = {"\u2014 ", "\u2013 ", "* ", "\u00b7 ", "\u25e6 "};
  FilterResult result = MeasureAll(*filter_, TenLines(prefixes, {}));
  EXPECT_EQ(Measured(result, "bullet_lines_ratio"), 0.0);
}

TEST_F(GopherQualityTest, BulletLinesAreSplitLinesIncludingCrLfAndUnicodeSeparators) {
  const std::vector<std::string> bullets(10, "- ");
  for (std::string_view newline : {"\r\n", "\r", "\u2028", "\x1e"}) {
    EXPECT_EQ(Verdict(*filter_, TenLines(bullets, {}, newline)), "gopher_too_many_bullets");
  }
  // Blank lines count as lines: 10 bullet lines and 2 empty ones = 10 / 12 = 0.83 passes.
  std::string text = TenLines(bullets, {}) + "\n\n\n";  // splitlines: two more empty lines
  FilterResult result = MeasureAll(*filter_, text);
  EXPECT_DOUBLE_EQ(*Measured(result, "bullet_lines_ratio"), 10.0 / 12);
}

TEST_F(GopherQualityTest, TooManyLinesEndingWithAnEllipsis) {
  // Four of ten lines end with "..." or "…" (before trailing whitespace): 0.4 > 0.3. The four
  // ellipses are 4 / 56 words, below the ellipsis-per-word limit.
  const std::vector<std::string> endings = {" ...", " \u2026  ", " ...\t", " \u2026"};
  FilterResult result = MeasureAll(*filter_, TenLines({}, endings));
  EXPECT_EQ(result.rule(), "gopher_too_many_end_ellipsis");
  EXPECT_DOUBLE_EQ(*Measured(result, "end_ellipsis_lines_ratio"), 0.4);
  EXPECT_DOUBLE_EQ(*Measured(result, "ellipsis_word_ratio"), 4.0 / 56);
  // Three of ten: 0.3 passes.
  EXPECT_EQ(Verdict(*filter_, TenLines({}, {" ...", " \u2026", " ..."})), "kept");
  // An ellipsis inside a line does not count.
  EXPECT_EQ(
      Measured(MeasureAll(*filter_, TenLines({"... ", "\u2026 "}, {})), "end_ellipsis_lines_ratio"),
      0.0);
}

// --- 7. words with a letter ---------------------------------------------------------------------

TEST_F(GopherQualityTest, BelowAlphaThreshold) {
  // 50 words with letters and 13 numbers: 50 / 63 = 0.794 < 0.8; 12 numbers: 50 / 62 passes.
  FilterResult result = MeasureAll(*filter_, GoodText() + Tokens("123", 13));
  EXPECT_EQ(result.rule(), "gopher_below_alpha_threshold");
  EXPECT_DOUBLE_EQ(*Measured(result, "alpha_words_ratio"), 50.0 / 63);
  EXPECT_EQ(result.Explain(), "gopher_below_alpha_threshold: alpha_words_ratio 0.7937 < 0.8");
  EXPECT_EQ(Verdict(*filter_, GoodText() + Tokens("123", 12)), "kept");
}

TEST_F(GopherQualityTest, AlphaFollowsPythonIsAlpha) {
  // CJK words, and words with a letter among digits, have a letter.
  EXPECT_EQ(Verdict(*filter_, GoodText() + Tokens("\u65e5\u672c", 13)), "kept");
  EXPECT_EQ(Verdict(*filter_, GoodText() + Tokens("12a", 13)), "kept");
  // Combining marks (Mn), Arabic-Indic digits (Nd) and Roman numerals (Nl) are not letters.
  for (std::string_view token :
       {"\u0301\u0301\u0301", "\u0663\u0664\u0665", "\u216b\u216b\u216b"}) {
    EXPECT_EQ(Verdict(*filter_, GoodText() + Tokens(token, 13)), "gopher_below_alpha_threshold")
        << token;
  }
}

// --- 8. stop words ----------------------------------------------------------------------------

TEST_F(GopherQualityTest, StopWordsAreCountedPerTokenNotDistinct) {
  // "the" twice is two stop words (later datatrove versions count distinct ones: one).
  EXPECT_EQ(Verdict(*filter_, "the the " + Words(48)), "kept");
  FilterResult result = MeasureAll(*filter_, "the " + Words(49));
  EXPECT_EQ(result.rule(), "gopher_enough_stop_words");
  EXPECT_EQ(Measured(result, "stop_words"), 1.0);
  EXPECT_EQ(result.Explain(), "gopher_enough_stop_words: stop_words 1 < 2");
}

TEST_F(GopherQualityTest, StopWordsAreCaseSensitive) {
  EXPECT_EQ(Verdict(*filter_, "The THE " + Words(48)), "gopher_enough_stop_words");
  FilterResult result = MeasureAll(*filter_, "be to and that have with " + Words(44) + " The Of");
  EXPECT_EQ(Measured(result, "stop_words"), 6.0);
}

TEST_F(GopherQualityTest, CustomStopWords) {
  auto filter = MakeFilter("gopher_quality", {{"stop_words", "foxtrot, zebra"}});
  // Words(48) holds "foxtrot" five times; "the" and "of" are no longer stop words.
  FilterResult result = MeasureAll(*filter, "the of " + Words(48));
  EXPECT_EQ(Measured(result, "stop_words"), 5.0);
  EXPECT_TRUE(result.kept());
  EXPECT_EQ(Verdict(*filter, "the of zebra" + Tokens("alpha", 47)),
            "gopher_enough_stop_words");  // zebra once, no foxtrot
  auto more = MakeFilter("gopher_quality", {{"stop_words", "zebra"}, {"min_stop_words", "1"}});
  EXPECT_EQ(Verdict(*more, "zebra " + Words(49)), "kept");
}

// --- order and switches
// ---------------------------------------------------------------------------

TEST_F(GopherQualityTest, RulesRunInOrderAndEachCanBeSwitchedOff) {
  // Three bullet lines of two-letter words, '#', a number, ending with "...": the text fails every
  // rule, so switching the rules off one by one walks through them in order.
  std::string text;
  for (int i = 0; i < 3; ++i) text += "- ab ab # 1 ...\n";
  const std::vector<std::pair<std::string, std::string>> order = {
      {"min_doc_words", "gopher_short_doc"},
      {"min_avg_word_length", "gopher_below_avg_threshold"},
      {"max_symbol_word_ratio", "gopher_too_many_hashes"},  // also switches the ellipsis rule off
      {"max_bullet_lines_ratio", "gopher_too_many_bullets"},
      {"max_ellipsis_lines_ratio", "gopher_too_many_end_ellipsis"},
      {"max_non_alpha_words_ratio", "gopher_below_alpha_threshold"},
      {"min_stop_words", "gopher_enough_stop_words"},
  };
  std::map<std::string, std::string> options;
  for (const auto& [option, rule] : order) {
    EXPECT_EQ(Verdict(*MakeFilter("gopher_quality", options), text), rule)
        << "with " << options.size() << " rules off";
    options[option] = "off";
  }
  EXPECT_EQ(Verdict(*MakeFilter("gopher_quality", options), text), "kept");
}

TEST_F(GopherQualityTest, MeasureAllRecordsEveryMeasure) {
  FilterResult result = MeasureAll(*filter_, "x");
  EXPECT_EQ(result.rule(), "gopher_short_doc");
  std::vector<std::string> names;
  for (const Measurement& m : result.measurements()) {
    if (names.empty() || names.back() != m.name) names.emplace_back(m.name);
  }
  EXPECT_THAT(
      names, ::testing::ElementsAre("non_symbol_words", "avg_word_length", "hash_word_ratio",
                                    "ellipsis_word_ratio", "bullet_lines_ratio",
                                    "end_ellipsis_lines_ratio", "alpha_words_ratio", "stop_words"));
}

TEST_F(GopherQualityTest, BlankTextIsEmpty) {
  for (std::string_view text : {"", "   ", "\n\u3000\n"}) {
    EXPECT_EQ(Verdict(*filter_, text), "empty");
  }
}

TEST_F(GopherQualityTest, InvalidUtf8DoesNotCrash) {
  std::string text = GoodText() + " \xff\xfe \xc3 \xe2\x80";
  EXPECT_NE(Verdict(*filter_, text), "empty");
}

// Assumes NLTK word_tokenize (the word splitter since a87990d): a trailing comma is its own token
// (a whitespace splitter would keep "alpha," whole).
TEST_F(GopherQualityTest, CommasAreSymbolWordsNltkWords) {
  // "the, of, alpha, ..." (50 words, each with a comma): 50 words and 50 "," tokens. The stop
  // words are found ("the", "of"), the average ignores the commas, and only half of the tokens
  // have a letter.
  std::string text;
  const std::string words = "the of " + Words(48);
  for (char c : words) text += c == ' ' ? std::string(", ") : std::string(1, c);
  text += ",";
  FilterResult result = MeasureAll(*filter_, text);
  EXPECT_EQ(Measured(result, "non_symbol_words"), 50.0);
  EXPECT_EQ(Measured(result, "stop_words"), 2.0);
  EXPECT_EQ(Measured(result, "alpha_words_ratio"), 0.5);
  EXPECT_EQ(result.rule(), "gopher_below_alpha_threshold");
}

}  // namespace
}  // namespace winnow
