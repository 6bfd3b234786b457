// Fuzzes every conversion step and the validator with arbitrary JSON records: each step must
// convert or reject without crashing, and whatever a step emits must validate as its target type
// (the promise ConversionStep makes; a violation traps).

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/validate/record_validator.h"
#include "winnow/validate/trl_schema.h"

namespace {

// Conversion steps and the type their output must have (nullopt: not a TRL type).
struct Case {
  const char* step;
  std::optional<winnow::TrlType> target;
};
constexpr Case kCases[] = {
    {"to_messages", winnow::TrlType::kLanguageModeling},
    {"to_sharegpt", std::nullopt},
    {"to_prompt_completion", winnow::TrlType::kPromptCompletion},
    {"to_preference", winnow::TrlType::kPreference},
    {"to_kto", winnow::TrlType::kUnpairedPreference},
    {"ratings_to_preference", winnow::TrlType::kPreference},
    {"spin_preference", winnow::TrlType::kPreference},
    {"kto_to_preference", winnow::TrlType::kPreference},
    {"columns", std::nullopt},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  simdjson::dom::parser parser;
  std::string text(reinterpret_cast<const char*>(data), size);
  winnow::Record probe = winnow::Record::Owned(text, winnow::RecordOrigin{});
  if (!probe.Parse(parser).ok()) return 0;
  std::vector<winnow::Violation> violations;
  for (int type = 0; type <= static_cast<int>(winnow::TrlType::kStepwiseSupervision); ++type) {
    winnow::ValidateRecord(probe, static_cast<winnow::TrlType>(type), {}, &violations);
  }
  (void)winnow::TrlTypeOfRecord(probe);
  (void)winnow::ConvertHint(probe);
  for (const auto& test : kCases) {
    auto step = winnow::CreateStep(test.step, winnow::StepOptions(test.step, {}));
    if (!step) __builtin_trap();
    if (!(*step)->Open(1).ok()) __builtin_trap();
    winnow::Batch batch;
    batch.records.push_back(winnow::Record::Owned(text, winnow::RecordOrigin{}));
    if (!batch.records.back().Parse(parser).ok()) __builtin_trap();
    winnow::StepContext ctx{0, 1, &parser, &(*step)->counters(), nullptr};
    if (!(*step)->Process(batch, ctx).ok()) continue;  // a step error is a clean stop
    winnow::Batch finished;
    if (!(*step)->Finish(finished, ctx).ok()) continue;
    for (auto& record : finished.records) batch.records.push_back(std::move(record));
    if (!test.target) continue;
    for (const auto& record : batch.records) {
      if (!winnow::InvalidOutputReason(record, *test.target, {}).empty()) __builtin_trap();
    }
  }
  return 0;
}
