#include "winnow/agreement/rating_value.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>

#include "winnow/agreement/preference.h"
#include "winnow/agreement/rating_scale.h"

namespace winnow {
namespace {

// Parses `json` (a value) and reads it as a numeric rating.
RatingRead Numeric(const std::string& json) {
  static simdjson::dom::parser parser;
  simdjson::dom::element element = parser.parse(json).value();
  return ReadNumericRating(&element);
}

RatingRead Verdict(const std::string& json) {
  static simdjson::dom::parser parser;
  simdjson::dom::element element = parser.parse(json).value();
  return ReadPreferenceRating(&element);
}

TEST(ReadNumericRating, NumbersAndNumericStrings) {
  EXPECT_EQ(Numeric("4").value, 4);
  EXPECT_EQ(Numeric("4.5").value, 4.5);
  EXPECT_EQ(Numeric("-2").value, -2);
  EXPECT_EQ(Numeric("\"3\"").value, 3);
  EXPECT_TRUE(Numeric("\" 3.5 \"").ok());
  EXPECT_EQ(Numeric("\" 3.5 \"").value, 3.5);
}

TEST(ReadNumericRating, MissingIsNeverZero) {
  EXPECT_EQ(ReadNumericRating(nullptr).fault, RatingFault::kMissing);
  EXPECT_EQ(Numeric("null").fault, RatingFault::kMissing);
  EXPECT_EQ(Numeric("\"\"").fault, RatingFault::kMissing);
  EXPECT_EQ(Numeric("\"  \"").fault, RatingFault::kMissing);
}

TEST(ReadNumericRating, WordsAndOtherTypesAreNotNumbers) {
  for (const char* json :
       {"\"four\"", "\"4/5\"", "\"4 stars\"", "\"NaN\"", "\"inf\"", "true", "[4]", "{\"v\":4}"}) {
    const RatingRead read = Numeric(json);
    EXPECT_EQ(read.fault, RatingFault::kNotNumeric) << json;
    EXPECT_FALSE(read.shown.empty()) << json;
  }
  EXPECT_EQ(Numeric("\"four\"").shown, "\"four\"");
  EXPECT_EQ(RatingFaultName(RatingFault::kNotNumeric), "not_a_number");
}

TEST(ReadPreferenceRating, Spellings) {
  EXPECT_EQ(Verdict("\"A\"").value, static_cast<double>(Preference::kA));
  EXPECT_EQ(Verdict("\"model_b\"").value, static_cast<double>(Preference::kB));
  EXPECT_EQ(Verdict("\" Tie \"").value, static_cast<double>(Preference::kTie));
  EXPECT_EQ(Verdict("\"tie (bothbad)\"").value, static_cast<double>(Preference::kTie));
  EXPECT_EQ(Verdict("\"C\"").fault, RatingFault::kNotPreference);
  EXPECT_EQ(Verdict("1").fault, RatingFault::kNotPreference);  // 1 could mean A or "better"
  EXPECT_EQ(Verdict("null").fault, RatingFault::kMissing);
  EXPECT_EQ(PreferenceName(Preference::kTie), "tie");
}

TEST(RatingScale, Parses) {
  auto scale = ParseRatingScale("1-5");
  ASSERT_TRUE(scale.has_value());
  EXPECT_EQ(scale->min, 1);
  EXPECT_EQ(scale->max, 5);
  EXPECT_TRUE(scale->Contains(5));
  EXPECT_FALSE(scale->Contains(5.5));
  EXPECT_FALSE(scale->Contains(0));
  auto negative = ParseRatingScale("-2-2");
  ASSERT_TRUE(negative.has_value());
  EXPECT_EQ(negative->min, -2);
  EXPECT_EQ(negative->max, 2);
  EXPECT_EQ(ParseRatingScale("0.5-10")->min, 0.5);
  EXPECT_TRUE(RatingScale{}.Contains(1e9));  // undeclared: anything goes
}

TEST(RatingScale, RejectsNonsense) {
  for (const char* text : {"5", "1-", "-5", "a-b", "5-1", "3-3", "1-5x", ""}) {
    auto scale = ParseRatingScale(text);
    ASSERT_FALSE(scale.has_value()) << text;
    EXPECT_EQ(scale.error().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(scale.error().message().find("--scale"), std::string::npos);
  }
}

TEST(RatingScale, CategoriesCoverTheDeclaredScale) {
  const RatingScale scale = *ParseRatingScale("1-5");
  const std::vector<double> judge = {2, 3}, human = {3, 3};
  EXPECT_EQ(RatingCategories(scale, judge, human), (std::vector<double>{1, 2, 3, 4, 5}));
  // Undeclared, or a half point somewhere: the values seen.
  EXPECT_EQ(RatingCategories(RatingScale{}, judge, human), (std::vector<double>{2, 3}));
  const std::vector<double> halves = {2.5, 3};
  EXPECT_EQ(RatingCategories(scale, halves, human), (std::vector<double>{2.5, 3}));
}

}  // namespace
}  // namespace winnow
