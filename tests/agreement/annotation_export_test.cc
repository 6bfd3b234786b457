// Ratings read by question name from the annotation-export shapes of specs/annotation.md.

#include "winnow/agreement/annotation_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "agreement/agreement_test_util.h"
#include "winnow/agreement/rating_collector.h"

namespace winnow {
namespace {

using agreement_test::RunStep;
using ::testing::HasSubstr;

// Collects --judge quality --human quality over `lines`.
Result<CollectedRatings> Collect(const std::vector<std::string>& lines) {
  static const std::string source = "export.jsonl";
  CollectedRatings out;
  RatingCollectOptions options;
  options.judge = RatingSource(*FieldPath::Parse("quality"), AnnotationSide::kSuggestion);
  options.human = RatingSource(*FieldPath::Parse("quality"), AnnotationSide::kResponse);
  RatingCollectStep step(std::move(options), nullptr, &out);
  WINNOW_RETURN_IF_ERROR(RunStep(step, &source, lines));
  return out;
}

TEST(AnnotationExport, PerAnnotatorResponsesWithValuesPerQuestion) {
  auto out = Collect({
      R"({"suggestions":[{"question_name":"quality","value":5,"agent":"gpt"}],)"
      R"("responses":[{"user_id":"u1","status":"submitted","values":{"quality":{"value":3}}}]})",
      // A draft and a discarded response do not count; the submitted one does.
      R"({"suggestions":[{"question_name":"other","value":1},)"
      R"({"question_name":"quality","value":2}],)"
      R"("responses":[{"status":"draft","values":{"quality":{"value":5}}},)"
      R"({"status":"discarded","values":{"quality":{"value":1}}},)"
      R"({"status":"submitted","values":{"quality":4}}]})",
      // Nothing submitted: the human rating is missing, listed like any missing rating.
      R"({"suggestions":[{"question_name":"quality","value":2}],"responses":[]})",
  });
  ASSERT_TRUE(out.has_value()) << out.error().message();
  ASSERT_EQ(out->items.size(), 2u);
  EXPECT_EQ(out->items[0].judge, 5);
  EXPECT_EQ(out->items[0].human, 3);
  EXPECT_EQ(out->items[1].judge, 2);
  EXPECT_EQ(out->items[1].human, 4);
  EXPECT_EQ(out->problems.counts().at("human.missing"), 1u);
  EXPECT_EQ(out->problems.listed()[0].where, "export.jsonl:3");
}

TEST(AnnotationExport, PerQuestionResponsesAndFlattenedColumns) {
  auto out = Collect({
      R"({"suggestions":{"quality":{"value":4,"score":0.9}},)"
      R"("responses":{"quality":[{"value":2,"user_id":"u1","status":"submitted"}]}})",
      R"({"quality.suggestion":3,"quality.responses":[5,1],)"
      R"("quality.responses.status":["submitted","draft"]})",
  });
  ASSERT_TRUE(out.has_value()) << out.error().message();
  ASSERT_EQ(out->items.size(), 2u);
  EXPECT_EQ(out->items[0].judge, 4);
  EXPECT_EQ(out->items[0].human, 2);
  EXPECT_EQ(out->items[1].judge, 3);
  EXPECT_EQ(out->items[1].human, 5);
}

TEST(AnnotationExport, AFieldOfThatNameWins) {
  auto out = Collect({R"({"quality":4,"responses":[{"values":{"quality":{"value":1}}}]})"});
  ASSERT_TRUE(out.has_value());
  ASSERT_EQ(out->items.size(), 1u);
  EXPECT_EQ(out->items[0].judge, 4);  // the plain field, for both raters
  EXPECT_EQ(out->items[0].human, 4);
}

TEST(AnnotationExport, SeveralSubmittedResponsesAreAnError) {
  auto out = Collect({R"({"suggestions":{"quality":{"value":4}},"responses":[)"
                      R"({"status":"submitted","values":{"quality":{"value":3}}},)"
                      R"({"status":"submitted","values":{"quality":{"value":5}}}]})"});
  ASSERT_FALSE(out.has_value());
  EXPECT_THAT(out.error().message(),
              HasSubstr("export.jsonl:1: 2 submitted responses to question 'quality'"));
}

}  // namespace
}  // namespace winnow
