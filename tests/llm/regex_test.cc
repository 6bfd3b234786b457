// ECMA-262 patterns under RE2, and samples built from patterns.

#include <gtest/gtest.h>

#include "winnow/llm/ecma_regex.h"
#include "winnow/llm/regex_example.h"

namespace winnow::llm {
namespace {

bool Search(std::string_view pattern, std::string_view text) {
  auto regex = CompileEcmaPattern(pattern);
  EXPECT_TRUE(regex.has_value()) << pattern << ": " << (regex ? "" : regex.error().message());
  return regex && RE2::PartialMatch(text, **regex);
}

TEST(EcmaRegexTest, Translation) {
  EXPECT_EQ(TranslateEcmaPattern("^\\u00e9$"), "^\\x{E9}$");
  EXPECT_EQ(TranslateEcmaPattern("\\ud83d\\ude00"), "\\x{1F600}");
  EXPECT_EQ(TranslateEcmaPattern("(?<y>a)(?:b)(?=c)"), "(?P<y>a)(?:b)(?=c)");
  EXPECT_EQ(TranslateEcmaPattern("[.]\\."), "[.]\\.");
  EXPECT_EQ(TranslateEcmaPattern("\\\\u0041"), "\\\\u0041");  // an escaped backslash, then "u0041"
}

TEST(EcmaRegexTest, EcmaMeanings) {
  EXPECT_TRUE(Search("^\\u00e9$", "\xC3\xA9"));
  EXPECT_TRUE(Search("^\\ud83d\\ude00$", "\xF0\x9F\x98\x80"));
  EXPECT_TRUE(Search("^\\s+$", "\xE2\x80\x83\xC2\xA0\t"));  // em space, no-break space, tab
  EXPECT_FALSE(Search("^\\S$", "\xC2\xA0"));
  EXPECT_TRUE(Search("^[\\s,]+$", " ,\xC2\xA0"));
  EXPECT_FALSE(Search("^.$", "\n"));
  EXPECT_FALSE(Search("^.$", "\xE2\x80\xA8"));
  EXPECT_TRUE(Search("^.$", "\xC3\xA9"));
  EXPECT_TRUE(Search("^[^]$", "\n"));
  EXPECT_FALSE(Search("[]", "anything"));
  EXPECT_TRUE(Search("^(?<year>\\d{4})$", "2024"));
  EXPECT_FALSE(Search("\\d", "\xD9\xA3"));  // Arabic-Indic digit: \d is ASCII in ECMA too
  EXPECT_TRUE(Search("b", "abc"));          // unanchored
}

TEST(EcmaRegexTest, WhatRe2CannotDo) {
  for (std::string_view pattern : {"a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(a)\\1"}) {
    auto regex = CompileEcmaPattern(pattern);
    ASSERT_FALSE(regex.has_value()) << pattern;
    EXPECT_NE(regex.error().message().find("no lookahead, lookbehind or backreferences"),
              std::string::npos)
        << regex.error().message();
  }
}

TEST(PatternSampleTest, CommonShapes) {
  EXPECT_EQ(SamplePatternMatch("^[a-z]{3}-\\d{4}$", 0, 0), "aaa-0000");
  EXPECT_EQ(SamplePatternMatch("^[A-Z]+$", 0, 0), "A");
  EXPECT_EQ(SamplePatternMatch("^[A-Z]+$", 0, 3), "AAAA");
  EXPECT_EQ(SamplePatternMatch("^(cat|dog)s?$", 0, 0), "cat");
  EXPECT_EQ(SamplePatternMatch("^(cat|dog)s?$", 1, 0), "dog");
  EXPECT_EQ(SamplePatternMatch("^(?:\\+\\d{1,3})?\\d{3}$", 0, 0), "000");
  EXPECT_EQ(SamplePatternMatch("^[^0-9]$", 0, 0), "x");
  EXPECT_EQ(SamplePatternMatch("^\\u00e9\\.$", 0, 0), "\xC3\xA9.");
  EXPECT_EQ(SamplePatternMatch("a{2,}b{1,3}", 0, 1), "aaabb");
  EXPECT_EQ(SamplePatternMatch("^\\p{Lu}\\p{L}*$", 0, 2), "Aaa");
  EXPECT_EQ(SamplePatternMatch("x{", 0, 0), "x{");
}

TEST(PatternSampleTest, Unsupported) {
  EXPECT_EQ(SamplePatternMatch("a(?=b)", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("(a)\\1", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("\\p{Greek}", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("(a", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("a)", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("*", 0, 0), std::nullopt);
  EXPECT_EQ(SamplePatternMatch("a{2000}", 0, 0), std::nullopt);
}

TEST(PatternSampleTest, SamplesMatch) {
  const char* patterns[] = {"^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$",
                            "^\\d{4}-\\d{2}-\\d{2}$",
                            "^[A-Z]{2}\\d{2} ?\\d{4}$",
                            "^(red|green|blue)$",
                            "^#[0-9a-fA-F]{6}$",
                            "^https?://[\\w.-]+(/[\\w./-]*)?$",
                            "^\\s*\\S+\\s*$",
                            "v\\d+\\.\\d+\\.\\d+"};
  for (const char* pattern : patterns) {
    for (uint64_t variant = 0; variant < 5; ++variant) {
      auto sample = SamplePatternMatch(pattern, variant, variant);
      ASSERT_TRUE(sample.has_value()) << pattern;
      EXPECT_TRUE(Search(pattern, *sample)) << pattern << " vs " << *sample;
    }
  }
}

}  // namespace
}  // namespace winnow::llm
