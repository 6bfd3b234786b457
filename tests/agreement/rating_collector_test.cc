// The reading pass: ratings from the judge rows, missing and non-numeric ratings listed with
// their file:line (never taken as 0), scale errors naming file, line and field, lengths, and the
// join with a separate human file.

#include "winnow/agreement/rating_collector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "agreement/agreement_test_util.h"
#include "winnow/agreement/human_ratings.h"
#include "winnow/agreement/preference.h"

namespace winnow {
namespace {

using agreement_test::RunStep;
using ::testing::HasSubstr;

RatingCollectOptions Options(const std::string& judge = "score",
                             const std::string& human = "gold") {
  RatingCollectOptions options;
  options.judge = RatingSource(*FieldPath::Parse(judge), AnnotationSide::kSuggestion);
  options.human = RatingSource(*FieldPath::Parse(human), AnnotationSide::kResponse);
  return options;
}

TEST(RatingCollector, PairsRatingsAndListsTheUnusable) {
  const std::string source = "judged.jsonl";
  CollectedRatings out;
  RatingCollectOptions options = Options();
  options.id = *FieldPath::Parse("id");
  RatingCollectStep step(std::move(options), nullptr, &out);
  ASSERT_TRUE(RunStep(step, &source,
                      {R"({"id":"a","score":4,"gold":5})", R"({"id":"b","gold":3})",
                       R"({"id":"c","score":"four","gold":3})",
                       R"({"id":"d","score":2,"gold":null})", R"({"id":"e","score":"3","gold":3})"})
                  .ok());
  EXPECT_EQ(out.rows, 5u);
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.items[0].judge, 4);
  EXPECT_EQ(out.items[0].human, 5);
  EXPECT_EQ(out.items[0].where, "judged.jsonl:1");
  EXPECT_EQ(out.items[1].id, "e");
  EXPECT_EQ(out.problems.total(), 3u);
  EXPECT_EQ(out.problems.counts().at("judge.missing"), 1u);
  EXPECT_EQ(out.problems.counts().at("judge.not_a_number"), 1u);
  EXPECT_EQ(out.problems.counts().at("human.missing"), 1u);
  const RatingProblem& missing = out.problems.listed()[0];
  EXPECT_EQ(missing.where, "judged.jsonl:2");
  EXPECT_EQ(missing.id, "b");
  EXPECT_EQ(missing.detail, "field 'score' is missing");
  EXPECT_EQ(out.problems.listed()[1].detail, "field 'score' holds \"four\"");
  EXPECT_EQ(out.problems.listed()[2].where, "judged.jsonl:4");
}

TEST(RatingCollector, ARatingOutsideTheScaleIsAnErrorNamingFileLineAndField) {
  const std::string source = "judged.jsonl";
  CollectedRatings out;
  RatingCollectOptions options = Options();
  options.rules.scale = *ParseRatingScale("1-5");
  RatingCollectStep step(std::move(options), nullptr, &out);
  Status status = RunStep(step, &source, {R"({"score":4,"gold":5})", R"({"score":4,"gold":7})"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(),
            "judged.jsonl:2: human rating 7 in field 'gold' is outside --scale 1-5");
  CollectedRatings judge_out;
  RatingCollectOptions judge_options = Options();
  judge_options.rules.scale = *ParseRatingScale("1-5");
  RatingCollectStep judge_step(std::move(judge_options), nullptr, &judge_out);
  status = RunStep(judge_step, &source, {R"({"score":0,"gold":5})"});
  EXPECT_THAT(status.message(), HasSubstr("judged.jsonl:1: judge rating 0 in field 'score'"));
}

TEST(RatingCollector, AWildcardSelectingSeveralValuesIsAnError) {
  const std::string source = "judged.jsonl";
  CollectedRatings out;
  RatingCollectStep step(Options("scores[*]"), nullptr, &out);
  Status status = RunStep(step, &source, {R"({"scores":[1,2],"gold":5})"});
  EXPECT_THAT(status.message(),
              HasSubstr("judged.jsonl:1: field path 'scores[*]' selects 2 values"));
}

TEST(RatingCollector, LengthsInCharsAndWordsUnknownWhenMissing) {
  const std::string source = "judged.jsonl";
  CollectedRatings out;
  RatingCollectOptions options = Options();
  options.length = *TextView::Parse("answer");
  options.length_unit = LengthUnit::kWords;
  RatingCollectStep step(std::move(options), nullptr, &out);
  ASSERT_TRUE(RunStep(step, &source,
                      {R"({"score":4,"gold":5,"answer":"three short words"})",
                       R"({"score":4,"gold":5})", R"({"score":4,"gold":5,"answer":""})"})
                  .ok());
  ASSERT_EQ(out.items.size(), 3u);
  EXPECT_EQ(out.items[0].length, 3);
  EXPECT_TRUE(std::isnan(out.items[1].length));
  EXPECT_EQ(out.items[2].length, 0);  // present and empty: a real 0
  EXPECT_EQ(out.unknown_lengths, 1u);

  CollectedRatings chars;
  RatingCollectOptions char_options = Options();
  char_options.length = *TextView::Parse("answer");
  RatingCollectStep char_step(std::move(char_options), nullptr, &chars);
  ASSERT_TRUE(RunStep(char_step, &source, {R"({"score":1,"gold":1,"answer":"héllo"})"}).ok());
  EXPECT_EQ(chars.items[0].length, 5);  // code points, not bytes
}

TEST(RatingCollector, PairwiseVerdictsAndAnswerLengths) {
  const std::string source = "pairs.jsonl";
  CollectedRatings out;
  RatingCollectOptions options = Options("judge", "human");
  options.rules.pairwise = true;
  options.answer_a = *TextView::Parse("a");
  options.answer_b = *TextView::Parse("b");
  RatingCollectStep step(std::move(options), nullptr, &out);
  ASSERT_TRUE(RunStep(step, &source,
                      {R"({"judge":"A","human":"tie","a":"long answer","b":"short"})",
                       R"({"judge":"maybe","human":"B","a":"x","b":"y"})"})
                  .ok());
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].judge, static_cast<double>(Preference::kA));
  EXPECT_EQ(out.items[0].human, static_cast<double>(Preference::kTie));
  EXPECT_EQ(out.items[0].length_a, 11);
  EXPECT_EQ(out.items[0].length_b, 5);
  EXPECT_EQ(out.problems.counts().at("judge.not_a_preference"), 1u);
}

// Human ratings joined from another file by id.
struct Joined {
  CollectedRatings out;
  Status human_status;
  Status judge_status;
};

Joined Join(const std::vector<std::string>& human_lines,
            const std::vector<std::string>& judge_lines) {
  static const std::string human_source = "humans.jsonl";
  static const std::string judge_source = "judged.jsonl";
  Joined joined;
  HumanRatingTable table;
  RatingCollectOptions options = Options("score", "rating");
  options.id = *FieldPath::Parse("id");
  HumanRatingsStep human_step(*FieldPath::Parse("id"), options.human, options.rules, &table,
                              &joined.out);
  joined.human_status = RunStep(human_step, &human_source, human_lines);
  if (!joined.human_status.ok()) return joined;
  RatingCollectStep step(std::move(options), &table, &joined.out);
  joined.judge_status = RunStep(step, &judge_source, judge_lines);
  table.LogUnmatched(&joined.out.problems);
  return joined;
}

TEST(HumanFile, JoinsByIdAndCountsTheRest) {
  Joined j = Join({R"({"id":"a","rating":5})", R"({"id":"b","rating":"bad"})",
                   R"({"id":"zz","rating":2})", R"({"rating":3})"},
                  {R"({"id":"a","score":4})", R"({"id":"b","score":4})", R"({"id":"c","score":1})",
                   R"({"score":1})"});
  ASSERT_TRUE(j.human_status.ok()) << j.human_status.message();
  ASSERT_TRUE(j.judge_status.ok()) << j.judge_status.message();
  CollectedRatings& out = j.out;
  EXPECT_EQ(out.human_rows, 4u);
  EXPECT_EQ(out.rows, 4u);
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].judge, 4);
  EXPECT_EQ(out.items[0].human, 5);
  EXPECT_EQ(out.not_annotated, 1u);  // c: outside the human sample
  const auto& counts = out.problems.counts();
  EXPECT_EQ(counts.at("human_file.id_missing"), 1u);
  EXPECT_EQ(counts.at("human.not_a_number"), 1u);
  EXPECT_EQ(counts.at("id.missing"), 1u);
  EXPECT_EQ(counts.at("human_file.unmatched"), 1u);
  // The human problem names the human file's line.
  bool found = false;
  for (const RatingProblem& p : out.problems.listed()) {
    if (p.kind == "human.not_a_number") {
      EXPECT_EQ(p.where, "humans.jsonl:2");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(HumanFile, DuplicateIdsAreErrorsNamingBothRows) {
  Joined human_dup = Join({R"({"id":"a","rating":5})", R"({"id":"a","rating":4})"}, {});
  EXPECT_EQ(human_dup.human_status.message(),
            "humans.jsonl:2: id 'a' already has a human rating at humans.jsonl:1; agreement pairs "
            "the judge with one human rating per item");
  Joined judge_dup =
      Join({R"({"id":"a","rating":5})"}, {R"({"id":"a","score":5})", R"({"id":"a","score":4})"});
  EXPECT_THAT(judge_dup.judge_status.message(),
              HasSubstr("judged.jsonl:2: id 'a' already appeared at judged.jsonl:1"));
}

TEST(HumanFile, NumericIdsJoinAsText) {
  Joined j = Join({R"({"id":7,"rating":5})"}, {R"({"id":7,"score":4})"});
  ASSERT_TRUE(j.judge_status.ok());
  ASSERT_EQ(j.out.items.size(), 1u);
  EXPECT_EQ(j.out.items[0].id, "7");
}

}  // namespace
}  // namespace winnow
