// UnionFind: every set's root is its smallest member whatever the order of the unions.

#include "winnow/dedup/union_find.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace winnow {
namespace {

TEST(UnionFind, StartsAsSingletons) {
  UnionFind sets(5);
  EXPECT_EQ(sets.size(), 5u);
  for (uint32_t i = 0; i < 5; ++i) EXPECT_EQ(sets.Find(i), i);
  UnionFind empty;
  EXPECT_EQ(empty.size(), 0u);
}

TEST(UnionFind, UnionReturnsWhetherTwoSetsWereJoined) {
  UnionFind sets(4);
  EXPECT_TRUE(sets.Union(0, 1));
  EXPECT_FALSE(sets.Union(0, 1));
  EXPECT_FALSE(sets.Union(1, 0));
  EXPECT_FALSE(sets.Union(2, 2));  // a set with itself
  EXPECT_TRUE(sets.Union(2, 3));
  EXPECT_TRUE(sets.Union(3, 1));
  EXPECT_FALSE(sets.Union(0, 2));  // already one set through 1-3
}

TEST(UnionFind, RootIsTheSmallestMemberInAnyUnionOrder) {
  {
    UnionFind sets(10);
    sets.Union(9, 7);
    sets.Union(7, 5);
    sets.Union(5, 3);
    for (uint32_t x : {3u, 5u, 7u, 9u}) EXPECT_EQ(sets.Find(x), 3u);
  }
  {
    UnionFind sets(10);
    sets.Union(8, 9);  // {8,9}
    sets.Union(4, 6);  // {4,6}
    sets.Union(9, 6);  // {4,6,8,9}
    sets.Union(2, 8);  // {2,4,6,8,9}
    for (uint32_t x : {2u, 4u, 6u, 8u, 9u}) EXPECT_EQ(sets.Find(x), 2u) << x;
    for (uint32_t x : {0u, 1u, 3u, 5u, 7u}) EXPECT_EQ(sets.Find(x), x) << x;
  }
}

TEST(UnionFind, RandomUnionsAgreeWithAReferencePartition) {
  constexpr uint32_t kSize = 500;
  std::mt19937 random(7);
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::uniform_int_distribution<uint32_t> pick(0, kSize - 1);
  for (int i = 0; i < 300; ++i) edges.emplace_back(pick(random), pick(random));
  // Reference: label propagation to the minimum until nothing changes.
  std::vector<uint32_t> label(kSize);
  std::iota(label.begin(), label.end(), 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto [a, b] : edges) {
      const uint32_t low = std::min(label[a], label[b]);
      if (label[a] != low || label[b] != low) {
        label[a] = label[b] = low;
        changed = true;
      }
    }
  }
  // The same edges in three different orders give the same roots: the reference's minimum.
  for (int shuffle = 0; shuffle < 3; ++shuffle) {
    std::shuffle(edges.begin(), edges.end(), random);
    UnionFind sets(kSize);
    for (auto [a, b] : edges) sets.Union(shuffle % 2 ? b : a, shuffle % 2 ? a : b);
    for (uint32_t x = 0; x < kSize; ++x) ASSERT_EQ(sets.Find(x), label[x]) << x;
  }
}

TEST(UnionFind, ResizeAddsSingletonsAndKeepsExistingSets) {
  UnionFind sets(3);
  sets.Union(2, 1);
  sets.Resize(6);
  EXPECT_EQ(sets.size(), 6u);
  EXPECT_EQ(sets.Find(2), 1u);
  for (uint32_t x = 3; x < 6; ++x) EXPECT_EQ(sets.Find(x), x);
  EXPECT_TRUE(sets.Union(5, 0));
  EXPECT_EQ(sets.Find(5), 0u);
  sets.Resize(6);  // same size: nothing changes
  EXPECT_EQ(sets.Find(5), 0u);
  EXPECT_EQ(sets.Find(2), 1u);

  UnionFind grown;
  grown.Resize(2);
  EXPECT_EQ(grown.Find(0), 0u);
  EXPECT_EQ(grown.Find(1), 1u);
}

}  // namespace
}  // namespace winnow
