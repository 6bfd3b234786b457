// Cohen's kappa against values computed by hand. The reference is this stdlib Python (exact with
// fractions.Fraction), the textbook definition with value-based weights:
//
//   def kappa(j, h, cats, w):
//       n, k = len(j), len(cats); idx = {c: i for i, c in enumerate(cats)}
//       O = [[0] * k for _ in range(k)]
//       for a, b in zip(j, h): O[idx[a]][idx[b]] += 1
//       row = [sum(O[i]) for i in range(k)]
//       col = [sum(O[i][jj] for i in range(k)) for jj in range(k)]
//       def wt(i, jj):
//           if i == jj: return 0
//           if w == 'none': return 1
//           d = Fraction(abs(cats[i] - cats[jj]), cats[-1] - cats[0])
//           return d if w == 'linear' else d * d
//       obs = sum(wt(i, jj) * Fraction(O[i][jj], n) for i in range(k) for jj in range(k))
//       exp = sum(wt(i, jj) * Fraction(row[i] * col[jj], n * n) for ...)
//       return 1 - obs / exp

#include "winnow/agreement/kappa.h"

#include <gtest/gtest.h>

#include <vector>

#include "winnow/agreement/confusion_matrix.h"
#include "winnow/agreement/kappa_interval.h"

namespace winnow {
namespace {

ConfusionMatrix Matrix(std::vector<double> categories, const std::vector<double>& judge,
                       const std::vector<double>& human) {
  return ConfusionMatrix::Build(std::move(categories), judge, human);
}

// The Wikipedia example: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
// p_o = 35/50 = 0.7; p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
TEST(Kappa, TwoByTwoTextbookExample) {
  std::vector<double> judge, human;
  auto add = [&](double j, double h, int times) {
    for (int i = 0; i < times; ++i) {
      judge.push_back(j);
      human.push_back(h);
    }
  };
  add(1, 1, 20);
  add(1, 0, 5);
  add(0, 1, 10);
  add(0, 0, 15);
  const ConfusionMatrix matrix = Matrix({0, 1}, judge, human);
  EXPECT_EQ(matrix.count(1, 0), 5u);
  EXPECT_EQ(matrix.count(0, 1), 10u);
  EXPECT_EQ(matrix.JudgeTotal(1), 25u);
  EXPECT_EQ(matrix.HumanTotal(1), 30u);
  // With two categories every weighting is the same.
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kNone), 0.4, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kLinear), 0.4, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kQuadratic), 0.4, 1e-12);
}

// Twelve items on a 1-5 scale. Exact values: none 43/115, linear 37/55, quadratic 227/263.
TEST(Kappa, FivePointScaleAllWeightings) {
  const std::vector<double> judge = {1, 2, 3, 4, 5, 3, 4, 2, 5, 1, 3, 4};
  const std::vector<double> human = {1, 2, 4, 4, 4, 3, 5, 1, 5, 2, 2, 4};
  const ConfusionMatrix matrix = Matrix({1, 2, 3, 4, 5}, judge, human);
  EXPECT_EQ(matrix.total(), 12u);
  EXPECT_EQ(matrix.count(3, 3), 2u);  // judge 4, human 4
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kNone), 43.0 / 115, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kLinear), 37.0 / 55, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kQuadratic), 227.0 / 263, 1e-12);
}

// Observed categories 1, 2, 4, 5: the weights use the values, so 2 -> 4 is twice 1 -> 2.
// Exact: none 4/7, linear 13/16, quadratic 85/91.
TEST(Kappa, WeightsFollowCategoryValuesAcrossAGap) {
  const std::vector<double> judge = {1, 2, 4, 5, 4, 1};
  const std::vector<double> human = {2, 2, 5, 5, 4, 1};
  const ConfusionMatrix matrix = Matrix(ObservedCategories(judge, human), judge, human);
  EXPECT_EQ(matrix.categories(), (std::vector<double>{1, 2, 4, 5}));
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kNone), 4.0 / 7, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kLinear), 13.0 / 16, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kQuadratic), 85.0 / 91, 1e-12);
}

TEST(Kappa, UndefinedWhenBothRatersGiveOneRatingToEverything) {
  const std::vector<double> same = {4, 4, 4, 4};
  // Even on a declared 1-5 scale (unused categories present), chance disagreement is 0.
  const ConfusionMatrix matrix = Matrix({1, 2, 3, 4, 5}, same, same);
  EXPECT_FALSE(CohenKappa(matrix, KappaWeights::kNone).has_value());
  EXPECT_FALSE(CohenKappa(matrix, KappaWeights::kQuadratic).has_value());
  EXPECT_FALSE(CohenKappa(Matrix({4}, same, same), KappaWeights::kLinear).has_value());
  EXPECT_FALSE(CohenKappa(ConfusionMatrix({1, 2}), KappaWeights::kNone).has_value());
}

// A judge that always says 3 while humans vary agrees only by chance: kappa 0, not undefined.
// p_o = 2/4, p_e = 1 * 2/4: (0.5 - 0.5) / (1 - 0.5) = 0.
TEST(Kappa, ConstantJudgeAgreesOnlyByChance) {
  const ConfusionMatrix matrix = Matrix({2, 3, 4}, {3, 3, 3, 3}, {3, 4, 3, 2});
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kNone), 0.0, 1e-12);
  EXPECT_NEAR(*CohenKappa(matrix, KappaWeights::kQuadratic), 0.0, 1e-12);
}

TEST(Kappa, ParsesWeights) {
  EXPECT_EQ(*ParseKappaWeights("quadratic"), KappaWeights::kQuadratic);
  EXPECT_EQ(*ParseKappaWeights("linear"), KappaWeights::kLinear);
  EXPECT_EQ(*ParseKappaWeights("none"), KappaWeights::kNone);
  auto bad = ParseKappaWeights("cubic");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("quadratic, linear or none"), std::string::npos);
}

TEST(KappaIntervals, ContainThePointEstimatesAndRepeat) {
  const std::vector<double> categories = {1, 2, 3, 4, 5};
  std::vector<size_t> judge, human;
  const std::vector<double> j = {1, 2, 3, 4, 5, 3, 4, 2, 5, 1, 3, 4};
  const std::vector<double> h = {1, 2, 4, 4, 4, 3, 5, 1, 5, 2, 2, 4};
  for (int copy = 0; copy < 5; ++copy) {
    for (size_t i = 0; i < j.size(); ++i) {
      judge.push_back(static_cast<size_t>(j[i] - 1));
      human.push_back(static_cast<size_t>(h[i] - 1));
    }
  }
  const KappaWeights both[] = {KappaWeights::kNone, KappaWeights::kQuadratic};
  const KappaWeights quadratic[] = {KappaWeights::kQuadratic};
  auto first = KappaIntervals(categories, judge, human, both);
  auto second = KappaIntervals(categories, judge, human, quadratic);
  ASSERT_EQ(first.size(), 2u);
  ASSERT_TRUE(first[0].has_value() && first[1].has_value() && second[0].has_value());
  // Fixed seed, same resamples: the quadratic interval does not depend on what else is computed.
  EXPECT_EQ(first[1]->low, second[0]->low);
  EXPECT_EQ(first[1]->high, second[0]->high);
  EXPECT_LT(first[0]->low, 43.0 / 115);
  EXPECT_GT(first[0]->high, 43.0 / 115);
  EXPECT_LT(first[1]->low, 227.0 / 263);
  EXPECT_GT(first[1]->high, 227.0 / 263);
  EXPECT_LE(first[1]->high, 1.0);
}

TEST(KappaIntervals, NoneWhenEveryResampleIsUndefined) {
  const std::vector<size_t> same = {0, 0, 0};
  const KappaWeights none[] = {KappaWeights::kNone};
  EXPECT_FALSE(KappaIntervals({1, 2}, same, same, none).front().has_value());
}

}  // namespace
}  // namespace winnow
