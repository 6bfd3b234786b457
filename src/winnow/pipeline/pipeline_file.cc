#include "winnow/pipeline/pipeline_file.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "winnow/pipeline/step_options.h"
#include "winnow/record/json_builder.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

constexpr size_t kMaxPipelineBytes = size_t{4} << 20;

class Parser {
 public:
  explicit Parser(std::string path) : path_(std::move(path)) {}

  std::string Where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return path_;
    return fmt::format("{}:{}:{}", path_, mark.line + 1, mark.column + 1);
  }
  Status Bad(const YAML::Node& node, std::string_view message) const {
    return Status::InvalidInput(fmt::format("{}: {}", Where(node), message));
  }
  Status UnknownKey(const YAML::Node& key, std::initializer_list<std::string_view> known) const {
    std::string name = key.Scalar();
    std::string message = fmt::format("unknown key '{}'", name);
    std::string_view best;
    size_t best_distance = 3;
    for (std::string_view candidate : known) {
      size_t distance = EditDistance(name, candidate);
      if (distance < best_distance) best_distance = distance, best = candidate;
    }
    if (!best.empty()) message += fmt::format(" (did you mean '{}'?)", best);
    return Bad(key, message);
  }

  Result<std::string> Scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) return Error(Bad(node, fmt::format("{} must be a single value", what)));
    return node.Scalar();
  }
  Result<double> Number(const YAML::Node& node, std::string_view what) const {
    WINNOW_ASSIGN_OR_RETURN(std::string text, Scalar(node, what));
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') {
      return Error(Bad(node, fmt::format("{} must be a number, not '{}'", what, text)));
    }
    return value;
  }
  Result<uint64_t> Count(const YAML::Node& node, std::string_view what) const {
    WINNOW_ASSIGN_OR_RETURN(double value, Number(node, what));
    if (value < 0 || value != static_cast<double>(static_cast<uint64_t>(value))) {
      return Error(Bad(node, fmt::format("{} must be a whole number >= 0", what)));
    }
    return static_cast<uint64_t>(value);
  }

  // Nested YAML as JSON text. Plain scalars that read as numbers, booleans or null keep that
  // type; quoted scalars are always strings.
  void AppendJson(const YAML::Node& node, std::string* out) const {
    if (node.IsMap()) {
      *out += '{';
      bool first = true;
      for (const auto& entry : node) {
        if (!first) *out += ',';
        first = false;
        AppendJsonString(entry.first.Scalar(), out);
        *out += ':';
        AppendJson(entry.second, out);
      }
      *out += '}';
    } else if (node.IsSequence()) {
      *out += '[';
      bool first = true;
      for (const auto& item : node) {
        if (!first) *out += ',';
        first = false;
        AppendJson(item, out);
      }
      *out += ']';
    } else if (node.IsNull()) {
      *out += "null";
    } else {
      const std::string& text = node.Scalar();
      if (node.Tag() == "?" && IsJsonLiteral(text)) {
        *out += text == "True" || text == "TRUE"     ? "true"
                : text == "False" || text == "FALSE" ? "false"
                                                     : text;
      } else {
        AppendJsonString(text, out);
      }
    }
  }

  static bool IsJsonLiteral(const std::string& text) {
    if (text == "true" || text == "false" || text == "null" || text == "True" || text == "False" ||
        text == "TRUE" || text == "FALSE") {
      return true;
    }
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    // JSON numbers only: no hex, no leading '+', no "inf"/"nan", no leading '.'.
    return *end == '\0' &&
           (std::isdigit(static_cast<unsigned char>(text[0])) ||
            (text[0] == '-' && text.size() > 1 &&
             std::isdigit(static_cast<unsigned char>(text[1])))) &&
           text.find_first_of("xXnN") == std::string::npos;
  }

  Status ParseReplica(const YAML::Node& node, llm::ReplicaOptions* replica) const {
    if (!node.IsMap()) return Bad(node, "a replica must be a map with base_url");
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (key == "base_url") {
        WINNOW_ASSIGN_OR_RETURN(replica->base_url, Scalar(entry.second, key));
      } else if (key == "weight") {
        WINNOW_ASSIGN_OR_RETURN(replica->weight, Number(entry.second, key));
      } else if (key == "max_in_flight") {
        WINNOW_ASSIGN_OR_RETURN(replica->max_in_flight, Count(entry.second, key));
      } else {
        return UnknownKey(entry.first, {"base_url", "weight", "max_in_flight"});
      }
    }
    return Status::OK();
  }

  Status ParseEndpoint(const YAML::Node& name, const YAML::Node& node,
                       llm::EndpointOptions* endpoint) const {
    endpoint->name = name.Scalar();
    if (!node.IsMap()) return Bad(node, fmt::format("endpoint '{}' must be a map", endpoint->name));
    llm::ReplicaOptions single;
    bool has_single = false;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "model") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->model, Scalar(value, key));
      } else if (key == "base_url") {
        WINNOW_ASSIGN_OR_RETURN(single.base_url, Scalar(value, key));
        has_single = true;
      } else if (key == "weight") {
        WINNOW_ASSIGN_OR_RETURN(single.weight, Number(value, key));
      } else if (key == "max_in_flight") {
        WINNOW_ASSIGN_OR_RETURN(single.max_in_flight, Count(value, key));
      } else if (key == "replicas") {
        if (!value.IsSequence()) return Bad(value, "replicas must be a list");
        for (const auto& item : value) {
          llm::ReplicaOptions replica;
          replica.max_in_flight = single.max_in_flight;
          WINNOW_RETURN_IF_ERROR(ParseReplica(item, &replica));
          endpoint->replicas.push_back(std::move(replica));
        }
      } else if (key == "dialect") {
        WINNOW_ASSIGN_OR_RETURN(std::string dialect, Scalar(value, key));
        Result<llm::Dialect> parsed = llm::ParseDialect(dialect);
        if (!parsed.has_value()) return Bad(value, parsed.error().message());
        endpoint->dialect = *parsed;
      } else if (key == "api_key_env") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->api_key_env, Scalar(value, key));
      } else if (key == "timeout") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->timeout_seconds, Number(value, key));
      } else if (key == "max_attempts") {
        WINNOW_ASSIGN_OR_RETURN(uint64_t attempts, Count(value, key));
        endpoint->max_attempts = static_cast<int>(std::min<uint64_t>(attempts, 1000));
      } else if (key == "backoff_initial") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->backoff.initial_seconds, Number(value, key));
      } else if (key == "backoff_max") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->backoff.max_seconds, Number(value, key));
      } else if (key == "requests_per_minute") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->requests_per_minute, Number(value, key));
      } else if (key == "tokens_per_minute") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->tokens_per_minute, Number(value, key));
      } else if (key == "input_price") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->input_price_per_mtok, Number(value, key));
      } else if (key == "output_price") {
        WINNOW_ASSIGN_OR_RETURN(endpoint->output_price_per_mtok, Number(value, key));
      } else if (key == "ca_file") {
        WINNOW_ASSIGN_OR_RETURN(std::string ca_file, Scalar(value, key));
        // Relative to the pipeline file's folder, like the steps' files.
        std::filesystem::path file(ca_file);
        if (file.is_relative() && !ca_file.empty()) {
          file = (std::filesystem::path(path_).parent_path() / file).lexically_normal();
        }
        endpoint->ca_file = file.string();
      } else if (key == "http") {
        WINNOW_ASSIGN_OR_RETURN(std::string version, Scalar(value, key));
        if (version == "1.1") {
          endpoint->http_version = HttpVersion::kHttp11;
        } else if (version == "2") {
          endpoint->http_version = HttpVersion::kHttp2PriorKnowledge;
        } else if (version != "auto") {
          return Bad(value, "http must be auto, 1.1 or 2 (HTTP/2 without TLS)");
        }
      } else {
        return UnknownKey(
            entry.first,
            {"model", "base_url", "weight", "max_in_flight", "replicas", "dialect", "api_key_env",
             "timeout", "max_attempts", "backoff_initial", "backoff_max", "requests_per_minute",
             "tokens_per_minute", "input_price", "output_price", "http", "ca_file"});
      }
    }
    if (has_single) endpoint->replicas.insert(endpoint->replicas.begin(), single);
    Status valid = llm::ValidateEndpoint(*endpoint);
    if (!valid.ok()) return Bad(name, valid.message());
    return Status::OK();
  }

  Status ParseStep(const YAML::Node& node, size_t index, PipelineStepSpec* step) const {
    if (!node.IsMap()) return Bad(node, "a step must be a map with at least `step: <type>`");
    step->where = Where(node);
    bool has_after = false;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "step") {
        WINNOW_ASSIGN_OR_RETURN(step->type, Scalar(value, key));
      } else if (key == "name") {
        WINNOW_ASSIGN_OR_RETURN(step->name, Scalar(value, key));
      } else if (key == "after") {
        has_after = true;
        if (value.IsSequence()) {
          for (const auto& item : value) {
            WINNOW_ASSIGN_OR_RETURN(std::string parent, Scalar(item, "after"));
            step->after.push_back(std::move(parent));
          }
        } else if (!value.IsNull()) {
          WINNOW_ASSIGN_OR_RETURN(std::string parent, Scalar(value, key));
          step->after.push_back(std::move(parent));
        }
      } else if (value.IsScalar()) {
        step->options[key] = value.Scalar();
      } else {
        std::string json;
        AppendJson(value, &json);
        step->options[key] = std::move(json);
      }
    }
    if (step->type.empty()) return Bad(node, "this step has no `step: <type>`");
    if (step->name.empty()) step->name = fmt::format("{}_{}", step->type, index + 1);
    // `after` defaults to the step above; a marker the graph resolves (the first step has none).
    if (!has_after) step->after.push_back(kPreviousStep);
    return Status::OK();
  }

  Result<PipelineSpec> Parse(std::string_view text) const {
    PipelineSpec spec;
    spec.path = path_;
    spec.directory = std::filesystem::path(path_).parent_path().string();
    spec.source_text = std::string(text);
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      return Error(Status::InvalidInput(
          fmt::format("{}:{}:{}: {}", path_, e.mark.line + 1, e.mark.column + 1, e.msg)));
    }
    if (!root.IsMap()) return Error(Status::InvalidInput(path_ + ": a pipeline file is a map"));
    bool has_steps = false;
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      if (key == "name") {
        WINNOW_ASSIGN_OR_RETURN(spec.name, Scalar(value, key));
      } else if (key == "seed") {
        WINNOW_ASSIGN_OR_RETURN(spec.seed, Count(value, key));
      } else if (key == "budget_usd") {
        WINNOW_ASSIGN_OR_RETURN(spec.budget_usd, Number(value, key));
        if (spec.budget_usd < 0) return Error(Bad(value, "budget_usd must be >= 0"));
      } else if (key == "max_rows_in_flight") {
        WINNOW_ASSIGN_OR_RETURN(spec.max_rows_in_flight, Count(value, key));
      } else if (key == "endpoints") {
        if (!value.IsMap()) return Error(Bad(value, "endpoints must be a map of name: settings"));
        for (const auto& endpoint : value) {
          llm::EndpointOptions options;
          WINNOW_RETURN_IF_ERROR(ParseEndpoint(endpoint.first, endpoint.second, &options));
          spec.endpoints.push_back(std::move(options));
        }
      } else if (key == "steps") {
        has_steps = true;
        if (!value.IsSequence()) return Error(Bad(value, "steps must be a list"));
        for (const auto& item : value) {
          PipelineStepSpec step;
          WINNOW_RETURN_IF_ERROR(ParseStep(item, spec.steps.size(), &step));
          spec.steps.push_back(std::move(step));
        }
      } else {
        return Error(UnknownKey(entry.first, {"name", "seed", "budget_usd", "max_rows_in_flight",
                                              "endpoints", "steps"}));
      }
    }
    if (!has_steps || spec.steps.empty()) {
      return Error(Status::InvalidInput(path_ + ": the pipeline has no steps"));
    }
    return spec;
  }

 private:
  std::string path_;
};

}  // namespace

Result<PipelineSpec> ParsePipeline(std::string_view text, const std::string& path) {
  return Parser(path).Parse(text);
}

Result<PipelineSpec> LoadPipelineFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(Status::NotFound(fmt::format("cannot read pipeline file {}", path)));
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxPipelineBytes) {
    return Error(Status::InvalidInput(fmt::format("{}: larger than 4 MiB", path)));
  }
  return ParsePipeline(text.str(), path);
}

}  // namespace winnow
