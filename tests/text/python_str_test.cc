// Python str semantics on UTF-8 views (src/winnow/text/python_str.h): every expected value below is
// what CPython 3 returns for the same text, written next to the Python expression it comes from.

#include "winnow/text/python_str.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string_view> pieces = {"stale"};
  PythonSplitLines(text, &pieces);
  return {pieces.begin(), pieces.end()};
}

std::vector<std::string> NewlineRuns(std::string_view text, size_t min_run) {
  std::vector<std::string_view> pieces = {"stale"};
  SplitOnNewlineRuns(text, min_run, &pieces);
  return {pieces.begin(), pieces.end()};
}

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string_view> pieces = {"stale"};
  PythonSplitWhitespace(text, &pieces);
  return {pieces.begin(), pieces.end()};
}

std::vector<std::string> SplitOnString(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> pieces = {"stale"};
  SplitOn(text, sep, &pieces);
  return {pieces.begin(), pieces.end()};
}

// --- isalpha -----------------------------------------------------------------------------------

TEST(PythonStrTest, IsAlphaAsciiLetters) {
  for (char c = 'a'; c <= 'z'; ++c) EXPECT_TRUE(IsPythonAlpha(static_cast<uint32_t>(c))) << c;
  for (char c = 'A'; c <= 'Z'; ++c) EXPECT_TRUE(IsPythonAlpha(static_cast<uint32_t>(c))) << c;
  // The neighbours of the letter ranges, which a careless (c | 0x20) test could let through.
  for (uint32_t c :
       std::initializer_list<uint32_t>{'@', '[', '`', '{', '0', '9', '_', ' ', '\0', 0x7F}) {
    EXPECT_FALSE(IsPythonAlpha(c)) << c;
  }
}

TEST(PythonStrTest, IsAlphaByUnicodeCategory) {
  EXPECT_TRUE(IsPythonAlpha(0x00E9));   // 'é'.isalpha(): Ll
  EXPECT_TRUE(IsPythonAlpha(0x00C9));   // 'É': Lu
  EXPECT_TRUE(IsPythonAlpha(0x01C5));   // 'ǅ': Lt
  EXPECT_TRUE(IsPythonAlpha(0x02B0));   // 'ʰ': Lm
  EXPECT_TRUE(IsPythonAlpha(0x3005));   // '々': Lm
  EXPECT_TRUE(IsPythonAlpha(0x4E2D));   // '中': Lo (CJK counts)
  EXPECT_TRUE(IsPythonAlpha(0x3042));   // 'あ': Lo
  EXPECT_TRUE(IsPythonAlpha(0xAC00));   // '가': Lo
  EXPECT_TRUE(IsPythonAlpha(0x05D0));   // 'א': Lo
  EXPECT_TRUE(IsPythonAlpha(0x00AA));   // 'ª': Lo
  EXPECT_TRUE(IsPythonAlpha(0x00B5));   // 'µ': Ll
  EXPECT_TRUE(IsPythonAlpha(0x20000));  // '𠀀': Lo, outside the BMP

  EXPECT_FALSE(IsPythonAlpha(0x0301));   // combining acute accent: Mn
  EXPECT_FALSE(IsPythonAlpha(0x093F));   // Devanagari vowel sign i: Mc
  EXPECT_FALSE(IsPythonAlpha(0x0663));   // '٣': Nd
  EXPECT_FALSE(IsPythonAlpha(0xFF11));   // '１': Nd
  EXPECT_FALSE(IsPythonAlpha(0x216B));   // 'Ⅻ': Nl
  EXPECT_FALSE(IsPythonAlpha(0x00B2));   // '²': No
  EXPECT_FALSE(IsPythonAlpha(0x3001));   // '、': Po
  EXPECT_FALSE(IsPythonAlpha(0x00A0));   // no-break space: Zs
  EXPECT_FALSE(IsPythonAlpha(0x1F600));  // '😀': So
  EXPECT_FALSE(IsPythonAlpha(0x200D));   // zero width joiner: Cf
}

TEST(PythonStrTest, IsAlphaOutOfRangeValuesAreNotLetters) {
  EXPECT_FALSE(IsPythonAlpha(0x110000));
  EXPECT_FALSE(IsPythonAlpha(0xFFFFFFFF));
}

TEST(PythonStrTest, HasPythonAlphaIsAnyIsAlpha) {
  EXPECT_TRUE(HasPythonAlpha("123a"));
  EXPECT_TRUE(HasPythonAlpha("12\u4e2d"));       // any(c.isalpha() for c in "12中")
  EXPECT_TRUE(HasPythonAlpha("\u02b0"));         // Lm
  EXPECT_FALSE(HasPythonAlpha(""));              // any([]) is False
  EXPECT_FALSE(HasPythonAlpha("1234"));          //
  EXPECT_FALSE(HasPythonAlpha("\u0301\u0301"));  // only combining marks
  EXPECT_FALSE(HasPythonAlpha("\u0663\u0664"));  // Arabic-Indic digits
  EXPECT_FALSE(HasPythonAlpha("...\u2026--"));   // punctuation
  EXPECT_FALSE(HasPythonAlpha("\xff\xfe\xc3"));  // invalid bytes are never letters
  EXPECT_TRUE(
      HasPythonAlpha("\xff\xfe"
                     "b"));              // resynchronises after invalid bytes
  EXPECT_FALSE(HasPythonAlpha("\xc3"));  // a truncated 'é' (C3 A9)
}

// --- line breaks and splitlines
// -------------------------------------------------------------------

TEST(PythonStrTest, IsPythonLineBreakIsExactlyTheTenCodePoints) {
  for (uint32_t c : {0x0Au, 0x0Bu, 0x0Cu, 0x0Du, 0x1Cu, 0x1Du, 0x1Eu, 0x85u, 0x2028u, 0x2029u}) {
    EXPECT_TRUE(IsPythonLineBreak(c)) << std::hex << c;
  }
  // Whitespace that is not a line boundary: tab, unit separator, space, NBSP, ideographic space.
  for (uint32_t c : {0x09u, 0x1Fu, 0x20u, 0xA0u, 0x3000u, 0x2027u, 0x202Fu, 0x00u}) {
    EXPECT_FALSE(IsPythonLineBreak(c)) << std::hex << c;
  }
}

TEST(PythonStrTest, SplitLinesOnEveryBreak) {
  // "a\nb\rc\r\nd\ve\ff\x1cg\x1dh\x1ei\x85j\u2028k\u2029l".splitlines()
  EXPECT_THAT(SplitLines("a\nb\rc\r\nd\ve\ff\x1cg\x1dh\x1ei\xc2\x85j\u2028k\u2029l"),
              ElementsAre("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"));
  // Each break alone between two letters gives two pieces.
  for (std::string_view brk :
       {"\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\xc2\x85", "\u2028", "\u2029"}) {
    std::string text = "x" + std::string(brk) + "y";
    EXPECT_THAT(SplitLines(text), ElementsAre("x", "y")) << "break of " << brk.size() << " bytes";
  }
}

TEST(PythonStrTest, SplitLinesCrLfIsOneBreakButLfCrIsTwo) {
  EXPECT_THAT(SplitLines("a\r\nb"), ElementsAre("a", "b"));
  EXPECT_THAT(SplitLines("a\n\rb"), ElementsAre("a", "", "b"));
  EXPECT_THAT(SplitLines("a\r\r\nb"), ElementsAre("a", "", "b"));
  EXPECT_THAT(SplitLines("\r\n\r\n"), ElementsAre("", ""));
}

TEST(PythonStrTest, SplitLinesDropsOnlyOneTrailingEmptyPiece) {
  EXPECT_THAT(SplitLines(""), IsEmpty());                  // "".splitlines() == []
  EXPECT_THAT(SplitLines("\n"), ElementsAre(""));          // == ['']
  EXPECT_THAT(SplitLines("a"), ElementsAre("a"));          //
  EXPECT_THAT(SplitLines("a\n"), ElementsAre("a"));        // == ['a']
  EXPECT_THAT(SplitLines("a\r\n"), ElementsAre("a"));      // == ['a']
  EXPECT_THAT(SplitLines("a\n\n"), ElementsAre("a", ""));  // == ['a', '']
  EXPECT_THAT(SplitLines("\na"), ElementsAre("", "a"));    // == ['', 'a']
  EXPECT_THAT(SplitLines("a\u2029"), ElementsAre("a"));    // == ['a']
  EXPECT_THAT(SplitLines(" \n "), ElementsAre(" ", " "));  // pieces are not stripped
}

TEST(PythonStrTest, SplitLinesKeepsNonBreakingWhitespaceAndControlsInLines) {
  // "\x1f", "\t" and NBSP are whitespace but not line boundaries.
  EXPECT_THAT(SplitLines("a\x1f"
                         "b\tc\u00a0d"),
              ElementsAre("a\x1f"
                          "b\tc\u00a0d"));
}

TEST(PythonStrTest, SplitLinesOnInvalidUtf8NeverBreaksOnLooseBytes) {
  // A lone 0x85 byte is not U+0085 (which is C2 85 in UTF-8); a truncated U+2028 is no break.
  EXPECT_THAT(SplitLines("a\x85"
                         "b"),
              ElementsAre("a\x85"
                          "b"));
  EXPECT_THAT(SplitLines("a\xe2\x80"), ElementsAre("a\xe2\x80"));
  EXPECT_THAT(SplitLines("\xff\n\xfe"), ElementsAre("\xff", "\xfe"));
  EXPECT_THAT(SplitLines("\xc2"), ElementsAre("\xc2"));
}

// --- strip ------------------------------------------------------------------------------------

TEST(PythonStrTest, StripRemovesUnicodeWhitespace) {
  EXPECT_EQ(PythonStrip("  a b  "), "a b");
  EXPECT_EQ(PythonStrip("\u3000a\u3000"), "a");  // ideographic space
  EXPECT_EQ(PythonStrip("\u00a0a\u00a0"), "a");  // no-break space
  EXPECT_EQ(PythonStrip("\x1c"
                        "a\x1f"),
            "a");  // information separators
  EXPECT_EQ(PythonStrip("\xc2\x85"
                        "a\u2028"),
            "a");  // NEL, line separator
  EXPECT_EQ(PythonStrip("\u2000\u200a\u202f\u205f\u1680a\t\n\v\f\r "), "a");
  EXPECT_EQ(PythonStrip("\u3000 \u00a0"), "");
  EXPECT_EQ(PythonStrip(""), "");
}

TEST(PythonStrTest, StripKeepsCharactersThatAreNotPythonWhitespace) {
  // Zero width space, BOM, Mongolian vowel separator (not whitespace since Unicode 6.3), and
  // a NUL byte: "\u200ba\u200b".strip() keeps all of them.
  EXPECT_EQ(PythonStrip("\u200ba\u200b"), "\u200ba\u200b");
  EXPECT_EQ(PythonStrip("\ufeffa"), "\ufeffa");
  EXPECT_EQ(PythonStrip("\u180ea\u180e"), "\u180ea\u180e");
  EXPECT_EQ(PythonStrip(std::string_view("\0a\0", 3)), std::string_view("\0a\0", 3));
}

TEST(PythonStrTest, LStripAndRStripWorkOnOneSideOnly) {
  EXPECT_EQ(PythonLStrip("\u3000 a \u3000"), "a \u3000");
  EXPECT_EQ(PythonRStrip("\u3000 a \u3000"), "\u3000 a");
  EXPECT_EQ(PythonRStrip("a\u00a0\u00a0"), "a");
  EXPECT_EQ(PythonLStrip("\n\n"), "");
  EXPECT_EQ(PythonRStrip("\n\n"), "");
}

TEST(PythonStrTest, StripNeverTreatsInvalidBytesAsWhitespace) {
  // Raw 0xA0 / 0x85 bytes are not U+00A0 / U+0085.
  EXPECT_EQ(PythonStrip("\xa0"), "\xa0");
  EXPECT_EQ(PythonStrip(" \x85 "), "\x85");
  EXPECT_EQ(PythonStrip("  \xff  "), "\xff");
  // A truncated U+3000 (E3 80 80) at either end stays.
  EXPECT_EQ(PythonRStrip("a \xe3\x80"), "a \xe3\x80");
  EXPECT_EQ(PythonLStrip("\x80\x80 a"), "\x80\x80 a");
  // Continuation bytes before a real space: only the space goes.
  EXPECT_EQ(PythonRStrip("\x80\x80\x80\x80 "), "\x80\x80\x80\x80");
  EXPECT_EQ(PythonRStrip("\x80\x80\x80\u3000"), "\x80\x80\x80");
}

TEST(PythonStrTest, IsBlank) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n\u3000\u00a0\u2028"));
  EXPECT_FALSE(IsBlank("\u200b"));
  EXPECT_FALSE(IsBlank(" . "));
  EXPECT_FALSE(IsBlank("\xff"));
}

// --- split ------------------------------------------------------------------------------------

TEST(PythonStrTest, SplitWithoutArgumentsOnUnicodeWhitespace) {
  EXPECT_THAT(Split("  a  b\tc\n"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Split("a\u3000b\u00a0c\u2028d\x1f"
                    "e\xc2\x85"
                    "f"),
              ElementsAre("a", "b", "c", "d", "e", "f"));
  EXPECT_THAT(Split("a\u200bb"), ElementsAre("a\u200bb"));  // ZWSP does not separate
  EXPECT_THAT(Split(""), IsEmpty());
  EXPECT_THAT(Split(" \u3000 "), IsEmpty());
  EXPECT_THAT(Split("\xff \xfe"), ElementsAre("\xff", "\xfe"));
  EXPECT_THAT(Split("\xa0"), ElementsAre("\xa0"));  // a raw 0xA0 byte is not NBSP
}

TEST(PythonStrTest, SplitOnSeparatorKeepsEmptyPieces) {
  EXPECT_THAT(SplitOnString("a\n\nb", "\n"), ElementsAre("a", "", "b"));  // "a\n\nb".split("\n")
  EXPECT_THAT(SplitOnString("", "\n"), ElementsAre(""));
  EXPECT_THAT(SplitOnString("\n", "\n"), ElementsAre("", ""));
  EXPECT_THAT(SplitOnString("a\r\nb", "\n"), ElementsAre("a\r", "b"));
  EXPECT_THAT(SplitOnString("a--b----c", "--"), ElementsAre("a", "b", "", "c"));
  EXPECT_THAT(SplitOnString("abc", "x"), ElementsAre("abc"));
}

// --- re.split(r"\n{k,}")
// --------------------------------------------------------------------------

TEST(PythonStrTest, SplitOnNewlineRunsOfTwoOrMore) {
  // re.split(r"\n{2,}", ...)
  EXPECT_THAT(NewlineRuns("a\n\nb", 2), ElementsAre("a", "b"));
  EXPECT_THAT(NewlineRuns("a\n\n\n\nb", 2), ElementsAre("a", "b"));  // greedy
  EXPECT_THAT(NewlineRuns("a\nb", 2), ElementsAre("a\nb"));
  EXPECT_THAT(NewlineRuns("a\nb\n\nc\nd", 2), ElementsAre("a\nb", "c\nd"));
  EXPECT_THAT(NewlineRuns("\n\na\n\n\n", 2), ElementsAre("", "a", ""));
  EXPECT_THAT(NewlineRuns("\n\n", 2), ElementsAre("", ""));
  EXPECT_THAT(NewlineRuns("\n", 2), ElementsAre("\n"));
  EXPECT_THAT(NewlineRuns("", 2), ElementsAre(""));
  EXPECT_THAT(NewlineRuns("a\r\n\r\nb", 2), ElementsAre("a\r\n\r\nb"));  // \r breaks the run
  EXPECT_THAT(NewlineRuns("a\n \nb", 2), ElementsAre("a\n \nb"));
}

TEST(PythonStrTest, SplitOnNewlineRunsOfOneOrMore) {
  // re.split(r"\n+", ...)
  EXPECT_THAT(NewlineRuns("a\nb\n\n\nc", 1), ElementsAre("a", "b", "c"));
  EXPECT_THAT(NewlineRuns("\na\n", 1), ElementsAre("", "a", ""));
  EXPECT_THAT(NewlineRuns("\n\n\n", 1), ElementsAre("", ""));
  EXPECT_THAT(NewlineRuns("", 1), ElementsAre(""));
  EXPECT_THAT(NewlineRuns("a\rb\u2028c", 1), ElementsAre("a\rb\u2028c"));  // only \n splits
}

TEST(PythonStrTest, SplitOnNewlineRunsOfThreeOrMore) {
  EXPECT_THAT(NewlineRuns("a\n\nb\n\n\nc", 3), ElementsAre("a\n\nb", "c"));
}

// --- count ------------------------------------------------------------------------------------

TEST(PythonStrTest, CountOccurrencesIsNonOverlapping) {
  EXPECT_EQ(CountOccurrences("aaaa", "aa"), 2u);     // "aaaa".count("aa")
  EXPECT_EQ(CountOccurrences("aaa", "aa"), 1u);      //
  EXPECT_EQ(CountOccurrences("......", "..."), 2u);  //
  EXPECT_EQ(CountOccurrences(".....", "..."), 1u);   //
  EXPECT_EQ(CountOccurrences("a#b##", "#"), 3u);     //
  EXPECT_EQ(CountOccurrences("", "#"), 0u);          //
  EXPECT_EQ(CountOccurrences("abc", "abcd"), 0u);    //
  EXPECT_EQ(CountOccurrences("\u2026\u2026x\u2026", "\u2026"), 3u);
  EXPECT_EQ(CountOccurrences("a\nb\n\n", "\n"), 3u);
}

TEST(PythonStrTest, CountOccurrencesOnInvalidUtf8) {
  EXPECT_EQ(CountOccurrences("\xff#\xfe#", "#"), 2u);
  // "…" is E2 80 A6: a truncated copy is not an occurrence.
  EXPECT_EQ(CountOccurrences("\xe2\x80 \xe2\x80\xa6", "\u2026"), 1u);
}

// --- robustness
// -----------------------------------------------------------------------------------

TEST(PythonStrTest, EveryFunctionSurvivesEveryByte) {
  // All 256 byte values, and every byte pair, through every function: nothing may crash or loop.
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  std::vector<std::string_view> pieces;
  for (size_t start = 0; start < all.size(); ++start) {
    for (size_t length : {1u, 2u, 3u, 4u, 7u}) {
      std::string_view text = std::string_view(all).substr(start, length);
      std::string mixed = std::string(text) + " \u3000" + std::string(text) + "\n\n";
      for (std::string_view t : {text, std::string_view(mixed)}) {
        (void)HasPythonAlpha(t);
        std::string_view stripped = PythonStrip(t);
        EXPECT_LE(stripped.size(), t.size());
        EXPECT_LE(PythonLStrip(t).size(), t.size());
        EXPECT_LE(PythonRStrip(t).size(), t.size());
        (void)IsBlank(t);
        PythonSplitLines(t, &pieces);
        PythonSplitWhitespace(t, &pieces);
        SplitOn(t, "\n", &pieces);
        SplitOnNewlineRuns(t, 1, &pieces);
        SplitOnNewlineRuns(t, 2, &pieces);
        (void)CountOccurrences(t, "\xe2\x80\xa6");
      }
    }
  }
  // The pieces of splitlines() and split() are views into the text.
  std::string text = "\xff\xc2\n\xe2\x80\xa8 \xf0\x9f";
  PythonSplitLines(text, &pieces);
  for (std::string_view piece : pieces) {
    EXPECT_GE(piece.data(), text.data());
    EXPECT_LE(piece.data() + piece.size(), text.data() + text.size());
  }
}

}  // namespace
}  // namespace winnow
