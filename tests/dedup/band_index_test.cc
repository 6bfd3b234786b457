// BandIndex: documents that share a key in some band are matched (first, previous, current), in
// memory or, past the memory budget, through sorted spill files; both paths must agree exactly.

#include "winnow/dedup/band_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "winnow/dedup/union_find.h"

namespace winnow {
namespace {

using Match = std::tuple<uint32_t, uint32_t, uint32_t>;  // first, previous, current

class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string base = ::testing::TempDir();
    if (!base.ends_with('/')) base += '/';
    std::string pattern = base + "winnow-band-index-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp " << pattern;
    path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  size_t FileCount() const {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(path_)) ++count;
    return count;
  }

 private:
  std::string path_;
};

std::vector<Match> AllMatches(BandIndex& index) {
  std::vector<Match> matches;
  Status status = index.ForEachMatch([&](uint32_t first, uint32_t previous, uint32_t current) {
    matches.emplace_back(first, previous, current);
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return matches;
}

BandIndexOptions InMemory(size_t bands) {
  BandIndexOptions options;
  options.bands = bands;
  return options;
}

TEST(BandIndex, NoSharedKeyNoMatch) {
  BandIndex index(InMemory(2));
  const uint64_t a[] = {1, 2}, b[] = {3, 4}, c[] = {2, 1};  // c's keys are a's, in other bands
  ASSERT_TRUE(index.Add(0, a).ok());
  ASSERT_TRUE(index.Add(1, b).ok());
  ASSERT_TRUE(index.Add(2, c).ok());
  EXPECT_EQ(index.pair_count(), 6u);
  EXPECT_TRUE(AllMatches(index).empty());
  EXPECT_EQ(index.spilled_runs(), 0u);
}

TEST(BandIndex, SharedKeyInOneBandMatchesFirstPreviousCurrent) {
  BandIndex index(InMemory(2));
  // Band 0: docs 1, 3, 4 share key 7. Band 1: docs 0 and 4 share key 9.
  const uint64_t keys[][2] = {{100, 9}, {7, 101}, {102, 103}, {7, 104}, {7, 9}};
  for (uint32_t doc = 0; doc < 5; ++doc) ASSERT_TRUE(index.Add(doc, keys[doc]).ok());
  EXPECT_EQ(AllMatches(index), (std::vector<Match>{{1, 1, 3},
                                                   {1, 3, 4},     // band 0, in document order
                                                   {0, 0, 4}}));  // band 1
}

TEST(BandIndex, GroupsAreInDocumentOrderWhateverTheAddOrder) {
  BandIndex index(InMemory(1));
  for (uint32_t doc : {5u, 2u, 9u, 0u}) {
    const uint64_t key = 42;
    ASSERT_TRUE(index.Add(doc, &key).ok());
  }
  EXPECT_EQ(AllMatches(index), (std::vector<Match>{{0, 0, 2}, {0, 2, 5}, {0, 5, 9}}));
}

TEST(BandIndex, PairsRepeatAcrossBands) {
  BandIndex index(InMemory(3));
  const uint64_t a[] = {1, 2, 3};
  ASSERT_TRUE(index.Add(0, a).ok());
  ASSERT_TRUE(index.Add(1, a).ok());
  EXPECT_EQ(AllMatches(index), (std::vector<Match>{{0, 0, 1}, {0, 0, 1}, {0, 0, 1}}));
}

TEST(BandIndex, TheSameDocumentTwiceWithOneKeyIsNoSelfMatch) {
  BandIndex index(InMemory(1));
  const uint64_t key = 5;
  ASSERT_TRUE(index.Add(3, &key).ok());
  ASSERT_TRUE(index.Add(3, &key).ok());
  EXPECT_TRUE(AllMatches(index).empty());
  // With another member the repeat is skipped, not matched with itself.
  BandIndex three(InMemory(1));
  ASSERT_TRUE(three.Add(3, &key).ok());
  ASSERT_TRUE(three.Add(3, &key).ok());
  ASSERT_TRUE(three.Add(8, &key).ok());
  EXPECT_EQ(AllMatches(three), (std::vector<Match>{{3, 3, 8}}));
}

TEST(BandIndex, EmptyIndexHasNoMatches) {
  BandIndex index(InMemory(14));
  EXPECT_TRUE(AllMatches(index).empty());
  EXPECT_EQ(index.pair_count(), 0u);
}

// Random keys from a small range so that many documents collide in every band.
std::vector<std::vector<uint64_t>> RandomKeys(uint32_t documents, size_t bands, uint64_t range,
                                              uint32_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<uint64_t> pick(0, range - 1);
  std::vector<std::vector<uint64_t>> keys(documents, std::vector<uint64_t>(bands));
  for (auto& row : keys) {
    for (auto& key : row) key = pick(random) * 0x9E3779B97F4A7C15ULL;  // spread over 64 bits
  }
  return keys;
}

std::vector<uint32_t> Roots(const std::vector<Match>& matches, uint32_t documents) {
  UnionFind sets(documents);
  for (auto [first, previous, current] : matches) sets.Union(first, current);
  std::vector<uint32_t> roots(documents);
  for (uint32_t doc = 0; doc < documents; ++doc) roots[doc] = sets.Find(doc);
  return roots;
}

void ExpectSpillMatchesMemory(uint32_t documents, size_t bands, uint64_t budget, uint64_t key_range,
                              bool repeat_some) {
  const auto keys = RandomKeys(documents, bands, key_range, documents + bands);
  BandIndex memory(InMemory(bands));
  ScopedTempDir dir;
  BandIndexOptions spill_options;
  spill_options.bands = bands;
  spill_options.memory_budget_bytes = budget;
  spill_options.temp_dir = dir.path();
  BandIndex spilled(spill_options);
  for (uint32_t doc = 0; doc < documents; ++doc) {
    ASSERT_TRUE(memory.Add(doc, keys[doc].data()).ok());
    Status status = spilled.Add(doc, keys[doc].data());
    ASSERT_TRUE(status.ok()) << status.message();
    if (repeat_some && doc % 17 == 0) {  // the same (key, doc) again, in another run
      ASSERT_TRUE(memory.Add(doc, keys[doc].data()).ok());
      ASSERT_TRUE(spilled.Add(doc, keys[doc].data()).ok());
    }
  }
  EXPECT_EQ(memory.spilled_runs(), 0u);
  EXPECT_GT(spilled.spilled_runs(), 0u);
  EXPECT_EQ(spilled.pair_count(), memory.pair_count());
  // Spill files are unlinked as soon as they are made: nothing is left in the folder.
  EXPECT_EQ(dir.FileCount(), 0u);
  const std::vector<Match> expected = AllMatches(memory);
  const std::vector<Match> actual = AllMatches(spilled);
  EXPECT_FALSE(expected.empty());
  // Same (key, doc) order in both paths: the very same calls, in the same order.
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(Roots(actual, documents), Roots(expected, documents));
  for (auto [first, previous, current] : actual) {
    EXPECT_NE(previous, current);
    EXPECT_LE(first, previous);
    EXPECT_LT(previous, current);
  }
}

TEST(BandIndex, SpillingOnEveryAddGivesTheInMemoryMatches) {
  // 64 bytes hold less than one document's 14 entries: every Add spills one run.
  ExpectSpillMatchesMemory(/*documents=*/300, /*bands=*/14, /*budget=*/64, /*key_range=*/40,
                           /*repeat_some=*/false);
}

TEST(BandIndex, SpillingInBlocksWithEntriesLeftInMemoryGivesTheInMemoryMatches) {
  // 4 bands x 16 bytes per document, 1000 bytes: a run every 16 documents and a partial
  // in-memory tail that the merge has to include.
  ExpectSpillMatchesMemory(/*documents=*/2005, /*bands=*/4, /*budget=*/1000, /*key_range=*/300,
                           /*repeat_some=*/true);
}

TEST(BandIndex, SpillRunCountFollowsTheBudget) {
  ScopedTempDir dir;
  BandIndexOptions options;
  options.bands = 2;
  options.memory_budget_bytes = 2 * sizeof(BandIndex::Entry) * 10;  // 10 documents per run
  options.temp_dir = dir.path();
  BandIndex index(options);
  const uint64_t keys[] = {1, 2};
  for (uint32_t doc = 0; doc < 35; ++doc) ASSERT_TRUE(index.Add(doc, keys).ok());
  EXPECT_EQ(index.spilled_runs(), 3u);  // 30 spilled, 5 still in memory
  const auto matches = AllMatches(index);
  EXPECT_EQ(matches.size(), 2u * 34u);  // every document after the first, in both bands
  EXPECT_EQ(Roots(matches, 35), std::vector<uint32_t>(35, 0));
}

TEST(BandIndex, SpillIntoAMissingFolderIsAnIoErrorNamingIt) {
  BandIndexOptions options;
  options.bands = 1;
  options.memory_budget_bytes = 1;
  options.temp_dir = "/nonexistent/winnow-no-such-dir";
  BandIndex index(options);
  const uint64_t key = 1;
  Status status = index.Add(0, &key);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("/nonexistent/winnow-no-such-dir"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace winnow
