// Zero-shot classification: label checks, prompt, schema and the strict parser.

#include "winnow/tasks/classify_judge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow::tasks {
namespace {

using Strings = std::vector<std::string>;

const Strings kLabels = {"positive", "negative", "neutral"};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string ParseError(std::string_view answer, bool multi_label) {
  auto parsed = ParseClassify(answer, kLabels, multi_label);
  EXPECT_FALSE(parsed.has_value()) << answer;
  return parsed.has_value() ? "" : parsed.error().message();
}

TEST(CheckClassifyLabels, RejectsBadLabelSets) {
  EXPECT_TRUE(CheckClassifyLabels(kLabels, {}).ok());
  EXPECT_TRUE(CheckClassifyLabels(kLabels, Strings{"good", "bad", "neither"}).ok());
  EXPECT_FALSE(CheckClassifyLabels({}, {}).ok());
  EXPECT_FALSE(CheckClassifyLabels(Strings{"a", ""}, {}).ok());
  const Status twice = CheckClassifyLabels(Strings{"a", "b", "a"}, {});
  EXPECT_EQ(twice.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(twice.message(), "label 'a' is given twice");
  EXPECT_TRUE(Contains(CheckClassifyLabels(kLabels, Strings{"x"}).message(),
                       "1 label descriptions for 3 labels"));
}

TEST(BuildClassifyMessages, ListsLabelsWithDescriptions) {
  const auto messages =
      BuildClassifyMessages("I love it.", kLabels, Strings{"likes it", "dislikes it", ""}, false);
  ASSERT_EQ(messages.size(), 2u);
  const std::string& user = messages[1].content;
  EXPECT_TRUE(Contains(user, "choose the one label that fits it best"));
  EXPECT_TRUE(Contains(user,
                       "## Labels\n- positive: likes it\n- negative: dislikes it\n"
                       "- neutral\n\n## Text\nI love it.\n\n## Answer\n"));
  EXPECT_TRUE(Contains(user, "\"label\": \"<the label, spelled as above>\""));
  const std::string multi = BuildClassifyMessages("t", kLabels, {}, true)[1].content;
  EXPECT_TRUE(Contains(multi, "choose every label that applies to it, or none"));
  EXPECT_TRUE(Contains(multi, "\"labels\": ["));
}

TEST(ClassifyJsonSchema, EnumeratesTheLabels) {
  EXPECT_EQ(ClassifyJsonSchema(Strings{"a", "say \"b\""}, false),
            R"({"type":"object","properties":{"rationale":{"type":"string"},"label":)"
            R"({"type":"string","enum":["a","say \"b\""]}},"required":["rationale","label"],)"
            R"("additionalProperties":false})");
  EXPECT_EQ(ClassifyJsonSchema(Strings{"a"}, true),
            R"({"type":"object","properties":{"rationale":{"type":"string"},"labels":)"
            R"({"type":"array","items":{"type":"string","enum":["a"]}}},)"
            R"("required":["rationale","labels"],"additionalProperties":false})");
}

TEST(ParseClassify, SingleLabel) {
  auto parsed = ParseClassify(R"({"rationale": "Praise.", "label": "positive"})", kLabels, false);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->labels, Strings{"positive"});
  EXPECT_EQ(parsed->rationale, "Praise.");
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "label": "Positive"})", false),
                       "\"Positive\" is not one of the labels"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "label": "mixed"})", false),
                       "\"mixed\" is not one of the labels"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "label": ["positive"]})", false),
                       "a label is not a string"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "labels": ["positive"]})", false),
                       "unexpected key \"labels\""));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x"})", false), "key \"label\" is missing"));
}

TEST(ParseClassify, MultiLabel) {
  auto parsed =
      ParseClassify(R"({"labels": ["neutral", "positive"], "rationale": "Both."})", kLabels, true);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message();
  EXPECT_EQ(parsed->labels, (Strings{"positive", "neutral"}));  // in the order of kLabels
  parsed = ParseClassify(R"({"rationale": "None fit.", "labels": []})", kLabels, true);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->labels.empty());
  EXPECT_TRUE(
      Contains(ParseError(R"({"rationale": "x", "labels": ["positive", "positive"]})", true),
               "label \"positive\" appears twice"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "labels": ["sarcastic"]})", true),
                       "\"sarcastic\" is not one of the labels"));
  EXPECT_TRUE(Contains(ParseError(R"({"rationale": "x", "labels": "positive"})", true),
                       "\"labels\" is not an array"));
  ParseError(R"({"rationale": "x", "labels": [1]})", true);
  ParseError("not json", true);
}

}  // namespace
}  // namespace winnow::tasks
