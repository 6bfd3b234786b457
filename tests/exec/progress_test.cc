#include "winnow/exec/progress.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace winnow {
namespace {

TEST(ProgressTest, LineShowsRatesAndEtaWhenTotalIsKnown) {
  ProgressSnapshot snapshot{1500000, 250000000, 1000000000};
  std::string line = FormatProgressLine(snapshot, 10.0);
  EXPECT_EQ(line, "1.5M rows  150.0k rows/s  25.0 MB/s  25%  ETA 0:30");
}

TEST(ProgressTest, NoEtaWithoutATotal) {
  ProgressSnapshot snapshot{120, 5000000, 0};
  EXPECT_EQ(FormatProgressLine(snapshot, 2.0), "120 rows  60 rows/s  2.5 MB/s");
}

TEST(ProgressTest, QuietWhenStderrIsNotATerminal) {
  // The test runner captures stderr, so it is not a terminal here.
  if (isatty(2)) GTEST_SKIP() << "stderr is a terminal";
  EXPECT_FALSE(ShouldShowProgress());
}

}  // namespace
}  // namespace winnow
