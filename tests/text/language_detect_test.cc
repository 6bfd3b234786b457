// LanguageDetector (CLD2): codes and confident scores for a sentence or two in each language, low
// scores for short texts, the hint, code validation and matching, the same answers from many
// threads.

#include "winnow/text/language_detect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

namespace winnow {
namespace {

struct Sample {
  const char* code;
  const char* text;
};

const Sample kSamples[] = {
    {"en",
     "The committee will publish its annual report next week, and the findings are expected "
     "to shape the new transport policy."},
    {"fr",
     "Le comité publiera son rapport annuel la semaine prochaine, et ses conclusions "
     "devraient orienter la nouvelle politique des transports."},
    {"de",
     "Der Ausschuss wird seinen Jahresbericht nächste Woche veröffentlichen, und die "
     "Ergebnisse sollen die neue Verkehrspolitik prägen."},
    {"zh", "委员会将于下周发布年度报告，预计其结论将影响新的交通政策。"},
    {"zh-Hant", "委員會將於下週發布年度報告，預計其結論將影響新的交通政策。"},
    {"ja",
     "委員会は来週、年次報告書を発表する予定で、その結論は新しい交通政策に影響を与えると"
     "見られています。"},
    {"he", "שלום עולם, זהו משפט בעברית שנכתב לבדיקה של זיהוי השפה."},  // CLD2 says "iw"
};

LanguageDetector Detector(LanguageDetectorOptions options = {}) {
  auto detector = LanguageDetector::Create(std::move(options));
  EXPECT_TRUE(detector.has_value());
  return *detector;
}

TEST(LanguageDetect, SentencesGetTheirCodeWithHighScores) {
  const LanguageDetector detector = Detector();
  for (const Sample& sample : kSamples) {
    SCOPED_TRACE(sample.code);
    const LanguageGuess guess = detector.Detect(sample.text);
    EXPECT_EQ(guess.code, sample.code);
    EXPECT_TRUE(guess.reliable);
    EXPECT_GE(guess.score, 0.95);
    EXPECT_LE(guess.score, 1.0);
    ASSERT_GE(guess.top_count, 1u);
    EXPECT_EQ(guess.top[0].code, sample.code);
  }
}

TEST(LanguageDetect, ShortTextsScoreLow) {
  const LanguageDetector detector = Detector();
  // CLD2 calls "hello world" 92% English and reliable; 13 letter bytes bring it down.
  const LanguageGuess hello = detector.Detect("hello world");
  EXPECT_EQ(hello.code, "en");
  EXPECT_EQ(hello.letter_bytes, 13);
  EXPECT_NEAR(hello.score, 0.92 * 13 / kFullScoreLetterBytes, 1e-9);
  EXPECT_LT(detector.Detect("Merci beaucoup").score, 0.4);
  // Too little to tell: unknown, score 0.
  for (const char* text : {"Ok", "12345 !!!", "lol", "asdf qwer zxcv uiop"}) {
    const LanguageGuess guess = detector.Detect(text);
    EXPECT_EQ(guess.code, "un") << text;
    EXPECT_EQ(guess.score, 0.0) << text;
  }
}

TEST(LanguageDetect, MixedTextListsTheTopLanguages) {
  const LanguageDetector detector = Detector();
  const LanguageGuess guess = detector.Detect(
      "The committee will publish its annual report next week, and the findings are expected to "
      "shape the new transport policy. Le comité publiera son rapport annuel la semaine "
      "prochaine, et ses conclusions devraient orienter la nouvelle politique des transports. "
      "Le rapport sera disponible en ligne.");
  ASSERT_GE(guess.top_count, 2u);
  EXPECT_LT(guess.top[0].share, 0.9);
  EXPECT_LT(guess.score, 0.9);
}

TEST(LanguageDetect, EmptyAndInvalidTextAreUnknown) {
  const LanguageDetector detector = Detector();
  EXPECT_EQ(detector.Detect("").code, "un");
  EXPECT_EQ(detector.Detect("   \n").code, "un");
  EXPECT_EQ(detector.Detect("caf\xc3").code, "un");  // not UTF-8: never handed to CLD2
}

TEST(LanguageDetect, HintIsValidated) {
  EXPECT_TRUE(LanguageDetector::Create({true, "fr"}).has_value());
  auto bad = LanguageDetector::Create({true, "klingonese"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message(), ::testing::HasSubstr("unknown language code 'klingonese'"));
}

TEST(LanguageDetect, HtmlModeSkipsTags) {
  const LanguageDetector html = Detector({false, ""});
  const LanguageGuess guess = html.Detect(
      "<div class=\"navigation header footer\"><p>Le comité publiera son rapport annuel la "
      "semaine prochaine, et ses conclusions devraient orienter la politique.</p></div>");
  EXPECT_EQ(guess.code, "fr");
}

TEST(LanguageDetect, CanonicalCodes) {
  EXPECT_EQ(*CanonicalLanguageCode("en"), "en");
  EXPECT_EQ(*CanonicalLanguageCode("iw"), "he");
  EXPECT_EQ(*CanonicalLanguageCode("he"), "he");
  EXPECT_EQ(*CanonicalLanguageCode("jw"), "jv");
  EXPECT_EQ(*CanonicalLanguageCode("zh-TW"), "zh-Hant");
  EXPECT_EQ(*CanonicalLanguageCode("un"), "un");
  EXPECT_FALSE(CanonicalLanguageCode("eng").has_value());
  EXPECT_FALSE(CanonicalLanguageCode("").has_value());
}

TEST(LanguageDetect, MatchingByPrefixSubtag) {
  EXPECT_TRUE(LanguageMatches("zh-Hant", "zh"));
  EXPECT_TRUE(LanguageMatches("zh", "zh"));
  EXPECT_FALSE(LanguageMatches("zh", "zh-Hant"));
  EXPECT_FALSE(LanguageMatches("en", "e"));
  EXPECT_FALSE(LanguageMatches("eo", "en"));
}

TEST(LanguageDetect, SameAnswersFromManyThreads) {
  const LanguageDetector detector = Detector();
  std::vector<LanguageGuess> expected;
  for (const Sample& sample : kSamples) expected.push_back(detector.Detect(sample.text));
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < std::size(kSamples); ++i) {
          const LanguageGuess guess = detector.Detect(kSamples[(i + t) % std::size(kSamples)].text);
          const LanguageGuess& want = expected[(i + t) % std::size(kSamples)];
          if (guess.code != want.code || guess.score != want.score) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(8, 0));
}

}  // namespace
}  // namespace winnow
