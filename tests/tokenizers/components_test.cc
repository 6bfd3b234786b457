// Normalizers and pre-tokenizers one at a time, built from their tokenizer.json objects. Many
// cases are the Hugging Face library's own unit tests (named in the comments), so the expected
// output is the library's, not derived from this implementation.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tokenizers/tokenizer_test_util.h"
#include "winnow/tokenizers/hf_components.h"

namespace winnow::tokenizers {
namespace {

using Strings = std::vector<std::string>;
using tokenizer_test::JsonString;

// Parses `json` and hands the element to `use` (the parser must outlive the element).
template <typename Use>
auto WithJson(const std::string& json, Use use) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element element;
  EXPECT_EQ(parser.parse(padded).get(element), simdjson::SUCCESS) << json;
  return use(element);
}

Strings PreTokenize(const std::string& json, std::string_view text, bool at_text_start = true) {
  return WithJson(json, [&](simdjson::dom::element element) {
    auto pre_tokenizer = ParsePreTokenizer(element, "pre_tokenizer", false);
    EXPECT_TRUE(pre_tokenizer.has_value()) << pre_tokenizer.error().message();
    Strings pieces;
    auto collect = [&](std::string_view piece, bool) { pieces.emplace_back(piece); };
    (*pre_tokenizer)->PreTokenize(text, at_text_start, PieceSink(collect));
    return pieces;
  });
}

std::string Normalize(const std::string& json, std::string_view text) {
  return WithJson(json, [&](simdjson::dom::element element) {
    auto normalizer = ParseNormalizer(element, "normalizer");
    EXPECT_TRUE(normalizer.has_value()) << normalizer.error().message();
    std::string out;
    (*normalizer)->Normalize(text, &out);
    return out;
  });
}

TEST(PreTokenizers, ByteLevel) {
  // byte_level.rs pre_tokenization / add_prefix_space / handling_of_multiple_whitespaces /
  // offsets_when_char_split_up.
  std::string no_prefix = R"({"type": "ByteLevel", "add_prefix_space": false})";
  EXPECT_EQ(
      PreTokenize(no_prefix, "Hello my friend, how is your day going?"),
      Strings({"Hello", "Ġmy", "Ġfriend", ",", "Ġhow", "Ġis", "Ġyour", "Ġday", "Ġgoing", "?"}));
  EXPECT_EQ(PreTokenize(R"({"type": "ByteLevel", "add_prefix_space": true})", "Hello my friend,"),
            Strings({"ĠHello", "Ġmy", "Ġfriend", ","}));
  EXPECT_EQ(PreTokenize(no_prefix, "Hello there       dear"),
            Strings({"Hello", "Ġthere", "ĠĠĠĠĠĠ", "Ġdear"}));
  EXPECT_EQ(PreTokenize(no_prefix, "Hello there\nHello there"),
            Strings({"Hello", "Ġthere", "Ċ", "Hello", "Ġthere"}));
  EXPECT_EQ(PreTokenize(no_prefix, "i⭢j"), Strings({"i", "âŃ¢", "j"}));
  // use_regex false: one piece, only spelled.
  EXPECT_EQ(PreTokenize(R"({"type": "ByteLevel", "add_prefix_space": false, "use_regex": false})",
                        "a b\n"),
            Strings({"aĠbĊ"}));
}

TEST(PreTokenizers, WhitespaceFamily) {
  // whitespace.rs basic: \w+|[^\w\s]+.
  EXPECT_EQ(PreTokenize(R"({"type": "Whitespace"})", "Hey man!"), Strings({"Hey", "man", "!"}));
  EXPECT_EQ(PreTokenize(R"({"type": "Whitespace"})", "How are you doing?"),
            Strings({"How", "are", "you", "doing", "?"}));
  EXPECT_EQ(PreTokenize(R"({"type": "Whitespace"})", "\n"), Strings());
  EXPECT_EQ(PreTokenize(R"({"type": "Whitespace"})", "don't  stop—now"),
            Strings({"don", "'", "t", "stop", "—", "now"}));
  EXPECT_EQ(PreTokenize(R"({"type": "WhitespaceSplit"})", "Hey man!\tok\u3000x"),
            Strings({"Hey", "man!", "ok", "x"}));
  // bert.rs basic.
  EXPECT_EQ(PreTokenize(R"({"type": "BertPreTokenizer"})", "Hey friend!     How are you?!?"),
            Strings({"Hey", "friend", "!", "How", "are", "you", "?", "!", "?"}));
}

TEST(PreTokenizers, PunctuationAndDigits) {
  // punctuation.rs punctuation_basic.
  EXPECT_EQ(PreTokenize(R"({"type": "Punctuation", "behavior": "Isolated"})",
                        "Hey friend!     How are you?!?"),
            Strings({"Hey friend", "!", "     How are you", "?", "!", "?"}));
  // digits.rs numbers / individual_digits.
  EXPECT_EQ(PreTokenize(R"({"type": "Digits", "individual_digits": false})", "Hey 123 friend!"),
            Strings({"Hey ", "123", " friend!"}));
  EXPECT_EQ(PreTokenize(R"({"type": "Digits", "individual_digits": true})", "Hey 123 friend!"),
            Strings({"Hey ", "1", "2", "3", " friend!"}));
  EXPECT_EQ(PreTokenize(R"({"type": "CharDelimiterSplit", "delimiter": "x"})", "axbxxc"),
            Strings({"a", "b", "c"}));
}

TEST(PreTokenizers, Metaspace) {
  std::string always =
      R"({"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": true})";
  // metaspace.rs basic / multiple_spaces.
  EXPECT_EQ(PreTokenize(always, "Hey friend!"), Strings({"▁Hey", "▁friend!"}));
  EXPECT_EQ(PreTokenize(always, "Hey   friend!"), Strings({"▁Hey", "▁", "▁", "▁friend!"}));
  // A leading space is the ▁ that would have been prepended.
  EXPECT_EQ(PreTokenize(always, " Hey"), Strings({"▁Hey"}));
  std::string first =
      R"({"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false})";
  EXPECT_EQ(PreTokenize(first, "Hey friend", true), Strings({"▁Hey▁friend"}));
  EXPECT_EQ(PreTokenize(first, "Hey friend", false), Strings({"Hey▁friend"}));
  // The legacy spelling.
  EXPECT_EQ(PreTokenize(R"({"type": "Metaspace", "replacement": "▁", "add_prefix_space": false})",
                        "Hey friend"),
            Strings({"Hey", "▁friend"}));
}

TEST(PreTokenizers, SplitBehaviors) {
  auto split = [](const char* behavior, bool invert) {
    return std::string(R"({"type": "Split", "pattern": {"String": "-"}, "behavior": ")") +
           behavior + R"(", "invert": )" + (invert ? "true" : "false") + "}";
  };
  // split.rs / normalizer.rs split tests, on "a-b--c" (delimiters at 1, 3 and 4).
  EXPECT_EQ(PreTokenize(split("Removed", false), "a-b--c"), Strings({"a", "b", "c"}));
  EXPECT_EQ(PreTokenize(split("Isolated", false), "a-b--c"),
            Strings({"a", "-", "b", "-", "-", "c"}));
  EXPECT_EQ(PreTokenize(split("MergedWithPrevious", false), "a-b--c"),
            Strings({"a-", "b-", "-", "c"}));
  EXPECT_EQ(PreTokenize(split("MergedWithNext", false), "a-b--c"), Strings({"a", "-b", "-", "-c"}));
  EXPECT_EQ(PreTokenize(split("Contiguous", false), "a-b--c"), Strings({"a", "-", "b", "--", "c"}));
  // Inverted, the matches are the text and the rest is the delimiter.
  EXPECT_EQ(PreTokenize(split("Removed", true), "a-b--c"), Strings({"-", "-", "-"}));
  EXPECT_EQ(PreTokenize(R"({"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": "Removed",
                            "invert": false})",
                        "one  two\tthree"),
            Strings({"one", "two", "three"}));
}

TEST(PreTokenizers, Sequence) {
  std::string json = R"({"type": "Sequence", "pretokenizers": [
      {"type": "WhitespaceSplit"}, {"type": "Digits", "individual_digits": true}]})";
  EXPECT_EQ(PreTokenize(json, "ab12 c3"), Strings({"ab", "1", "2", "c", "3"}));
}

TEST(Normalizers, UnicodeForms) {
  EXPECT_EQ(Normalize(R"({"type": "NFC"})", "e\u0301"), "\u00e9");
  EXPECT_EQ(Normalize(R"({"type": "NFD"})", "\u00e9"), "e\u0301");
  EXPECT_EQ(Normalize(R"({"type": "NFKC"})", "\ufb01ne \uff21"), "fine A");
  EXPECT_EQ(Normalize(R"({"type": "NFKD"})", "\u2460\u00e9"), "1e\u0301");
}

TEST(Normalizers, LowercaseIsPerCharacterFullMapping) {
  // İ lowercases to i + combining dot; a final Σ stays σ (no context rule), as Rust's
  // char::to_lowercase does.
  EXPECT_EQ(Normalize(R"({"type": "Lowercase"})", "HÉLLO İ ΟΔΟΣ"), "héllo i\u0307 οδοσ");
}

TEST(Normalizers, StripAccents) {
  std::string nfkd_strip_lower = R"({"type": "Sequence", "normalizers": [
      {"type": "NFKD"}, {"type": "StripAccents"}, {"type": "Lowercase"}]})";
  // strip.rs test_vietnamese_bug and test_thai_bug.
  EXPECT_EQ(Normalize(nfkd_strip_lower, "ậ…"), "a...");
  EXPECT_EQ(Normalize(nfkd_strip_lower, "Cụ thể, bạn sẽ tham gia"), "cu the, ban se tham gia");
  EXPECT_EQ(Normalize(nfkd_strip_lower, "ำน\u0e49ำ3ลำ"), "านา3ลา");
  // test_strip_accents_multiple.
  EXPECT_EQ(Normalize(R"({"type": "StripAccents"})", "e\u0304\u0304\u0304o"), "eo");
}

TEST(Normalizers, StripReplacePrepend) {
  EXPECT_EQ(Normalize(R"({"type": "Strip", "strip_left": true, "strip_right": true})",
                      " \t hi there \u3000"),
            "hi there");
  EXPECT_EQ(Normalize(R"({"type": "Strip", "strip_left": false, "strip_right": true})", "  hi  "),
            "  hi");
  EXPECT_EQ(
      Normalize(R"({"type": "Replace", "pattern": {"String": " "}, "content": "▁"})", "a b  c"),
      "a▁b▁▁c");
  EXPECT_EQ(
      Normalize(R"({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})", "a b   c"),
      "a b c");
  EXPECT_EQ(Normalize(R"({"type": "Prepend", "prepend": "▁"})", "hi"), "▁hi");
  EXPECT_EQ(Normalize(R"({"type": "Prepend", "prepend": "▁"})", ""), "");
}

TEST(Normalizers, Bert) {
  std::string bert = R"({"type": "BertNormalizer", "clean_text": true,
      "handle_chinese_chars": true, "strip_accents": null, "lowercase": true})";
  // Tab -> space; NUL, U+FFFD and the vertical tab (a control, although whitespace) dropped;
  // NBSP -> space; accents stripped because lowercase is on; CJK spaced.
  constexpr char kText[] = "H\u00e9llo\tWORLD\0\ufffd\v\u00a0\u4e2d\u6587";
  EXPECT_EQ(Normalize(bert, std::string_view(kText, sizeof(kText) - 1)),
            "hello world  \u4e2d  \u6587 ");
  std::string keep_case = R"({"type": "BertNormalizer", "clean_text": false,
      "handle_chinese_chars": false, "strip_accents": false, "lowercase": false})";
  EXPECT_EQ(Normalize(keep_case, "H\u00e9llo\t"), "H\u00e9llo\t");
}

TEST(Normalizers, PrecompiledRejectsMalformedCharsmaps) {
  simdjson::dom::parser parser;
  // "AAAA" is 3 zero bytes: shorter than the 4-byte header. "/////w==" declares a huge trie.
  for (const char* charsmap : {"AAAA", "/////w==", "not base64!"}) {
    std::string json = std::string(R"({"type": "Precompiled", "precompiled_charsmap": )") +
                       JsonString(charsmap) + "}";
    simdjson::padded_string padded(json);
    simdjson::dom::element element;
    ASSERT_EQ(parser.parse(padded).get(element), simdjson::SUCCESS);
    auto normalizer = ParseNormalizer(element, "normalizer");
    ASSERT_FALSE(normalizer.has_value()) << charsmap;
    EXPECT_NE(normalizer.error().message().find("normalizer.precompiled_charsmap: "),
              std::string::npos)
        << normalizer.error().message();
  }
}

}  // namespace
}  // namespace winnow::tokenizers
