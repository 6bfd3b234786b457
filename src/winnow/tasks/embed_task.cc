#include "winnow/tasks/embed_task.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>
#include <iterator>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"
#include "winnow/template/prompt_template.h"

namespace winnow::tasks {
namespace {

struct EmbedOptions {
  std::string endpoint;
  std::optional<jinja::Template> text;  // the text to embed, over the row
  std::string field = "text";           // or the column holding it
  std::string output = "embedding";
  bool normalize = false;
};

// The engine's answer ("[0.1,-0.2,...]", already checked to be finite numbers), scaled to unit
// length when asked. A zero vector cannot be normalised and fails the row.
Result<std::string> VectorColumn(const std::string& answer, bool normalize) {
  if (!normalize) return answer;
  simdjson::dom::parser parser;
  simdjson::dom::array vector;
  if (parser.parse(answer).get_array().get(vector)) {
    return Error(Status::InvalidInput("the embedding is not a JSON array"));
  }
  std::vector<double> values;
  double squares = 0;
  for (simdjson::dom::element value : vector) {
    double number = 0;
    if (value.get_double().get(number)) {
      return Error(Status::InvalidInput("the embedding holds a value that is not a number"));
    }
    values.push_back(number);
    squares += number * number;
  }
  if (!(squares > 0)) return Error(Status::InvalidInput("the embedding is all zeros"));
  const double scale = 1.0 / std::sqrt(squares);
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    fmt::format_to(std::back_inserter(out), "{}", values[i] * scale);
  }
  return out + "]";
}

class EmbedJob final : public llm::RowJob {
 public:
  EmbedJob(const EmbedOptions& options, llm::LlmCall call)
      : options_(options), call_(std::move(call)) {}

  llm::JobStep Begin() override {
    if (call_.request.prompt.empty()) {
      // Servers refuse empty input with a 400; say what is wrong instead.
      llm::RowFailure failure;
      failure.reason = "embed: the text to embed is empty";
      failure.failure = llm::FailureClass::kInvalidOutput;
      return llm::JobStep::Fail(std::move(failure));
    }
    std::vector<llm::LlmCall> calls;
    calls.push_back(std::move(call_));
    return llm::JobStep::Send(std::move(calls));
  }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    const llm::LlmResult& result = results.at(0);
    if (!result.ok()) return llm::JobStep::Fail(llm::FailureFromResult("embedding", result));
    Result<std::string> vector = VectorColumn(result.text, options_.normalize);
    if (!vector.has_value()) {
      llm::RowFailure failure{fmt::format("embedding: {}", vector.error().message()),
                              llm::FailureClass::kInvalidOutput, result.http_status,
                              result.attempts, result.text};
      return llm::JobStep::Fail(std::move(failure));
    }
    JsonBuilder json;
    json.String(result.model);
    return llm::JobStep::Done(
        {{options_.output, std::move(*vector)}, {options_.output + "_model", json.Take()}});
  }

 private:
  const EmbedOptions& options_;
  llm::LlmCall call_;
};

class EmbedTask final : public llm::LlmTask {
 public:
  explicit EmbedTask(EmbedOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override {
    if (options_.text) return TemplateColumns({&options_.text});
    return {options_.field};
  }
  std::vector<std::string> OutputColumns() const override {
    return {options_.output, options_.output + "_model"};
  }
  std::vector<std::string> Endpoints() const override { return {options_.endpoint}; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& /*context*/) const override {
    llm::LlmCall call;
    call.endpoint = options_.endpoint;
    call.request.kind = llm::RequestKind::kEmbedding;
    if (options_.text) {
      WINNOW_ASSIGN_OR_RETURN(call.request.prompt,
                              options_.text->Render(RecordTemplateContext(row)));
    } else {
      WINNOW_ASSIGN_OR_RETURN(call.request.prompt, RowString(row, options_.field));
    }
    call.max_reasks = 0;  // an embedding cannot be asked to do better
    return std::unique_ptr<llm::RowJob>(new EmbedJob(options_, std::move(call)));
  }

 private:
  EmbedOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateEmbedTask(StepOptions& options,
                                                      const std::string& /*step_name*/) {
  EmbedOptions embed;
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> endpoints, ReadEndpoints(options));
  if (endpoints.size() != 1) {
    // Vectors from different models live in different spaces; one column must hold one model's.
    return Error(
        Status::InvalidArgument("embed takes one endpoint (vectors of different models "
                                "do not mix); use one embed step per model"));
  }
  embed.endpoint = endpoints.front();
  WINNOW_ASSIGN_OR_RETURN(embed.text, ReadTemplate(options, "text", false));
  if (embed.text && options.Has("field")) {
    return Error(Status::InvalidArgument("give text (a template) or field (a column), not both"));
  }
  WINNOW_ASSIGN_OR_RETURN(embed.field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(embed.output, options.GetString("output", "embedding"));
  WINNOW_ASSIGN_OR_RETURN(embed.normalize, options.GetBool("normalize", false));
  return std::unique_ptr<llm::LlmTask>(new EmbedTask(std::move(embed)));
}

}  // namespace winnow::tasks
