#include "winnow/stats/profile_step.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "winnow/stats/conversation_accumulator.h"

namespace winnow {
namespace {

class ProfileStepTest : public ::testing::Test {
 protected:
  // Profiles `lines` split over two workers (odd/even batches) to exercise merging.
  DatasetProfile Profile(const std::vector<std::string>& lines) {
    ProfileStep step;
    EXPECT_TRUE(step.Open(2).ok());
    uint64_t row = 0;
    for (size_t start = 0; start < lines.size(); start += 3) {
      Batch batch;
      for (size_t i = start; i < std::min(lines.size(), start + 3); ++i) {
        RecordOrigin origin;
        origin.source = &source_;
        origin.line = i + 1;
        origin.index = i;
        origin.row = row++;
        batch.records.push_back(Record::Owned(lines[i], origin));
        EXPECT_TRUE(batch.records.back().Parse(parser_).ok()) << lines[i];
      }
      StepContext ctx{(start / 3) % 2, 2, &parser_, &step.counters(), nullptr};
      EXPECT_TRUE(step.Process(batch, ctx).ok());
    }
    Batch out;
    StepContext ctx{0, 1, &parser_, &step.counters(), nullptr};
    EXPECT_TRUE(step.Finish(out, ctx).ok());
    return step.profile();
  }
  static const ColumnProfile* Column(const DatasetProfile& profile, const std::string& path) {
    for (const auto& column : profile.columns) {
      if (column.path == path) return &column;
    }
    return nullptr;
  }
  std::string source_ = "t.jsonl";
  simdjson::dom::parser parser_;
};

TEST_F(ProfileStepTest, TypesMissingAndMixedColumns) {
  DatasetProfile p = Profile({
      R"({"id": 1, "score": 0.5, "flag": true, "meta": {"src": "a"}})",
      R"({"id": 2, "score": 2, "flag": false, "meta": {"src": "b", "n": 3}})",
      R"({"id": "3", "score": null})",
      R"({"id": 4, "flag": true, "extra": [1, 2, 3]})",
  });
  EXPECT_EQ(p.rows, 4u);
  ASSERT_EQ(p.columns.size(), 7u);
  EXPECT_EQ(p.columns[0].path, "id");  // first-seen order, nested after top level
  EXPECT_EQ(p.columns[4].path, "extra");
  EXPECT_EQ(p.columns[5].path, "meta.src");
  const ColumnProfile* id = Column(p, "id");
  EXPECT_TRUE(id->mixed_types);
  EXPECT_EQ(id->types.at("int"), 3u);
  EXPECT_EQ(id->types.at("string"), 1u);
  const ColumnProfile* score = Column(p, "score");
  EXPECT_EQ(score->nulls, 1u);
  EXPECT_EQ(score->missing, 1u);
  ASSERT_TRUE(score->numbers.has_value());
  EXPECT_DOUBLE_EQ(score->numbers->mean, 1.25);
  EXPECT_DOUBLE_EQ(score->numbers->median, 1.25);
  const ColumnProfile* flag = Column(p, "flag");
  EXPECT_EQ(flag->true_count, 2u);
  EXPECT_EQ(flag->false_count, 1u);
  EXPECT_EQ(flag->missing, 1u);
  const ColumnProfile* extra = Column(p, "extra");
  ASSERT_TRUE(extra->list_length.has_value());
  EXPECT_EQ(extra->list_length->max, 3);
  EXPECT_EQ(extra->list_item_types.at("int"), 3u);
  const ColumnProfile* nested = Column(p, "meta.n");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->present, 1u);
  EXPECT_EQ(nested->missing, 1u);  // of the 2 rows where meta is an object
  EXPECT_EQ(Column(p, "meta")->object_keys.at("src"), 2u);
}

TEST_F(ProfileStepTest, LabelAndTextColumnsFollowTheViewerRule) {
  std::vector<std::string> lines;
  for (int i = 0; i < 100; ++i) {
    std::string label = i % 3 == 0 ? "pos" : "neg";
    std::string text(static_cast<size_t>(i + 1), 'x');
    lines.push_back(R"({"label": ")" + label + R"(", "text": ")" + text + "é" + R"("})");
  }
  DatasetProfile p = Profile(lines);
  const ColumnProfile* label = Column(p, "label");
  EXPECT_EQ(label->string_kind, StringKind::kLabel);
  ASSERT_EQ(label->labels.size(), 2u);
  EXPECT_EQ(label->labels[0].value, "neg");
  EXPECT_EQ(label->labels[0].count, 66u);
  const ColumnProfile* text = Column(p, "text");
  EXPECT_EQ(text->string_kind, StringKind::kText);
  EXPECT_EQ(text->distinct_strings, 100u);
  ASSERT_TRUE(text->text_length.has_value());
  EXPECT_EQ(text->text_length->min, 2);  // "x" + "é": two code points
  EXPECT_EQ(text->text_length->max, 101);
  EXPECT_DOUBLE_EQ(text->text_length->median, 51.5);
  ASSERT_EQ(text->longest.size(), 5u);
  EXPECT_EQ(text->longest[0].length, 101u);
  EXPECT_EQ(text->longest[0].line, 100u);
  EXPECT_EQ(text->shortest[0].line, 1u);
}

TEST_F(ProfileStepTest, ConversationsAndFillerEndings) {
  DatasetProfile p = Profile({
      R"({"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"},
                       {"role": "assistant", "content": "hello there"},
                       {"role": "user", "content": "Thanks!"},
                       {"role": "assistant", "content": "You're welcome."}]})",
      R"({"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]})",
      R"({"messages": [{"role": "assistant", "content": "a"}, {"role": "assistant", "content": ""}]})",
  });
  ASSERT_EQ(p.conversations.size(), 1u);
  const ConversationProfile& c = p.conversations[0];
  EXPECT_EQ(c.conversations, 3u);
  EXPECT_EQ(c.turns->max, 5);
  EXPECT_EQ(c.role_messages.at("assistant"), 5u);
  EXPECT_EQ(c.role_messages.at("user"), 3u);
  EXPECT_EQ(c.with_system, 1u);
  EXPECT_EQ(c.not_alternating, 1u);
  EXPECT_EQ(c.empty_messages, 1u);
  EXPECT_EQ(c.filler_endings, 1u);
  ASSERT_EQ(c.filler_examples.size(), 1u);
  EXPECT_EQ(c.filler_examples[0].line, 1u);
  EXPECT_EQ(c.last_roles.at("assistant"), 3u);
  EXPECT_EQ(c.first_roles.at("system"), 1u);
  EXPECT_EQ(c.role_chars.at("assistant").max, 15);
}

TEST_F(ProfileStepTest, CountsExactDuplicates) {
  DatasetProfile p = Profile({
      R"({"prompt": "a", "completion": "1"})",
      R"({"prompt": "a", "completion": "2"})",
      R"({"prompt": "b", "completion": "1"})",
      R"({"prompt": "a", "completion": "1"})",
      R"({"prompt": "a", "completion": "1"})",
  });
  ASSERT_EQ(p.duplicates.size(), 2u);
  EXPECT_EQ(p.duplicates[0].what, "whole record");
  EXPECT_EQ(p.duplicates[0].duplicate_rows, 2u);
  ASSERT_EQ(p.duplicates[0].top.size(), 1u);
  EXPECT_EQ(p.duplicates[0].top[0].count, 3u);
  EXPECT_EQ(p.duplicates[0].top[0].first_row, 0u);
  EXPECT_EQ(p.duplicates[1].what, "prompt (prompt)");
  EXPECT_EQ(p.duplicates[1].distinct, 2u);
  EXPECT_EQ(p.duplicates[1].duplicate_rows, 3u);
}

TEST(FillerTest, RecognisesShortPleasantries) {
  EXPECT_TRUE(IsFillerTurn("Thank you!"));
  EXPECT_TRUE(IsFillerTurn("thanks so much"));
  EXPECT_TRUE(IsFillerTurn("You’re welcome.") || IsFillerTurn("You're welcome."));
  EXPECT_TRUE(IsFillerTurn("OK"));
  EXPECT_FALSE(
      IsFillerTurn("Thank you for the detailed explanation of quantum chromodynamics, "
                   "could you now explain the strong force in more depth please?"));
  EXPECT_FALSE(IsFillerTurn("Okra is a vegetable"));
  EXPECT_FALSE(IsFillerTurn(""));
}

}  // namespace
}  // namespace winnow
