// Shingling: word n-grams are the n words joined by one space (datatrove's " ".join(ngram)),
// hashed with XXH64 seed 0; character n-grams are n code points; exact Jaccard of shingle sets.

#include "winnow/dedup/shingles.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {
namespace {

uint64_t H(std::string_view s) { return XXH64(s.data(), s.size(), 0); }

std::vector<uint64_t> HashesOf(const std::vector<std::string>& shingles) {
  std::vector<uint64_t> out;
  for (const auto& s : shingles) out.push_back(H(s));
  return out;
}

std::vector<uint64_t> Words(std::string_view text, size_t n) {
  std::vector<uint64_t> out;
  HashShingles(text, ShingleOptions{ShingleUnit::kWord, n}, &out);
  return out;
}

std::vector<uint64_t> Chars(std::string_view text, size_t n) {
  std::vector<uint64_t> out;
  HashShingles(text, ShingleOptions{ShingleUnit::kChar, n}, &out);
  return out;
}

std::vector<std::string> NgramsOf(std::string_view text, size_t n) {
  std::vector<std::string> out;
  std::string scratch;
  ForEachWordNgram(text, n, &scratch, [&](std::string_view ngram) { out.emplace_back(ngram); });
  return out;
}

TEST(Shingles, DefaultsAreWordFiveGrams) {
  ShingleOptions options;
  EXPECT_EQ(options.unit, ShingleUnit::kWord);
  EXPECT_EQ(options.size, 5u);
}

TEST(Shingles, WordNgramsAreTheWordsJoinedByOneSpace) {
  EXPECT_EQ(
      Words("the quick brown fox jumps over the lazy dog", 5),
      HashesOf({"the quick brown fox jumps", "quick brown fox jumps over",
                "brown fox jumps over the", "fox jumps over the lazy", "jumps over the lazy dog"}));
  EXPECT_EQ(Words("a b c d", 2), HashesOf({"a b", "b c", "c d"}));
  EXPECT_EQ(Words("alpha beta gamma", 1), HashesOf({"alpha", "beta", "gamma"}));
  // Multi-byte words are bytes like any other.
  EXPECT_EQ(Words("café naïve 日本 語", 3), HashesOf({"café naïve 日本", "naïve 日本 語"}));
}

TEST(Shingles, FewerWordsThanNGiveNoShingleAndExactlyNGiveOne) {
  EXPECT_TRUE(Words("", 5).empty());
  EXPECT_TRUE(Words("   ", 5).empty());
  EXPECT_TRUE(Words("one two three four", 5).empty());
  EXPECT_EQ(Words("one two three four five", 5), HashesOf({"one two three four five"}));
  EXPECT_EQ(Words("  one two three four five\n", 5), HashesOf({"one two three four five"}));
  EXPECT_TRUE(Words("a b c", 0).empty());  // size 0: nothing, no crash
}

TEST(Shingles, WhitespaceRunsCollapseToOneSpace) {
  const auto expected = HashesOf({"a b c", "b c d", "c d e"});
  EXPECT_EQ(Words("a b c d e", 3), expected);
  EXPECT_EQ(Words("a  b   c d e", 3), expected);
  EXPECT_EQ(Words("a\nb\n\nc\td\r\ne", 3), expected);
  EXPECT_EQ(Words("\n\t a b c d e \t\n", 3), expected);
  EXPECT_EQ(Words("a\vb\fc d e", 3), expected);
}

TEST(Shingles, RepeatedNgramsAreKeptInTextOrder) {
  EXPECT_EQ(Words("a b a b a b", 2), HashesOf({"a b", "b a", "a b", "b a", "a b"}));
}

TEST(Shingles, HashShinglesAppendsToTheVector) {
  std::vector<uint64_t> out = {42};
  HashShingles("x y z", ShingleOptions{ShingleUnit::kWord, 2}, &out);
  EXPECT_EQ(out, (std::vector<uint64_t>{42, H("x y"), H("y z")}));
}

TEST(Shingles, CharNgramsCountCodePointsNotBytes) {
  EXPECT_EQ(Chars("hello", 3), HashesOf({"hel", "ell", "llo"}));
  EXPECT_EQ(Chars("héllo", 3), HashesOf({"hél", "éll", "llo"}));
  EXPECT_EQ(Chars("日本語テキスト", 4), HashesOf({"日本語テ", "本語テキ", "語テキス", "テキスト"}));
  EXPECT_EQ(Chars("a😀b", 2), HashesOf({"a😀", "😀b"}));
  // Character n-grams see the text as it is, spaces included.
  EXPECT_EQ(Chars("a  b", 2), HashesOf({"a ", "  ", " b"}));
}

TEST(Shingles, CharNgramsOfShortTextGiveNone) {
  EXPECT_TRUE(Chars("", 3).empty());
  EXPECT_TRUE(Chars("日本", 3).empty());  // 6 bytes, but 2 code points
  EXPECT_EQ(Chars("日本語", 3), HashesOf({"日本語"}));
  EXPECT_TRUE(Chars("abc", 0).empty());
}

TEST(Shingles, CharNgramsStepOverInvalidBytesOneAtATime) {
  const std::string text =
      "a\xff"
      "b";
  EXPECT_EQ(Chars(text, 2), HashesOf({"a\xff",
                                      "\xff"
                                      "b"}));
}

TEST(Shingles, ForEachWordNgramGivesTheNgramTexts) {
  EXPECT_EQ(NgramsOf("one two three four", 2),
            (std::vector<std::string>{"one two", "two three", "three four"}));
  EXPECT_EQ(NgramsOf("  one\ttwo\n\nthree  ", 2),
            (std::vector<std::string>{"one two", "two three"}));
  EXPECT_TRUE(NgramsOf("one two", 3).empty());
  EXPECT_TRUE(NgramsOf("", 1).empty());
  EXPECT_EQ(NgramsOf("solo", 1), (std::vector<std::string>{"solo"}));
}

TEST(Shingles, ForEachWordNgramViewsSingleSpacedTextInPlace) {
  const std::string text = "aa bb cc dd";
  std::string scratch;
  std::vector<std::string_view> views;
  ForEachWordNgram(text, 2, &scratch, [&](std::string_view ngram) { views.push_back(ngram); });
  ASSERT_EQ(views.size(), 3u);
  for (std::string_view view : views) {
    EXPECT_GE(view.data(), text.data());
    EXPECT_LE(view.data() + view.size(), text.data() + text.size());
  }
  EXPECT_EQ(views[1], "bb cc");
  EXPECT_TRUE(scratch.empty());
}

TEST(Shingles, InternalHelpers) {
  using shingle_internal::CollapseSpaces;
  using shingle_internal::IsSingleSpaced;
  EXPECT_TRUE(IsSingleSpaced(""));
  EXPECT_TRUE(IsSingleSpaced("a b c"));
  EXPECT_FALSE(IsSingleSpaced(" a"));
  EXPECT_FALSE(IsSingleSpaced("a "));
  EXPECT_FALSE(IsSingleSpaced("a  b"));
  EXPECT_FALSE(IsSingleSpaced("a\nb"));
  std::string out = "junk";
  CollapseSpaces("  a \t b\n\nc  ", &out);
  EXPECT_EQ(out, "a b c");
  CollapseSpaces(" \t ", &out);
  EXPECT_EQ(out, "");
}

TEST(ShingleSet, SortsAndRemovesRepeats) {
  std::vector<uint64_t> hashes = {5, 1, 5, 3, 1, 9};
  MakeShingleSet(&hashes);
  EXPECT_EQ(hashes, (std::vector<uint64_t>{1, 3, 5, 9}));
  std::vector<uint64_t> empty;
  MakeShingleSet(&empty);
  EXPECT_TRUE(empty.empty());
}

TEST(JaccardOfSets, KnownValues) {
  const std::vector<uint64_t> a = {1, 2, 3};
  const std::vector<uint64_t> b = {2, 3, 4};
  const std::vector<uint64_t> c = {7, 8};
  EXPECT_DOUBLE_EQ(JaccardOfSets(a, b), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(JaccardOfSets(b, a), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(JaccardOfSets(a, a), 1.0);
  EXPECT_DOUBLE_EQ(JaccardOfSets(a, c), 0.0);
  EXPECT_DOUBLE_EQ(JaccardOfSets({1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 0.4);
  EXPECT_DOUBLE_EQ(JaccardOfSets({1}, {}), 0.0);
  EXPECT_DOUBLE_EQ(JaccardOfSets({}, {}), 0.0);  // both empty: 0, not NaN
}

TEST(JaccardOfSets, OfWordShinglesAfterOneWordEdit) {
  // 10 words, 6 five-grams; changing the last word changes only the last 5-gram: 5 of 7 shared.
  std::vector<uint64_t> a = Words("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10", 5);
  std::vector<uint64_t> b = Words("w1 w2 w3 w4 w5 w6 w7 w8 w9 CHANGED", 5);
  MakeShingleSet(&a);
  MakeShingleSet(&b);
  ASSERT_EQ(a.size(), 6u);
  EXPECT_DOUBLE_EQ(JaccardOfSets(a, b), 5.0 / 7.0);
}

}  // namespace
}  // namespace winnow
