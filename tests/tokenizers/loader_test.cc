// LoadTokenizer: dispatch on files and directories, and the errors for broken or unsupported
// tokenizer files (each names the file and the field).

#include <gtest/gtest.h>

#include <thread>

#include "tokenizers/tokenizer_test_util.h"
#include "winnow/io/file_system.h"

namespace winnow::tokenizer_test {
namespace {

constexpr const char* kTinyJson =
    R"({"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "hi": 1}},
        "pre_tokenizer": {"type": "WhitespaceSplit"}})";

// The error message of loading `json`, or "" when it loads.
std::string JsonError(const std::string& json) {
  auto tokenizer = LoadTokenizerJson(json, "t/tokenizer.json");
  return tokenizer ? "" : tokenizer.error().message();
}

TEST(LoadTokenizer, FilesAndDirectories) {
  ScopedTempDir dir;
  std::string file = dir.Write("tokenizer.json", kTinyJson);
  auto from_file = LoadTokenizer(file);
  ASSERT_TRUE(from_file.has_value()) << from_file.error().message();
  EXPECT_EQ((*from_file)->Encode("hi hi", false), std::vector<int32_t>({1, 1}));
  auto from_dir = LoadTokenizer(dir.path());
  ASSERT_TRUE(from_dir.has_value()) << from_dir.error().message();
  EXPECT_EQ((*from_dir)->CountTokens("hi x", false), 2u);
  // Without an extension the content decides.
  auto sniffed = LoadTokenizer(dir.Write("tok", kTinyJson));
  ASSERT_TRUE(sniffed.has_value()) << sniffed.error().message();
}

TEST(LoadTokenizer, MissingFilesAndWrongFiles) {
  ScopedTempDir dir;
  auto missing = LoadTokenizer(dir.path() + "/nope.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.error().message(),
            dir.path() + "/nope.json: no such tokenizer file or directory");
  auto empty_dir = LoadTokenizer(dir.path());
  ASSERT_FALSE(empty_dir.has_value());
  EXPECT_EQ(empty_dir.error().message(),
            dir.path() + ": the directory holds neither tokenizer.json nor tokenizer.model");
  auto config = LoadTokenizer(dir.Write("tokenizer_config.json", "{}"));
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().code(), StatusCode::kInvalidArgument);
  auto corrupt = LoadTokenizer(dir.Write("tokenizer.model", "\x0a\x05garbage-not-a-model"));
  ASSERT_FALSE(corrupt.has_value());
  EXPECT_NE(corrupt.error().message().find("tokenizer.model: not a valid SentencePiece model"),
            std::string::npos)
      << corrupt.error().message();
}

TEST(LoadTokenizer, MemoryFileSystem) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("models/m/tokenizer.json", kTinyJson);
  auto tokenizer = LoadTokenizer("models/m/tokenizer.json", *fs);
  ASSERT_TRUE(tokenizer.has_value()) << tokenizer.error().message();
  EXPECT_EQ((*tokenizer)->Encode("hi", false), std::vector<int32_t>({1}));
}

TEST(LoadTokenizer, ErrorsNameTheFileAndField) {
  EXPECT_EQ(JsonError(R"({"model": )").find("t/tokenizer.json: not valid JSON"), 0u);
  EXPECT_EQ(JsonError("[]"), "t/tokenizer.json: the top level is an array, expected an object");
  EXPECT_EQ(JsonError(R"({"normalizer": null})"), "t/tokenizer.json: model: missing (required)");
  EXPECT_EQ(JsonError(R"({"model": {"type": "WordLevel", "vocab": {}, "unk_token": "x"}})"),
            "t/tokenizer.json: model.type 'WordLevel' is not supported (supported: BPE, "
            "WordPiece, Unigram)");
  std::string bpe = R"({"type": "BPE", "vocab": {"a": 0}, "merges": []})";
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "normalizer": {"type": "Nmt"}})"),
            "t/tokenizer.json: normalizer.type 'Nmt' is not supported (supported: NFC, NFD, "
            "NFKC, NFKD, Lowercase, StripAccents, Strip, Replace, Prepend, BertNormalizer, "
            "Precompiled, Sequence)");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "pre_tokenizer": {"type": "Sequence",
                "pretokenizers": [{"type": "Whitespace"}, {"type": "UnicodeScripts"}]}})"),
            "t/tokenizer.json: pre_tokenizer.pretokenizers[1].type 'UnicodeScripts' is not "
            "supported (supported: ByteLevel, Split, Whitespace, WhitespaceSplit, "
            "BertPreTokenizer, Metaspace, Digits, Punctuation, CharDelimiterSplit, Sequence)");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "pre_tokenizer": {"type": "Split",
                "pattern": {"Regex": "(a"}, "behavior": "Isolated"}})"),
            "t/tokenizer.json: pre_tokenizer.pattern: regex '(a' does not compile "
            "(U_REGEX_MISMATCHED_PAREN at character 2)");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "pre_tokenizer": {"type": "Split",
                "pattern": {"String": "-"}, "behavior": "Sideways"}})"),
            "t/tokenizer.json: pre_tokenizer.behavior: 'Sideways' is not one of Removed, "
            "Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "post_processor": {"type": "Magic"}})"),
            "t/tokenizer.json: post_processor.type 'Magic' is not supported (supported: "
            "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence)");
  EXPECT_EQ(JsonError(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}})"),
            "t/tokenizer.json: model.merges[0]: token \"b\" is not in model.vocab");
  EXPECT_EQ(JsonError(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [7]}})"),
            "t/tokenizer.json: model.merges[0]: expected \"left right\" or [\"left\", "
            "\"right\"], got 7");
  EXPECT_EQ(JsonError(R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [],
                "byte_fallback": "yes"}})"),
            "t/tokenizer.json: model.byte_fallback: expected true or false, got \"yes\"");
  EXPECT_EQ(JsonError(R"({"model": {"type": "BPE", "vocab": {"a": "zero"}}})"),
            "t/tokenizer.json: model.vocab: the id of token \"a\" must be an integer in [0, 2^31)");
  EXPECT_EQ(JsonError(R"({"model": {"type": "Unigram", "vocab": [["a", 0.0]], "unk_id": 3}})"),
            "t/tokenizer.json: model.unk_id: 3 is outside the vocabulary (size 1)");
  EXPECT_EQ(JsonError(R"({"model": {"type": "WordPiece", "vocab": {"a": 0}}})"),
            "t/tokenizer.json: model.unk_token: \"[UNK]\" is not in the vocabulary");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "added_tokens": [{"content": "x"}]})"),
            "t/tokenizer.json: added_tokens[0].id: expected an id in [0, 2^31)");
  EXPECT_EQ(JsonError(R"({"model": )" + bpe + R"(, "post_processor": {"type":
                "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>"}}],
                "special_tokens": {}}})"),
            "t/tokenizer.json: post_processor.special_tokens: the template uses \"<s>\", which "
            "is not listed here");
}

TEST(LoadTokenizer, ModelTypeCanBeInferred) {
  // Old files have no model.type.
  auto tokenizer = LoadTokenizerJson(
      R"({"model": {"vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}})", "old.json");
  ASSERT_TRUE(tokenizer.has_value()) << tokenizer.error().message();
  EXPECT_EQ((*tokenizer)->Encode("ab", false), std::vector<int32_t>({2}));
}

// Many threads encoding with several tokenizers at once give the ids one thread gets alone;
// each thread's word caches are its own, and more tokenizers than a thread keeps cache tables
// for must not mix up their words.
TEST(Tokenizer, ConcurrentEncodingMatchesSequential) {
  std::vector<std::unique_ptr<Tokenizer>> tokenizers;
  for (int i = 0; i < 6; ++i) {
    // The same words with different ids in each tokenizer.
    std::string json = R"({"pre_tokenizer": {"type": "WhitespaceSplit"}, "model": {"type":
        "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "alpha": )" +
                       std::to_string(10 + i) + R"(, "beta": )" + std::to_string(20 + i) +
                       R"(, "##s": 1}}})";
    tokenizers.push_back(LoadJsonOrFail(json));
    ASSERT_NE(tokenizers.back(), nullptr);
  }
  std::string text = "alpha beta alphas betas gamma alpha";
  std::vector<std::vector<int32_t>> expected;
  for (const auto& tokenizer : tokenizers) expected.push_back(tokenizer->Encode(text, false));
  EXPECT_EQ(expected[2], std::vector<int32_t>({12, 22, 12, 1, 22, 1, 0, 12}));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        size_t which = static_cast<size_t>(round * 7 + t) % tokenizers.size();
        if (tokenizers[which]->Encode(text, false) != expected[which]) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace winnow::tokenizer_test
