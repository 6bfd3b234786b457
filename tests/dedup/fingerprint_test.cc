// Fingerprinters: the exact key (a hash of the normalised text) and the MinHash band keys; a text
// with no fingerprint (empty key, fewer words than a shingle) is never a duplicate.

#include "winnow/dedup/fingerprint.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace winnow {
namespace {

struct ExactKey {
  bool has = false;
  uint64_t key = 0;
};

ExactKey Exact(TextNormalization normalization, std::string_view text) {
  ExactFingerprinter fingerprinter(normalization);
  FingerprintScratch scratch;
  ExactKey out;
  out.has = fingerprinter.Compute(text, &scratch, &out.key);
  return out;
}

TEST(ExactFingerprinter, OneKeyOfTheNormalisedText) {
  EXPECT_EQ(ExactFingerprinter(TextNormalization::kSimple).keys_per_record(), 1u);
  const ExactKey a = Exact(TextNormalization::kSimple, "Hello  World");
  const ExactKey b = Exact(TextNormalization::kSimple, " hello world\n");
  const ExactKey c = Exact(TextNormalization::kSimple, "hello, world");
  ASSERT_TRUE(a.has && b.has && c.has);
  EXPECT_EQ(a.key, b.key);  // case and whitespace only
  EXPECT_NE(a.key, c.key);  // simple keeps punctuation
  EXPECT_EQ(Exact(TextNormalization::kMinHash, "Hello, World!").key,
            Exact(TextNormalization::kMinHash, "hello world").key);
  EXPECT_NE(Exact(TextNormalization::kRaw, "Hello World").key,
            Exact(TextNormalization::kRaw, "hello world").key);
  EXPECT_EQ(Exact(TextNormalization::kRaw, "same").key, Exact(TextNormalization::kRaw, "same").key);
}

TEST(ExactFingerprinter, EmptyKeyHasNoFingerprint) {
  EXPECT_FALSE(Exact(TextNormalization::kRaw, "").has);
  EXPECT_FALSE(Exact(TextNormalization::kSimple, " \t\n").has);
  EXPECT_FALSE(Exact(TextNormalization::kMinHash, "...!!!").has);
  EXPECT_TRUE(Exact(TextNormalization::kRaw, " ").has);  // raw: a space is a key
}

TEST(MinHashFingerprinter, NeedsAtLeastOneShingle) {
  MinHashFingerprinter fingerprinter(TextNormalization::kMinHash, ShingleOptions{},
                                     MinHashOptions{});
  EXPECT_EQ(fingerprinter.keys_per_record(), 14u);
  FingerprintScratch scratch;
  std::vector<uint64_t> keys(14);
  EXPECT_FALSE(fingerprinter.Compute("", &scratch, keys.data()));
  EXPECT_FALSE(fingerprinter.Compute("one two three four", &scratch, keys.data()));
  // Punctuation is not a word: still four words.
  EXPECT_FALSE(fingerprinter.Compute("one, two - three ... four !", &scratch, keys.data()));
  EXPECT_TRUE(fingerprinter.Compute("one two three four five", &scratch, keys.data()));
}

TEST(MinHashFingerprinter, NormalisedEqualTextsGiveEqualKeys) {
  MinHashFingerprinter fingerprinter(TextNormalization::kMinHash, ShingleOptions{},
                                     MinHashOptions{});
  FingerprintScratch scratch;
  std::vector<uint64_t> a(14), b(14), c(14);
  ASSERT_TRUE(fingerprinter.Compute("The café had 12 tables, and 3 chairs!", &scratch, a.data()));
  ASSERT_TRUE(fingerprinter.Compute("the  CAFE had 7 tables and 99 chairs", &scratch, b.data()));
  ASSERT_TRUE(fingerprinter.Compute("a completely different sentence about dogs and cats", &scratch,
                                    c.data()));
  EXPECT_EQ(a, b);
  for (size_t band = 0; band < 14; ++band) EXPECT_NE(a[band], c[band]) << band;
}

TEST(MinHashFingerprinter, ShingleSetIsSortedAndUnique) {
  MinHashFingerprinter fingerprinter(TextNormalization::kMinHash,
                                     ShingleOptions{ShingleUnit::kWord, 2}, MinHashOptions{});
  FingerprintScratch scratch;
  std::vector<uint64_t> set = {1, 2, 3};
  fingerprinter.ShingleSet("A b a B a b", &scratch, &set);  // "a b", "b a" repeated
  ASSERT_EQ(set.size(), 2u);
  EXPECT_LT(set[0], set[1]);
}

}  // namespace
}  // namespace winnow
