// SentencePiece: models trained here by libsentencepiece's trainer; the wrapper must give the
// processor's own ids. The trained unigram model is also converted to a tokenizer.json the way
// the Hugging Face converter does (Precompiled charsmap + Replace + Metaspace + Unigram), which
// checks the Precompiled normalizer and the Unigram model against SentencePiece itself.

#include <gtest/gtest.h>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <fstream>
#include <random>
#include <sstream>

#include "tokenizers/tokenizer_test_util.h"

namespace winnow::tokenizer_test {
namespace {

// Writes a few hundred sentences from a small word list (with accents, capitals and digits).
std::string WriteTrainingText(const ScopedTempDir& dir) {
  static const std::vector<std::string> kWords = {
      "the",   "quick", "brown", "fox",  "jumps",  "over", "lazy",  "dog",    "hello", "world",
      "token", "count", "model", "data", "filter", "text", "Apple", "Banana", "2024",  "42",
      "café",  "naïve", "fine",  "The",  "winnow", "set",  "HELLO", "World"};
  std::mt19937 rng(7);
  std::string text;
  for (int line = 0; line < 400; ++line) {
    int count = 3 + static_cast<int>(rng() % 10);
    for (int i = 0; i < count; ++i) text += (i ? " " : "") + kWords[rng() % kWords.size()];
    text += ".!?,"[rng() % 4];
    text += '\n';
  }
  return dir.Write("train.txt", text);
}

std::string Train(const ScopedTempDir& dir, const std::string& input, const std::string& type) {
  std::string prefix = dir.path() + "/" + type;
  auto status = sentencepiece::SentencePieceTrainer::Train(
      "--input=" + input + " --model_prefix=" + prefix + " --vocab_size=100 --model_type=" + type +
      " --hard_vocab_limit=false --minloglevel=2");
  EXPECT_TRUE(status.ok()) << status.ToString();
  return prefix + ".model";
}

const std::vector<std::string>& Samples() {
  static const std::vector<std::string> kSamples = {
      "hello world",
      "The quick brown fox jumps over the lazy dog.",
      "Apple 2024 café naïve!",
      "winnow  filter   text",  // runs of spaces collapse
      "HELLO World, 42?",
      "unseen ☃ characters ж",  // unknown characters
      "",
  };
  return kSamples;
}

std::vector<int32_t> ProcessorIds(const sentencepiece::SentencePieceProcessor& processor,
                                  const std::string& text) {
  std::vector<int> ids;
  EXPECT_TRUE(processor.Encode(text, &ids).ok());
  return std::vector<int32_t>(ids.begin(), ids.end());
}

void ExpectSameAsProcessor(const std::string& model_path) {
  sentencepiece::SentencePieceProcessor processor;
  ASSERT_TRUE(processor.Load(model_path).ok());
  auto tokenizer = LoadTokenizer(model_path);
  ASSERT_TRUE(tokenizer.has_value()) << tokenizer.error().message();
  EXPECT_EQ((*tokenizer)->name(), "SentencePiece .model");
  for (const std::string& text : Samples()) {
    std::vector<int32_t> expected = ProcessorIds(processor, text);
    EXPECT_EQ((*tokenizer)->Encode(text, false), expected) << text;
    EXPECT_EQ((*tokenizer)->CountTokens(text, false), expected.size()) << text;
    // add_special_tokens: the BOS piece (id 1 by default) in front.
    expected.insert(expected.begin(), processor.bos_id());
    EXPECT_EQ((*tokenizer)->Encode(text, true), expected) << text;
  }
}

TEST(SentencePiece, UnigramModelMatchesTheLibrary) {
  ScopedTempDir dir;
  ExpectSameAsProcessor(Train(dir, WriteTrainingText(dir), "unigram"));
}

TEST(SentencePiece, BpeModelMatchesTheLibrary) {
  ScopedTempDir dir;
  ExpectSameAsProcessor(Train(dir, WriteTrainingText(dir), "bpe"));
}

TEST(SentencePiece, TruncatedModelIsAnError) {
  ScopedTempDir dir;
  std::string model_path = Train(dir, WriteTrainingText(dir), "unigram");
  std::ifstream in(model_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto truncated = LoadTokenizer(dir.Write("cut.model", bytes.substr(0, bytes.size() / 3)));
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().code(), StatusCode::kInvalidInput);
  EXPECT_NE(truncated.error().message().find("cut.model: not a valid SentencePiece model"),
            std::string::npos);
}

// Protocol-buffer reading just deep enough to find ModelProto.normalizer_spec (field 3)
// .precompiled_charsmap (field 2); libsentencepiece-dev ships no generated proto headers.
bool ReadVarint(std::string_view bytes, size_t* pos, uint64_t* value) {
  *value = 0;
  for (int shift = 0; *pos < bytes.size() && shift < 64; shift += 7) {
    uint8_t byte = static_cast<uint8_t>(bytes[(*pos)++]);
    *value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

std::string_view FindBytesField(std::string_view message, uint64_t field) {
  size_t pos = 0;
  uint64_t key = 0;
  while (pos < message.size() && ReadVarint(message, &pos, &key)) {
    uint64_t value = 0;
    switch (key & 7) {
      case 0:
        ReadVarint(message, &pos, &value);
        break;
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2:
        ReadVarint(message, &pos, &value);
        if ((key >> 3) == field) return message.substr(pos, value);
        pos += value;
        break;
      default:
        return {};
    }
  }
  return {};
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

// What transformers' SpmConverter writes for a unigram model (T5, ALBERT style).
std::string ConvertToTokenizerJson(const sentencepiece::SentencePieceProcessor& processor,
                                   std::string_view charsmap) {
  std::string vocab;
  for (int id = 0; id < processor.GetPieceSize(); ++id) {
    if (id > 0) vocab += ", ";
    std::ostringstream score;
    score.precision(17);
    score << processor.GetScore(id);
    vocab += "[" + JsonString(processor.IdToPiece(id)) + ", " + score.str() + "]";
  }
  return R"({"normalizer": {"type": "Sequence", "normalizers": [
      {"type": "Precompiled", "precompiled_charsmap": ")" +
         Base64(charsmap) + R"("},
      {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
    "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always",
                      "split": true},
    "model": {"type": "Unigram", "unk_id": )" +
         std::to_string(processor.unk_id()) + R"(, "vocab": [)" + vocab + "]}}";
}

TEST(SentencePiece, ConvertedUnigramWithPrecompiledCharsmapMatches) {
  ScopedTempDir dir;
  std::string model_path = Train(dir, WriteTrainingText(dir), "unigram");
  sentencepiece::SentencePieceProcessor processor;
  ASSERT_TRUE(processor.Load(model_path).ok());
  std::string model_bytes = processor.serialized_model_proto();
  std::string_view charsmap = FindBytesField(FindBytesField(model_bytes, 3), 2);
  ASSERT_GT(charsmap.size(), 1000u) << "the nmt_nfkc charsmap was not found";
  auto converted = LoadJsonOrFail(ConvertToTokenizerJson(processor, charsmap));
  ASSERT_NE(converted, nullptr);
  std::vector<std::string> texts = Samples();
  // NFKC through the charsmap: full-width letters and digits, the fi ligature, a decomposed é.
  for (const char* extra : {"\uff48\uff45\uff4c\uff4c\uff4f \uff37orld \uff12\uff10\uff12\uff14",
                            "\ufb01lter \ufb01ne", "cafe\u0301 na\u0131ve", "\u2460 \u00bd"}) {
    texts.push_back(extra);
  }
  for (const std::string& text : texts) {
    EXPECT_EQ(converted->Encode(text, false), ProcessorIds(processor, text)) << text;
  }
}

}  // namespace
}  // namespace winnow::tokenizer_test
