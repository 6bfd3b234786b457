#include "winnow/llm/request_body.h"

#include <fmt/format.h>
#include <xxh_x86dispatch.h>
#include <xxhash.h>

#include "winnow/llm/json_schema.h"
#include "winnow/record/json_builder.h"

namespace winnow::llm {
namespace {

using Kind = OutputConstraint::Kind;

// Whether `dialect` can ask for `kind` natively; otherwise the prompt describes it.
bool Native(Dialect dialect, Kind kind) {
  switch (dialect) {
    case Dialect::kVllm:
    case Dialect::kVllmOld:
    case Dialect::kTgi:
      return true;
    case Dialect::kLlamaCpp:
      return kind != Kind::kRegex;  // GBNF can spell a choice, not an arbitrary regex
    case Dialect::kOpenAi:
    case Dialect::kOllama:
      return kind == Kind::kJsonSchema || kind == Kind::kJsonObject;
    case Dialect::kPrompt:
      return false;
  }
  return false;
}

// A regex matching exactly one of `choices` (TGI has no choice type).
std::string ChoiceRegex(const std::vector<std::string>& choices) {
  std::string out = "(";
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += '|';
    for (char c : choices[i]) {
      if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out + ")";
}

// A GBNF grammar accepting exactly one of `choices` (llama.cpp).
std::string ChoiceGrammar(const std::vector<std::string>& choices) {
  std::string out = "root ::= ";
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += " | ";
    out += '"';
    for (char c : choices[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

void AddStrings(JsonBuilder& json, const std::vector<std::string>& values) {
  json.BeginArray();
  for (const std::string& value : values) json.String(value);
  json.EndArray();
}

void AddConstraint(JsonBuilder& json, const OutputConstraint& output, Dialect dialect) {
  if (output.kind == Kind::kNone || !Native(dialect, output.kind)) return;
  const bool is_json = output.kind == Kind::kJsonSchema || output.kind == Kind::kJsonObject;
  std::string_view schema = output.kind == Kind::kJsonSchema ? std::string_view(output.schema_json)
                                                             : "{\"type\":\"object\"}";
  switch (dialect) {
    case Dialect::kOpenAi:
    case Dialect::kOllama:
      json.Key("response_format").BeginObject();
      if (output.kind == Kind::kJsonObject) {
        json.Field("type", "json_object");
      } else {
        json.Field("type", "json_schema").Key("json_schema").BeginObject();
        // OpenAI refuses strict mode for schemas that allow extra or optional properties;
        // those go non-strict (the local check still holds the answer to the schema).
        json.Field("name", output.schema_name)
            .Key("strict")
            .Bool(dialect == Dialect::kOpenAi && CheckOpenAiStrict(output.schema_json).ok());
        json.RawField("schema", schema).EndObject();
      }
      json.EndObject();
      break;
    case Dialect::kVllm:
      json.Key("structured_outputs").BeginObject();
      if (output.kind == Kind::kJsonObject) {
        json.Key("json_object").Bool(true);
      } else if (is_json) {
        json.RawField("json", schema);
      } else if (output.kind == Kind::kRegex) {
        json.Field("regex", output.regex);
      } else {
        json.Key("choice");
        AddStrings(json, output.choices);
      }
      json.EndObject();
      break;
    case Dialect::kVllmOld:
      if (is_json) {
        json.RawField("guided_json", schema);
      } else if (output.kind == Kind::kRegex) {
        json.Field("guided_regex", output.regex);
      } else {
        json.Key("guided_choice");
        AddStrings(json, output.choices);
      }
      break;
    case Dialect::kLlamaCpp:
      if (is_json) {
        json.RawField("json_schema", schema);
      } else {
        json.Field("grammar", ChoiceGrammar(output.choices));
      }
      break;
    case Dialect::kTgi:
      json.Key("grammar").BeginObject();
      if (is_json) {
        json.Field("type", "json").RawField("value", schema);
      } else {
        json.Field("type", "regex")
            .Field("value",
                   output.kind == Kind::kRegex ? output.regex : ChoiceRegex(output.choices));
      }
      json.EndObject();
      break;
    case Dialect::kPrompt:
      break;
  }
}

void AddSampling(JsonBuilder& json, const SamplingParams& sampling) {
  json.Key("max_tokens").Int(sampling.max_tokens);
  if (sampling.temperature) json.Key("temperature").Number(*sampling.temperature);
  if (sampling.top_p) json.Key("top_p").Number(*sampling.top_p);
  if (sampling.frequency_penalty) json.Key("frequency_penalty").Number(*sampling.frequency_penalty);
  if (sampling.presence_penalty) json.Key("presence_penalty").Number(*sampling.presence_penalty);
  // JSON integers above 2^53 lose precision in some servers' parsers; seeds stay below 2^53.
  if (sampling.seed)
    json.Key("seed").Int(static_cast<int64_t>(*sampling.seed & ((1ULL << 53) - 1)));
  if (!sampling.stop.empty()) {
    json.Key("stop");
    AddStrings(json, sampling.stop);
  }
}

// The messages (or prompt) as sent: the prompt fallback appends the constraint's instructions.
void AddInput(JsonBuilder& json, const LlmRequest& request, std::string_view extra) {
  if (request.kind == RequestKind::kEmbedding) {
    json.Field("input", request.prompt);
    return;
  }
  if (request.kind == RequestKind::kCompletion) {
    json.Field("prompt", extra.empty() ? request.prompt : request.prompt + std::string(extra));
    return;
  }
  size_t last_user = request.messages.size();
  for (size_t i = 0; i < request.messages.size(); ++i) {
    if (request.messages[i].role == "user") last_user = i;
  }
  json.Key("messages").BeginArray();
  for (size_t i = 0; i < request.messages.size(); ++i) {
    const Message& message = request.messages[i];
    json.BeginObject().Field("role", message.role);
    if (i == last_user && !extra.empty()) {
      json.Field("content", message.content + std::string(extra));
    } else {
      json.Field("content", message.content);
    }
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace

std::string_view RequestRoute(const LlmRequest& request) {
  switch (request.kind) {
    case RequestKind::kChat:
      return "chat/completions";
    case RequestKind::kCompletion:
      return "completions";
    case RequestKind::kEmbedding:
      return "embeddings";
  }
  return "chat/completions";
}

std::string ConstraintInstructions(const OutputConstraint& output) {
  switch (output.kind) {
    case Kind::kNone:
      return {};
    case Kind::kJsonSchema:
      return "\n\nAnswer with only a JSON value valid against this JSON Schema, and nothing "
             "else:\n" +
             output.schema_json;
    case Kind::kJsonObject:
      return "\n\nAnswer with only a JSON object, and nothing else.";
    case Kind::kRegex:
      return "\n\nYour whole answer must match this regular expression: " + output.regex;
    case Kind::kChoice: {
      std::string out = "\n\nAnswer with exactly one of the following, and nothing else:";
      for (const std::string& choice : output.choices) out += "\n" + choice;
      return out;
    }
  }
  return {};
}

std::string BuildRequestBody(const LlmRequest& request, std::string_view model, Dialect dialect) {
  std::string extra;
  if (request.output.kind != Kind::kNone && !Native(dialect, request.output.kind)) {
    extra = ConstraintInstructions(request.output);
  }
  JsonBuilder json;
  json.BeginObject().Field("model", model);
  AddInput(json, request, extra);
  if (request.kind == RequestKind::kEmbedding) {
    // Embeddings take no sampling and no constraint; floats, not base64, so any server answers.
    json.Field("encoding_format", "float").EndObject();
    return json.Take();
  }
  AddSampling(json, request.sampling);
  AddConstraint(json, request.output, dialect);
  json.EndObject();
  return json.Take();
}

std::string CanonicalRequestJson(const LlmRequest& request, std::string_view model) {
  JsonBuilder json;
  json.BeginObject().Field("kind", RequestRoute(request)).Field("model", model);
  AddInput(json, request, {});
  if (request.kind == RequestKind::kEmbedding) {
    json.EndObject();
    return json.Take();
  }
  AddSampling(json, request.sampling);
  const OutputConstraint& output = request.output;
  if (output.kind != Kind::kNone) {
    json.Key("output").BeginObject();
    switch (output.kind) {
      case Kind::kJsonSchema:
        json.Field("json_schema", output.schema_json);
        break;
      case Kind::kJsonObject:
        json.Key("json_object").Bool(true);
        break;
      case Kind::kRegex:
        json.Field("regex", output.regex);
        break;
      case Kind::kChoice:
        json.Key("choice");
        AddStrings(json, output.choices);
        break;
      case Kind::kNone:
        break;
    }
    json.EndObject();
  }
  json.EndObject();
  return json.Take();
}

std::string RequestCacheKey(const LlmRequest& request, std::string_view model) {
  std::string canonical = CanonicalRequestJson(request, model);
  XXH128_hash_t hash = XXH3_128bits_dispatch(canonical.data(), canonical.size());
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

}  // namespace winnow::llm
