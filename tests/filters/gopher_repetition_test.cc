// gopher_repetition (src/winnow/filters/gopher_repetition.cc) rule by rule, with the values
// datatrove v0.3.0's GopherRepetitionFilter computes, worked out by hand in the comments. Texts use
// plain space-separated words (no punctuation), so the word splitter only has to split on spaces.

#include "winnow/filters/gopher_repetition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "filters/filter_test_util.h"

namespace winnow {
namespace {

using testing::MakeFilter;
using testing::Verdict;

// Runs `filter` on `text` measuring every rule; returns the result.
FilterResult MeasureAll(const Filter& filter, std::string_view text) {
  FilterResult result;
  Verdict(filter, text, /*measure_all=*/true, &result);
  return result;
}

std::optional<double> Measured(const FilterResult& result, std::string_view name) {
  for (const Measurement& m : result.measurements()) {
    if (m.name == name) return m.value;
  }
  return std::nullopt;
}

// Expects the measurement `name` to be exactly `expected` (both computed as the same division).
#define EXPECT_MEASURED(result, name, expected)                     \
  do {                                                              \
    std::optional<double> value_ = Measured((result), (name));      \
    ASSERT_TRUE(value_.has_value()) << "no measurement " << (name); \
    EXPECT_DOUBLE_EQ(*value_, (expected)) << (name);                \
  } while (0)

class GopherRepetitionTest : public ::testing::Test {
 protected:
  std::unique_ptr<Filter> filter_ = MakeFilter("gopher_repetition");
};

// --- paragraphs: re.split(r"\n{2,}", text.strip())
// ------------------------------------------------

TEST_F(GopherRepetitionTest, DuplicateParagraphFraction) {
  // Paragraphs a, a, b: 1 duplicate of 3 = 0.333 > 0.3.
  FilterResult result = MeasureAll(*filter_, "a\n\na\n\nb");
  EXPECT_EQ(result.rule(), "dup_para_frac");
  EXPECT_MEASURED(result, "dup_para_frac", 1.0 / 3);
  EXPECT_MEASURED(result, "dup_para_char_frac", 1.0 / 7);  // len("a") / len(text)
  EXPECT_EQ(result.Explain(), "dup_para_frac 0.3333 > 0.3");
}

TEST_F(GopherRepetitionTest, ParagraphsAreSplitFromTheStrippedText) {
  // text.strip() = "a\n\nb": paragraphs a, b, no duplicate. Unstripped, re.split would give
  // ['', 'a', 'b', ''] with one duplicate ('').
  FilterResult result = MeasureAll(*filter_, "\n\na\n\nb\n\n");
  EXPECT_MEASURED(result, "dup_para_frac", 0.0);
  EXPECT_MEASURED(result, "dup_para_char_frac", 0.0);
  // Leading and trailing spaces go with the strip too: "  a\n\na  " has paragraphs a, a.
  FilterResult spaced = MeasureAll(*filter_, "  a\n\na  ");
  EXPECT_MEASURED(spaced, "dup_para_frac", 0.5);
  EXPECT_MEASURED(spaced, "dup_para_char_frac", 1.0 / 8);
}

TEST_F(GopherRepetitionTest, RunsOfThreeOrMoreNewlinesSeparateParagraphsToo) {
  // "a\n\n\n\na\n\nb\n\nc": paragraphs a, a, b, c (the run of four is one separator).
  FilterResult result = MeasureAll(*filter_, "a\n\n\n\na\n\nb\n\nc");
  EXPECT_MEASURED(result, "dup_para_frac", 0.25);
  // A single newline does not separate paragraphs: "a\nb\n\na\nb" has "a\nb" twice.
  FilterResult lines = MeasureAll(*filter_, "a\nb\n\na\nb");
  EXPECT_MEASURED(lines, "dup_para_frac", 0.5);
  EXPECT_MEASURED(lines, "dup_para_char_frac", 3.0 / 8);  // len("a\nb") = 3
}

TEST_F(GopherRepetitionTest, DuplicateParagraphCharsCountCodePoints) {
  // Paragraphs 日本語, 日本語, x, y: 1 of 4 = 0.25 passes; 3 code points of len(text) = 14
  // (3+2+3+2+1+2+1) = 0.214 > 0.2. In bytes it would be 9 / 22.
  FilterResult result = MeasureAll(*filter_, "日本語\n\n日本語\n\nx\n\ny");
  EXPECT_EQ(result.rule(), "dup_para_char_frac");
  EXPECT_MEASURED(result, "dup_para_frac", 0.25);
  EXPECT_MEASURED(result, "dup_para_char_frac", 3.0 / 14);
}

TEST_F(GopherRepetitionTest, ParagraphCharFractionDividesByTheUnstrippedLength) {
  // Paragraphs x, hello, hello, world after strip; len(text) with the trailing "\n\n" is 24:
  // 5 / 24 = 0.208 > 0.2.
  FilterResult result = MeasureAll(*filter_, "x\n\nhello\n\nhello\n\nworld\n\n");
  EXPECT_EQ(result.rule(), "dup_para_char_frac");
  EXPECT_MEASURED(result, "dup_para_frac", 0.25);
  EXPECT_MEASURED(result, "dup_para_char_frac", 5.0 / 24);
}

// --- lines: re.split(r"\n+", text) --------------------------------------------------------------

TEST_F(GopherRepetitionTest, LeadingAndTrailingEmptyLinesCount) {
  // re.split(r"\n+", "\na\n") = ['', 'a', '']: '' repeats, 1 of 3 = 0.333 > 0.3. The paragraph
  // rule sees only "a".
  FilterResult result = MeasureAll(*filter_, "\na\n");
  EXPECT_EQ(result.rule(), "dup_line_frac");
  EXPECT_MEASURED(result, "dup_para_frac", 0.0);
  EXPECT_MEASURED(result, "dup_line_frac", 1.0 / 3);
  EXPECT_MEASURED(result, "dup_line_char_frac", 0.0);  // len('') = 0
  EXPECT_EQ(result.Explain(), "dup_line_frac 0.3333 > 0.3");
  // ['', 'a', 'b', ''] : 1 of 4 passes.
  EXPECT_MEASURED(MeasureAll(*filter_, "\n\na\n\nb\n\n"), "dup_line_frac", 0.25);
}

TEST_F(GopherRepetitionTest, RunsOfNewlinesAreOneLineBreak) {
  // re.split(r"\n+", "a\n\n\nb\nc") = ['a', 'b', 'c']: no empty line in between.
  FilterResult result = MeasureAll(*filter_, "a\n\n\nb\nc");
  EXPECT_MEASURED(result, "dup_line_frac", 0.0);
}

TEST_F(GopherRepetitionTest, DuplicateLineCharsCountCodePoints) {
  // Lines ééé, ééé, x, y: 1 of 4 = 0.25 passes; 3 / len(text) = 3 / 11 = 0.273 > 0.2.
  FilterResult result = MeasureAll(*filter_, "ééé\nééé\nx\ny");
  EXPECT_EQ(result.rule(), "dup_line_char_frac");
  EXPECT_MEASURED(result, "dup_line_frac", 0.25);
  EXPECT_MEASURED(result, "dup_line_char_frac", 3.0 / 11);
}

TEST_F(GopherRepetitionTest, LinesAreSplitOnNewlineOnlyNotOtherBreaks) {
  // "a\rb\na\rb": \r does not split, so the lines are "a\rb" twice: 1 of 2 = 0.5.
  FilterResult result = MeasureAll(*filter_, "a\rb\na\rb");
  EXPECT_EQ(result.rule(), "dup_line_frac");
  EXPECT_MEASURED(result, "dup_line_frac", 0.5);
  EXPECT_MEASURED(result, "dup_line_char_frac", 3.0 / 7);
}

TEST_F(GopherRepetitionTest, AFractionEqualToTheThresholdPasses) {
  // Lines a a a a b c d e f g: 3 duplicates of 10 = 0.3, not > 0.3. The words then fail top_2_gram
  // ("a a" three times: 3 * 3 / 19).
  FilterResult result = MeasureAll(*filter_, "a\na\na\na\nb\nc\nd\ne\nf\ng");
  EXPECT_MEASURED(result, "dup_line_frac", 0.3);
  EXPECT_EQ(result.rule(), "top_2_gram");
  EXPECT_MEASURED(result, "top_2_gram", 9.0 / 19);
}

// --- top n-grams ----------------------------------------------------------------------------

TEST_F(GopherRepetitionTest, TopNGramIsLengthTimesCount) {
  // "a b a b c": 2-grams "a b" x2, "b a", "b c"; score len("a b") * 2 = 6, / 9.
  FilterResult result = MeasureAll(*filter_, "a b a b c");
  EXPECT_EQ(result.rule(), "top_2_gram");
  EXPECT_MEASURED(result, "top_2_gram", 6.0 / 9);
  // 3-grams "a b a", "b a b", "a b c" all once: the first, 5 chars.
  EXPECT_MEASURED(result, "top_3_gram", 5.0 / 9);
  EXPECT_MEASURED(result, "top_4_gram", 7.0 / 9);
}

TEST_F(GopherRepetitionTest, TopNGramTieGoesToTheFirstInsertedEvenWhenCountIsOne) {
  // "aa b ccc dddd": every 2-gram occurs once; Counter.most_common(1) returns the first one
  // inserted, "aa b" (4 chars), not the longest "ccc dddd" (8): 4 / 13.
  FilterResult result = MeasureAll(*filter_, "aa b ccc dddd");
  EXPECT_MEASURED(result, "top_2_gram", 4.0 / 13);
  EXPECT_MEASURED(result, "top_3_gram", 8.0 / 13);  // "aa b ccc"
  EXPECT_MEASURED(result, "top_4_gram", 13.0 / 13);
}

TEST_F(GopherRepetitionTest, TopNGramTieBetweenRepeatedGramsGoesToTheFirstInserted) {
  // "bb c a d a d bb c": "bb c" (first at 0) and "a d" (first at 2) both occur twice; "a d"
  // reaches two first, but most_common breaks the tie by insertion: len("bb c") * 2 = 8, / 17.
  FilterResult result = MeasureAll(*filter_, "bb c a d a d bb c");
  EXPECT_MEASURED(result, "top_2_gram", 8.0 / 17);
}

TEST_F(GopherRepetitionTest, TopNGramCountsCodePoints) {
  // "éé ü éé ü x": "éé ü" twice: 4 code points * 2 = 8, len(text) = 11.
  FilterResult result = MeasureAll(*filter_, "éé ü éé ü x");
  EXPECT_MEASURED(result, "top_2_gram", 8.0 / 11);
}

TEST_F(GopherRepetitionTest, TopNGramsAreJoinedWithOneSpaceWhateverTheWhitespace) {
  // The words of "a\tb   a b" are a b a b: "a b" twice = 3 * 2 = 6, over len(text) = 9.
  FilterResult result = MeasureAll(*filter_, "a\tb   a b");
  EXPECT_MEASURED(result, "top_2_gram", 6.0 / 9);
}

TEST_F(GopherRepetitionTest, NoNGramsWhenTooFewWords) {
  // One word: no 2-gram at all, so no top-n-gram rule can fail.
  EXPECT_EQ(Verdict(*filter_, "word"), "kept");
  FilterResult result = MeasureAll(*filter_, "word");
  EXPECT_TRUE(result.kept());
}

// --- duplicated n-grams (n = 5..10) -------------------------------------------------------------

TEST_F(GopherRepetitionTest, DuplicatedNGramsJoinWordsWithoutSeparator) {
  // Words ab c d e f a bc d e f. "".join(["ab","c","d","e","f"]) == "".join(["a","bc","d","e",
  // "f"]) == "abcdef": the 5-gram at 5 repeats the one at 0: 6 chars / len(text) = 21.
  auto filter = MakeFilter("gopher_repetition",
                           {{"top_2_gram", "off"}, {"top_3_gram", "off"}, {"top_4_gram", "off"}});
  FilterResult result = MeasureAll(*filter, "ab c d e f a bc d e f");
  EXPECT_EQ(result.rule(), "duplicated_5_n_grams");
  EXPECT_MEASURED(result, "duplicated_5_n_grams", 6.0 / 21);
  EXPECT_MEASURED(result, "duplicated_6_n_grams", 0.0);
  EXPECT_EQ(result.Explain(), "duplicated_5_n_grams 0.2857 > 0.15");
}

TEST_F(GopherRepetitionTest, DuplicatedNGramSkipsItsWordsAfterARepeat) {
  // "a b c d e" three times (15 words, 29 chars). n=5: grams at 0..4 are new; the one at 5
  // repeats (+5) and the scan jumps to 10, which repeats too (+5), then stops: 10 / 29. Without
  // the jump, grams 5..10 would all repeat (30 chars).
  FilterResult result = MeasureAll(*filter_, "a b c d e a b c d e a b c d e");
  EXPECT_MEASURED(result, "duplicated_5_n_grams", 10.0 / 29);
  // n=6: grams 0..4 new ("abcdea" ... "eabcde"), the one at 5 ("abcdea") repeats (+6), jump to
  // 11 > 15 - 6: stop. 6 / 29.
  EXPECT_MEASURED(result, "duplicated_6_n_grams", 6.0 / 29);
  // n=10: grams 0..4 new, gram 5 ("abcdeabcde") repeats gram 0: +10.
  EXPECT_MEASURED(result, "duplicated_10_n_grams", 10.0 / 29);
}

TEST_F(GopherRepetitionTest, DuplicatedNGramCharsCountCodePoints) {
  // "é b c d e é b c d e": the 5-gram "ébcde" repeats: 5 code points (6 bytes) / 19.
  auto filter = MakeFilter("gopher_repetition",
                           {{"top_2_gram", "off"}, {"top_3_gram", "off"}, {"top_4_gram", "off"}});
  FilterResult result = MeasureAll(*filter, "é b c d e é b c d e");
  EXPECT_MEASURED(result, "duplicated_5_n_grams", 5.0 / 19);
}

// --- thresholds from options --------------------------------------------------------------------

TEST_F(GopherRepetitionTest, ThresholdsCanBeChanged) {
  // dup_line_frac 1/3 fails at 0.3, passes at 0.4.
  EXPECT_EQ(Verdict(*filter_, "\na\n"), "dup_line_frac");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"dup_line_frac", "0.4"}}), "\na\n"), "kept");
  // top_2_gram: "aa b ccc dddd" scores 4/13 = 0.31 > 0.2 by default; with 0.35 it passes (and
  // top_3_gram 8/13 then fails).
  EXPECT_EQ(Verdict(*filter_, "aa b ccc dddd"), "top_2_gram");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"top_2_gram", "0.35"}}), "aa b ccc dddd"),
            "top_3_gram");
  // duplicated_5_n_grams: 6/21 = 0.29.
  std::map<std::string, std::string> no_top = {
      {"top_2_gram", "off"}, {"top_3_gram", "off"}, {"top_4_gram", "off"}};
  no_top["duplicated_5_n_grams"] = "0.3";
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", no_top), "ab c d e f a bc d e f"), "kept");
}

TEST_F(GopherRepetitionTest, ThresholdsCanBeSwitchedOff) {
  for (const char* off : {"off", "none", "null"}) {
    SCOPED_TRACE(off);
    auto filter = MakeFilter("gopher_repetition", {{"dup_para_frac", off}});
    // Paragraphs a, a, b fail dup_para_frac only; switched off the text goes on to the line rules:
    // lines a, a, b: dup_line_frac 1/3.
    EXPECT_EQ(Verdict(*filter, "a\n\na\n\nb"), "dup_line_frac");
    // A switched-off rule is still measured (for annotations) but never fails.
    FilterResult result = MeasureAll(*filter, "a\n\na\n\nb");
    EXPECT_EQ(result.rule(), "dup_line_frac");
    EXPECT_MEASURED(result, "dup_para_frac", 1.0 / 3);
  }
  auto all_off = MakeFilter("gopher_repetition", {{"dup_para_frac", "off"},
                                                  {"dup_para_char_frac", "off"},
                                                  {"dup_line_frac", "off"},
                                                  {"dup_line_char_frac", "off"},
                                                  {"top_2_gram", "off"},
                                                  {"top_3_gram", "off"},
                                                  {"top_4_gram", "off"},
                                                  {"duplicated_5_n_grams", "off"},
                                                  {"duplicated_6_n_grams", "off"},
                                                  {"duplicated_7_n_grams", "off"},
                                                  {"duplicated_8_n_grams", "off"},
                                                  {"duplicated_9_n_grams", "off"},
                                                  {"duplicated_10_n_grams", "off"}});
  EXPECT_EQ(Verdict(*all_off, "a a a a a a a a a a a a\n\na a a a a a a a a a a a"), "kept");
  // Blank texts are dropped as empty whatever the thresholds.
  EXPECT_EQ(Verdict(*all_off, " \n "), "empty");
}

TEST_F(GopherRepetitionTest, BadThresholdIsAnError) {
  StepOptions options("gopher_repetition", {{"dup_line_frac", "lots"}});
  auto filter = (*FindFilter("gopher_repetition"))->create(options);
  ASSERT_FALSE(filter.has_value());
  EXPECT_THAT(filter.error().message(), ::testing::HasSubstr("dup_line_frac"));
}

// --- order ------------------------------------------------------------------------------------

TEST_F(GopherRepetitionTest, FirstFailingRuleInDocumentedOrderWins) {
  // "a a a a\n\na a a a\n\na a a a" fails paragraphs, lines, top n-grams and duplicated n-grams;
  // the paragraph rule comes first.
  const std::string text = "a a a a\n\na a a a\n\na a a a";
  FilterResult result = MeasureAll(*filter_, text);
  EXPECT_EQ(result.rule(), "dup_para_frac");
  EXPECT_MEASURED(result, "dup_para_frac", 2.0 / 3);
  EXPECT_MEASURED(result, "dup_line_frac", 2.0 / 3);
  // Without measure_all the filter stops at the first failure: nothing after it is measured.
  FilterResult quick;
  EXPECT_EQ(Verdict(*filter_, text, /*measure_all=*/false, &quick), "dup_para_frac");
  EXPECT_FALSE(Measured(quick, "dup_line_frac").has_value());
  EXPECT_FALSE(Measured(quick, "top_2_gram").has_value());

  // Each rule switched off in turn hands the verdict to the next one in order.
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"dup_para_frac", "off"}}), text),
            "dup_para_char_frac");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition",
                                {{"dup_para_frac", "off"}, {"dup_para_char_frac", "off"}}),
                    text),
            "dup_line_frac");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"dup_para_frac", "off"},
                                                      {"dup_para_char_frac", "off"},
                                                      {"dup_line_frac", "off"}}),
                    text),
            "dup_line_char_frac");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"dup_para_frac", "off"},
                                                      {"dup_para_char_frac", "off"},
                                                      {"dup_line_frac", "off"},
                                                      {"dup_line_char_frac", "off"}}),
                    text),
            "top_2_gram");
  EXPECT_EQ(Verdict(*MakeFilter("gopher_repetition", {{"dup_para_frac", "off"},
                                                      {"dup_para_char_frac", "off"},
                                                      {"dup_line_frac", "off"},
                                                      {"dup_line_char_frac", "off"},
                                                      {"top_2_gram", "off"}}),
                    text),
            "top_3_gram");
}

TEST_F(GopherRepetitionTest, MeasureAllKeepsTheFirstFailureAndMeasuresEverything) {
  // 12 words "a": every rule that applies is measured, in rule order.
  FilterResult result = MeasureAll(*filter_, "a a a a a a a a a a a a");
  EXPECT_EQ(result.rule(), "top_2_gram");
  std::vector<std::string> names;
  for (const Measurement& m : result.measurements()) names.emplace_back(m.name);
  EXPECT_THAT(names, ::testing::ElementsAre(
                         "dup_para_frac", "dup_para_char_frac", "dup_line_frac",
                         "dup_line_char_frac", "top_2_gram", "top_3_gram", "top_4_gram",
                         "duplicated_5_n_grams", "duplicated_6_n_grams", "duplicated_7_n_grams",
                         "duplicated_8_n_grams", "duplicated_9_n_grams", "duplicated_10_n_grams"));
  // 2-gram "a a" 11 times: 3 * 11 / 23.
  EXPECT_MEASURED(result, "top_2_gram", 33.0 / 23);
  // n=5: gram 0 new, gram 1 repeats (+5), jump to 6 (+5), jump to 11 > 12-5: 10 / 23.
  EXPECT_MEASURED(result, "duplicated_5_n_grams", 10.0 / 23);
  EXPECT_EQ(result.failed_measure(), "top_2_gram");
  EXPECT_DOUBLE_EQ(result.failed_value(), 33.0 / 23);
  EXPECT_DOUBLE_EQ(result.failed_threshold(), 0.2);
  EXPECT_EQ(result.failed_comparison(), Comparison::kGreater);
}

TEST_F(GopherRepetitionTest, KeptTextListsEveryPassedRuleWithItsMargin) {
  // 26 distinct words, one line: every rule passes (top_4_gram is 25 / 163 = 0.153).
  const std::string text =
      "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
      "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu";
  FilterResult result = MeasureAll(*filter_, text);
  ASSERT_TRUE(result.kept());
  EXPECT_EQ(result.Explain(), "");
  EXPECT_EQ(result.passed().size(), result.measurements().size());
  EXPECT_EQ(result.passed().front().rule, "dup_para_frac");
  EXPECT_DOUBLE_EQ(result.passed().front().threshold, 0.3);
}

}  // namespace
}  // namespace winnow
