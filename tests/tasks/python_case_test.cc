// str.capitalize() and re.IGNORECASE matching; expected strings are Python 3.11's.

#include "winnow/tasks/python_case.h"

#include <gtest/gtest.h>

namespace winnow::tasks {
namespace {

TEST(PythonCapitalize, TitleCasesTheFirstCharacterAndLowersTheRest) {
  EXPECT_EQ(PythonCapitalize("wRITE a STORY about A DOG."), "Write a story about a dog.");
  EXPECT_EQ(PythonCapitalize(""), "");
  EXPECT_EQ(PythonCapitalize("1. list"), "1. list");
  EXPECT_EQ(PythonCapitalize("élan VITAL"), "Élan vital");
}

TEST(PythonCapitalize, SpecialCasings) {
  EXPECT_EQ(PythonCapitalize("ßome WORDS"), "Ssome words");  // title case of ß is "Ss"
  EXPECT_EQ(PythonCapitalize("\xef\xac\x81ne"), "Fine");     // ﬁ ligature
  EXPECT_EQ(PythonCapitalize("Xİ"), "Xi\xcc\x87");           // İ lowers to i + U+0307
  EXPECT_EQ(PythonCapitalize("ǅemal"), "ǅemal");             // a title-case letter stays
  // Final sigma: 'ΣΟΦΟΣ ΣΟΦΟΣ. ΑΣ'.capitalize() == 'Σοφος σοφος. ας'
  EXPECT_EQ(PythonCapitalize("ΣΟΦΟΣ ΣΟΦΟΣ. ΑΣ"), "Σοφος σοφος. ας");
}

TEST(PythonCapitalize, CopiesInvalidBytes) {
  EXPECT_EQ(PythonCapitalize("\xff"
                             "ABC"),
            "\xff"
            "abc");
}

TEST(IgnoreCaseEqual, MatchesAsPythonsReDoes) {
  EXPECT_TRUE(IgnoreCaseEqual('a', 'A'));
  EXPECT_TRUE(IgnoreCaseEqual('i', 0x0131));     // dotless ı
  EXPECT_TRUE(IgnoreCaseEqual('i', 0x0130));     // İ
  EXPECT_TRUE(IgnoreCaseEqual('s', 0x017F));     // long ſ
  EXPECT_TRUE(IgnoreCaseEqual('k', 0x212A));     // Kelvin sign
  EXPECT_TRUE(IgnoreCaseEqual(0x03C3, 0x03C2));  // σ and ς
  EXPECT_FALSE(IgnoreCaseEqual('a', 'b'));
  EXPECT_FALSE(IgnoreCaseEqual('e', 0x00E9));
}

}  // namespace
}  // namespace winnow::tasks
