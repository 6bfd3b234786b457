#include "winnow/pipeline/step_registry.h"

#include "winnow/convert/convert_steps.h"
#include "winnow/ops/head_step.h"
#include "winnow/ops/sample_step.h"
#include "winnow/validate/validate_step.h"

namespace winnow {

namespace {

std::vector<StepSpec> BuildStepTable() {
  std::vector<StepSpec> steps = {
      {"head", "Keep the first n records and stop reading", "n (int, 10): records to keep",
       "- step: head\n  n: 100", CreateHeadStep},
      {"sample", "Seeded random sample: exactly n records (reservoir) or each with probability p",
       "n (int): sample size, reservoir over the whole stream, output in input order\n"
       "fraction (float): keep each record with this probability (streaming, parallel)\n"
       "seed (int, 0): random seed; the same seed and input give the same sample",
       "- step: sample\n  n: 1000\n  seed: 42", CreateSampleStep},
      {"validate", "Check records against a TRL dataset type; reject the invalid ones with the rule",
       "type (string, auto): a TRL type (preference, kto, ...) or auto from the columns\n"
       "allow_empty (bool, false): accept empty strings and contents\n"
       "require_assistant_last (bool, true): training conversations end with the assistant\n"
       "on_invalid (string, reject): reject | keep (report only)\n"
       "long_record_bytes (int, 100000): warn above this size; 0 turns it off",
       "- step: validate\n  type: preference", CreateValidateStep},
  };
  AppendConvertSteps(&steps);
  return steps;
}

}  // namespace

const std::vector<StepSpec>& StepTable() {
  static const std::vector<StepSpec> kSteps = BuildStepTable();
  return kSteps;
}

Result<std::unique_ptr<Step>> CreateStep(std::string_view name, StepOptions options) {
  const StepSpec* best = nullptr;
  size_t best_distance = 4;
  for (const auto& spec : StepTable()) {
    if (name == spec.name) {
      WINNOW_ASSIGN_OR_RETURN(auto step, spec.create(options));
      WINNOW_RETURN_IF_ERROR(options.Finish());
      return step;
    }
    size_t distance = EditDistance(name, spec.name);
    if (distance < best_distance) best_distance = distance, best = &spec;
  }
  std::string message = "unknown step '" + std::string(name) + "'";
  if (best) message += std::string(" (did you mean '") + best->name + "'?)";
  return Error(Status::InvalidArgument(message));
}

}  // namespace winnow
