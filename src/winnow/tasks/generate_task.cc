#include "winnow/tasks/generate_task.h"

#include <fmt/format.h>

#include "winnow/common/hash.h"
#include "winnow/llm/output_check.h"
#include "winnow/record/json_builder.h"
#include "winnow/tasks/task_options.h"
#include "winnow/template/prompt_template.h"

namespace winnow::tasks {
namespace {

struct GenerateOptions {
  CallOptions call;
  std::optional<jinja::Template> prompt;
  std::optional<jinja::Template> system;
  int64_t n = 1;
  std::string output = "generation";
  bool lists = false;  // several endpoints or n > 1
};

// An answer as a column value: JSON answers stay JSON, text becomes a string.
void AppendAnswer(const llm::OutputConstraint& output, const std::string& text, JsonBuilder& json) {
  using Kind = llm::OutputConstraint::Kind;
  if (output.kind == Kind::kJsonSchema || output.kind == Kind::kJsonObject) {
    json.Raw(llm::StripJsonFence(text));  // already validated as JSON by the engine
  } else {
    json.String(text);
  }
}

class GenerateJob final : public llm::RowJob {
 public:
  GenerateJob(const GenerateOptions& options, std::vector<llm::LlmCall> calls)
      : options_(options), calls_(std::move(calls)) {}

  llm::JobStep Begin() override { return llm::JobStep::Send(std::move(calls_)); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok()) {
        return llm::JobStep::Fail(llm::FailureFromResult(
            fmt::format("generation {} of {}", i + 1, results.size()), results[i]));
      }
    }
    std::vector<std::pair<std::string, std::string>> columns;
    JsonBuilder json;
    if (!options_.lists) {
      AppendAnswer(options_.call.output, results[0].text, json);
      columns.emplace_back(options_.output, json.Take());
      json.String(results[0].model);
      columns.emplace_back(options_.output + "_model", json.Take());
      return llm::JobStep::Done(std::move(columns));
    }
    json.BeginArray();
    for (const llm::LlmResult& result : results)
      AppendAnswer(options_.call.output, result.text, json);
    json.EndArray();
    columns.emplace_back(options_.output + "s", json.Take());
    json.BeginArray();
    for (const llm::LlmResult& result : results) json.String(result.model);
    json.EndArray();
    columns.emplace_back(options_.output + "_models", json.Take());
    return llm::JobStep::Done(std::move(columns));
  }

 private:
  const GenerateOptions& options_;
  std::vector<llm::LlmCall> calls_;
};

class GenerateTask final : public llm::LlmTask {
 public:
  explicit GenerateTask(GenerateOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override {
    return TemplateColumns({&options_.prompt, &options_.system});
  }
  std::vector<std::string> OutputColumns() const override {
    if (options_.lists) return {options_.output + "s", options_.output + "_models"};
    return {options_.output, options_.output + "_model"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    jinja::Value variables = RecordTemplateContext(row);
    WINNOW_ASSIGN_OR_RETURN(std::string prompt, options_.prompt->Render(variables));
    std::optional<std::string> system;
    if (options_.system) {
      WINNOW_ASSIGN_OR_RETURN(system, options_.system->Render(variables));
    }
    std::vector<llm::LlmCall> calls;
    for (size_t e = 0; e < options_.call.endpoints.size(); ++e) {
      for (int64_t i = 0; i < options_.n; ++i) {
        llm::LlmCall call;
        call.endpoint = options_.call.endpoints[e];
        // Each generation gets its own seed, so n samples differ yet a re-run repeats them.
        uint64_t seed = Hash64(fmt::format("{}:{}", e, i), context.seed);
        call.request = ChatRequest(system, prompt, options_.call, seed);
        call.max_reasks = options_.call.max_reasks;
        calls.push_back(std::move(call));
      }
    }
    return std::unique_ptr<llm::RowJob>(new GenerateJob(options_, std::move(calls)));
  }

 private:
  GenerateOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateGenerateTask(StepOptions& options,
                                                         const std::string& /*step_name*/) {
  GenerateOptions generate;
  WINNOW_ASSIGN_OR_RETURN(generate.call, ReadCallOptions(options));
  WINNOW_ASSIGN_OR_RETURN(generate.prompt, ReadTemplate(options, "prompt", true));
  WINNOW_ASSIGN_OR_RETURN(generate.system, ReadTemplate(options, "system", false));
  WINNOW_ASSIGN_OR_RETURN(generate.n, options.GetInt("n", 1));
  if (generate.n < 1 || generate.n > 1000) {
    return Error(Status::InvalidArgument("n must be between 1 and 1000"));
  }
  WINNOW_ASSIGN_OR_RETURN(generate.output, options.GetString("output", "generation"));
  generate.lists = generate.n > 1 || generate.call.endpoints.size() > 1;
  return std::unique_ptr<llm::LlmTask>(new GenerateTask(std::move(generate)));
}

}  // namespace winnow::tasks
