// WordPiece through a BERT-style tokenizer.json: BertNormalizer (lowercase, accents stripped, CJK
// spaced), BertPreTokenizer, ## continuation pieces, [UNK] and the [CLS]/[SEP] template.

#include <gtest/gtest.h>

#include "tokenizers/tokenizer_test_util.h"

namespace winnow::tokenizer_test {
namespace {

using Ids = std::vector<int32_t>;

// Ids: [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, [MASK] 4, hello 5, world 6, un 7, ##aff 8, ##able 9,
// "," 10, "!" 11, cafe 12, 中 13, ##s 14. max_input_chars_per_word is 10.
constexpr const char* kBertJson = R"({"version": "1.0",
  "added_tokens": [
    {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
     "normalized": false, "special": true},
    {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
     "normalized": false, "special": true},
    {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false,
     "normalized": false, "special": true},
    {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false,
     "normalized": false, "special": true},
    {"id": 4, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false,
     "normalized": false, "special": true}],
  "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                 "strip_accents": null, "lowercase": true},
  "pre_tokenizer": {"type": "BertPreTokenizer"},
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
               {"Sequence": {"id": "A", "type_id": 0}},
               {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
    "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
             {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
             {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
    "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                       "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
  "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
  "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
    "max_input_chars_per_word": 10,
    "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "hello": 5,
              "world": 6, "un": 7, "##aff": 8, "##able": 9, ",": 10, "!": 11, "cafe": 12,
              "中": 13, "##s": 14}}})";

TEST(WordPiece, BertPipeline) {
  auto tokenizer = LoadJsonOrFail(kBertJson);
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->name(), "tokenizer.json (WordPiece)");
  // Lowercased, then split at whitespace and around each punctuation mark.
  EXPECT_EQ(tokenizer->Encode("Hello, World!", false), Ids({5, 10, 6, 11}));
  // The template puts [CLS] first and [SEP] last.
  EXPECT_EQ(tokenizer->Encode("Hello, World!", true), Ids({2, 5, 10, 6, 11, 3}));
  EXPECT_EQ(tokenizer->CountTokens("Hello, World!", true), 6u);
  EXPECT_EQ(tokenizer->Encode("", true), Ids({2, 3}));
}

TEST(WordPiece, GreedyLongestMatchWithContinuationPieces) {
  auto tokenizer = LoadJsonOrFail(kBertJson);
  ASSERT_NE(tokenizer, nullptr);
  // un, then ##aff (no longer ## piece matches), then ##able.
  EXPECT_EQ(tokenizer->Encode("unaffable", false), Ids({7, 8, 9}));
  EXPECT_EQ(tokenizer->Encode("hellos", false), Ids({5, 14}));
  // "hellox": after hello nothing matches "##x", so the whole word is [UNK].
  EXPECT_EQ(tokenizer->Encode("hellox world", false), Ids({1, 6}));
}

TEST(WordPiece, OverLongWordIsUnknown) {
  auto tokenizer = LoadJsonOrFail(kBertJson);
  ASSERT_NE(tokenizer, nullptr);
  // 11 characters > max_input_chars_per_word (10): [UNK] before any matching.
  EXPECT_EQ(tokenizer->Encode("unaffabless", false), Ids({1}));
  // Exactly 10 characters is still matched: un ##aff ##able ##s.
  EXPECT_EQ(tokenizer->Encode("unaffables", false), Ids({7, 8, 9, 14}));
}

TEST(WordPiece, NormalizerStripsAccentsAndSpacesCjk) {
  auto tokenizer = LoadJsonOrFail(kBertJson);
  ASSERT_NE(tokenizer, nullptr);
  // strip_accents null follows lowercase (true): NFD, then the combining acute is dropped.
  EXPECT_EQ(tokenizer->Encode("Café", false), Ids({12}));
  // Each CJK ideograph becomes its own word; 文 is not in the vocabulary.
  EXPECT_EQ(tokenizer->Encode("中文", false), Ids({13, 1}));
  // clean_text: the tab becomes a space, the NUL and the zero-width space (Cf) are dropped.
  constexpr char kText[] = "hello\tworld\0\u200b!";
  EXPECT_EQ(tokenizer->Encode(std::string_view(kText, sizeof(kText) - 1), false), Ids({5, 6, 11}));
}

TEST(WordPiece, SpecialTokensInText) {
  auto tokenizer = LoadJsonOrFail(kBertJson);
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->Encode("[CLS] hello [MASK]!", false), Ids({2, 5, 4, 11}));
  // Special tokens are matched before lowercasing: [cls] is ordinary text.
  EXPECT_EQ(tokenizer->Encode("[cls]", false), Ids({1, 1, 1}));
}

}  // namespace
}  // namespace winnow::tokenizer_test
