// MinHash against datatrove: bit-for-bit signatures (a numpy/xxhash reference) and datatrove's own
// clustering test documents.

#include "winnow/dedup/minhash.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "winnow/dedup/band_index.h"
#include "winnow/dedup/fingerprint.h"
#include "winnow/dedup/lsh_params.h"
#include "winnow/dedup/numpy_random.h"
#include "winnow/dedup/union_find.h"

namespace winnow {
namespace {

const std::string kDataDir = std::string(WINNOW_TEST_DATA_DIR) + "/dedup/";

TEST(NumpyRandomState, MatchesNumpyRandIntForDatatroveParameters) {
  // np.random.RandomState(1).randint(1, 2**61 - 1, dtype=np.uint64, size=112), then b.
  MinHasher hasher(MinHashOptions{});
  ASSERT_EQ(hasher.a().size(), 112u);
  EXPECT_EQ(hasher.a()[0], 775169054918279404ULL);
  EXPECT_EQ(hasher.a()[1], 1758426461858698313ULL);
  EXPECT_EQ(hasher.a()[2], 2109959069025162ULL);
  EXPECT_EQ(hasher.a()[111], 223865076026037746ULL);
  EXPECT_EQ(hasher.b()[0], 1062448801025099917ULL);
  EXPECT_EQ(hasher.b()[111], 1097409548522419201ULL);
}

TEST(MinHash, SignaturesMatchTheNumpyReferenceBitForBit) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  auto loaded = simdjson::padded_string::load(kDataDir + "minhash_reference_signatures.jsonl");
  ASSERT_EQ(loaded.error(), simdjson::SUCCESS);
  ASSERT_EQ(parser.parse_many(loaded.value()).get(stream), simdjson::SUCCESS);
  MinHashFingerprinter fingerprinter(TextNormalization::kMinHash, ShingleOptions{},
                                     MinHashOptions{});
  FingerprintScratch scratch;
  int checked = 0;
  for (auto document : stream) {
    simdjson::dom::object row;
    ASSERT_EQ(document.get(row), simdjson::SUCCESS);
    const std::string text(row["text"].get_string().value());
    std::string normalized;
    NormalizeText(text, TextNormalization::kMinHash, &normalized);
    EXPECT_EQ(normalized, std::string(row["normalized"].get_string().value())) << text;
    std::vector<uint64_t> keys(14);
    const bool has = fingerprinter.Compute(text, &scratch, keys.data());
    simdjson::dom::array expected;
    if (row["signature"].get(expected) != simdjson::SUCCESS) {
      EXPECT_FALSE(has) << "fewer than 5 words must give no fingerprint: " << text;
      continue;
    }
    ASSERT_TRUE(has) << text;
    ASSERT_EQ(scratch.signature.size(), expected.size());
    size_t i = 0;
    for (auto value : expected) {
      EXPECT_EQ(std::to_string(scratch.signature[i]), std::string(value.get_string().value()))
          << "hash " << i << " of " << text;
      ++i;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

// datatrove's test_buckets_and_cluster: the default settings must find exactly its clusters.
TEST(MinHash, ReproducesDatatroveTestClustersExactly) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  auto loaded = simdjson::padded_string::load(kDataDir + "minhash_test_clusters.jsonl");
  ASSERT_EQ(loaded.error(), simdjson::SUCCESS);
  ASSERT_EQ(parser.parse_many(loaded.value()).get(stream), simdjson::SUCCESS);
  MinHashFingerprinter fingerprinter(TextNormalization::kMinHash, ShingleOptions{},
                                     MinHashOptions{});
  BandIndex index(BandIndexOptions{});
  std::vector<int64_t> expected_cluster;
  FingerprintScratch scratch;
  uint32_t doc = 0;
  for (auto document : stream) {
    simdjson::dom::object row;
    ASSERT_EQ(document.get(row), simdjson::SUCCESS);
    expected_cluster.push_back(row["cluster"].get_int64().value());
    std::vector<uint64_t> keys(14);
    ASSERT_TRUE(fingerprinter.Compute(row["text"].get_string().value(), &scratch, keys.data()));
    ASSERT_TRUE(index.Add(doc++, keys.data()).ok());
  }
  UnionFind sets(doc);
  ASSERT_TRUE(index
                  .ForEachMatch([&](uint32_t first, uint32_t, uint32_t current) {
                    sets.Union(first, current);
                  })
                  .ok());
  // Same expected cluster <=> same found cluster, for every pair.
  for (uint32_t i = 0; i < doc; ++i) {
    for (uint32_t j = i + 1; j < doc; ++j) {
      EXPECT_EQ(expected_cluster[i] == expected_cluster[j], sets.Find(i) == sets.Find(j))
          << "documents " << i << " and " << j;
    }
  }
}

TEST(LshParams, DatasketchChoosesNineByThirteenFor128At08) {
  const BandsRows chosen = OptimalBandsRows(0.8, 128);
  EXPECT_EQ(chosen.bands, 9u);
  EXPECT_EQ(chosen.rows, 13u);
}

TEST(LshParams, SCurveMatchesTheSpecFigures) {
  // specs/dedup.md: 0.56 / 0.77 / 0.92 / 0.988 at Jaccard 0.7 / 0.75 / 0.8 / 0.85 for 14 x 8.
  EXPECT_NEAR(CandidateProbability(0.7, 14, 8), 0.565, 0.002);
  EXPECT_NEAR(CandidateProbability(0.75, 14, 8), 0.772, 0.002);
  EXPECT_NEAR(CandidateProbability(0.8, 14, 8), 0.924, 0.002);
  EXPECT_NEAR(CandidateProbability(0.85, 14, 8), 0.988, 0.002);
  EXPECT_NEAR(ApproximateThreshold(14, 8), 0.719, 0.001);
  EXPECT_DOUBLE_EQ(CandidateProbability(1.0, 14, 8), 1.0);
  EXPECT_DOUBLE_EQ(CandidateProbability(0.0, 14, 8), 0.0);
  const std::string table = SCurveTable(14, 8);
  EXPECT_NE(table.find("0.924"), std::string::npos) << table;
}

TEST(MinHash, KernelMatchesAScalarModuloForEveryInstructionSet) {
  // The kernel folds mod 2^61-1 with shifts; compare with plain 128-bit arithmetic.
  MinHasher hasher(MinHashOptions{});
  std::vector<uint64_t> shingles = {0, 1, ~0ULL, 0x1FFFFFFFFFFFFFFFULL, 123456789012345ULL};
  std::vector<uint64_t> signature(112);
  hasher.Signature(shingles, signature.data());
  const unsigned __int128 prime = (static_cast<unsigned __int128>(1) << 61) - 1;
  for (size_t j = 0; j < 112; ++j) {
    uint64_t best = ~0ULL;
    for (uint64_t h : shingles) {
      const uint64_t wrapped = h * hasher.a()[j] + hasher.b()[j];  // numpy's uint64 wraps
      best = std::min<uint64_t>(best, static_cast<uint64_t>(wrapped % prime));
    }
    EXPECT_EQ(signature[j], best) << j;
  }
}

}  // namespace
}  // namespace winnow
