#include "winnow/tasks/task_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "winnow/template/prompt_template.h"

namespace winnow::tasks {

Result<std::vector<std::string>> ReadEndpoints(StepOptions& options) {
  std::vector<std::string> endpoints;
  if (options.Has("endpoint")) {
    WINNOW_ASSIGN_OR_RETURN(std::string endpoint, options.GetString("endpoint", ""));
    endpoints.push_back(std::move(endpoint));
  }
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> more, options.GetList("endpoints", ""));
  endpoints.insert(endpoints.end(), more.begin(), more.end());
  if (endpoints.empty()) {
    return Error(Status::InvalidArgument("needs `endpoint: <name>` (or `endpoints: [a, b]`)"));
  }
  return endpoints;
}

Result<CallOptions> ReadCallOptions(StepOptions& options,
                                    std::optional<double> default_temperature) {
  CallOptions call;
  WINNOW_ASSIGN_OR_RETURN(call.endpoints, ReadEndpoints(options));
  llm::SamplingParams& sampling = call.sampling;
  if (options.Has("temperature")) {
    WINNOW_ASSIGN_OR_RETURN(double temperature, options.GetDouble("temperature", 0));
    sampling.temperature = temperature;
  } else {
    sampling.temperature = default_temperature;
  }
  if (options.Has("top_p")) {
    WINNOW_ASSIGN_OR_RETURN(double top_p, options.GetDouble("top_p", 1));
    sampling.top_p = top_p;
  }
  if (options.Has("frequency_penalty")) {
    WINNOW_ASSIGN_OR_RETURN(double penalty, options.GetDouble("frequency_penalty", 0));
    sampling.frequency_penalty = penalty;
  }
  if (options.Has("presence_penalty")) {
    WINNOW_ASSIGN_OR_RETURN(double penalty, options.GetDouble("presence_penalty", 0));
    sampling.presence_penalty = penalty;
  }
  WINNOW_ASSIGN_OR_RETURN(sampling.max_tokens, options.GetInt("max_tokens", 1024));
  if (sampling.max_tokens < 1) return Error(Status::InvalidArgument("max_tokens must be >= 1"));
  WINNOW_ASSIGN_OR_RETURN(sampling.stop, options.GetList("stop", ""));
  WINNOW_ASSIGN_OR_RETURN(int64_t reasks, options.GetInt("max_reasks", 2));
  if (reasks < 0 || reasks > 20) return Error(Status::InvalidArgument("max_reasks must be 0-20"));
  call.max_reasks = static_cast<int>(reasks);

  using Kind = llm::OutputConstraint::Kind;
  int constraints = 0;
  if (options.Has("json_schema")) {
    WINNOW_ASSIGN_OR_RETURN(call.output.schema_json, options.GetString("json_schema", ""));
    call.output.kind = Kind::kJsonSchema;
    ++constraints;
  }
  WINNOW_ASSIGN_OR_RETURN(bool json_object, options.GetBool("json_object", false));
  if (json_object) {
    call.output.kind = Kind::kJsonObject;
    ++constraints;
  }
  if (options.Has("choices")) {
    WINNOW_ASSIGN_OR_RETURN(call.output.choices, options.GetList("choices", ""));
    if (call.output.choices.empty()) return Error(Status::InvalidArgument("choices is empty"));
    call.output.kind = Kind::kChoice;
    ++constraints;
  }
  if (options.Has("regex")) {
    WINNOW_ASSIGN_OR_RETURN(call.output.regex, options.GetString("regex", ""));
    call.output.kind = Kind::kRegex;
    ++constraints;
  }
  if (constraints > 1) {
    return Error(
        Status::InvalidArgument("give at most one of json_schema, json_object, choices and regex"));
  }
  return call;
}

Result<std::optional<jinja::Template>> ReadTemplate(StepOptions& options, const std::string& key,
                                                    bool required) {
  const std::string file_key = key + "_file";
  std::string source;
  std::string name = key;  // the caller's message names the step: "step 'x': prompt:1:22: ..."
  if (options.Has(key) && options.Has(file_key)) {
    return Error(Status::InvalidArgument(fmt::format("give {} or {}, not both", key, file_key)));
  }
  if (options.Has(key)) {
    WINNOW_ASSIGN_OR_RETURN(source, options.GetString(key, ""));
  } else if (options.Has(file_key)) {
    WINNOW_ASSIGN_OR_RETURN(std::string path, options.GetString(file_key, ""));
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(Status::NotFound(fmt::format("{}: cannot read {}", file_key, path)));
    std::ostringstream text;
    text << in.rdbuf();
    source = text.str();
    name = path;  // errors then read "prompts/tldr.jinja:3:14: ..."
  } else if (required) {
    return Error(Status::InvalidArgument(fmt::format("needs `{}` (or `{}`)", key, file_key)));
  } else {
    return std::optional<jinja::Template>();
  }
  WINNOW_ASSIGN_OR_RETURN(jinja::Template compiled, CompilePromptTemplate(source, name));
  return std::optional<jinja::Template>(std::move(compiled));
}

std::vector<std::string> TemplateColumns(
    std::initializer_list<const std::optional<jinja::Template>*> templates) {
  std::vector<std::string> columns;
  for (const auto* tmpl : templates) {
    if (tmpl == nullptr || !tmpl->has_value()) continue;
    for (std::string& name : (*tmpl)->FreeVariables()) {
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        columns.push_back(std::move(name));
      }
    }
  }
  return columns;
}

llm::LlmRequest ChatRequest(std::optional<std::string> system, std::string user,
                            const CallOptions& options, uint64_t seed) {
  llm::LlmRequest request;
  if (system && !system->empty()) request.messages.push_back({"system", std::move(*system)});
  request.messages.push_back({"user", std::move(user)});
  request.sampling = options.sampling;
  request.sampling.seed = seed;
  request.output = options.output;
  return request;
}

}  // namespace winnow::tasks
