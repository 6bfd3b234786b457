// Evaluation: per-label precision/recall/F1, macro and micro averages as scikit-learn computes
// them.

#include "winnow/classify/evaluation.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(Evaluation, MatchesScikitLearn) {
  // y_true = [a a a b b c], y_pred = [a a b b c c]
  ConfusionCounter counter({"a", "b", "c"});
  const std::pair<size_t, int> rows[] = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}};
  for (const auto& [truth, predicted] : rows) counter.Add(truth, predicted);
  const Evaluation eval = counter.Finish();
  ASSERT_EQ(eval.labels.size(), 3u);
  EXPECT_DOUBLE_EQ(eval.labels[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(eval.labels[0].recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(eval.labels[0].f1, 0.8);
  EXPECT_DOUBLE_EQ(eval.labels[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(eval.labels[1].recall, 0.5);
  EXPECT_DOUBLE_EQ(eval.labels[2].precision, 0.5);
  EXPECT_DOUBLE_EQ(eval.labels[2].recall, 1.0);
  // sklearn: precision_recall_fscore_support(average="macro") = (0.6667, 0.7222, 0.6667).
  EXPECT_NEAR(eval.macro.precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(eval.macro.recall, (2.0 / 3 + 0.5 + 1.0) / 3, 1e-12);
  EXPECT_NEAR(eval.macro.f1, (0.8 + 0.5 + 2.0 / 3) / 3, 1e-12);
  EXPECT_DOUBLE_EQ(eval.micro.f1, 4.0 / 6);
  EXPECT_DOUBLE_EQ(eval.accuracy, 4.0 / 6);
}

TEST(Evaluation, NoPredictionCountsAsWrongAndLabelsWithoutRowsAreNotAveraged) {
  ConfusionCounter counter({"a", "b", "unused"});
  counter.Add(0, 0);
  counter.Add(1, -1);
  const Evaluation eval = counter.Finish();
  EXPECT_DOUBLE_EQ(eval.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(eval.labels[1].recall, 0.0);
  EXPECT_DOUBLE_EQ(eval.labels[1].precision, 0.0);  // nothing predicted: 0, not NaN
  EXPECT_DOUBLE_EQ(eval.macro.recall, 0.5);         // mean over a and b only
  EXPECT_DOUBLE_EQ(eval.micro.precision, 1.0);      // the one prediction was right
}

}  // namespace
}  // namespace winnow
