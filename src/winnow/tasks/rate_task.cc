#include "winnow/tasks/rate_task.h"

#include <fmt/format.h>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/rating_judge.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"

namespace winnow::tasks {
namespace {

struct RateOptions {
  CallOptions call;
  std::string instruction = "instruction";
  std::string response = "response";
  std::string criteria;
  std::string output = "rating";
  int min = 1;
  int max = 10;
};

class RateJob final : public llm::RowJob {
 public:
  RateJob(const RateOptions& options, llm::LlmCall call)
      : options_(options), call_(std::move(call)) {}

  llm::JobStep Begin() override { return llm::JobStep::Send({std::move(call_)}); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    if (!results[0].ok()) return llm::JobStep::Fail(llm::FailureFromResult("rating", results[0]));
    auto parsed = ParseJudgeRating(results[0].text, options_.min, options_.max);
    if (!parsed.has_value()) {
      return llm::JobStep::Fail({fmt::format("rating: {}", parsed.error().message()),
                                 llm::FailureClass::kInvalidOutput, 0, 0, results[0].text});
    }
    JsonBuilder json;
    std::vector<std::pair<std::string, std::string>> columns;
    json.Int(parsed->rating);
    columns.emplace_back(options_.output, json.Take());
    json.String(parsed->rationale);
    columns.emplace_back(options_.output + "_rationale", json.Take());
    return llm::JobStep::Done(std::move(columns));
  }

 private:
  const RateOptions& options_;
  llm::LlmCall call_;
};

class RateTask final : public llm::LlmTask {
 public:
  explicit RateTask(RateOptions options) : options_(std::move(options)) {
    options_.call.output.kind = llm::OutputConstraint::Kind::kJsonSchema;
    options_.call.output.schema_json = JudgeRatingJsonSchema(options_.min, options_.max);
    options_.call.output.schema_name = "rating";
  }

  std::vector<std::string> InputColumns() const override {
    return {options_.instruction, options_.response};
  }
  std::vector<std::string> OutputColumns() const override {
    return {options_.output, options_.output + "_rationale"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    WINNOW_ASSIGN_OR_RETURN(std::string instruction, RowString(row, options_.instruction));
    WINNOW_ASSIGN_OR_RETURN(std::string response, RowString(row, options_.response));
    llm::LlmCall call;
    call.endpoint = options_.call.endpoints.front();
    call.request.messages = BuildJudgeRatingMessages(instruction, response, options_.min,
                                                     options_.max, options_.criteria);
    call.request.sampling = options_.call.sampling;
    call.request.sampling.seed = context.seed;
    call.request.output = options_.call.output;
    call.max_reasks = options_.call.max_reasks;
    int min = options_.min, max = options_.max;
    call.check = [min, max](std::string_view answer) {
      auto parsed = ParseJudgeRating(answer, min, max);
      return parsed.has_value() ? Status::OK() : parsed.error();
    };
    call.example_answer =
        fmt::format("{{\"rating\": {}, \"rationale\": \"(example)\"}}", (min + max) / 2);
    return std::unique_ptr<llm::RowJob>(new RateJob(options_, std::move(call)));
  }

 private:
  RateOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateRateTask(StepOptions& options,
                                                     const std::string& /*step_name*/) {
  RateOptions rate;
  WINNOW_ASSIGN_OR_RETURN(rate.call, ReadCallOptions(options, 0.0));
  if (rate.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument("rate sets its own JSON Schema; drop json_schema"));
  }
  if (rate.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("rate uses one judge endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(rate.instruction, options.GetString("instruction", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(rate.response, options.GetString("response", "response"));
  WINNOW_ASSIGN_OR_RETURN(rate.criteria, options.GetString("criteria", ""));
  WINNOW_ASSIGN_OR_RETURN(rate.output, options.GetString("output", "rating"));
  WINNOW_ASSIGN_OR_RETURN(int64_t min, options.GetInt("min", 1));
  WINNOW_ASSIGN_OR_RETURN(int64_t max, options.GetInt("max", 10));
  if (min < 0 || max <= min || max > 100) {
    return Error(Status::InvalidArgument("need 0 <= min < max <= 100"));
  }
  rate.min = static_cast<int>(min);
  rate.max = static_cast<int>(max);
  return std::unique_ptr<llm::LlmTask>(new RateTask(std::move(rate)));
}

}  // namespace winnow::tasks
