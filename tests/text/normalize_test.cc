// Text normalisation for dedup keys (raw, simple, datatrove's simplify_text) and the punctuation
// sets it shares with the quality filters. Expected kMinHash strings come from a Python reference
// of datatrove's simplify_text (lower, \p{Nd} regex, punctuation set -> " ", \s+ -> " ", NFD minus
// Mn, strip).

#include "winnow/text/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "winnow/common/utf8.h"
#include "winnow/text/punctuation.h"

namespace winnow {
namespace {

std::string Norm(std::string_view text, TextNormalization normalization) {
  std::string out = "stale contents that must be cleared";
  NormalizeText(text, normalization, &out);
  return out;
}

std::string MinHash(std::string_view text) { return Norm(text, TextNormalization::kMinHash); }
std::string Simple(std::string_view text) { return Norm(text, TextNormalization::kSimple); }
std::string Raw(std::string_view text) { return Norm(text, TextNormalization::kRaw); }

// ---------------------------------------------------------------------------------------------
// kRaw

TEST(NormalizeRaw, ReturnsTheBytesUnchanged) {
  EXPECT_EQ(Raw("  Hello,  WORLD 3.14 café\t"), "  Hello,  WORLD 3.14 café\t");
  EXPECT_EQ(Raw(""), "");
  const std::string invalid = "a\xff\xfe b";
  EXPECT_EQ(Raw(invalid), invalid);  // raw does not even repair UTF-8
}

// ---------------------------------------------------------------------------------------------
// kMinHash: digits

TEST(NormalizeMinHash, DigitRunsBecomeOneZero) {
  EXPECT_EQ(MinHash("7"), "0");
  EXPECT_EQ(MinHash("12345"), "0");
  EXPECT_EQ(MinHash("in 2024 we had 17 cats"), "in 0 we had 0 cats");
  EXPECT_EQ(MinHash("a1b22c333"), "a0b0c0");  // digits glued to letters stay glued
}

TEST(NormalizeMinHash, DecimalSeparatorJoinsOnlyOneFollowingDigitRun) {
  // \p{Nd}+([.,،٫⎖⎗⎘]\p{Nd}+)? applied left to right: "1,000" is one number, ",000" the next
  // separator (punctuation -> space) and number.
  EXPECT_EQ(MinHash("3.14"), "0");
  EXPECT_EQ(MinHash("1,000"), "0");
  EXPECT_EQ(MinHash("1,000,000"), "0 0");
  EXPECT_EQ(MinHash("1.2.3"), "0 0");
  EXPECT_EQ(MinHash("3.14 and 1,000,000 items"), "0 and 0 0 items");
  // A separator with no digit after it is plain punctuation.
  EXPECT_EQ(MinHash("5."), "0");
  EXPECT_EQ(MinHash("5.x"), "0 x");
  EXPECT_EQ(MinHash("5,,6"), "0 0");
  // The non-ASCII separators of the set: Arabic comma and decimal separator, APL ⎖.
  EXPECT_EQ(MinHash("1\u060C5"), "0");
  EXPECT_EQ(MinHash("1\u066B5"), "0");
  EXPECT_EQ(MinHash("1\u23965"), "0");
  // Not a number separator: the digits on each side are two numbers.
  EXPECT_EQ(MinHash("1;5"), "0 0");
  EXPECT_EQ(MinHash("1-5"), "0 0");
}

TEST(NormalizeMinHash, NonAsciiDecimalDigitsAreDigits) {
  // Arabic-Indic ٣٫١٤ (with the Arabic decimal separator) and full-width １２３ are \p{Nd}.
  EXPECT_EQ(MinHash("\u0663\u066B\u0661\u0664 and \uFF11\uFF12\uFF13"), "0 and 0");
  EXPECT_EQ(MinHash("x\u0966\u0967y"), "x0y");  // Devanagari digits
  EXPECT_EQ(MinHash("1\uFF12\u06633"), "0");    // a mixed run is still one run
  // Superscripts and fractions are No, not Nd: they stay.
  EXPECT_EQ(MinHash("\u00BD \u00B2 \u00B3"), "\u00BD \u00B2 \u00B3");
}

// ---------------------------------------------------------------------------------------------
// kMinHash: punctuation and whitespace

TEST(NormalizeMinHash, AsciiPunctuationSeparatesWords) {
  EXPECT_EQ(MinHash("Hello, World!"), "hello world");
  EXPECT_EQ(MinHash("don't stop-me now"), "don t stop me now");
  EXPECT_EQ(MinHash("a.b,c;d:e!f?g(h)i[j]k{l}m<n>o/p\\q|r\"s'u`v~w@x#y$z%a^b&c*d_e+f=g"),
            "a b c d e f g h i j k l m n o p q r s u v w x y z a b c d e f g");
  EXPECT_EQ(MinHash("!!!...???"), "");
  EXPECT_EQ(MinHash("...word..."), "word");
}

TEST(NormalizeMinHash, CjkAndFullWidthPunctuationSeparatesWords) {
  EXPECT_EQ(MinHash("你好，世界。「引用」"), "你好 世界 引用");
  EXPECT_EQ(MinHash("甲、乙《丙》【丁】（戊）！己？庚：辛；壬"), "甲 乙 丙 丁 戊 己 庚 辛 壬");
  EXPECT_EQ(MinHash("x\u2014y\u2013z\u2026w"), "x y z w");  // dashes, ellipsis
  EXPECT_EQ(MinHash("\u201Cquoted\u201D \u00ABguillemets\u00BB"), "quoted guillemets");
}

TEST(NormalizeMinHash, ControlCharactersSeparateWords) {
  EXPECT_EQ(MinHash(std::string("a\x01"
                                "b\x7f"
                                "c",
                                5)),
            "a b c");
  EXPECT_EQ(MinHash(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(MinHash("a\u0085b\u0090c\u009Fd"), "a b c d");  // C1 controls
}

TEST(NormalizeMinHash, WhitespaceRunsCollapseAndEndsAreStripped) {
  EXPECT_EQ(MinHash("  a   b\t\tc\n\nd\r\ne  "), "a b c d e");
  // No-break space, ideographic space, information separators (Python's isspace).
  EXPECT_EQ(MinHash("a\u00A0\u00A0b\u3000c\x1c"
                    "d\x1f"
                    "e\u2003f\u2028g"),
            "a b c d e f g");
  EXPECT_EQ(MinHash("\u3000\u00A0word\u3000"), "word");
  // Punctuation next to whitespace still leaves one space.
  EXPECT_EQ(MinHash("a , . ; b"), "a b");
}

TEST(NormalizeMinHash, EmptyAndWhitespaceOnlyInputGiveEmptyText) {
  EXPECT_EQ(MinHash(""), "");
  EXPECT_EQ(MinHash("  \t\n "), "");
  EXPECT_EQ(MinHash("\u3000\u00A0\x1c"), "");
  EXPECT_EQ(MinHash(" , ; "), "");
}

// ---------------------------------------------------------------------------------------------
// kMinHash: case and diacritics

TEST(NormalizeMinHash, DiacriticsAreDropped) {
  EXPECT_EQ(MinHash("café naïve"), "cafe naive");
  EXPECT_EQ(MinHash("Ünïcödé ÅNGSTRÖM"), "unicode angstrom");
  EXPECT_EQ(MinHash("e\u0301cole"), "ecole");  // already decomposed
  EXPECT_EQ(MinHash("\u0130stanbul"), "istanbul");
  EXPECT_EQ(MinHash("Crème Brûlée"), MinHash("creme brulee"));
}

TEST(NormalizeMinHash, NfdDecomposesHangulLikePython) {
  // unicodedata.normalize("NFD", "한국어"): conjoining jamo, which are letters (Lo), not marks.
  EXPECT_EQ(MinHash("한국어"), "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165");
}

TEST(NormalizeMinHash, NonAsciiUppercaseIsLowercased) {
  EXPECT_EQ(MinHash("ÉCOLE"), "ecole");
  EXPECT_EQ(MinHash("ПРИВЕТ Мир"), "привет мир");
  EXPECT_EQ(MinHash("\u01C5emal"), "\u01C6emal");  // title-case ǅ -> ǆ
  EXPECT_EQ(MinHash("\uFB01ne"), "\uFB01ne");      // NFD leaves the ﬁ ligature (no NFKD)
}

TEST(NormalizeMinHash, GreekCapitalSigmaBecomesFinalSigmaAtWordEnd) {
  EXPECT_EQ(MinHash("ΟΔΟΣ"), "οδος");                   // ς (U+03C2) at the end
  EXPECT_EQ(MinHash("ΟΔΟΣ ΣΑ ΟΔΟΣ."), "οδος σα οδος");  // σ at a word start
  EXPECT_EQ(MinHash("ΣΟΦΟΣ"), "σοφος");                 // σ first, ς last
  EXPECT_EQ(MinHash("ΑΣΑ"), "ασα");                     // σ inside
  EXPECT_EQ(MinHash("Σ"), "σ");                         // no cased letter before
  // Lower- and upper-case spellings of a word normalise to the same text.
  EXPECT_EQ(MinHash("ΟΔΟΣ"), MinHash("οδος"));
}

TEST(NormalizeMinHash, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(MinHash("ab\xff"
                    "cd"),
            "ab\uFFFDcd");
  EXPECT_EQ(MinHash("\xc3"), "\uFFFD");                      // truncated two-byte sequence
  EXPECT_EQ(MinHash("x \xe2\x82"), "x \uFFFD\uFFFD");        // truncated three-byte: one per byte
  EXPECT_EQ(MinHash("\xc0\xaf"), "\uFFFD\uFFFD");            // overlong '/'
  EXPECT_EQ(MinHash("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  // Bad bytes next to a capital sigma or a digit do not trip the look-around.
  EXPECT_EQ(MinHash("\x80\u03A3\x80"), "\uFFFD\u03C3\uFFFD");
  EXPECT_EQ(MinHash("1.\xff"), "0 \uFFFD");
  EXPECT_EQ(MinHash("\xff"
                    "1"),
            "\uFFFD0");
}

TEST(NormalizeMinHash, OutputIsSingleSpacedWords) {
  const std::string out = MinHash(" ¡Hola!  ¿Qué tal?\t—\u00A0bien, 100% «sí» ");
  EXPECT_EQ(out.find("  "), std::string::npos) << out;
  ASSERT_FALSE(out.empty());
  EXPECT_NE(out.front(), ' ');
  EXPECT_NE(out.back(), ' ');
}

TEST(NormalizeMinHash, MatchesDatatroveOnAMixedSentence) {
  // Python: simplify_text("The CAFÉ's 2 menus (v1.5) cost €3,50 — 10% off!!")
  EXPECT_EQ(MinHash("The CAFÉ's 2 menus (v1.5) cost €3,50 — 10% off!!"),
            "the cafe s 0 menus v0 cost €0 0 off");
}

// ---------------------------------------------------------------------------------------------
// kSimple

TEST(NormalizeSimple, KeepsPunctuationAndDigits) {
  EXPECT_EQ(Simple("Hello, World! 3.14 1,000,000"), "hello, world! 3.14 1,000,000");
  EXPECT_EQ(Simple("你好，世界。"), "你好，世界。");
}

TEST(NormalizeSimple, ComposesToNfcAndLowercases) {
  EXPECT_EQ(Simple("e\u0301"), "\u00E9");
  EXPECT_EQ(Simple("E\u0301COLE"), "\u00E9cole");
  EXPECT_EQ(Simple("CAFÉ"), "café");
  EXPECT_EQ(Simple("Cafe\u0301"), Simple("CAFÉ"));
  EXPECT_EQ(Simple("ПРИВЕТ"), "привет");
  // Diacritics are kept (only kMinHash drops them).
  EXPECT_EQ(Simple("naïve"), "naïve");
}

TEST(NormalizeSimple, CollapsesWhitespaceRunsAndStrips) {
  EXPECT_EQ(Simple("  A\t\tB\n\nC\u00A0\u3000D  "), "a b c d");
  EXPECT_EQ(Simple(""), "");
  EXPECT_EQ(Simple(" \t\n\u3000 "), "");
}

TEST(NormalizeSimple, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Simple("AB\xff"
                   "C"),
            "ab\uFFFDc");
  EXPECT_EQ(Simple("\xc3"), "\uFFFD");
}

// One invalid byte does not stop NFC composition of the rest of the text.
TEST(NormalizeSimple, ComposesTheValidPartsOfTextWithInvalidBytes) {
  EXPECT_EQ(Simple("e\u0301\xff"), "\u00E9\uFFFD");
}

// kSimple applies Python's Final_Sigma rule too, so case-only Greek copies get one key.
TEST(NormalizeSimple, CaseOnlyGreekCopiesGiveTheSameKey) {
  EXPECT_EQ(Simple("ΟΔΟΣ"), Simple("οδος"));
  EXPECT_EQ(Simple("ΟΔΟΣ"), "οδος");
}

// ---------------------------------------------------------------------------------------------
// Parsing names

TEST(NormalizeParseName, NamesAndAliases) {
  struct Case {
    const char* name;
    TextNormalization expected;
  };
  for (const Case& c :
       {Case{"raw", TextNormalization::kRaw}, Case{"none", TextNormalization::kRaw},
        Case{"simple", TextNormalization::kSimple}, Case{"nfc", TextNormalization::kSimple},
        Case{"minhash", TextNormalization::kMinHash},
        Case{"datatrove", TextNormalization::kMinHash}}) {
    auto parsed = ParseTextNormalization(c.name);
    ASSERT_TRUE(parsed.has_value()) << c.name;
    EXPECT_EQ(*parsed, c.expected) << c.name;
  }
  EXPECT_EQ(TextNormalizationName(TextNormalization::kRaw), "raw");
  EXPECT_EQ(TextNormalizationName(TextNormalization::kSimple), "simple");
  EXPECT_EQ(TextNormalizationName(TextNormalization::kMinHash), "minhash");
}

TEST(NormalizeParseName, NamesRoundTrip) {
  for (auto n :
       {TextNormalization::kRaw, TextNormalization::kSimple, TextNormalization::kMinHash}) {
    auto parsed = ParseTextNormalization(TextNormalizationName(n));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, n);
  }
}

TEST(NormalizeParseName, UnknownNameIsAnErrorThatNamesItAndTheChoices) {
  for (const char* name : {"lower", "", "MinHash", "RAW"}) {
    auto parsed = ParseTextNormalization(name);
    ASSERT_FALSE(parsed.has_value()) << name;
    const std::string& message = parsed.error().message();
    EXPECT_NE(message.find(std::string("\"") + name + "\""), std::string::npos) << message;
    EXPECT_NE(message.find("raw"), std::string::npos) << message;
    EXPECT_NE(message.find("simple"), std::string::npos) << message;
    EXPECT_NE(message.find("minhash"), std::string::npos) << message;
  }
}

// ---------------------------------------------------------------------------------------------
// Punctuation sets

TEST(NormalizePunctuation, SpotChecks) {
  // '!' is both punctuation and a sentence terminator; ',' only punctuation.
  EXPECT_TRUE(IsPunctuation('!'));
  EXPECT_TRUE(IsTerminalPunctuation('!'));
  EXPECT_TRUE(IsPunctuation(','));
  EXPECT_FALSE(IsTerminalPunctuation(','));
  EXPECT_TRUE(IsTerminalPunctuation('.'));
  EXPECT_TRUE(IsTerminalPunctuation('?'));
  // CJK: '。' terminal, '，' and '、' and the corner brackets only punctuation.
  EXPECT_TRUE(IsPunctuation(0x3002));
  EXPECT_TRUE(IsTerminalPunctuation(0x3002));
  for (uint32_t cp : {0xFF0Cu, 0x3001u, 0x300Cu, 0x300Du}) {
    EXPECT_TRUE(IsPunctuation(cp)) << std::hex << cp;
    EXPECT_FALSE(IsTerminalPunctuation(cp)) << std::hex << cp;
  }
  EXPECT_TRUE(IsTerminalPunctuation(0xFF01));  // ！
  EXPECT_TRUE(IsTerminalPunctuation(0xFF1F));  // ？
  EXPECT_TRUE(IsTerminalPunctuation(0x0964));  // Devanagari danda
  // Controls are punctuation, except tab and newline (those are whitespace).
  EXPECT_TRUE(IsPunctuation(0x00));
  EXPECT_TRUE(IsPunctuation(0x1B));
  EXPECT_TRUE(IsPunctuation(0x7F));
  EXPECT_TRUE(IsPunctuation(0x85));
  EXPECT_TRUE(IsPunctuation(0x9F));
  EXPECT_FALSE(IsPunctuation('\t'));
  EXPECT_FALSE(IsPunctuation('\n'));
  // Letters, digits, space and no-break space are not.
  for (uint32_t cp : {uint32_t{'a'}, uint32_t{'Z'}, uint32_t{'0'}, uint32_t{' '}, 0xA0u, 0xE9u,
                      0x4F60u, 0x1F600u}) {
    EXPECT_FALSE(IsPunctuation(cp)) << std::hex << cp;
    EXPECT_FALSE(IsTerminalPunctuation(cp)) << std::hex << cp;
  }
  // The largest member, and out-of-range code points.
  EXPECT_TRUE(IsPunctuation(0x1DA88));
  EXPECT_TRUE(IsTerminalPunctuation(0x1DA88));
  EXPECT_FALSE(IsPunctuation(0x110000));
  EXPECT_FALSE(IsTerminalPunctuation(0xFFFFFFFF));
}

TEST(NormalizePunctuation, SetSizesAndTerminalsAreASubset) {
  size_t punctuation = 0, terminal = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const bool p = IsPunctuation(cp);
    const bool t = IsTerminalPunctuation(cp);
    punctuation += p;
    terminal += t;
    if (t) {
      EXPECT_TRUE(p) << "terminal but not punctuation: " << std::hex << cp;
    }
  }
  EXPECT_EQ(punctuation, 281u);
  EXPECT_EQ(terminal, 159u);
}

TEST(NormalizeIsPythonSpace, MatchesStrIsspace) {
  for (uint32_t cp :
       {0x09u, 0x0Au, 0x0Bu,   0x0Cu,   0x0Du,   0x1Cu,   0x1Du,   0x1Eu,   0x1Fu,   0x20u,
        0x85u, 0xA0u, 0x1680u, 0x2000u, 0x200Au, 0x2028u, 0x2029u, 0x202Fu, 0x205Fu, 0x3000u}) {
    EXPECT_TRUE(IsPythonSpace(cp)) << std::hex << cp;
  }
  for (uint32_t cp : {0x00u, 0x08u, 0x0Eu, 0x1Bu, 0x21u, 0x61u, 0x200Bu, 0xFEFFu, 0x180Eu}) {
    EXPECT_FALSE(IsPythonSpace(cp)) << std::hex << cp;
  }
}

}  // namespace
}  // namespace winnow
