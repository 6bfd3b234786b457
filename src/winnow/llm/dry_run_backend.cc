#include "winnow/llm/dry_run_backend.h"

#include <fmt/format.h>

#include "winnow/llm/json_schema.h"
#include "winnow/llm/json_schema_example.h"

namespace winnow::llm {

std::string ExampleAnswer(const LlmCall& call) {
  if (!call.example_answer.empty()) return call.example_answer;
  if (call.request.kind == RequestKind::kEmbedding) return "[0.6,0.8]";
  const OutputConstraint& output = call.request.output;
  switch (output.kind) {
    case OutputConstraint::Kind::kJsonSchema: {
      Result<JsonSchema> schema = JsonSchema::Compile(output.schema_json);
      if (schema.has_value()) {
        Result<std::string> example = MakeExampleInstance(*schema);
        if (example.has_value()) return *example;
      }
      return "{}";
    }
    case OutputConstraint::Kind::kJsonObject:
      return "{}";
    case OutputConstraint::Kind::kChoice:
      return output.choices.empty() ? std::string() : output.choices.front();
    case OutputConstraint::Kind::kRegex:
    case OutputConstraint::Kind::kNone:
      break;
  }
  return fmt::format("<answer from {}>", call.endpoint);
}

void DryRunBackend::Submit(LlmCall call, CallDone done) {
  LlmResult result;
  result.text = ExampleAnswer(call);
  result.finish_reason = "stop";
  auto model = models_.find(call.endpoint);
  result.model = model != models_.end() ? model->second : call.endpoint;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    DryRunTally& tally = tally_[call.endpoint];
    ++tally.calls;
    for (const Message& message : call.request.messages) {
      tally.prompt_bytes += message.content.size();
    }
    tally.prompt_bytes += call.request.prompt.size();
    if (call.request.kind != RequestKind::kEmbedding) {
      tally.max_tokens += call.request.sampling.max_tokens;
    }
    std::vector<LlmRequest>& examples = examples_[call.endpoint];
    if (examples.size() < keep_requests_) examples.push_back(call.request);
  }
  done(std::move(result));
}

std::map<std::string, DryRunTally> DryRunBackend::Tally() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tally_;
}

std::map<std::string, std::vector<LlmRequest>> DryRunBackend::Examples() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return examples_;
}

}  // namespace winnow::llm
