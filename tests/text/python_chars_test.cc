// Python's character classes (re's \w and \d, str.isupper and str.islower) on sample code points;
// the expected values are Python 3.11's.

#include "winnow/text/python_chars.h"

#include <gtest/gtest.h>

#include "winnow/common/utf8.h"

namespace winnow {
namespace {

TEST(PythonCharsTest, WordCharacters) {
  for (uint32_t cp : {uint32_t{'a'}, uint32_t{'Z'}, uint32_t{'0'}, uint32_t{'_'}, 0xE9u, 0x4E2Du,
                      0x0663u, 0x00B2u, 0x2167u, 0x01C5u}) {
    EXPECT_TRUE(IsPythonWordChar(cp)) << cp;  // letters, digits, No (²), Nl (Ⅷ), Lt (ǅ)
  }
  for (uint32_t cp : {uint32_t{' '}, uint32_t{'-'}, uint32_t{'\''}, 0x0301u, 0x00A7u, 0x2019u,
                      0x1F600u, kInvalidCodePoint}) {
    EXPECT_FALSE(IsPythonWordChar(cp)) << cp;  // combining marks are not word characters
  }
}

TEST(PythonCharsTest, Decimals) {
  EXPECT_TRUE(IsPythonDecimal('7'));
  EXPECT_TRUE(IsPythonDecimal(0x0663));   // ARABIC-INDIC DIGIT THREE
  EXPECT_TRUE(IsPythonDecimal(0xFF11));   // FULLWIDTH DIGIT ONE
  EXPECT_FALSE(IsPythonDecimal(0x00B2));  // SUPERSCRIPT TWO: a digit, not a decimal
  EXPECT_FALSE(IsPythonDecimal('a'));
}

TEST(PythonCharsTest, Case) {
  EXPECT_TRUE(IsPythonUpper('A'));
  EXPECT_TRUE(IsPythonUpper(0x24B6));   // CIRCLED LATIN CAPITAL LETTER A (So)
  EXPECT_TRUE(IsPythonUpper(0x2160));   // ROMAN NUMERAL ONE (Nl)
  EXPECT_FALSE(IsPythonUpper(0x01C5));  // titlecase is neither
  EXPECT_FALSE(IsPythonLower(0x01C5));
  EXPECT_TRUE(IsPythonLower('z'));
  EXPECT_TRUE(IsPythonLower(0x00AA));  // FEMININE ORDINAL INDICATOR (Lo)
  EXPECT_TRUE(IsPythonLower(0x02B0));  // MODIFIER LETTER SMALL H (Lm)
  EXPECT_FALSE(IsPythonLower(0x4E2D));
  EXPECT_FALSE(IsPythonUpper(kInvalidCodePoint));
}

}  // namespace
}  // namespace winnow
