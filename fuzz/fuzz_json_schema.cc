// Fuzzes the JSON Schema compiler with any bytes as a schema and, for schemas that compile,
// validation of a few fixed instances, example generation and the OpenAI strict check: every
// input must give a result or an error message, never a crash, an exception or a hang, and an
// example must validate.

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/llm/json_schema.h"
#include "winnow/llm/json_schema_example.h"

namespace {

constexpr std::string_view kInstances[] = {
    "null",
    "true",
    "0",
    "-1.5",
    "1e300",
    "\"\"",
    "\"abc\xC3\xA9\"",
    "[]",
    "[1,\"a\",[null],{\"k\":[1,1.0]}]",
    "{}",
    "{\"a\":1,\"b\":[true,null],\"c\":{\"a\":{\"a\":\"x\"}},\"x-1\":\"y\"}",
};

void Check(const winnow::Status& status) {
  if (!status.ok() && status.message().empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(winnow::llm::CheckOpenAiStrict(text));
  auto schema = winnow::llm::JsonSchema::Compile(text);
  if (!schema) {
    if (schema.error().message().empty()) __builtin_trap();
    return 0;
  }
  for (std::string_view instance : kInstances) Check(schema->ValidateText(instance, 3));
  // Deep enough to reach the validation depth bound under recursive schemas.
  static const std::string kDeep = std::string(200, '[') + std::string(200, ']');
  Check(schema->ValidateText(kDeep, 3));
  for (uint64_t variant = 0; variant < 2; ++variant) {
    auto example = winnow::llm::MakeExampleInstance(*schema, variant);
    if (!example) {
      if (example.error().message().empty()) __builtin_trap();
      // An Internal error means an example that does not validate: a generator bug.
      if (example.error().code() == winnow::StatusCode::kInternal) __builtin_trap();
      continue;
    }
    if (!schema->ValidateText(*example).ok()) __builtin_trap();
  }
  return 0;
}
