#include <gtest/gtest.h>

#include "winnow/exec/dag_node.h"

namespace winnow {
namespace {

TEST(RowKeysTest, CompareNumericallyByComponent) {
  EXPECT_LT(CompareRowKeys(2, "", 10, ""), 0);
  EXPECT_EQ(CompareRowKeys(7, ".1", 7, ".1"), 0);
  EXPECT_LT(CompareRowKeys(7, ".2", 7, ".10"), 0);  // numbers, not text
  EXPECT_LT(CompareRowKeys(7, "", 7, ".0"), 0);     // a row before the rows made from it
  EXPECT_GT(CompareRowKeys(7, ".1.0", 7, ".0.5"), 0);
  EXPECT_LT(CompareRowKeys(7, ".1", 7, ".1.0"), 0);
}

TEST(RowKeysTest, ExpansionsGetDistinctSuffixes) {
  Batch batch;
  auto add = [&](uint64_t row) {
    RecordOrigin origin;
    origin.row = row;
    batch.records.push_back(Record::Owned("{}", origin));
  };
  add(1);
  add(2);
  add(2);
  add(2);
  add(3);
  AssignExpansionKeys(batch);
  std::vector<std::string> suffixes;
  for (const Record& record : batch.records) suffixes.push_back(record.origin().key_suffix);
  EXPECT_EQ(suffixes, (std::vector<std::string>{"", ".0", ".1", ".2", ""}));
}

}  // namespace
}  // namespace winnow
