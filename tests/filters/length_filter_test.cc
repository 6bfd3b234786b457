// The length filter: code points, whitespace words, injected token counts, and its options.

#include "winnow/filters/length_filter.h"

#include <gtest/gtest.h>

#include <fstream>

#include "filters/filter_test_util.h"
#include "filters/record_test_util.h"

namespace winnow {
namespace {

TEST(LengthFilterTest, CharactersAreCodePointsAndWordsAreWhitespaceSeparated) {
  auto filter = testing::MakeFilter(
      "length", {{"min_chars", "5"}, {"max_chars", "12"}, {"min_words", "2"}, {"max_words", "3"}});
  FilterResult result;
  EXPECT_EQ(testing::Verdict(*filter, "héllo wörld", true, &result), "kept");
  EXPECT_EQ(testing::Measured(result, "chars"), 11);  // not 13 bytes
  EXPECT_EQ(testing::Measured(result, "words"), 2);
  EXPECT_EQ(testing::Verdict(*filter, "日本語"), "min_chars");
  EXPECT_EQ(testing::Verdict(*filter, "one two three four five"), "max_chars");
  EXPECT_EQ(testing::Verdict(*filter, "hello,world"), "min_words");  // one whitespace word
  EXPECT_EQ(testing::Verdict(*filter, "a b c d e f"), "max_words");
  FilterResult explained;
  testing::Verdict(*filter, "abc", false, &explained);
  EXPECT_EQ(explained.Explain(), "min_chars: chars 3 < 5");
  EXPECT_EQ(testing::Verdict(*filter, " \n "), "empty");
}

TEST(LengthFilterTest, EveryBoundIsOffByDefault) {
  auto filter = testing::MakeFilter("length");
  EXPECT_EQ(testing::Verdict(*filter, "x"), "kept");
  EXPECT_EQ(testing::Verdict(*filter, std::string(100000, 'x')), "kept");
}

TEST(LengthFilterTest, TokensComeFromAnInjectedCounter) {
  LengthOptions options;
  options.min_tokens = {2, true};
  options.max_tokens = {4, true};
  auto filter = LengthFilter::Create(options, [](std::string_view text) {
    return text.size() / 2;  // a stand-in tokenizer: two bytes per token
  });
  ASSERT_TRUE(filter.has_value());
  FilterResult result;
  EXPECT_EQ(testing::Verdict(**filter, "abcdef", true, &result), "kept");
  EXPECT_EQ(testing::Measured(result, "tokens"), 3);
  EXPECT_EQ(testing::Verdict(**filter, "ab"), "min_tokens");
  EXPECT_EQ(testing::Verdict(**filter, "abcdefghij"), "max_tokens");
  // Token bounds without a counter are an error, not a silent pass.
  auto missing = LengthFilter::Create(options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(),
            "length: min_tokens and max_tokens need a tokenizer (option tokenizer: PATH)");
}

TEST(LengthFilterTest, TokenBoundsWithARealTokenizerFile) {
  // A three-word WordPiece vocabulary: "hello" and "world" are one token each, any other word is
  // [UNK], so a text's token count is its word count.
  const std::string path = ::testing::TempDir() + "/length_filter_tokenizer.json";
  {
    std::ofstream out(path);
    out << R"({"version":"1.0","added_tokens":[],"normalizer":null,)"
           R"("pre_tokenizer":{"type":"WhitespaceSplit"},"post_processor":null,"decoder":null,)"
           R"("model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",)"
           R"("max_input_chars_per_word":100,"vocab":{"[UNK]":0,"hello":1,"world":2}}})";
  }
  auto filter = testing::MakeFilter("length", {{"tokenizer", path}, {"max_tokens", "2"}});
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(testing::Verdict(*filter, "hello world"), "kept");
  FilterResult result;
  EXPECT_EQ(testing::Verdict(*filter, "hello big world", false, &result), "max_tokens");
  EXPECT_EQ(result.Explain(), "max_tokens: tokens 3 > 2");

  auto spec = FindFilter("length");
  ASSERT_TRUE(spec.has_value());
  StepOptions missing("length", {{"tokenizer", "/no/such/tok.json"}, {"max_tokens", "100"}});
  auto failed = (*spec)->create(missing);
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message().find("/no/such/tok.json"), std::string::npos)
      << failed.error().message();
  StepOptions no_tokenizer("length", {{"max_tokens", "100"}});
  EXPECT_FALSE((*spec)->create(no_tokenizer).has_value());
}

TEST(LengthFilterTest, MeasuresTheStageViewOfAChat) {
  auto filter = testing::MakeFilter("length", {{"max_words", "3"}});
  const std::string chat = R"({"messages":[{"role":"user","content":"a long long long question"},)"
                           R"({"role":"assistant","content":"short answer"}]})";
  EXPECT_EQ(testing::CheckRecord(*filter, chat, "messages", {"assistant"}).verdict, "kept");
  EXPECT_EQ(testing::CheckRecord(*filter, chat, "messages").verdict, "max_words");
}

}  // namespace
}  // namespace winnow
