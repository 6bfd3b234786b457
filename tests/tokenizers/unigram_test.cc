// Unigram through tokenizer.json: Viterbi picks the segmentation with the highest total score,
// unknown characters fuse into one unknown token, byte_fallback, and SentencePiece-style
// Metaspace pre-tokenization.

#include <gtest/gtest.h>

#include "tokenizers/tokenizer_test_util.h"

namespace winnow::tokenizer_test {
namespace {

using Ids = std::vector<int32_t>;

// The example in the library's documentation of Unigram::encode. Ids: <unk> 0, a 1, b 2, c 3,
// d 4, cd 5, ab 6, abc 7, abcd 8 with scores 0, 0, 0, 0, 0, 1, 2, 5, 10.
constexpr const char* kDocExampleJson = R"({"model": {"type": "Unigram", "unk_id": 0,
  "vocab": [["<unk>", 0.0], ["a", 0.0], ["b", 0.0], ["c", 0.0], ["d", 0.0], ["cd", 1.0],
            ["ab", 2.0], ["abc", 5.0], ["abcd", 10.0]]}})";

TEST(Unigram, ViterbiPicksTheBestTotalScore) {
  auto tokenizer = LoadJsonOrFail(kDocExampleJson);
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->name(), "tokenizer.json (Unigram)");
  // "abcd" scores 10, better than ab+cd (3) or abc+d (5); then "a" + "cd" (1) beats
  // "a" "c" "d" (0); "xx" are two unknown characters fused into one <unk>. The library's
  // documented answer is ["abcd", "a", "cd", "xx"].
  EXPECT_EQ(tokenizer->Encode("abcdacdxx", false), Ids({8, 1, 5, 0}));
  EXPECT_EQ(tokenizer->Encode("abc", false), Ids({7}));
  EXPECT_EQ(tokenizer->Encode("", false), Ids());
}

// Log-probabilities as SentencePiece writes them (negative, higher is likelier). Ids: <unk> 0,
// ▁ 1, h 2, e 3, l 4, o 5, ▁he 6, ▁h 7, ll 8, ▁hello 9, lo 10.
constexpr const char* kMetaspaceJson = R"({
  "normalizer": null,
  "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always",
                    "split": true},
  "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": false,
    "vocab": [["<unk>", 0.0], ["▁", -2.0], ["h", -3.0], ["e", -3.0], ["l", -2.0], ["o", -3.0],
              ["▁he", -4.0], ["▁h", -2.0], ["ll", -10.0], ["▁hello", -1.0], ["lo", -4.0]]}})";

TEST(Unigram, LogProbabilitiesAndMetaspace) {
  auto tokenizer = LoadJsonOrFail(kMetaspaceJson);
  ASSERT_NE(tokenizer, nullptr);
  // "▁hello" is one piece (-1).
  EXPECT_EQ(tokenizer->Encode("hello", false), Ids({9}));
  // "▁hell": ▁he (-4) beats ▁h e (-5); l l (-4) beats ll (-10). Total -8; the alternative
  // ▁ h e l l costs -12.
  EXPECT_EQ(tokenizer->Encode("hell", false), Ids({6, 4, 4}));
  // Two words, each with its own ▁: "▁hello", "▁he" + "lo" (-8) beats ▁he l o (-9).
  EXPECT_EQ(tokenizer->Encode("hello helo", false), Ids({9, 6, 10}));
  // Unknown characters: "▁x☃" has no piece for x or ☃; the two fuse into one <unk>.
  EXPECT_EQ(tokenizer->Encode("x☃", false), Ids({1, 0}));
}

TEST(Unigram, ByteFallbackSpellsUnknownsAsBytes) {
  const char* json = R"({"model": {"type": "Unigram", "unk_id": 0, "byte_fallback": true,
    "vocab": [["<unk>", 0.0], ["<0xE2>", 0.0], ["<0x98>", 0.0], ["<0x83>", 0.0], ["a", -1.0]]}})";
  auto tokenizer = LoadJsonOrFail(json);
  ASSERT_NE(tokenizer, nullptr);
  // ☃ is E2 98 83; every byte has a token.
  EXPECT_EQ(tokenizer->Encode("a☃a", false), Ids({4, 1, 2, 3, 4}));
  // é (C3 A9) has no byte tokens: <unk>.
  EXPECT_EQ(tokenizer->Encode("é", false), Ids({0}));
}

}  // namespace
}  // namespace winnow::tokenizer_test
