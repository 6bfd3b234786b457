// llm_classify step: the text from a column or a template, the labels' schema as the output
// constraint, unknown labels refused by the check, and the label and rationale columns.

#include "winnow/tasks/llm_classify_task.h"

#include <gtest/gtest.h>

#include "tasks/task_test_util.h"
#include "winnow/tasks/classify_judge.h"

namespace winnow::tasks {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

constexpr std::string_view kLabels = R"(["question", "request", "other"])";
constexpr std::string_view kRow = R"({"text":"Could you close the door?","lang":"en"})";

struct Started {
  std::unique_ptr<llm::LlmTask> task;
  std::unique_ptr<llm::RowJob> job;
  std::vector<llm::LlmCall> calls;
};

Started Start(Options options, std::string_view row_json = kRow) {
  Started started;
  options.emplace("endpoint", "judge");
  options.emplace("labels", std::string(kLabels));
  Result<std::unique_ptr<llm::LlmTask>> task = MakeTask("llm_classify", options);
  EXPECT_TRUE(task.has_value()) << task.error().message();
  if (!task.has_value()) return started;
  started.task = std::move(*task);
  Rows rows;
  Record row = rows.Row(row_json);
  Result<std::unique_ptr<llm::RowJob>> job = started.task->StartRow(row, rows.Context(5));
  EXPECT_TRUE(job.has_value()) << job.error().message();
  if (!job.has_value()) return started;
  started.job = std::move(*job);
  started.calls = started.job->Begin().calls;
  return started;
}

const std::vector<std::string> kLabelList = {"question", "request", "other"};

TEST(LlmClassifyTask, AsksWithTheLabelsSchemaAndChecksTheLabel) {
  Started started = Start({});
  ASSERT_EQ(started.calls.size(), 1u);
  const llm::LlmCall& call = started.calls[0];
  EXPECT_EQ(UserText(call),
            BuildClassifyMessages("Could you close the door?", kLabelList, {}, false)[1].content);
  EXPECT_EQ(call.request.output.kind, llm::OutputConstraint::Kind::kJsonSchema);
  EXPECT_EQ(call.request.output.schema_json, ClassifyJsonSchema(kLabelList, false));
  EXPECT_EQ(call.request.sampling.temperature, 0.0);
  EXPECT_EQ(call.request.sampling.seed, 5u);
  EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
  // A server that ignores the schema can answer another label: the check refuses it.
  const Status unknown = call.check(R"({"rationale":"polite","label":"command"})");
  EXPECT_FALSE(unknown.ok());
  EXPECT_TRUE(Contains(unknown.message(), "\"command\" is not one of the labels"));
  EXPECT_TRUE(call.check(R"({"rationale":"polite","label":"request"})").ok());
  EXPECT_EQ(started.task->InputColumns(), (std::vector<std::string>{"text"}));
  EXPECT_EQ(started.task->OutputColumns(), (std::vector<std::string>{"label", "label_rationale"}));
}

TEST(LlmClassifyTask, LabelAndRationaleColumns) {
  Started started = Start({});
  std::vector<llm::LlmResult> results;
  results.push_back(Answer(R"({"rationale":"It asks for an action.","label":"request"})"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_FALSE(done.failure.has_value());
  EXPECT_EQ(ColumnNames(done), (std::vector<std::string>{"label", "label_rationale"}));
  EXPECT_EQ(Column(done, "label"), "\"request\"");
  EXPECT_EQ(Column(done, "label_rationale"), "\"It asks for an action.\"");
}

TEST(LlmClassifyTask, MultiLabelWritesAListInTheUsersOrder) {
  Started started = Start({{"multi_label", "true"}, {"output", "intent"}});
  const llm::LlmCall& call = started.calls[0];
  EXPECT_EQ(call.request.output.schema_json, ClassifyJsonSchema(kLabelList, true));
  EXPECT_TRUE(EngineCheck(call, call.example_answer).ok()) << call.example_answer;
  EXPECT_EQ(started.task->OutputColumns(),
            (std::vector<std::string>{"intents", "intent_rationale"}));
  std::vector<llm::LlmResult> results;
  results.push_back(Answer(R"({"rationale":"Both.","labels":["request","question"]})"));
  llm::JobStep done = started.job->Continue(std::move(results));
  EXPECT_EQ(Column(done, "intents"), R"(["question","request"])");
  EXPECT_EQ(Column(done, "intent_rationale"), "\"Both.\"");
}

TEST(LlmClassifyTask, ATemplateAndDescriptions) {
  Started started = Start({{"text", "[{{ lang }}] {{ text }}"},
                           {"descriptions", R"({"request":"asks for an action","other":"none"})"}});
  const std::string user = UserText(started.calls[0]);
  EXPECT_TRUE(Contains(user, "## Text\n[en] Could you close the door?\n"));
  EXPECT_TRUE(Contains(user, "- question\n- request: asks for an action\n- other: none\n"));
  EXPECT_EQ(started.task->InputColumns(), (std::vector<std::string>{"lang", "text"}));
}

TEST(LlmClassifyTask, AFieldOtherThanText) {
  Started started = Start({{"field", "prompt"}}, R"({"prompt":"Why is the sky blue?"})");
  EXPECT_TRUE(Contains(UserText(started.calls[0]), "## Text\nWhy is the sky blue?\n"));
  EXPECT_EQ(started.task->InputColumns(), (std::vector<std::string>{"prompt"}));
}

TEST(LlmClassifyTask, AFailedCallFailsTheRowWithNoLabel) {
  Started started = Start({});
  std::vector<llm::LlmResult> results;
  results.push_back(Failed(llm::FailureClass::kInvalidOutput,
                           "the answer failed its check after 2 re-asks: \"command\" is not one "
                           "of the labels",
                           R"({"rationale":"x","label":"command"})"));
  llm::JobStep done = started.job->Continue(std::move(results));
  ASSERT_TRUE(done.failure.has_value());
  EXPECT_TRUE(done.columns.empty());
  EXPECT_TRUE(done.failure->reason.starts_with("classification: invalid_output: "));
  EXPECT_EQ(done.failure->raw_text, R"({"rationale":"x","label":"command"})");
}

TEST(LlmClassifyTask, OptionErrors) {
  EXPECT_EQ(MakeTaskError("llm_classify", {{"endpoint", "j"}}), "needs `labels: [a, b, ...]`");
  EXPECT_EQ(MakeTaskError("llm_classify", {{"endpoint", "j"}, {"labels", R"(["a","a"])"}}),
            "label 'a' is given twice");
  EXPECT_EQ(MakeTaskError("llm_classify", {{"endpoint", "j"},
                                           {"labels", R"(["a","b"])"},
                                           {"descriptions", R"({"c":"see"})"}}),
            "descriptions names 'c', which is not one of the labels");
  EXPECT_TRUE(Contains(MakeTaskError("llm_classify", {{"endpoint", "j"},
                                                      {"labels", R"(["a","b"])"},
                                                      {"descriptions", R"(["x","y"])"}}),
                       "descriptions must be a map of label: description"));
  EXPECT_EQ(
      MakeTaskError("llm_classify",
                    {{"endpoint", "j"}, {"labels", "a, b"}, {"text", "{{ x }}"}, {"field", "y"}}),
      "give text (a template) or field (a column), not both");
  EXPECT_TRUE(Contains(
      MakeTaskError("llm_classify", {{"endpoint", "j"}, {"labels", "a"}, {"json_object", "true"}}),
      "sets its own JSON Schema"));
}

}  // namespace
}  // namespace winnow::tasks
