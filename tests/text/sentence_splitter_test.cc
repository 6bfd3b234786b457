// SentenceSplitter (NLTK's PunktSentenceTokenizer) with winnow's English parameters. Expected
// values are NLTK 3.8's with the same parameters; nltk_reference_test.cc checks many more.

#include "winnow/text/sentence_splitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/text/punkt_parameters.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Sentences(std::string_view text,
                                   const PunktParameters& parameters = EnglishPunktParameters()) {
  SentenceSplitter splitter(parameters);
  std::vector<std::string_view> sentences;
  splitter.Split(text, &sentences);
  EXPECT_EQ(splitter.Count(text), sentences.size());
  return std::vector<std::string>(sentences.begin(), sentences.end());
}

TEST(SentenceSplitterTest, SplitsAtSentenceEnds) {
  EXPECT_THAT(Sentences("Hello world. This is a test."),
              ElementsAre("Hello world.", "This is a test."));
  EXPECT_THAT(Sentences("Para one.\n\nPara two."), ElementsAre("Para one.", "Para two."));
  EXPECT_THAT(Sentences("no end"), ElementsAre("no end"));
}

TEST(SentenceSplitterTest, EmptyAndBlankTextHaveNoSentences) {
  EXPECT_THAT(Sentences(""), IsEmpty());
  EXPECT_THAT(Sentences(" \n "), IsEmpty());
}

TEST(SentenceSplitterTest, KeepsLeadingWhitespaceOfTheFirstSentenceOnly) {
  EXPECT_THAT(Sentences("  Leading spaces. Trailing spaces.   "),
              ElementsAre("  Leading spaces.", "Trailing spaces."));
}

TEST(SentenceSplitterTest, SentencesViewTheText) {
  const std::string text = "One. Two.";
  SentenceSplitter splitter;
  std::vector<std::string_view> sentences = {"stale"};
  splitter.Split(text, &sentences);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].data(), text.data());
  EXPECT_EQ(sentences[1].data(), text.data() + 5);
}

TEST(SentenceSplitterTest, AbbreviationsDoNotEndSentences) {
  EXPECT_THAT(Sentences("Mr. Smith met Dr. Jones. He was late."),
              ElementsAre("Mr. Smith met Dr. Jones.", "He was late."));
  EXPECT_THAT(Sentences("U.S. economy grew. The U.S.A. is big."),
              ElementsAre("U.S. economy grew.", "The U.S.A. is big."));
  EXPECT_THAT(Sentences("Apples, oranges, etc. and more."),
              ElementsAre("Apples, oranges, etc. and more."));
}

TEST(SentenceSplitterTest, FrequentSentenceStarterAfterAbbreviationOrEllipsis) {
  EXPECT_THAT(Sentences("Apples, oranges, etc. The end."),
              ElementsAre("Apples, oranges, etc.", "The end."));
  EXPECT_THAT(Sentences("Wait... The end."), ElementsAre("Wait...", "The end."));
  EXPECT_THAT(Sentences("Wait... what? Really..."), ElementsAre("Wait... what?", "Really..."));
}

TEST(SentenceSplitterTest, InitialsAndNumbers) {
  EXPECT_THAT(Sentences("J. R. R. Tolkien wrote books."),
              ElementsAre("J. R. R. Tolkien wrote books."));
  EXPECT_THAT(Sentences("Items 1. and 2. are done. Chapter 3. Section 4."),
              ElementsAre("Items 1. and 2. are done.", "Chapter 3.", "Section 4."));
}

TEST(SentenceSplitterTest, ClosingQuotesAndBracketsStayWithTheirSentence) {
  EXPECT_THAT(Sentences("\"Stop.\" He left."), ElementsAre("\"Stop.\"", "He left."));
  EXPECT_THAT(Sentences("(This is in parentheses.) This is not."),
              ElementsAre("(This is in parentheses.)", "This is not."));
  EXPECT_THAT(Sentences("Sentence one.\" Sentence two.' Three.) Four.] Five.}"),
              ElementsAre("Sentence one.\"", "Sentence two.'", "Three.)", "Four.]", "Five.}"));
  EXPECT_THAT(Sentences("He said \"Go.\"\nShe said \"No.\""),
              ElementsAre("He said \"Go.\"", "She said \"No.\""));
}

TEST(SentenceSplitterTest, RunsOfMarks) {
  // NLTK's quirk kept: "!?" is followed by nothing its pattern accepts, so "?" stands alone.
  EXPECT_THAT(Sentences("Really?! Yes!! No?? Ok!?"),
              ElementsAre("Really?!", "Yes!!", "No??", "Ok!", "?"));
  EXPECT_THAT(Sentences("A sentence.--And another."), ElementsAre("A sentence.--And another."));
}

TEST(SentenceSplitterTest, OtherParameters) {
  PunktParameters none;
  EXPECT_THAT(Sentences("Mr. Smith met Dr. Jones. He was late.", none),
              ElementsAre("Mr.", "Smith met Dr.", "Jones.", "He was late."));
}

TEST(PunktParametersTest, TypesAreLowercaseAsciiWithoutFinalPeriod) {
  const PunktParameters& parameters = EnglishPunktParameters();
  EXPECT_GT(parameters.abbreviations.size(), 100u);
  EXPECT_TRUE(parameters.abbreviations.contains("e.g"));
  EXPECT_TRUE(parameters.sentence_starters.contains("the"));
  for (const auto* table : {&parameters.abbreviations, &parameters.sentence_starters}) {
    for (const std::string& type : *table) {
      EXPECT_FALSE(type.empty());
      EXPECT_NE(type.back(), '.') << type;
      for (char c : type) {
        EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || c == '.') << type;
      }
    }
  }
}

}  // namespace
}  // namespace winnow
