// The rules filter's matching semantics: deny / require / allow, case, Unicode word boundaries,
// wildcards, counting, min_matches, reasons and measurements, and a set of 500 patterns.

#include "winnow/filters/rules_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "filters/filter_test_util.h"
#include "filters/record_test_util.h"
#include "winnow/filters/rules_file.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<RulesFilter> Rules(const std::string& yaml) {
  auto rules = ParseRules(yaml, "t.yaml", {}, nullptr);
  EXPECT_TRUE(rules.has_value()) << (rules ? "" : rules.error().message());
  if (!rules) return nullptr;
  auto filter = RulesFilter::Create(std::move(*rules));
  EXPECT_TRUE(filter.has_value()) << (filter ? "" : filter.error().message());
  return filter ? std::move(*filter) : nullptr;
}

std::unique_ptr<RulesFilter> Phrase(const std::string& phrase, const std::string& extra = "") {
  return Rules("rules:\n  - name: r\n    phrases: ['" + phrase + "']\n" + extra);
}

// Matches the filter counted for rule `rule` in `text`.
double Count(const RulesFilter& filter, std::string_view text, std::string_view rule = "r") {
  FilterResult result;
  testing::Verdict(filter, text, true, &result);
  return testing::Measured(result, std::string(rule) + "_matches");
}

std::string Explain(const Filter& filter, std::string_view text) {
  FilterResult result;
  testing::Verdict(filter, text, false, &result);
  return result.Explain();
}

TEST(RulesFilterTest, DenyIsCaseInsensitiveByDefaultAndNamesPatternAndCount) {
  auto filter = Phrase("as an AI language model");
  EXPECT_EQ(testing::Verdict(*filter,
                             "AS AN AI LANGUAGE MODEL, I think... As an ai language "
                             "model!"),
            "r");
  EXPECT_EQ(Explain(*filter, "As an AI language model, I cannot. As an AI language model..."),
            "r: phrase \"as an AI language model\" (2 matches) in text");
  EXPECT_EQ(testing::Verdict(*filter, "As an AI researcher, I study language models."), "kept");
  auto sensitive = Phrase("as an AI language model", "    case_sensitive: true\n");
  EXPECT_EQ(testing::Verdict(*sensitive, "As an AI language model"), "kept");
  EXPECT_EQ(testing::Verdict(*sensitive, "Well, as an AI language model"), "r");
  // Case folding is Unicode's, not ASCII's.
  auto naive = Phrase("naïve approach");
  EXPECT_EQ(Count(*naive, "A NAÏVE APPROACH and a Naïve Approach."), 2);
  EXPECT_EQ(Count(*Phrase("straße"), "STRASSE"), 0);  // simple folding: ß is not "ss"
}

TEST(RulesFilterTest, PhrasesMatchOnUnicodeWordBoundaries) {
  auto delve = Phrase("delve");
  EXPECT_EQ(Count(*delve, "delve"), 1);
  EXPECT_EQ(Count(*delve, "Let us delve. (delve) \"delve\" delve-in 'delve'"), 5);
  EXPECT_EQ(Count(*delve, "delved delves redelve delve_x delve2 2delve"), 0);
  // Non-ASCII letters, digits and combining marks are word characters too.
  EXPECT_EQ(Count(*delve, "Ädelve delveß delve\u0301 ٣delve delveé"), 0);
  EXPECT_EQ(Count(*delve, "«delve» — delve… delve。"), 3);
  // Adjacent matches share the character between them and are all found.
  EXPECT_EQ(Count(*delve, "delve delve delve,delve\ndelve"), 5);
  // A phrase edge that is not a word character needs no boundary on that side.
  auto certainly = Phrase("certainly!");
  EXPECT_EQ(Count(*certainly, "Certainly!Here you go. certainly!!"), 2);
  EXPECT_EQ(Count(*certainly, "uncertainly!"), 0);
  // ... and the character it ends with is the boundary before a glued repeat.
  EXPECT_EQ(Count(*certainly, "certainly!certainly!Certainly!"), 3);
  // Matches never overlap.
  EXPECT_EQ(Count(*Rules("rules:\n  - name: r\n    regexes: ['!!']\n"), "!!!!!"), 2);
  // Scripts written without spaces have no boundaries to find: switch them off there.
  EXPECT_EQ(Count(*Phrase("テスト"), "これはテストです"), 0);
  EXPECT_EQ(Count(*Phrase("テスト", "    word_boundaries: false\n"), "これはテストです"), 1);
  EXPECT_EQ(Count(*Phrase("delve", "    word_boundaries: false\n"), "redelved"), 1);
}

TEST(RulesFilterTest, WildcardsSpacesAndApostrophes) {
  auto delv = Phrase("delv*");
  EXPECT_EQ(Count(*delv, "delve, delved, delving, delves, Delving."), 5);
  EXPECT_EQ(Count(*delv, "undelved shelves"), 0);
  auto suffix = Phrase("*ification");
  EXPECT_EQ(Count(*suffix, "gamification and ification, not classifications"), 2);
  // A space matches any run of whitespace, line breaks and no-break spaces included.
  auto model = Phrase("as an AI language model");
  EXPECT_EQ(Count(*model, "as an  AI\nlanguage\u00a0\tmodel"), 1);
  EXPECT_EQ(Count(*model, "as\u0085an\vAI\u2028language\u3000model"), 1);
  EXPECT_EQ(Count(*model, "as anAI language model"), 0);
  // Any apostrophe matches any apostrophe.
  auto note = Phrase("it’s important to note");
  EXPECT_EQ(Count(*note, "It's important to note. It’s important to note. Itʼs important to note"),
            3);
  // Other regex syntax in a phrase is literal.
  auto literal = Phrase("a.b (c)? [d]+");
  EXPECT_EQ(Count(*literal, "a.b (c)? [d]+"), 1);
  EXPECT_EQ(Count(*literal, "axb c d"), 0);
}

TEST(RulesFilterTest, MinMatchesCountsAllPatternsOfTheRule) {
  auto filter = Rules(R"(
rules:
  - name: style
    min_matches: 2
    phrases: [delv*, tapestry, multifaceted]
)");
  EXPECT_EQ(testing::Verdict(*filter, "We delve into it."), "kept");
  EXPECT_EQ(testing::Verdict(*filter, "We delve into a rich tapestry."), "style");
  EXPECT_EQ(Explain(*filter, "Delve, delve, into the multifaceted tapestry."),
            "style: 4 matches >= 2: phrase \"delv*\" (2 matches), phrase \"tapestry\" (1 match), "
            "phrase \"multifaceted\" (1 match) in text");
}

TEST(RulesFilterTest, RequireDropsWithoutEnoughMatches) {
  auto filter = Rules(R"(
rules:
  - name: cites
    action: require
    regexes: ['\[\d+\]']
    phrases: [see also]
  - name: twice
    action: require
    min_matches: 2
    phrases: [step]
)");
  EXPECT_EQ(Explain(*filter, "No sources here."),
            "cites: no match for regex \"\\[\\d+\\]\", phrase \"see also\" in text");
  EXPECT_EQ(Explain(*filter, "Source [1]. One step."),
            "twice: 1 match, fewer than 2: phrase \"step\" (1 match) in text");
  EXPECT_EQ(testing::Verdict(*filter, "See also [2]: step one, step two."), "kept");
}

TEST(RulesFilterTest, AllowPatternsCancelOverlappingMatchesOnly) {
  auto filter = Rules(R"(
rules:
  - name: r
    phrases: [tapestry]
    allow: [Bayeux Tapestry]
    allow_regexes: ['tapestry\s+weav\w*']
)");
  EXPECT_EQ(testing::Verdict(*filter, "The Bayeux Tapestry is in Normandy."), "kept");
  EXPECT_EQ(testing::Verdict(*filter, "Tapestry weaving is an old craft."), "kept");
  // Another match elsewhere in the text still counts.
  EXPECT_EQ(Explain(*filter, "The Bayeux Tapestry is a rich tapestry of history."),
            "r: phrase \"tapestry\" (1 match) in text");
  EXPECT_EQ(Count(*filter, "Bayeux Tapestry, tapestry weaving, tapestry."), 1);
}

TEST(RulesFilterTest, RegexesAreRe2AsWritten) {
  auto filter = Rules(R"(
rules:
  - name: r
    regexes: ['(regenerate|retry)\s+response', '^Sure']
)");
  // Case-insensitive by default, the user's own groups do not change what is counted.
  EXPECT_EQ(Count(*filter, "REGENERATE response / Retry  response"), 2);
  // ^ anchors at the start of the text only, also when counting resumes after a match.
  EXPECT_EQ(Count(*filter, "SureSure, sure"), 1);
  EXPECT_EQ(Count(*filter, "Not sure"), 0);
  // A regex that can match the empty string counts only real matches.
  EXPECT_EQ(Count(*Rules("rules:\n  - name: r\n    regexes: ['x*']\n"), "ab xx c x"), 2);
}

TEST(RulesFilterTest, FirstFailingRuleWinsAndAnnotateMeasuresEveryRule) {
  auto filter = Rules(R"(
rules:
  - name: first
    phrases: [alpha]
  - name: second
    phrases: [beta]
  - name: third
    phrases: [gamma]
)");
  EXPECT_EQ(testing::Verdict(*filter, "beta alpha"), "first");
  EXPECT_EQ(testing::Verdict(*filter, "beta gamma"), "second");
  FilterResult result;
  EXPECT_EQ(testing::Verdict(*filter, "beta gamma gamma", true, &result), "second");
  EXPECT_EQ(testing::Measured(result, "first_matches"), 0);
  EXPECT_EQ(testing::Measured(result, "second_matches"), 1);
  EXPECT_EQ(testing::Measured(result, "third_matches"), 2);
  EXPECT_EQ(testing::Verdict(*filter, " \n\t"), "empty");
}

TEST(RulesFilterTest, ReasonsListTheMostFrequentPatternsFirst) {
  auto filter = Rules("rules:\n  - name: r\n    phrases: [a1, a2, a3, a4, a5]\n");
  EXPECT_EQ(Explain(*filter, "a1 a2 a2 a3 a4 a4 a4 a5"),
            "r: phrase \"a4\" (3 matches), phrase \"a2\" (2 matches), phrase \"a1\" (1 match) and "
            "2 more patterns in text");
}

TEST(RulesFilterTest, FiveHundredPatternsInOneSet) {
  std::string yaml = "rules:\n  - name: many\n    phrases:\n";
  for (int i = 0; i < 500; ++i) yaml += "      - term" + std::to_string(1000 + i) + " phrase\n";
  yaml += "  - name: regexes\n    regexes:\n";
  for (int i = 0; i < 100; ++i) yaml += "      - 'code-" + std::to_string(i) + "\\d{3}x'\n";
  auto filter = Rules(yaml);
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(Count(*filter, "nothing to see, term1000phrase, term999 phrase", "many"), 0);
  EXPECT_EQ(Count(*filter,
                  "TERM1000 PHRASE then term1499 phrase and term1250 phrase twice: "
                  "term1250 phrase.",
                  "many"),
            4);
  EXPECT_EQ(Count(*filter, "code-99123x code-5123x code-5x", "regexes"), 2);
  EXPECT_THAT(Explain(*filter, "term1250 phrase"), HasSubstr("phrase \"term1250 phrase\""));
}

}  // namespace
}  // namespace winnow
