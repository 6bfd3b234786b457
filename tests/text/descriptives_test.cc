// Text descriptives: counts and formulas on a text whose words, sentences and syllables are
// counted by hand (syllables by the vowel-group fallback, so the numbers do not depend on the
// hyphenation dictionary), and the dictionary path on a few words.

#include "winnow/text/descriptives.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

namespace winnow {
namespace {

std::map<std::string, double> Compute(std::string_view text, uint32_t groups = kAllTextGroups) {
  DescriptivesCalculator calculator(groups, /*hyphen_dictionary=*/"");
  Descriptives out;
  calculator.Compute(text, &out);
  std::map<std::string, double> values;
  for (const auto& [name, value] : out.values) values[name] = value;
  return values;
}

// "The cat sat on the mat." (6 words) + "The dog ran away quickly." (5 words): 2 sentences, 11
// words, 13 tokens with the two periods. Vowel groups: "away" and "quickly" have 2, the rest 1:
// 13 syllables, no hard word. One long word (> 6 characters): "quickly". Word characters: 37.
constexpr std::string_view kText = "The cat sat on the mat. The dog ran away quickly.";

TEST(DescriptivesTest, CountsAndSpreads) {
  auto v = Compute(kText);
  EXPECT_EQ(v["n_characters"], 49);
  EXPECT_EQ(v["n_tokens"], 11);
  EXPECT_EQ(v["n_unique_tokens"], 9);  // "The"/"the" count once
  EXPECT_DOUBLE_EQ(v["proportion_unique_tokens"], 9.0 / 11);
  EXPECT_EQ(v["n_sentences"], 2);
  EXPECT_DOUBLE_EQ(v["sentence_length_mean"], 5.5);
  EXPECT_DOUBLE_EQ(v["sentence_length_median"], 5.5);
  EXPECT_DOUBLE_EQ(v["sentence_length_std"], 0.5);
  EXPECT_DOUBLE_EQ(v["token_length_mean"], 37.0 / 11);
  EXPECT_DOUBLE_EQ(v["token_length_median"], 3);
  EXPECT_DOUBLE_EQ(v["syllables_per_token_mean"], 13.0 / 11);
  EXPECT_DOUBLE_EQ(v["syllables_per_token_median"], 1);
}

TEST(DescriptivesTest, ReadabilityFormulas) {
  auto v = Compute(kText);
  const double asl = 11.0 / 2, asw = 13.0 / 11;
  EXPECT_NEAR(v["flesch_reading_ease"], 206.835 - 1.015 * asl - 84.6 * asw, 1e-9);
  EXPECT_NEAR(v["flesch_kincaid_grade"], 0.39 * asl + 11.8 * asw - 15.59, 1e-9);
  EXPECT_TRUE(std::isnan(v["smog"]));  // undefined below 3 sentences
  EXPECT_NEAR(v["gunning_fog"], 0.4 * asl, 1e-9);
  EXPECT_NEAR(v["automated_readability_index"], 4.71 * 37.0 / 11 + 0.5 * asl - 21.43, 1e-9);
  EXPECT_NEAR(v["coleman_liau_index"], 0.0588 * (100 * 37.0 / 11) - 0.296 * (100 * 2.0 / 11) - 15.8,
              1e-9);
  EXPECT_NEAR(v["lix"], asl + 100.0 / 11, 1e-9);
  EXPECT_NEAR(v["rix"], 0.5, 1e-9);
}

TEST(DescriptivesTest, SmogNeedsThreeSentences) {
  auto v = Compute("One beautiful sentence. Another wonderful sentence. A third remarkable one.");
  ASSERT_EQ(v["n_sentences"], 3);
  EXPECT_FALSE(std::isnan(v["smog"]));
  EXPECT_GT(v["smog"], 3.1291);
}

TEST(DescriptivesTest, QualityRatios) {
  auto v = Compute(kText, kQuality);
  EXPECT_DOUBLE_EQ(v["alpha_ratio"], 11.0 / 13);
  EXPECT_DOUBLE_EQ(v["mean_word_length"], 37.0 / 11);
  EXPECT_EQ(v["symbol_to_word_ratio_#"], 0);
  EXPECT_EQ(v["duplicate_line_chr_fraction"], 0);
  // Every 2-gram occurs once, so the first one, "The cat", is the most common: 7 chars * 1 / 49.
  EXPECT_DOUBLE_EQ(v["top_2_gram_chr_fraction"], 7.0 / 49);
  EXPECT_EQ(v["duplicate_5_gram_chr_fraction"], 0);
  EXPECT_EQ(v.count("n_tokens"), 0u);  // only the quality group was asked for
}

TEST(DescriptivesTest, RepeatedLinesAndNGrams) {
  const std::string line = "buy cheap pills now from our shop";
  const std::string text = line + "\n" + line + "\n" + line;
  auto v = Compute(text, kQuality);
  const double length = text.size();
  EXPECT_DOUBLE_EQ(v["duplicate_line_chr_fraction"], 2 * line.size() / length);
  EXPECT_DOUBLE_EQ(v["proportion_bullet_points"], 0);
  // Every word is covered by a repeated 5-gram: all 21 words' characters (3 * 27).
  EXPECT_DOUBLE_EQ(v["duplicate_5_gram_chr_fraction"], 3 * 27 / length);
}

TEST(DescriptivesTest, EmptyTextGivesUndefinedRatiosNotCrashes) {
  for (std::string_view text : {"", "   ", "...", "\n\n"}) {
    auto v = Compute(text);
    EXPECT_EQ(v["n_tokens"], 0) << text;
    EXPECT_TRUE(std::isnan(v["flesch_reading_ease"])) << text;
    EXPECT_TRUE(std::isnan(v["mean_word_length"])) << text;
  }
}

TEST(DescriptivesTest, GroupsParse) {
  EXPECT_EQ(*ParseDescriptiveGroups("all"), kAllTextGroups);
  EXPECT_EQ(*ParseDescriptiveGroups("readability,quality"), kReadability | kQuality);
  auto bad = ParseDescriptiveGroups("readabilty");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("readabilty"), std::string::npos);
}

TEST(SyllablesTest, VowelGroupFallback) {
  EXPECT_EQ(SyllableCounter::CountByVowelGroups("cat"), 1u);
  EXPECT_EQ(SyllableCounter::CountByVowelGroups("make"), 1u);  // silent final e
  EXPECT_EQ(SyllableCounter::CountByVowelGroups("banana"), 3u);
  EXPECT_EQ(SyllableCounter::CountByVowelGroups("rhythm"), 1u);  // y is a vowel: "y" group
  SyllableCounter fallback("");
  EXPECT_FALSE(fallback.uses_dictionary());
  EXPECT_EQ(fallback.Count("1999"), 0u);  // no letters, no syllables
}

TEST(SyllablesTest, HyphenationDictionary) {
  SyllableCounter counter;
  if (!counter.uses_dictionary()) GTEST_SKIP() << "no hyphen-en-us dictionary installed";
  EXPECT_EQ(counter.Count("cat"), 1u);
  EXPECT_EQ(counter.Count("example"), 3u);    // ex-am-ple
  EXPECT_EQ(counter.Count("beautiful"), 3u);  // beau-ti-ful
  EXPECT_EQ(counter.Count("Information"), 4u);
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

TEST(DescriptivesTest, EntropyUnderTheDatasetUnigramModel) {
  UnigramModel model;  // the dataset: "a a b"
  model.Add("a", 2);
  model.Add("b");
  DescriptivesCalculator calculator(kEntropy, "");
  Descriptives out;
  calculator.Compute("A b.", &out, &model);  // "A" is lowered to "a"
  ASSERT_EQ(out.values.size(), 2u);
  const double entropy = -(std::log2(2.0 / 3) + std::log2(1.0 / 3)) / 2;
  EXPECT_STREQ(out.values[0].first, "entropy");
  EXPECT_NEAR(out.values[0].second, entropy, 1e-12);
  EXPECT_NEAR(out.values[1].second, std::exp2(entropy), 1e-9);
  // A word the model never saw counts as seen once.
  EXPECT_DOUBLE_EQ(model.Log2Probability("zebra"), std::log2(1.0 / 3));
}

}  // namespace
}  // namespace winnow
