// KeepPolicy: parsing the --keep spec and ranking records (lower rank wins; missing or
// non-numeric values rank after every record that has one).

#include "winnow/dedup/keep_policy.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <string>
#include <string_view>

namespace winnow {
namespace {

class KeepPolicyTest : public ::testing::Test {
 protected:
  Record Parsed(std::string_view json) {
    Record record = Record::Owned(json, RecordOrigin{});
    Status status = record.Parse(parser_);
    EXPECT_TRUE(status.ok()) << status.message();
    return record;
  }
  double Rank(std::string_view spec, std::string_view json, std::string_view key_text = "") {
    auto policy = KeepPolicy::Parse(spec);
    EXPECT_TRUE(policy.has_value()) << spec;
    if (!policy) return std::nan("");
    Record record = Parsed(json);
    return policy->Rank(record, key_text);
  }

  simdjson::dom::parser parser_;
};

TEST(KeepPolicyParse, SimplePolicies) {
  struct Case {
    const char* spec;
    KeepPolicy::Kind kind;
    bool reads_fields;
  };
  for (const Case& c : {Case{"first", KeepPolicy::Kind::kFirst, false},
                        Case{"longest", KeepPolicy::Kind::kLongest, false},
                        Case{"shortest", KeepPolicy::Kind::kShortest, false},
                        Case{"max:score", KeepPolicy::Kind::kMax, true},
                        Case{"min:meta.rank", KeepPolicy::Kind::kMin, true},
                        Case{"priority:source=a,b", KeepPolicy::Kind::kPriority, true},
                        Case{"priority:source=only", KeepPolicy::Kind::kPriority, true}}) {
    auto policy = KeepPolicy::Parse(c.spec);
    ASSERT_TRUE(policy.has_value()) << c.spec << ": " << policy.error().message();
    EXPECT_EQ(policy->kind(), c.kind) << c.spec;
    EXPECT_EQ(policy->reads_fields(), c.reads_fields) << c.spec;
    EXPECT_EQ(policy->spec(), c.spec);
  }
}

TEST(KeepPolicyParse, DefaultIsFirst) {
  KeepPolicy policy;
  EXPECT_EQ(policy.kind(), KeepPolicy::Kind::kFirst);
  EXPECT_EQ(policy.spec(), "first");
  EXPECT_FALSE(policy.reads_fields());
}

TEST(KeepPolicyParse, ErrorsNameTheSpecAndTheProblem) {
  struct Case {
    const char* spec;
    const char* why;
  };
  for (const Case& c : {Case{"last", "unknown policy"}, Case{"", "unknown policy"},
                        Case{"Longest", "unknown policy"}, Case{"avg:score", "unknown policy"},
                        Case{"max", "no field"}, Case{"max:", "no field"}, Case{"min:", "no field"},
                        Case{"priority:source", "FIELD=value"}, Case{"priority:source=", "empty"},
                        Case{"priority:=a,b", "no field"}, Case{"max:a..b", "bad keep policy"}}) {
    auto policy = KeepPolicy::Parse(c.spec);
    ASSERT_FALSE(policy.has_value()) << "\"" << c.spec << "\" should not parse";
    const std::string& message = policy.error().message();
    EXPECT_EQ(policy.error().code(), StatusCode::kInvalidArgument) << message;
    EXPECT_NE(message.find("\"" + std::string(c.spec) + "\""), std::string::npos) << message;
    EXPECT_NE(message.find(c.why), std::string::npos) << c.spec << ": " << message;
    // The usage lists what is accepted.
    EXPECT_NE(message.find("longest"), std::string::npos) << message;
  }
}

TEST_F(KeepPolicyTest, FirstRanksEveryRecordTheSame) {
  EXPECT_EQ(Rank("first", R"({"text":"a"})", "a"), Rank("first", R"({"text":"abc"})", "abc"));
}

TEST_F(KeepPolicyTest, LongestAndShortestCountCodePointsOfTheKeyText) {
  EXPECT_LT(Rank("longest", "{}", "abcd"), Rank("longest", "{}", "abc"));
  EXPECT_GT(Rank("shortest", "{}", "abcd"), Rank("shortest", "{}", "abc"));
  // Code points, not bytes: "ééé" (6 bytes) is shorter than "abcd".
  EXPECT_GT(Rank("longest", "{}", "ééé"), Rank("longest", "{}", "abcd"));
  EXPECT_EQ(Rank("longest", "{}", "ééé"), -3.0);
  EXPECT_EQ(Rank("shortest", "{}", "日本語テ"), 4.0);
  // The key text decides, not the record.
  EXPECT_EQ(Rank("longest", R"({"text":"a much longer text"})", "ab"), -2.0);
}

TEST_F(KeepPolicyTest, MaxAndMinRankByANumericField) {
  EXPECT_LT(Rank("max:score", R"({"score":9})"), Rank("max:score", R"({"score":3})"));
  EXPECT_GT(Rank("min:score", R"({"score":9})"), Rank("min:score", R"({"score":3})"));
  EXPECT_EQ(Rank("max:score", R"({"score":2.5})"), -2.5);
  EXPECT_EQ(Rank("min:score", R"({"score":-4})"), -4.0);
  EXPECT_EQ(Rank("max:score", R"({"score":18446744073709551615})"), -18446744073709551615.0);
  EXPECT_EQ(Rank("min:meta.judge.score", R"({"meta":{"judge":{"score":0.25}}})"), 0.25);
}

TEST_F(KeepPolicyTest, NumericStringsParse) {
  EXPECT_EQ(Rank("max:score", R"({"score":"7.5"})"), -7.5);
  EXPECT_EQ(Rank("min:score", R"({"score":"-3"})"), -3.0);
  EXPECT_EQ(Rank("min:score", R"({"score":"1e3"})"), 1000.0);
}

TEST_F(KeepPolicyTest, MissingOrNonNumericRanksLast) {
  for (const char* json :
       {R"({})", R"({"score":null})", R"({"score":"high"})", R"({"score":"7 points"})",
        R"({"score":" 7"})", R"({"score":""})", R"({"score":true})", R"({"score":[1]})",
        R"({"score":{"v":1}})", R"({"other":1})"}) {
    EXPECT_EQ(Rank("max:score", json), KeepPolicy::kMissing) << json;
    EXPECT_EQ(Rank("min:score", json), KeepPolicy::kMissing) << json;
  }
  EXPECT_TRUE(std::isinf(KeepPolicy::kMissing));
  EXPECT_GT(KeepPolicy::kMissing, 0);
  // Any real value beats a missing one, for max and min alike.
  EXPECT_LT(Rank("max:score", R"({"score":-1e300})"), KeepPolicy::kMissing);
  EXPECT_LT(Rank("min:score", R"({"score":1e300})"), KeepPolicy::kMissing);
}

TEST_F(KeepPolicyTest, PriorityOrderThenUnlistedThenMissing) {
  const char* spec = "priority:source=wiki,books,web";
  const double wiki = Rank(spec, R"({"source":"wiki"})");
  const double books = Rank(spec, R"({"source":"books"})");
  const double web = Rank(spec, R"({"source":"web"})");
  const double unlisted = Rank(spec, R"({"source":"forum"})");
  const double missing = Rank(spec, R"({"text":"no source"})");
  const double null_value = Rank(spec, R"({"source":null})");
  EXPECT_EQ(wiki, 0.0);
  EXPECT_EQ(books, 1.0);
  EXPECT_EQ(web, 2.0);
  EXPECT_EQ(unlisted, 3.0);
  EXPECT_EQ(missing, KeepPolicy::kMissing);
  EXPECT_EQ(null_value, KeepPolicy::kMissing);
  EXPECT_LT(wiki, books);
  EXPECT_LT(web, unlisted);
  EXPECT_LT(unlisted, missing);
  // Matching is exact (case-sensitive).
  EXPECT_EQ(Rank(spec, R"({"source":"Wiki"})"), 3.0);
}

TEST_F(KeepPolicyTest, PriorityMatchesNonStringValuesByTheirJsonText) {
  EXPECT_EQ(Rank("priority:tier=1,2", R"({"tier":2})"), 1.0);
  EXPECT_EQ(Rank("priority:tier=1,2", R"({"tier":1})"), 0.0);
  EXPECT_EQ(Rank("priority:flag=true,false", R"({"flag":false})"), 1.0);
  EXPECT_EQ(Rank("priority:meta.src=a,b", R"({"meta":{"src":"b"}})"), 1.0);
}

}  // namespace
}  // namespace winnow
