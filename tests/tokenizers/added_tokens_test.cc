// Added tokens with lstrip, rstrip, single_word and normalized, in the cases of the library's
// added_vocabulary.rs tests (options_use_cases, test_single_word_is_correct,
// test_lstrip_unicode_space): the library's expected splits are written next to the ids.

#include <gtest/gtest.h>

#include "tokenizers/tokenizer_test_util.h"

namespace winnow::tokenizer_test {
namespace {

using Ids = std::vector<int32_t>;

// A Lowercase normalizer, WhitespaceSplit, and a WordPiece model for the text between added
// tokens. Vocabulary: [UNK] 0, is 1, anthony 2, hi 3, there 4, my 5, name 6, a 7.
std::string Json(const std::string& added_tokens) {
  return R"({"added_tokens": [)" + added_tokens + R"(],
    "normalizer": {"type": "Lowercase"},
    "pre_tokenizer": {"type": "WhitespaceSplit"},
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
      "vocab": {"[UNK]": 0, "is": 1, "anthony": 2, "hi": 3, "there": 4, "my": 5, "name": 6,
                "a": 7}}})";
}

std::string Token(int id, const char* content, bool single_word, bool lstrip, bool rstrip,
                  bool normalized, bool special) {
  auto flag = [](bool value) { return value ? "true" : "false"; };
  return "{\"id\": " + std::to_string(id) + ", \"content\": " + JsonString(content) +
         ", \"single_word\": " + flag(single_word) + ", \"lstrip\": " + flag(lstrip) +
         ", \"rstrip\": " + flag(rstrip) + ", \"normalized\": " + flag(normalized) +
         ", \"special\": " + flag(special) + "}";
}

TEST(AddedTokens, StripAndNormalizedMatching) {
  std::string tokens = Token(10, "my", false, true, true, true, false) + ", " +
                       Token(11, "name", false, false, false, true, false) + ", " +
                       Token(12, "ony", true, false, false, true, false) + ", " +
                       Token(13, "[CLS]", false, false, false, false, true) + ", " +
                       Token(14, "[SEP]", false, false, false, false, true);
  auto tokenizer = LoadJsonOrFail(Json(tokens));
  ASSERT_NE(tokenizer, nullptr);
  // Library splits: "[CLS]" | " my " (my, whose lstrip/rstrip take both spaces, matched after
  // lowercasing "My") | "name" | " is anthony " ("ony" is inside a word, so single_word rejects
  // it) | "[SEP]".
  EXPECT_EQ(tokenizer->Encode("[CLS] My name is Anthony [SEP]", false),
            Ids({13, 10, 11, 1, 2, 14}));
}

TEST(AddedTokens, SingleWord) {
  auto tokenizer = LoadJsonOrFail(Json(Token(20, "<mask>", true, false, false, true, false)));
  ASSERT_NE(tokenizer, nullptr);
  // Library splits: "<mask>" | " my name " | "<mask>" | " a<mask> <mask>ony " | "<mask>": a mask
  // touching a word character is not a single word. "a<mask>" and "<mask>ony" are [UNK] words.
  EXPECT_EQ(tokenizer->Encode("<mask> My name <mask> A<mask> <mask>ony <mask>", false),
            Ids({20, 5, 6, 20, 0, 0, 20}));
}

TEST(AddedTokens, StripTakesUnicodeWhitespace) {
  auto tokenizer = LoadJsonOrFail(Json(Token(20, "<mask>", true, true, true, true, false)));
  ASSERT_NE(tokenizer, nullptr);
  // Library splits: "hi" | " <mask> " | "there" | "\t<mask>\t" | "<mask>\u2000" (the third mask
  // cannot take back the tab the second one took).
  EXPECT_EQ(tokenizer->Encode("Hi <mask> there\t<mask>\t<mask>\u2000", false),
            Ids({3, 20, 4, 20, 20}));
}

TEST(AddedTokens, LongestMatchWins) {
  std::string tokens = Token(30, "<|im", false, false, false, false, true) + ", " +
                       Token(31, "<|im_start|>", false, false, false, false, true);
  auto tokenizer = LoadJsonOrFail(Json(tokens));
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->Encode("<|im_start|>hi <|im", false), Ids({31, 3, 30}));
}

}  // namespace
}  // namespace winnow::tokenizer_test
