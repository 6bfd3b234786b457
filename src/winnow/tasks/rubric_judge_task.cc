#include "winnow/tasks/rubric_judge_task.h"

#include <fmt/format.h>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/rubric_judge.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"

namespace winnow::tasks {
namespace {

struct RubricOptions {
  CallOptions call;
  std::string instruction = "instruction";
  std::string response = "response";
  std::string reference;  // a column; empty for none
  std::string rubric;     // BuildScoreRubric's block, built once
  int min = 1;
  int max = 5;
};

class RubricJob final : public llm::RowJob {
 public:
  RubricJob(const RubricOptions& options, llm::LlmCall call)
      : options_(options), call_(std::move(call)) {}

  llm::JobStep Begin() override { return llm::JobStep::Send({std::move(call_)}); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    if (!results[0].ok()) return llm::JobStep::Fail(llm::FailureFromResult("score", results[0]));
    Result<RubricScore> parsed = ParseRubric(results[0].text, options_.min, options_.max);
    if (!parsed.has_value()) {  // the engine checked it; a parser change is the only way here
      return llm::JobStep::Fail({fmt::format("score: {}", parsed.error().message()),
                                 llm::FailureClass::kInvalidOutput, 0, 0, results[0].text});
    }
    JsonBuilder json;
    std::vector<std::pair<std::string, std::string>> columns;
    json.Int(parsed->score);
    columns.emplace_back("score", json.Take());
    json.String(parsed->feedback);
    columns.emplace_back("feedback", json.Take());
    return llm::JobStep::Done(std::move(columns));
  }

 private:
  const RubricOptions& options_;
  llm::LlmCall call_;
};

class RubricTask final : public llm::LlmTask {
 public:
  explicit RubricTask(RubricOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override {
    std::vector<std::string> columns = {options_.instruction, options_.response};
    if (!options_.reference.empty()) columns.push_back(options_.reference);
    return columns;
  }
  std::vector<std::string> OutputColumns() const override { return {"score", "feedback"}; }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    WINNOW_ASSIGN_OR_RETURN(std::string instruction, RowString(row, options_.instruction));
    WINNOW_ASSIGN_OR_RETURN(std::string response, RowString(row, options_.response));
    std::optional<std::string> reference;
    if (!options_.reference.empty()) {
      WINNOW_ASSIGN_OR_RETURN(reference, RowString(row, options_.reference));
    }
    llm::LlmCall call;
    call.endpoint = options_.call.endpoints.front();
    call.request.messages =
        BuildRubricMessages(instruction, response,
                            reference ? std::optional<std::string_view>(*reference) : std::nullopt,
                            options_.rubric, options_.min, options_.max);
    call.request.sampling = options_.call.sampling;
    call.request.sampling.seed = context.seed;
    call.max_reasks = options_.call.max_reasks;
    const int min = options_.min, max = options_.max;
    call.check = [min, max](std::string_view answer) {
      Result<RubricScore> parsed = ParseRubric(answer, min, max);
      return parsed.has_value() ? Status::OK() : parsed.error();
    };
    call.example_answer =
        fmt::format("Feedback: (example feedback) [RESULT] {}", min + (max - min) / 2);
    return std::unique_ptr<llm::RowJob>(new RubricJob(options_, std::move(call)));
  }

 private:
  RubricOptions options_;
};

// The rubric block from `rubric` and `score_descriptions`, or prometheus-eval's helpfulness
// rubric when neither is given. Descriptions written for another criterion would mislead the
// judge, so a user's criteria need the user's descriptions.
Result<std::string> ReadRubric(StepOptions& options, int min, int max) {
  WINNOW_ASSIGN_OR_RETURN(std::string criteria, options.GetString("rubric", ""));
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> descriptions,
                          options.GetList("score_descriptions", ""));
  const size_t scores = static_cast<size_t>(max - min + 1);
  if (criteria.empty() && descriptions.empty()) {
    if (min != 1 || max != 5) {
      return Error(Status::InvalidArgument(fmt::format(
          "the default rubric grades 1 to 5; for {} to {} give `rubric` and `score_descriptions`",
          min, max)));
    }
    return BuildScoreRubric(kDefaultRubricCriteria, DefaultScoreDescriptions(), min);
  }
  if (criteria.empty()) {
    return Error(Status::InvalidArgument("score_descriptions needs `rubric` (the criteria)"));
  }
  if (descriptions.size() != scores) {
    return Error(Status::InvalidArgument(
        fmt::format("score_descriptions has {} entries; give one per score from {} to {} ({}), "
                    "as a YAML list",
                    descriptions.size(), min, max, scores)));
  }
  return BuildScoreRubric(criteria, descriptions, min);
}

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateRubricJudgeTask(StepOptions& options,
                                                            const std::string& /*step_name*/) {
  RubricOptions rubric;
  WINNOW_ASSIGN_OR_RETURN(rubric.call, ReadCallOptions(options, 0.0));
  if (rubric.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument(
        "rubric_judge answers in Prometheus's \"[RESULT] N\" format; json_schema and the like do "
        "not apply"));
  }
  if (rubric.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("rubric_judge uses one judge endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(rubric.instruction, options.GetString("instruction", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(rubric.response, options.GetString("response", "response"));
  WINNOW_ASSIGN_OR_RETURN(rubric.reference, options.GetString("reference", ""));
  WINNOW_ASSIGN_OR_RETURN(int64_t min, options.GetInt("min", 1));
  WINNOW_ASSIGN_OR_RETURN(int64_t max, options.GetInt("max", 5));
  if (min < 0 || max <= min || max > 100) {
    return Error(Status::InvalidArgument("need 0 <= min < max <= 100"));
  }
  rubric.min = static_cast<int>(min);
  rubric.max = static_cast<int>(max);
  WINNOW_ASSIGN_OR_RETURN(rubric.rubric, ReadRubric(options, rubric.min, rubric.max));
  return std::unique_ptr<llm::LlmTask>(new RubricTask(std::move(rubric)));
}

}  // namespace winnow::tasks
