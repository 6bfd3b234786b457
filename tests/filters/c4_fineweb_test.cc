// c4_quality, c4_paragraph and fineweb_quality (src/winnow/filters/c4_quality.cc,
// fineweb_quality.cc) rule by rule, as datatrove v0.3.0 applies them. C4's line rules split words
// with str.split() (not the word splitter); its sentence count uses the sentence splitter, so the
// texts here have one sentence per line (except the *NltkWords test). FineWeb's list_ratio divides
// by word_tokenize's words, so those texts have no punctuation.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "filters/filter_test_util.h"
#include "winnow/filters/c4_quality.h"
#include "winnow/filters/fineweb_quality.h"

namespace winnow {
namespace {

using testing::MakeFilter;
using testing::Verdict;

std::optional<double> Measured(const FilterResult& result, std::string_view name) {
  for (const Measurement& m : result.measurements()) {
    if (m.name == name) return m.value;
  }
  return std::nullopt;
}

FilterResult Check(const Filter& filter, std::string_view text, bool measure_all = false) {
  FilterResult result;
  Verdict(filter, text, measure_all, &result);
  return result;
}

std::string Repeat(std::string_view piece, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

std::string Join(const std::vector<std::string>& lines, std::string_view separator = "\n") {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += separator;
    out += lines[i];
  }
  return out;
}

// ================================== C4
// ==============================================================

// Five one-sentence lines that pass every line rule.
const std::vector<std::string> kGood = {
    "The cat sat on the mat.", "A dog ran in the park.", "Birds sing every single morning.",
    "We like to read good books.", "Rain fell all through the night."};

std::string GoodLines() { return Join(kGood); }

class C4QualityTest : public ::testing::Test {
 protected:
  // The rewritten text, or "dropped: <rule>".
  std::string Rewrite(std::string_view text, const Filter* filter = nullptr) {
    FilterResult result = Check(filter ? *filter : *filter_, text);
    if (!result.kept()) return "dropped: " + std::string(result.rule());
    EXPECT_TRUE(result.has_rewritten());
    return result.rewritten();
  }

  std::unique_ptr<Filter> filter_ = MakeFilter("c4_quality");
};

TEST_F(C4QualityTest, FiveGoodLinesAreKeptUnchanged) {
  EXPECT_EQ(Rewrite(GoodLines()), GoodLines());
  FilterResult result = Check(*filter_, GoodLines(), true);
  EXPECT_EQ(Measured(result, "kept_lines"), 5.0);
  EXPECT_EQ(Measured(result, "dropped_lines"), 0.0);
  EXPECT_EQ(Measured(result, "sentences"), 5.0);
}

TEST_F(C4QualityTest, TooFewSentences) {
  FilterResult result = Check(*filter_, Join({kGood[0], kGood[1], kGood[2], kGood[3]}));
  EXPECT_EQ(result.rule(), "too_few_sentences");
  EXPECT_EQ(result.Explain(), "too_few_sentences: sentences 4 < 5");
  EXPECT_FALSE(result.has_rewritten());
  // Dropped lines do not count: four good lines and three bad ones.
  EXPECT_EQ(Verdict(*filter_, Join({kGood[0], "no end here", kGood[1], "Two words.", kGood[2],
                                    "Ends with dots...", kGood[3]})),
            "too_few_sentences");
  EXPECT_EQ(Verdict(*MakeFilter("c4_quality", {{"min_num_sentences", "4"}}),
                    Join({kGood[0], kGood[1], kGood[2], kGood[3]})),
            "kept");
}

TEST_F(C4QualityTest, RewrittenTextJoinsKeptStrippedLinesWithNewlines) {
  // Lines from splitlines() (\r\n, \u2028, \x1c), each stripped of Unicode whitespace; the
  // dropped ones disappear.
  std::string text = "  " + kGood[0] + "\u3000\r\n" + "menu\u2028" + kGood[1] + "\x1c\t" +
                     kGood[2] + "\n\n\n" + kGood[3] + " \u00a0\n" + kGood[4] + "\n";
  EXPECT_EQ(Rewrite(text), GoodLines());
  FilterResult result = Check(*filter_, text, true);
  EXPECT_EQ(Measured(result, "kept_lines"), 5.0);
  EXPECT_EQ(Measured(result, "dropped_lines"), 3.0);  // "menu" and two empty lines
}

TEST_F(C4QualityTest, LineWithAWordLongerThan1000CharactersIsDropped) {
  std::string long_word = "This has " + Repeat("a", 1001) + " in it.";
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + long_word), GoodLines());
  // 1000 code points (2000 bytes) is not too long.
  std::string accented = "This has " + Repeat("\u00e9", 1000) + " in it.";
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + accented), GoodLines() + "\n" + accented);
  // The words are str.split() words, punctuation included: "morning." is 8 characters.
  auto short_words =
      MakeFilter("c4_quality", {{"max_word_length", "7"}, {"min_num_sentences", "1"}});
  EXPECT_EQ(Rewrite(Join({kGood[0], kGood[2]}), short_words.get()), kGood[0]);
  auto no_limit = MakeFilter("c4_quality", {{"max_word_length", "off"}});
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + long_word, no_limit.get()),
            GoodLines() + "\n" + long_word);
}

TEST_F(C4QualityTest, CitationsAreRemovedBeforeTheTerminalPunctuationCheck) {
  const std::string cited =
      "The claim is true[12].\nAlso cited here[\u0661\u0662].\nSee the notes[edit].\n"
      "This needs proof[citation needed].\nEmpty brackets too[].\nThis ends with a cite.[3]";
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + cited),
            GoodLines() +
                "\nThe claim is true.\nAlso cited here.\nSee the notes.\nThis needs proof.\n"
                "Empty brackets too.\nThis ends with a cite.");
  // Without citation removal, "cite.[3]" ends with ']' and the line goes; the others keep their
  // citations.
  auto keep = MakeFilter("c4_quality", {{"remove_citations", "false"}});
  EXPECT_EQ(
      Rewrite(GoodLines() + "\nThis ends with a cite.[3]\nThe claim is true[12].", keep.get()),
      GoodLines() + "\nThe claim is true[12].");
}

TEST_F(C4QualityTest, OnlyDigitCitationsAndTheTwoPhrasesAreCitations) {
  // [a1], [ 1], [Edit], [1.5] and [x] are not citations and stay.
  EXPECT_EQ(Rewrite(GoodLines() + "\nNot a cite [a1] [ 1] [Edit] [1.5] [x]."),
            GoodLines() + "\nNot a cite [a1] [ 1] [Edit] [1.5] [x].");
  // Superscript digits are not decimal digits (\d): [²] stays.
  EXPECT_EQ(Rewrite(GoodLines() + "\nSee note [\u00b2] here."),
            GoodLines() + "\nSee note [\u00b2] here.");
  // Full-width digits are (Nd): [１２] goes.
  EXPECT_EQ(Rewrite(GoodLines() + "\nSee note [\uff11\uff12] here."),
            GoodLines() + "\nSee note  here.");
}

TEST_F(C4QualityTest, WordsAreCountedBeforeCitationRemoval) {
  // "Short [1] [2]." has three words before the citations go, so it is kept as "Short  .".
  EXPECT_EQ(Rewrite(GoodLines() + "\nShort [1] [2]."), GoodLines() + "\nShort  .");
  // The long-word check sees the citation too: a 999-letter word with "[12]" is 1003 chars.
  std::string line = "This has " + Repeat("a", 999) + "[12] in it.";
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + line), GoodLines());
}

TEST_F(C4QualityTest, TerminalPunctuation) {
  // Kept: . ? ! " ' at the very end. Dropped: "...", a trailing citation gap, other marks.
  const std::vector<std::string> kept = {"Is this a question?", "What a day it is!",
                                         "He said \"yes sir.\"", "It is 'quoted here.'"};
  const std::vector<std::string> dropped = {
      "It goes on and on...",          "No punctuation at all here", "Ends with a colon:",
      "Ends with the ellipsis \u2026", "Ends with a CJK stop\u3002", "Ends with a space. [1]"};
  std::vector<std::string> lines = kGood;
  lines.insert(lines.end(), kept.begin(), kept.end());
  std::string expected = Join(lines);
  lines.insert(lines.end(), dropped.begin(), dropped.end());
  EXPECT_EQ(Rewrite(Join(lines)), expected);
  // "...." ends with "..." too.
  EXPECT_EQ(Rewrite(GoodLines() + "\nFour dots here...."), GoodLines());
}

TEST_F(C4QualityTest, WithoutTheTerminalPunctuationRuleUnpunctuatedLinesStay) {
  // FineWeb's setting: the rule is off as a whole, so "..." endings stay too. The rewritten text
  // is stripped at the end, so the gap a trailing citation leaves goes on the last line.
  auto fineweb = MakeFilter("c4_quality", {{"filter_no_terminal_punct", "false"}});
  EXPECT_EQ(Rewrite(GoodLines() + "\nNo punctuation at all here\nIt goes on and on...\n"
                                  "Ends here. [1]",
                    fineweb.get()),
            GoodLines() + "\nNo punctuation at all here\nIt goes on and on...\nEnds here.");
  // Four punctuated lines and one without are five sentences without the rule.
  const std::string four_and_one = Join({kGood[0], kGood[1], kGood[2], kGood[3], "and one more"});
  EXPECT_EQ(Verdict(*filter_, four_and_one), "too_few_sentences");
  EXPECT_EQ(Verdict(*fineweb, four_and_one), "kept");
}

TEST_F(C4QualityTest, LinesWithFewerThanThreeWordsAreDropped) {
  EXPECT_EQ(Rewrite(GoodLines() + "\nTwo words.\nOne.\nThree words here."),
            GoodLines() + "\nThree words here.");
  auto two = MakeFilter("c4_quality", {{"min_words_per_line", "2"}});
  EXPECT_EQ(Rewrite(GoodLines() + "\nTwo words.\nOne.", two.get()), GoodLines() + "\nTwo words.");
}

TEST_F(C4QualityTest, JavascriptLinesAreDroppedCaseInsensitively) {
  EXPECT_EQ(Rewrite(GoodLines() + "\nPlease enable JavaScript now.\nWe use JAVASCRIPT a lot."),
            GoodLines());
  auto allow = MakeFilter("c4_quality", {{"filter_javascript", "false"}});
  EXPECT_EQ(Rewrite(GoodLines() + "\nPlease enable JavaScript now.", allow.get()),
            GoodLines() + "\nPlease enable JavaScript now.");
}

TEST_F(C4QualityTest, LoremIpsumDropsTheDocument) {
  FilterResult result = Check(*filter_, GoodLines() + "\nLorem Ipsum dolor sit amet.");
  EXPECT_EQ(result.rule(), "lorem_ipsum");
  EXPECT_EQ(result.Explain(), "lorem_ipsum: 'lorem ipsum' in line 6");
  EXPECT_TRUE(std::isnan(result.failed_value()));
  // Only lines that survive the earlier line rules count: unpunctuated or short lines go first.
  EXPECT_EQ(Rewrite(GoodLines() + "\nlorem ipsum dolor sit amet\nLorem ipsum."), GoodLines());
  auto allow = MakeFilter("c4_quality", {{"filter_lorem_ipsum", "false"}});
  EXPECT_EQ(Verdict(*allow, GoodLines() + "\nLorem ipsum dolor sit amet."), "kept");
}

TEST_F(C4QualityTest, CurlyBracketDropsTheDocument) {
  FilterResult result = Check(*filter_, kGood[0] + "\nUse the {braces} here.\n" + GoodLines());
  EXPECT_EQ(result.rule(), "curly_bracket");
  EXPECT_EQ(result.Explain(), "curly_bracket: '{' in line 2");
  // A '{' in a line dropped earlier (no terminal punctuation, javascript) does not count.
  EXPECT_EQ(Rewrite(GoodLines() + "\nUse the {braces} here\nEnable javascript {x} here."),
            GoodLines());
  // '}' alone is fine.
  EXPECT_EQ(Rewrite(GoodLines() + "\nA closing } brace."), GoodLines() + "\nA closing } brace.");
  // The bracket rule comes before the policy rule.
  EXPECT_EQ(Verdict(*filter_, GoodLines() + "\nOur privacy policy {x} here."), "curly_bracket");
  // Lorem ipsum comes before the bracket.
  EXPECT_EQ(Verdict(*filter_, GoodLines() + "\nLorem ipsum {x} here."), "lorem_ipsum");
}

TEST_F(C4QualityTest, PolicyLinesAreDropped) {
  const std::vector<std::string> policy = {
      "Read our terms of use today.",    "See the Privacy Policy page.",
      "Our COOKIE POLICY applies here.", "This site uses cookies a lot.",
      "About the use of cookies here.",  "We use cookies for tracking."};
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + Join(policy)), GoodLines());
  auto allow = MakeFilter("c4_quality", {{"filter_policy", "false"}});
  EXPECT_EQ(Rewrite(GoodLines() + "\n" + Join(policy), allow.get()),
            GoodLines() + "\n" + Join(policy));
}

TEST_F(C4QualityTest, LowercasingFollowsPythonStrLower) {
  // "\u212A" (KELVIN SIGN).lower() == "k": "COO\u212AIE POLICY" is a cookie policy line.
  EXPECT_EQ(Rewrite(GoodLines() + "\nThe COO\u212AIE POLICY applies here."), GoodLines());
  // "\u0130".lower() == "i\u0307": "PR\u0130VACY POLICY" does not contain "privacy policy".
  EXPECT_EQ(Rewrite(GoodLines() + "\nThe PR\u0130VACY POLICY applies here."),
            GoodLines() + "\nThe PR\u0130VACY POLICY applies here.");
  EXPECT_EQ(Rewrite(GoodLines() + "\nWe like JAVASCR\u0130PT here."),
            GoodLines() + "\nWe like JAVASCR\u0130PT here.");
  // Full-width letters lower to full-width letters, never to ASCII.
  EXPECT_EQ(Rewrite(GoodLines() + "\nWe use \uff23\uff4f\uff4f\uff4b\uff49\uff45\uff53 here."),
            GoodLines() + "\nWe use \uff23\uff4f\uff4f\uff4b\uff49\uff45\uff53 here.");
}

TEST_F(C4QualityTest, EachKeptLineCountsItsSentences) {
  // With one sentence per line the count is the number of kept lines.
  FilterResult result = Check(*filter_, GoodLines() + "\n" + GoodLines() + "\nmenu", true);
  EXPECT_EQ(Measured(result, "sentences"), 10.0);
  EXPECT_EQ(Measured(result, "kept_lines"), 10.0);
  EXPECT_EQ(Measured(result, "dropped_lines"), 1.0);
}

TEST_F(C4QualityTest, BlankAndInvalidTexts) {
  EXPECT_EQ(Verdict(*filter_, " \n\t\u3000"), "empty");
  EXPECT_EQ(Verdict(*filter_, "\xff\xfe\n\xc3 is it. \xe2\x80"), "too_few_sentences");
}

// Assumes NLTK's Punkt sentence splitter (the sentence splitter since a87990d): a line of three
// sentences counts three (a one-sentence-per-line placeholder would count one).
TEST_F(C4QualityTest, SentencesAreCountedPerLineNltkWords) {
  const std::string text =
      "The cat sat on the mat. The dog sat on the rug. The bird sat on the tree.\n"
      "We like to read good books. We read them every night.";
  FilterResult result = Check(*filter_, text, true);
  EXPECT_EQ(Measured(result, "sentences"), 5.0);
  EXPECT_TRUE(result.kept());
  EXPECT_EQ(result.rewritten(), text);
}

// ================================== C4 paragraphs
// ==================================================

TEST(C4ParagraphTest, NeedsThreeLinesOf200Characters) {
  auto filter = MakeFilter("c4_paragraph");
  const std::string long_line = Repeat("\u00e9", 200);  // 200 code points, 400 bytes
  const std::string short_line = Repeat("\u00e9", 199);
  FilterResult kept = Check(*filter, Join({long_line, "x", long_line, "", long_line}), true);
  EXPECT_TRUE(kept.kept());
  EXPECT_EQ(Measured(kept, "long_paragraphs"), 3.0);
  FilterResult dropped = Check(*filter, Join({long_line, long_line, short_line, short_line}));
  EXPECT_EQ(dropped.rule(), "too_few_paragraphs");
  EXPECT_EQ(dropped.Explain(), "too_few_paragraphs: long_paragraphs 2 < 3");
}

TEST(C4ParagraphTest, LinesAreSplitOnNewlineOnly) {
  auto filter = MakeFilter("c4_paragraph");
  // text.split("\n"): a "\r" stays in the line and counts (199 + "\r" = 200).
  const std::string line = Repeat("a", 199);
  EXPECT_EQ(Verdict(*filter, line + "\r\n" + line + "\r\n" + line + "\r\n"), "kept");
  EXPECT_EQ(Verdict(*filter, line + "\n" + line + "\n" + line + "\n"), "too_few_paragraphs");
  // U+2028 does not split: one line.
  EXPECT_EQ(Verdict(*filter, Join({line + "a", line + "a", line + "a"}, "\u2028")),
            "too_few_paragraphs");
}

TEST(C4ParagraphTest, Options) {
  auto filter =
      MakeFilter("c4_paragraph", {{"min_paragraphs", "2"}, {"min_paragraph_length", "10"}});
  EXPECT_EQ(Verdict(*filter, "0123456789\nshort\n0123456789"), "kept");
  EXPECT_EQ(Verdict(*filter, "0123456789\nshort\n012345678"), "too_few_paragraphs");
  EXPECT_EQ(Verdict(*MakeFilter("c4_paragraph", {{"min_paragraphs", "off"}}), "x"), "kept");
}

// ================================== FineWeb
// =========================================================

// A distinct line of more than 30 characters; `end` is appended ("." for a punctuated line).
std::string LongLine(int i, std::string_view end = "") {
  return "this is line number " + std::to_string(100 + i) + " of a long enough text" +
         std::string(end);
}

class FineWebQualityTest : public ::testing::Test {
 protected:
  std::unique_ptr<Filter> filter_ = MakeFilter("fineweb_quality");
};

TEST_F(FineWebQualityTest, LinePunctuationRatio) {
  // 1 punctuated line of 8: 0.125 > 0.12 passes.
  std::vector<std::string> lines = {LongLine(0, ".")};
  for (int i = 1; i < 8; ++i) lines.push_back(LongLine(i));
  FilterResult kept = Check(*filter_, Join(lines), true);
  EXPECT_TRUE(kept.kept()) << kept.Explain();
  EXPECT_DOUBLE_EQ(*Measured(kept, "line_punct_ratio"), 0.125);
  // A blank line is a line (split("\n") keeps it): 1 of 9 = 0.111 <= 0.12.
  lines.insert(lines.begin() + 1, "");
  FilterResult dropped = Check(*filter_, Join(lines), true);
  EXPECT_EQ(dropped.rule(), "line_punct_ratio");
  EXPECT_DOUBLE_EQ(*Measured(dropped, "line_punct_ratio"), 1.0 / 9);
  EXPECT_EQ(dropped.Explain(), "line_punct_ratio 0.1111 <= 0.12");
  // A trailing newline adds an empty last line too.
  lines.erase(lines.begin() + 1);
  EXPECT_EQ(Verdict(*filter_, Join(lines) + "\n"), "line_punct_ratio");
}

TEST_F(FineWebQualityTest, LinePunctuationRatioEqualToTheThresholdDrops) {
  // 3 of 25 = 0.12, and the rule drops at <= 0.12.
  std::vector<std::string> lines;
  for (int i = 0; i < 25; ++i) lines.push_back(LongLine(i, i < 3 ? "!" : ""));
  FilterResult result = Check(*filter_, Join(lines), true);
  EXPECT_EQ(result.rule(), "line_punct_ratio");
  EXPECT_EQ(Measured(result, "line_punct_ratio"), 0.12);
}

TEST_F(FineWebQualityTest, OnlyTheFiveStopCharactersAtTheVeryEndCount) {
  // . ' " ! ? count; a trailing space, "\r" (from \r\n), ':' ';' '…' and '。' do not.
  std::vector<std::string> lines;
  int i = 0;
  for (std::string_view end : {".", "'", "\"", "!", "?"}) lines.push_back(LongLine(i++, end));
  for (std::string_view end : {". ", ".\r", ":", ";", "\u2026", "\u3002", ".)", "\u00bb"}) {
    lines.push_back(LongLine(i++, end));
  }
  FilterResult result = Check(*filter_, Join(lines), true);
  EXPECT_DOUBLE_EQ(*Measured(result, "line_punct_ratio"), 5.0 / 13);
  // A \r\n text whose lines all end in ".\r" (the last piece is empty) has no punctuated line
  // at all (datatrove v0.3.0).
  std::vector<std::string> crlf;
  for (int k = 0; k < 5; ++k) crlf.push_back(LongLine(k, "."));
  EXPECT_EQ(Verdict(*filter_, Join(crlf, "\r\n") + "\r\n"), "line_punct_ratio");
  EXPECT_EQ(Verdict(*filter_, Join(crlf, "\n")), "kept");
}

TEST_F(FineWebQualityTest, LinePunctExcludeZero) {
  std::vector<std::string> lines;
  for (int i = 0; i < 5; ++i) lines.push_back(LongLine(i));
  const std::string text = Join(lines);
  EXPECT_EQ(Verdict(*filter_, text), "line_punct_ratio");
  auto exclude = MakeFilter("fineweb_quality", {{"line_punct_exclude_zero", "true"}});
  EXPECT_EQ(Verdict(*exclude, text), "kept");
  // Only a ratio of exactly zero is exempt: 1 of 10 still drops.
  lines.clear();
  for (int i = 0; i < 10; ++i) lines.push_back(LongLine(i, i == 0 ? "." : ""));
  EXPECT_EQ(Verdict(*exclude, Join(lines)), "line_punct_ratio");
  EXPECT_EQ(Verdict(*MakeFilter("fineweb_quality", {{"line_punct_thr", "off"}}), text), "kept");
}

TEST_F(FineWebQualityTest, ShortLineRatio) {
  // Two short lines of three: 0.667 < 0.67 passes; three of four: 0.75 drops.
  const std::string long_line = LongLine(0, ".");
  FilterResult kept = Check(*filter_, Join({"Short one.", "Short two.", long_line}), true);
  EXPECT_TRUE(kept.kept()) << kept.Explain();
  EXPECT_DOUBLE_EQ(*Measured(kept, "short_line_ratio"), 2.0 / 3);
  FilterResult dropped =
      Check(*filter_, Join({"Short one.", "Short two.", "Short three.", long_line}), true);
  EXPECT_EQ(dropped.rule(), "short_line_ratio");
  EXPECT_EQ(dropped.Explain(), "short_line_ratio 0.75 >= 0.67");
}

TEST_F(FineWebQualityTest, ShortLinesCountCodePointsAndBlankLinesAreShort) {
  // 29 x "é" + "." is 30 code points (59 bytes): short. 30 x "é" + "." is 31: long.
  const std::string short_line = Repeat("\u00e9", 29) + ".";
  const std::string long_line = Repeat("\u00e9", 30) + ".";
  FilterResult result = Check(*filter_, Join({short_line, long_line, LongLine(1, ".")}), true);
  EXPECT_DOUBLE_EQ(*Measured(result, "short_line_ratio"), 1.0 / 3);
  // Blank lines have length 0: short.
  FilterResult blanks = Check(*filter_, Join({long_line, "", "", LongLine(1, ".")}), true);
  EXPECT_DOUBLE_EQ(*Measured(blanks, "short_line_ratio"), 0.5);
  auto longer = MakeFilter("fineweb_quality", {{"short_line_length", "31"}});
  EXPECT_DOUBLE_EQ(*Measured(Check(*longer, Join({short_line, long_line, LongLine(1, ".")}), true),
                             "short_line_ratio"),
                   2.0 / 3);
}

TEST_F(FineWebQualityTest, CharDuplicateRatio) {
  // Lines A, B, A, C: the duplicate A adds len(A) = 46 over the non-newline characters (4 x 46).
  const std::string a = LongLine(0, ".");
  ASSERT_EQ(a.size(), 46u);
  FilterResult result = Check(*filter_, Join({a, LongLine(1, "."), a, LongLine(2, ".")}), true);
  EXPECT_EQ(result.rule(), "char_dup_ratio");
  EXPECT_DOUBLE_EQ(*Measured(result, "char_dup_ratio"), 46.0 / 184);
  EXPECT_EQ(result.Explain(), "char_dup_ratio 0.25 >= 0.01");
}

TEST_F(FineWebQualityTest, CharDuplicateRatioIgnoresBlankLinesAndCountsCodePoints) {
  // Whitespace-only lines repeat but are not counted; "\r" and spaces in the denominator are.
  std::vector<std::string> lines = {LongLine(0, "."), "   ",    LongLine(1, "."), "   ",
                                    LongLine(2, "."), "\u3000", "\u3000"};
  FilterResult result = Check(*filter_, Join(lines), true);
  EXPECT_EQ(Measured(result, "char_dup_ratio"), 0.0);
  EXPECT_TRUE(result.kept()) << result.Explain();
  // A duplicate of 4 code points (7 bytes) over 3 x 46 + 4 + 4 = 146 code points: 0.0274.
  const std::string accents = "\u00e9\u00e9\u00e9.";
  FilterResult accented =
      Check(*filter_,
            Join({LongLine(0, "."), accents, LongLine(1, "."), accents, LongLine(2, ".")}), true);
  EXPECT_DOUBLE_EQ(*Measured(accented, "char_dup_ratio"), 4.0 / 146);
  // Raised threshold: passes.
  auto lenient = MakeFilter("fineweb_quality", {{"char_duplicates_ratio", "0.05"}});
  EXPECT_EQ(Verdict(*lenient,
                    Join({LongLine(0, "."), accents, LongLine(1, "."), accents, LongLine(2, ".")})),
            "kept");
}

TEST_F(FineWebQualityTest, ListRatio) {
  // No punctuation at all (line_punct_exclude_zero lets the text past rule 1), lines longer than
  // 30 characters. Three words a line: 3 newlines / 12 words = 0.25 passes.
  auto filter = MakeFilter("fineweb_quality", {{"line_punct_exclude_zero", "true"}});
  std::vector<std::string> three, two, mixed;
  for (int i = 0; i < 4; ++i) {
    three.push_back("extraordinarily longwinded sentence" + std::to_string(10 + i));
    two.push_back("extraordinarilylongwinded sentence" + std::to_string(10 + i));
  }
  FilterResult kept = Check(*filter, Join(three), true);
  EXPECT_TRUE(kept.kept()) << kept.Explain();
  EXPECT_DOUBLE_EQ(*Measured(kept, "list_ratio"), 0.25);
  // Two words a line: 3 / 8 = 0.375 > 0.3.
  FilterResult dropped = Check(*filter, Join(two), true);
  EXPECT_EQ(dropped.rule(), "list_ratio");
  EXPECT_EQ(dropped.Explain(), "list_ratio 0.375 > 0.3");
  // 3 newlines / 10 words = 0.3: not > 0.3.
  mixed = {three[0], three[1], two[2], two[3]};
  EXPECT_EQ(Verdict(*filter, Join(mixed)), "kept");
  EXPECT_EQ(Verdict(*MakeFilter("fineweb_quality",
                                {{"line_punct_exclude_zero", "true"}, {"new_line_ratio", "0.4"}}),
                    Join(two)),
            "kept");
}

TEST_F(FineWebQualityTest, ListRatioCountsEveryNewlineIncludingBlankLines) {
  auto filter = MakeFilter("fineweb_quality",
                           {{"line_punct_exclude_zero", "true"}, {"short_line_thr", "off"}});
  // 4 words and 2 newlines (one blank line): 0.5.
  FilterResult result = Check(*filter, "alpha bravo charlie\n\ndelta", true);
  EXPECT_DOUBLE_EQ(*Measured(result, "list_ratio"), 0.5);
}

TEST_F(FineWebQualityTest, RulesRunInOrder) {
  // A text of short, unpunctuated, repeated lines fails everything; each rule off hands over.
  const std::string text = "a b\na b\na b\na b";
  EXPECT_EQ(Verdict(*filter_, text), "line_punct_ratio");
  auto no_punct = MakeFilter("fineweb_quality", {{"line_punct_thr", "off"}});
  EXPECT_EQ(Verdict(*no_punct, text), "short_line_ratio");
  auto no_short =
      MakeFilter("fineweb_quality", {{"line_punct_thr", "off"}, {"short_line_thr", "off"}});
  EXPECT_EQ(Verdict(*no_short, text), "char_dup_ratio");
  auto no_dup = MakeFilter(
      "fineweb_quality",
      {{"line_punct_thr", "off"}, {"short_line_thr", "off"}, {"char_duplicates_ratio", "off"}});
  EXPECT_EQ(Verdict(*no_dup, text), "list_ratio");  // 3 / 8
  auto none = MakeFilter("fineweb_quality", {{"line_punct_thr", "off"},
                                             {"short_line_thr", "off"},
                                             {"char_duplicates_ratio", "off"},
                                             {"new_line_ratio", "off"}});
  EXPECT_EQ(Verdict(*none, text), "kept");
}

TEST_F(FineWebQualityTest, BlankTextIsEmptyNotADivisionByZero) {
  for (std::string_view text : {"", "\n", " \n \n", "\u3000"}) {
    EXPECT_EQ(Verdict(*filter_, text), "empty");
    EXPECT_EQ(Verdict(*filter_, text, true), "empty");
  }
}

}  // namespace
}  // namespace winnow
