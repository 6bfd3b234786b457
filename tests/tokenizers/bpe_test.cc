// BPE through tokenizer.json: a tiny GPT-2-style byte-level vocabulary, a Llama-2-style
// vocabulary with byte_fallback, unknown tokens, and subword prefixes/suffixes. Every expected id
// is derived by hand in the comments from the vocabularies written here.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "tokenizers/tokenizer_test_util.h"
#include "winnow/tokenizers/split_pattern.h"

namespace winnow::tokenizer_test {
namespace {

using Ids = std::vector<int32_t>;

constexpr const char* kGpt2PreTokenizer =
    R"({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true})";

// The Llama-3 layout: the cl100k-style Split, then ByteLevel without its own regex.
std::string Llama3PreTokenizer() {
  return R"({"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": )" +
         JsonString(tokenizers::kLlama3Pattern) +
         R"(}, "behavior": "Isolated", "invert": false}, {"type": "ByteLevel",
         "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]})";
}

// A GPT-2-style tokenizer. The vocabulary gives every byte's byte-level character the byte's
// value as id ('h' = 104, 'Ġ' (space) = 32, 'Ċ' (newline) = 10, 'Ã' (0xC3) = 195, '©' (0xA9) =
// 169), then the merged tokens 256.. in merge order, then "Ġworld" = 267, which no merge builds.
// Merge ranks: 0 h+e=he(256) 1 l+l=ll(257) 2 he+ll=hell(258) 3 hell+o=hello(259)
// 4 Ġ+hello=Ġhello(260, written as a pair) 5 Ã+©=Ã©(261, "é" is C3 A9) 6 c+a=ca(262)
// 7 ca+f=caf(263) 8 caf+Ã©=cafÃ©(264) 9 a+a=aa(265) 10 l+o=lo(266).
// Added tokens: <|endoftext|> 300, <|im_start|> 301, <|im_end|> 302.
std::string Gpt2StyleJson(const std::string& pre_tokenizer, bool ignore_merges,
                          int missing_byte = -1) {
  std::string vocab;
  for (int byte = 0; byte < 256; ++byte) {
    if (byte == missing_byte) continue;
    vocab += JsonString(ByteLevelSpelling(static_cast<unsigned char>(byte))) + ": " +
             std::to_string(byte) + ", ";
  }
  vocab += R"("he": 256, "ll": 257, "hell": 258, "hello": 259, "Ġhello": 260, "Ã©": 261,
    "ca": 262, "caf": 263, "cafÃ©": 264, "aa": 265, "lo": 266, "Ġworld": 267)";
  return R"({"version": "1.0", "truncation": null, "padding": null,
    "added_tokens": [
      {"id": 300, "content": "<|endoftext|>", "single_word": false, "lstrip": false,
       "rstrip": false, "normalized": false, "special": true},
      {"id": 301, "content": "<|im_start|>", "single_word": false, "lstrip": false,
       "rstrip": false, "normalized": false, "special": true},
      {"id": 302, "content": "<|im_end|>", "single_word": false, "lstrip": false,
       "rstrip": false, "normalized": false, "special": true}],
    "normalizer": null,
    "pre_tokenizer": )" +
         pre_tokenizer + R"(,
    "post_processor": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false,
                       "use_regex": true},
    "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true,
                "use_regex": true},
    "model": {"type": "BPE", "dropout": null, "unk_token": null,
      "continuing_subword_prefix": null, "end_of_word_suffix": null, "fuse_unk": false,
      "byte_fallback": false, "ignore_merges": )" +
         (ignore_merges ? "true" : "false") + R"(,
      "vocab": {)" +
         vocab + R"(},
      "merges": ["h e", "l l", "he ll", "hell o", ["Ġ", "hello"], "Ã ©", "c a", "ca f",
                 "caf Ã©", "a a", "l o"]}})";
}

TEST(ByteLevelBpe, MergesFollowRanks) {
  auto tokenizer = LoadJsonOrFail(Gpt2StyleJson(kGpt2PreTokenizer, false));
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->name(), "tokenizer.json (BPE, byte-level)");
  // h e l l o: he (rank 0), ll (1), hell (2), hello (3).
  EXPECT_EQ(tokenizer->Encode("hello", false), Ids({259}));
  // The second word is " hello" = Ġ h e l l o, which ends as Ġhello (rank 4).
  EXPECT_EQ(tokenizer->Encode("hello hello", false), Ids({259, 260}));
  // " café" is Ġ c a f Ã ©: Ã© (rank 5) first, then ca, caf, cafÃ©; no merge joins Ġ to it.
  EXPECT_EQ(tokenizer->Encode("hello café", false), Ids({259, 32, 264}));
  // Capital H has no merge with e: H e ll o.
  EXPECT_EQ(tokenizer->Encode("Hello", false), Ids({72, 101, 257, 111}));
  // "!!" and "\n" are words of their own (GPT-2's regex); '!' is 33, 'Ċ' is 10.
  EXPECT_EQ(tokenizer->Encode("hello!!\n", false), Ids({259, 33, 33, 10}));
  // Two spaces before a word: the regex leaves the first alone and gives the second to " hello".
  EXPECT_EQ(tokenizer->Encode("  hello", false), Ids({32, 260}));
  // Overlapping pairs: the leftmost a+a merges first.
  EXPECT_EQ(tokenizer->Encode("aaa", false), Ids({265, 97}));
  // Rank, not position, decides: l+l (rank 1) beats l+o (rank 10) in "llo".
  EXPECT_EQ(tokenizer->Encode("llo", false), Ids({257, 111}));
  EXPECT_EQ(tokenizer->Encode("lo", false), Ids({266}));
  // Without ignore_merges, " world" is its bytes although "Ġworld" is in the vocabulary.
  EXPECT_EQ(tokenizer->Encode(" world", false), Ids({32, 119, 111, 114, 108, 100}));
  EXPECT_EQ(tokenizer->Encode("", false), Ids());
  // An invalid byte reads as U+FFFD, whose UTF-8 bytes are EF BF BD.
  EXPECT_EQ(tokenizer->Encode("\xff", false), Ids({0xEF, 0xBF, 0xBD}));
  // The ByteLevel post-processor adds no tokens.
  EXPECT_EQ(tokenizer->Encode("hello", true), Ids({259}));
  EXPECT_EQ(tokenizer->CountTokens("hello café", false), 3u);
}

TEST(ByteLevelBpe, IgnoreMergesTakesWholeWordsFromTheVocabulary) {
  auto tokenizer = LoadJsonOrFail(Gpt2StyleJson(kGpt2PreTokenizer, true));
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->Encode(" world", false), Ids({267}));
  // Words missing from the vocabulary still merge.
  EXPECT_EQ(tokenizer->Encode("hello café", false), Ids({259, 32, 264}));
}

TEST(ByteLevelBpe, AddPrefixSpace) {
  auto tokenizer = LoadJsonOrFail(Gpt2StyleJson(
      R"({"type": "ByteLevel", "add_prefix_space": true, "use_regex": true})", false));
  ASSERT_NE(tokenizer, nullptr);
  // "hello" becomes " hello".
  EXPECT_EQ(tokenizer->Encode("hello", false), Ids({260}));
  EXPECT_EQ(tokenizer->Encode(" hello", false), Ids({260}));
}

TEST(ByteLevelBpe, SpecialTokensInText) {
  auto tokenizer = LoadJsonOrFail(Gpt2StyleJson(kGpt2PreTokenizer, false));
  ASSERT_NE(tokenizer, nullptr);
  // The special token is cut out first; " hello" keeps its space.
  EXPECT_EQ(tokenizer->Encode("hello<|endoftext|> hello", false), Ids({259, 300, 260}));
  // ChatML: "user" u s e r (no merges), "\n", "hi" h i.
  EXPECT_EQ(tokenizer->Encode("<|im_start|>user\nhi<|im_end|>", false),
            Ids({301, 117, 115, 101, 114, 10, 104, 105, 302}));
  // A prefix of a special token is plain text: < | e n d.
  EXPECT_EQ(tokenizer->Encode("<|end", false), Ids({60, 124, 101, 110, 100}));
}

TEST(ByteLevelBpe, Llama3StyleSplitGivesTheSameIds) {
  auto tokenizer = LoadJsonOrFail(Gpt2StyleJson(Llama3PreTokenizer(), true));
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->Encode("hello café", false), Ids({259, 32, 264}));
  EXPECT_EQ(tokenizer->Encode(" world", false), Ids({267}));
  EXPECT_EQ(tokenizer->Encode("<|im_start|>hello hello<|im_end|>", false),
            Ids({301, 259, 260, 302}));
}

// Without all 256 byte characters in the vocabulary the tokenizer spells pieces in the byte-level
// alphabet instead of working on raw bytes; both paths must agree.
TEST(ByteLevelBpe, SpelledPathMatchesRawBytePath) {
  auto raw = LoadJsonOrFail(Gpt2StyleJson(kGpt2PreTokenizer, false));
  auto spelled = LoadJsonOrFail(Gpt2StyleJson(kGpt2PreTokenizer, false, /*missing_byte=*/1));
  ASSERT_NE(raw, nullptr);
  ASSERT_NE(spelled, nullptr);
  for (const char* text : {"hello café", "  hello\n\nHello!!", "aaa llo lo", "ünïcödé ☃ 日本"}) {
    EXPECT_EQ(raw->Encode(text, false), spelled->Encode(text, false)) << text;
  }
  // A byte with no token and no unk_token is dropped, as the library does.
  EXPECT_EQ(spelled->Encode("a\x01"
                            "b",
                            false),
            Ids({97, 98}));
}

// Llama-2's tokenizer.json: the normalizer prepends ▁ and turns spaces into ▁, there is no
// pre-tokenizer, and characters missing from the vocabulary fall back to <0xNN> tokens. Ids:
// <unk> 0, <s> 1, </s> 2, <0x00>..<0xFF> 3..258 (byte b is 3 + b), ▁ 259, h 260, e 261, l 262,
// o 263, ▁h 264, ll 265, ▁he 266, ▁hell 267, ▁hello 268, w 269, r 270, d 271, ▁w 272, or 273,
// ▁wor 274, ld 275, ▁world 276. Merge ranks: ▁+h, l+l, ▁h+e, ▁he+ll, ▁hell+o, ▁+w, o+r, ▁w+or,
// l+d, ▁wor+ld.
std::string Llama2StyleJson(bool byte_fallback, bool fuse_unk) {
  std::string vocab = R"("<unk>": 0, "<s>": 1, "</s>": 2, )";
  for (int byte = 0; byte < 256; ++byte) {
    char name[16];
    snprintf(name, sizeof(name), "<0x%02X>", byte);
    vocab += JsonString(name) + ": " + std::to_string(3 + byte) + ", ";
  }
  vocab += R"("▁": 259, "h": 260, "e": 261, "l": 262, "o": 263, "▁h": 264, "ll": 265,
    "▁he": 266, "▁hell": 267, "▁hello": 268, "w": 269, "r": 270, "d": 271, "▁w": 272, "or": 273,
    "▁wor": 274, "ld": 275, "▁world": 276)";
  return R"({"version": "1.0",
    "added_tokens": [
      {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
       "normalized": false, "special": true},
      {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
       "normalized": false, "special": true},
      {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
       "normalized": false, "special": true}],
    "normalizer": {"type": "Sequence", "normalizers": [
      {"type": "Prepend", "prepend": "▁"},
      {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
    "pre_tokenizer": null,
    "post_processor": {"type": "TemplateProcessing",
      "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                 {"Sequence": {"id": "A", "type_id": 0}}],
      "pair": [],
      "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
    "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>",
      "continuing_subword_prefix": null, "end_of_word_suffix": null,
      "fuse_unk": )" +
         std::string(fuse_unk ? "true" : "false") + R"(, "byte_fallback": )" +
         (byte_fallback ? "true" : "false") + R"(,
      "vocab": {)" +
         vocab + R"(},
      "merges": ["▁ h", "l l", "▁h e", "▁he ll", "▁hell o", "▁ w", "o r", "▁w or", "l d",
                 "▁wor ld"]}})";
}

TEST(Llama2StyleBpe, MetaspaceNormalizerAndMerges) {
  auto tokenizer = LoadJsonOrFail(Llama2StyleJson(true, true));
  ASSERT_NE(tokenizer, nullptr);
  EXPECT_EQ(tokenizer->name(), "tokenizer.json (BPE)");
  // "▁hello▁world" is one word: ▁h, ll, ▁he, ▁hell, ▁hello, then ▁w, or, ▁wor, ld, ▁world.
  EXPECT_EQ(tokenizer->Encode("hello world", false), Ids({268, 276}));
  // The template adds <s> in front.
  EXPECT_EQ(tokenizer->Encode("hello world", true), Ids({1, 268, 276}));
  EXPECT_EQ(tokenizer->CountTokens("hello world", true), 3u);
  EXPECT_EQ(tokenizer->Encode("", true), Ids({1}));
}

TEST(Llama2StyleBpe, ByteFallback) {
  auto tokenizer = LoadJsonOrFail(Llama2StyleJson(true, true));
  ASSERT_NE(tokenizer, nullptr);
  // "▁hi▁☃": ▁+h merge to ▁h; i (0x69) is <0x69> = 108; ☃ is E2 98 83 = 229, 155, 134.
  EXPECT_EQ(tokenizer->Encode("hi ☃", false), Ids({264, 108, 259, 229, 155, 134}));
}

TEST(Llama2StyleBpe, UnknownTokensFuseOnlyWithFuseUnk) {
  auto fused = LoadJsonOrFail(Llama2StyleJson(false, true));
  auto unfused = LoadJsonOrFail(Llama2StyleJson(false, false));
  ASSERT_NE(fused, nullptr);
  ASSERT_NE(unfused, nullptr);
  // "▁☃☃": ▁ then two unknown characters, one <unk> when fused.
  EXPECT_EQ(fused->Encode("☃☃", false), Ids({259, 0}));
  EXPECT_EQ(unfused->Encode("☃☃", false), Ids({259, 0, 0}));
  // <unk> written in the text is the special token, and nothing is left to normalise.
  EXPECT_EQ(fused->Encode("<unk>", false), Ids({0}));
  EXPECT_EQ(fused->Encode("hello<unk>", false), Ids({268, 0}));
}

// continuing_subword_prefix: characters after the first are looked up as "##c"; a merge of a and
// ##b makes "ab" (the right part loses its prefix). end_of_word_suffix: the last character is
// looked up as "c</w>". Ids: a 0, ##b 1, ##c 2, ab 3, b 4, c</w> 5, bc</w> 6.
TEST(Bpe, SubwordPrefixAndSuffix) {
  const char* prefix_json = R"({"model": {"type": "BPE", "continuing_subword_prefix": "##",
      "vocab": {"a": 0, "##b": 1, "##c": 2, "ab": 3}, "merges": ["a ##b"]},
      "pre_tokenizer": {"type": "WhitespaceSplit"}})";
  auto prefixed = LoadJsonOrFail(prefix_json);
  ASSERT_NE(prefixed, nullptr);
  // a ##b ##c: a+##b merge to ab.
  EXPECT_EQ(prefixed->Encode("abc", false), Ids({3, 2}));
  const char* suffix_json = R"({"model": {"type": "BPE", "end_of_word_suffix": "</w>",
      "vocab": {"a": 0, "b": 4, "c</w>": 5, "bc</w>": 6}, "merges": ["b c</w>"]},
      "pre_tokenizer": {"type": "WhitespaceSplit"}})";
  auto suffixed = LoadJsonOrFail(suffix_json);
  ASSERT_NE(suffixed, nullptr);
  // a b c</w>: b+c</w> merge to bc</w>.
  EXPECT_EQ(suffixed->Encode("abc", false), Ids({0, 6}));
}

// The library's merge order, written as plainly as possible: while some adjacent pair has a
// merge, merge the pair with the lowest rank, the leftmost one on ties.
std::vector<std::string> ReferenceBpe(
    const std::string& word, const std::map<std::pair<std::string, std::string>, int>& ranks) {
  std::vector<std::string> symbols;
  for (char c : word) symbols.emplace_back(1, c);
  for (;;) {
    int best_rank = -1;
    size_t best = 0;
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      auto found = ranks.find({symbols[i], symbols[i + 1]});
      if (found != ranks.end() && (best_rank < 0 || found->second < best_rank)) {
        best_rank = found->second;
        best = i;
      }
    }
    if (best_rank < 0) return symbols;
    symbols[best] += symbols[best + 1];
    symbols.erase(symbols.begin() + static_cast<ptrdiff_t>(best) + 1);
  }
}

// Random merge lists over {a, b, c} and random words of 1 to 150 characters: both merge loops
// (the array scan for words up to 64 symbols, the priority queue beyond) must agree with the
// reference.
TEST(Bpe, MergesMatchAReferenceOnRandomWords) {
  std::mt19937 rng(11);
  for (int model = 0; model < 20; ++model) {
    std::vector<std::string> tokens = {"a", "b", "c"};
    std::map<std::pair<std::string, std::string>, int> ranks;
    std::string merges;
    for (int rank = 0; rank < 30; ++rank) {
      const std::string& left = tokens[rng() % tokens.size()];
      const std::string& right = tokens[rng() % tokens.size()];
      if (ranks.count({left, right}) != 0 || left.size() + right.size() > 12) continue;
      ranks[{left, right}] = static_cast<int>(ranks.size());
      merges += (merges.empty() ? "" : ", ") + JsonString(left + " " + right);
      std::string merged = left + right;
      if (std::find(tokens.begin(), tokens.end(), merged) == tokens.end()) tokens.push_back(merged);
    }
    std::string vocab;
    for (size_t id = 0; id < tokens.size(); ++id) {
      vocab += (id ? ", " : "") + JsonString(tokens[id]) + ": " + std::to_string(id);
    }
    auto tokenizer = LoadJsonOrFail(R"({"model": {"type": "BPE", "vocab": {)" + vocab +
                                    R"(}, "merges": [)" + merges + "]}}");
    ASSERT_NE(tokenizer, nullptr);
    for (int trial = 0; trial < 50; ++trial) {
      std::string word;
      for (size_t n = 1 + rng() % 150; n > 0; --n) word += "abc"[rng() % 3];
      Ids expected;
      for (const std::string& piece : ReferenceBpe(word, ranks)) {
        expected.push_back(
            static_cast<int32_t>(std::find(tokens.begin(), tokens.end(), piece) - tokens.begin()));
      }
      ASSERT_EQ(tokenizer->Encode(word, false), expected) << word;
    }
  }
}

}  // namespace
}  // namespace winnow::tokenizer_test
