// ROUGE-L as rouge_score computes it. Expected F values are worked out by hand from the LCS
// (P = lcs / |prediction|, R = lcs / |target|, F = 2PR / (P + R)) and agree with a Python
// reference of rouge_score's tokenize() and _score_lcs().

#include "winnow/tasks/rouge_l.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace winnow::tasks {
namespace {

using Tokens = std::vector<std::string>;

double F(std::string_view target, std::string_view prediction) {
  return RougeLF(RougeTokenize(target), RougeTokenize(prediction));
}

TEST(RougeTokenize, LowercasesAndSplitsOnEverythingButAsciiLettersAndDigits) {
  EXPECT_EQ(RougeTokenize("Hello, World! It's 2024."),
            (Tokens{"hello", "world", "it", "s", "2024"}));
  EXPECT_EQ(RougeTokenize("snake_case and-dash/slash"),
            (Tokens{"snake", "case", "and", "dash", "slash"}));
  EXPECT_EQ(RougeTokenize("  tabs\tand\nnewlines  "), (Tokens{"tabs", "and", "newlines"}));
  EXPECT_EQ(RougeTokenize(""), Tokens{});
  EXPECT_EQ(RougeTokenize("?! -- ..."), Tokens{});
}

TEST(RougeTokenize, DropsNonAsciiLettersLikeRougeScore) {
  // rouge_score replaces [^a-z0-9] after lower(): accented letters split words.
  EXPECT_EQ(RougeTokenize("café naïve"), (Tokens{"caf", "na", "ve"}));
  EXPECT_EQ(RougeTokenize("Ünïcödé"), (Tokens{"n", "c", "d"}));
  EXPECT_EQ(RougeTokenize("日本語 text"), Tokens{"text"});
  // The two characters whose Python lower case is ASCII.
  EXPECT_EQ(RougeTokenize("İstanbul"), (Tokens{"i", "stanbul"}));  // i + U+0307
  EXPECT_EQ(RougeTokenize("\u212Aelvin"), Tokens{"kelvin"});
  EXPECT_EQ(RougeTokenize("a\xff"
                          "b"),
            (Tokens{"a", "b"}));  // invalid UTF-8 separates
}

TEST(RougeLF, HandComputedValues) {
  // LCS "the cat on the mat" = 5 of 6 and 6: P = R = F = 5/6.
  EXPECT_DOUBLE_EQ(F("the cat sat on the mat", "the cat is on the mat"), 5.0 / 6.0);
  // LCS "a c" = 2; P = 2/3, R = 2/4, F = (2/3) / (7/6) = 4/7.
  EXPECT_NEAR(F("a b c d", "a c e"), 4.0 / 7.0, 1e-15);
  // Order matters: LCS 2 ("police killed" or "the gunman") of 4 and 4.
  EXPECT_DOUBLE_EQ(F("police killed the gunman", "the gunman police killed"), 0.5);
  EXPECT_DOUBLE_EQ(F("Same words.", "same WORDS"), 1.0);
  EXPECT_DOUBLE_EQ(F("nothing shared", "at all"), 0.0);
  EXPECT_DOUBLE_EQ(F("", "anything"), 0.0);
  EXPECT_DOUBLE_EQ(F("anything", "!!!"), 0.0);
}

TEST(RougeLF, ComputesInRougeScoresOrderForBitExactThresholds) {
  // 6 of 8 and 6: P = 1, R = 0.75, F = 1.5 / 1.75.
  const double p = 1.0;
  const double r = 0.75;
  EXPECT_EQ(
      F("Give three tips for staying healthy and happy.", "Give three tips for staying healthy."),
      2 * p * r / (p + r));
}

TEST(RougePool, EmptyPoolScoresZero) {
  RougePool pool;
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.MaxScore(RougeTokenize("a b c")), 0.0);
}

TEST(RougePool, MaxScoreIsTheBestEntryUnlessStoppedEarly) {
  RougePool pool;
  pool.Add(RougeTokenize("x y"));
  pool.Add(RougeTokenize("a b c d x"));  // LCS 4 of 5 and 5: 0.8
  pool.Add(RougeTokenize("a b c d e"));  // identical: 1.0
  EXPECT_EQ(pool.size(), 3u);
  const Tokens candidate = RougeTokenize("a b c d e");
  EXPECT_DOUBLE_EQ(pool.MaxScore(candidate), 1.0);
  // Asked only whether any score exceeds 0.7, the pool stops at the first that does.
  EXPECT_DOUBLE_EQ(pool.MaxScore(candidate, 0.7), 0.8);
  // Tokens the pool has never seen match nothing.
  EXPECT_DOUBLE_EQ(pool.MaxScore(RougeTokenize("unseen words only")), 0.0);
  EXPECT_DOUBLE_EQ(pool.MaxScore({}), 0.0);
}

TEST(RougePool, AgreesWithPairwiseScoresOnRandomSequences) {
  // The length bound lets MaxScore skip entries; the maximum must not change.
  std::mt19937_64 rng(7);
  const Tokens vocabulary = {"a", "b", "c", "d", "e", "f"};
  auto random_tokens = [&] {
    Tokens tokens(rng() % 12);
    for (auto& token : tokens) token = vocabulary[rng() % vocabulary.size()];
    return tokens;
  };
  for (int round = 0; round < 50; ++round) {
    RougePool pool;
    std::vector<Tokens> entries;
    for (int i = 0; i < 20; ++i) {
      entries.push_back(random_tokens());
      pool.Add(entries.back());
    }
    const Tokens candidate = random_tokens();
    double best = 0.0;
    for (const Tokens& entry : entries) best = std::max(best, RougeLF(candidate, entry));
    EXPECT_EQ(pool.MaxScore(candidate), best) << "round " << round;
  }
}

}  // namespace
}  // namespace winnow::tasks
