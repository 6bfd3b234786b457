#include "winnow/agreement/bootstrap.h"

#include <gtest/gtest.h>

#include <vector>

namespace winnow {
namespace {

// The mean of 0..99: the interval is near 49.5 +- 1.96 * 29 / 10 and the same on every run.
TEST(Bootstrap, MeanIntervalIsPlausibleAndReproducible) {
  std::vector<double> values;
  for (int i = 0; i < 100; ++i) values.push_back(i);
  auto mean = [&](std::span<const size_t> indexes) -> std::optional<double> {
    double sum = 0;
    for (size_t index : indexes) sum += values[index];
    return sum / static_cast<double>(indexes.size());
  };
  auto first = BootstrapInterval(values.size(), mean);
  auto second = BootstrapInterval(values.size(), mean);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->low, second->low);
  EXPECT_EQ(first->high, second->high);
  EXPECT_NEAR(first->low, 49.5 - 1.96 * 2.9, 1.5);
  EXPECT_NEAR(first->high, 49.5 + 1.96 * 2.9, 1.5);
  auto other_seed = BootstrapInterval(values.size(), mean, {1000, 7});
  EXPECT_NE(first->low, other_seed->low);
}

TEST(Bootstrap, EveryIndexIsInRange) {
  size_t max_index = 0;
  auto check = [&](std::span<const size_t> indexes) -> std::optional<double> {
    for (size_t index : indexes) max_index = std::max(max_index, index);
    return 0.0;
  };
  ASSERT_TRUE(BootstrapInterval(3, check, {200, 1}).has_value());
  EXPECT_EQ(max_index, 2u);
}

TEST(Bootstrap, SeveralStatisticsShareTheResamples) {
  std::vector<double> values;
  for (int i = 0; i < 50; ++i) values.push_back(i * i);
  auto mean = [&](std::span<const size_t> indexes) -> std::optional<double> {
    double sum = 0;
    for (size_t index : indexes) sum += values[index];
    return sum / static_cast<double>(indexes.size());
  };
  auto mean_and_undefined = [&](std::span<const size_t> indexes,
                                std::span<std::optional<double>> out) { out[0] = mean(indexes); };
  auto both = BootstrapIntervals(values.size(), 2, mean_and_undefined);
  auto single = BootstrapInterval(values.size(), mean);
  ASSERT_EQ(both.size(), 2u);
  ASSERT_TRUE(both[0].has_value());
  EXPECT_EQ(both[0]->low, single->low);
  EXPECT_EQ(both[0]->high, single->high);
  EXPECT_FALSE(both[1].has_value());  // never set: undefined on every resample
}

TEST(Bootstrap, NoIntervalWhenMostResamplesAreUndefined) {
  auto undefined = [](std::span<const size_t>) -> std::optional<double> { return std::nullopt; };
  EXPECT_FALSE(BootstrapInterval(10, undefined).has_value());
  auto anything = [](std::span<const size_t>) -> std::optional<double> { return 1.0; };
  EXPECT_FALSE(BootstrapInterval(0, anything).has_value());
}

}  // namespace
}  // namespace winnow
