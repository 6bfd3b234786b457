#include "winnow/tasks/llm_classify_task.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/classify_judge.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"
#include "winnow/template/prompt_template.h"

namespace winnow::tasks {
namespace {

struct ClassifyOptions {
  CallOptions call;
  std::optional<jinja::Template> text;  // the text to classify, over the row; or:
  std::string field = "text";           // the column holding it
  std::vector<std::string> labels;
  std::vector<std::string> descriptions;  // one per label ("" for none), or empty
  bool multi_label = false;
  std::string output = "label";
};

std::string ExampleAnswer(const ClassifyOptions& options) {
  JsonBuilder json;
  json.BeginObject().Field("rationale", "(example)");
  if (options.multi_label) {
    json.Key("labels").BeginArray().String(options.labels.front()).EndArray();
  } else {
    json.Field("label", options.labels.front());
  }
  return json.EndObject().Take();
}

class ClassifyJob final : public llm::RowJob {
 public:
  ClassifyJob(const ClassifyOptions& options, llm::LlmCall call)
      : options_(options), call_(std::move(call)) {}

  llm::JobStep Begin() override { return llm::JobStep::Send({std::move(call_)}); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    if (!results[0].ok()) {
      return llm::JobStep::Fail(llm::FailureFromResult("classification", results[0]));
    }
    Result<ClassifyResult> parsed =
        ParseClassify(results[0].text, options_.labels, options_.multi_label);
    if (!parsed.has_value()) {  // the engine checked it; a parser change is the only way here
      return llm::JobStep::Fail(
          {parsed.error().message(), llm::FailureClass::kInvalidOutput, 0, 0, results[0].text});
    }
    JsonBuilder json;
    std::vector<std::pair<std::string, std::string>> columns;
    if (options_.multi_label) {
      json.BeginArray();
      for (const std::string& label : parsed->labels) json.String(label);
      json.EndArray();
      columns.emplace_back(options_.output + "s", json.Take());
    } else {
      json.String(parsed->labels.front());
      columns.emplace_back(options_.output, json.Take());
    }
    json.String(parsed->rationale);
    columns.emplace_back(options_.output + "_rationale", json.Take());
    return llm::JobStep::Done(std::move(columns));
  }

 private:
  const ClassifyOptions& options_;
  llm::LlmCall call_;
};

class ClassifyTask final : public llm::LlmTask {
 public:
  explicit ClassifyTask(ClassifyOptions options)
      : options_(std::move(options)), example_answer_(ExampleAnswer(options_)) {
    options_.call.output.kind = llm::OutputConstraint::Kind::kJsonSchema;
    options_.call.output.schema_json = ClassifyJsonSchema(options_.labels, options_.multi_label);
    options_.call.output.schema_name = "classification";
  }

  std::vector<std::string> InputColumns() const override {
    if (options_.text) return TemplateColumns({&options_.text});
    return {options_.field};
  }
  std::vector<std::string> OutputColumns() const override {
    return {options_.multi_label ? options_.output + "s" : options_.output,
            options_.output + "_rationale"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    std::string text;
    if (options_.text) {
      WINNOW_ASSIGN_OR_RETURN(text, options_.text->Render(RecordTemplateContext(row)));
    } else {
      WINNOW_ASSIGN_OR_RETURN(text, RowString(row, options_.field));
    }
    llm::LlmCall call;
    call.endpoint = options_.call.endpoints.front();
    call.request.messages =
        BuildClassifyMessages(text, options_.labels, options_.descriptions, options_.multi_label);
    call.request.sampling = options_.call.sampling;
    call.request.sampling.seed = context.seed;
    call.request.output = options_.call.output;
    call.max_reasks = options_.call.max_reasks;
    // Servers that ignore the schema can still answer a label that is not the user's. The check
    // owns its labels: the engine may hold a call longer than the task lives.
    call.check = [labels = options_.labels,
                  multi_label = options_.multi_label](std::string_view answer) {
      Result<ClassifyResult> parsed = ParseClassify(answer, labels, multi_label);
      return parsed.has_value() ? Status::OK() : parsed.error();
    };
    call.example_answer = example_answer_;
    return std::unique_ptr<llm::RowJob>(new ClassifyJob(options_, std::move(call)));
  }

 private:
  ClassifyOptions options_;
  std::string example_answer_;
};

// `descriptions` arrives as JSON object text (a YAML map in the pipeline file). Labels it leaves
// out get no description; a key that is not a label is an error, since it is most likely a typo.
Result<std::vector<std::string>> ReadDescriptions(StepOptions& options,
                                                  const std::vector<std::string>& labels) {
  WINNOW_ASSIGN_OR_RETURN(std::string text, options.GetString("descriptions", ""));
  if (text.empty()) return std::vector<std::string>();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::object object;
  if (parser.parse(padded).get_object().get(object)) {
    return Error(Status::InvalidArgument(
        "descriptions must be a map of label: description (a YAML map in the pipeline file)"));
  }
  std::vector<std::string> descriptions(labels.size());
  for (auto [key, value] : object) {
    const auto at = std::find(labels.begin(), labels.end(), key);
    if (at == labels.end()) {
      return Error(Status::InvalidArgument(
          fmt::format("descriptions names '{}', which is not one of the labels", key)));
    }
    std::string_view description;
    if (value.get_string().get(description)) {
      return Error(Status::InvalidArgument(
          fmt::format("the description of label '{}' is not a string", key)));
    }
    descriptions[static_cast<size_t>(at - labels.begin())] = std::string(description);
  }
  return descriptions;
}

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateLlmClassifyTask(StepOptions& options,
                                                            const std::string& /*step_name*/) {
  ClassifyOptions classify;
  WINNOW_ASSIGN_OR_RETURN(classify.call, ReadCallOptions(options, 0.0));
  if (classify.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument(
        "llm_classify sets its own JSON Schema (from the labels); drop json_schema and the like"));
  }
  if (classify.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("llm_classify uses one endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(classify.text, ReadTemplate(options, "text", false));
  if (classify.text && options.Has("field")) {
    return Error(Status::InvalidArgument("give text (a template) or field (a column), not both"));
  }
  WINNOW_ASSIGN_OR_RETURN(classify.field, options.GetString("field", "text"));
  if (!options.Has("labels")) {
    return Error(Status::InvalidArgument("needs `labels: [a, b, ...]`"));
  }
  WINNOW_ASSIGN_OR_RETURN(classify.labels, options.GetList("labels", ""));
  WINNOW_ASSIGN_OR_RETURN(classify.descriptions, ReadDescriptions(options, classify.labels));
  WINNOW_RETURN_IF_ERROR(CheckClassifyLabels(classify.labels, classify.descriptions));
  WINNOW_ASSIGN_OR_RETURN(classify.multi_label, options.GetBool("multi_label", false));
  WINNOW_ASSIGN_OR_RETURN(classify.output, options.GetString("output", "label"));
  return std::unique_ptr<llm::LlmTask>(new ClassifyTask(std::move(classify)));
}

}  // namespace winnow::tasks
