// Fuzzes the tokenizer.json loader and the encoding pipeline: any input must load or fail with a
// message; a loaded tokenizer must encode fixed texts and the input itself, with CountTokens equal
// to the number of ids Encode returns. The input is also encoded as text by two fixed tokenizers
// (byte-level BPE with the Llama-3 split and added tokens; BERT-style WordPiece), so arbitrary
// bytes go through every pre-tokenizer scanner. No crash, hang or leak.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/tokenizers/tokenizer.h"

namespace {

constexpr std::string_view kByteLevelJson = R"({"added_tokens": [
  {"id": 300, "content": "<|im_start|>", "normalized": false, "special": true},
  {"id": 301, "content": "<mask>", "lstrip": true, "rstrip": true, "single_word": true}],
 "normalizer": {"type": "NFC"},
 "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
   {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},
    "behavior": "Isolated", "invert": false},
   {"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}]},
 "model": {"type": "BPE", "ignore_merges": true,
   "vocab": {"a": 0, "b": 1, "ab": 2, "Ġ": 3, "Ġab": 4, "Ã": 5, "©": 6},
   "merges": ["a b", "Ġ ab"]}})";

constexpr std::string_view kBertJson = R"({
 "added_tokens": [{"id": 2, "content": "[CLS]", "normalized": false, "special": true}],
 "normalizer": {"type": "BertNormalizer", "lowercase": true},
 "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "BertPreTokenizer"},
   {"type": "Digits", "individual_digits": true}]},
 "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]},
 "model": {"type": "WordPiece", "unk_token": "[UNK]", "max_input_chars_per_word": 8,
   "vocab": {"[UNK]": 0, "a": 1, "##b": 4, "1": 5}}})";

void Exercise(const winnow::Tokenizer& tokenizer, std::string_view text) {
  std::vector<int32_t> ids = tokenizer.Encode(text, false);
  if (tokenizer.CountTokens(text, false) != ids.size()) __builtin_trap();
  if (tokenizer.Encode(text, true).size() < ids.size()) __builtin_trap();
}

const winnow::Tokenizer& Fixed(std::string_view json) {
  auto tokenizer = winnow::LoadTokenizerJson(json, "fixed");
  if (!tokenizer) __builtin_trap();
  return *tokenizer->release();  // lives for the whole run
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const winnow::Tokenizer& byte_level = Fixed(kByteLevelJson);
  static const winnow::Tokenizer& bert = Fixed(kBertJson);
  Exercise(byte_level, input);
  Exercise(bert, input);
  auto tokenizer = winnow::LoadTokenizerJson(input, "fuzz.json");
  if (!tokenizer) {
    if (tokenizer.error().message().empty()) __builtin_trap();
    return 0;
  }
  for (std::string_view text : {std::string_view("Hello, world! 123 café\n\n  x"),
                                std::string_view("<s>\xff\xfe ab ab"), std::string_view("")}) {
    Exercise(**tokenizer, text);
  }
  Exercise(**tokenizer, input.substr(0, 4096));
  return 0;
}
