// Property test: ConversionStep's promise, "every record a conversion emits validates as its
// target TRL type", holds on thousands of broken records. Real records (tests/data/convert) and
// hand-written ones of every shape are perturbed with seeded random edits (fields dropped or
// renamed, roles swapped, strings emptied or cut, values of the wrong type, turns duplicated,
// deleted or swapped, random tool calls, labels of every type) and run through every conversion
// step of the step table. Nothing may crash or stop the run; every output must pass
// ValidateRecord for the step's target type; rejects are counted (and must happen, or the
// perturbations are too weak).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "convert/convert_test_util.h"
#include "convert/record_perturber.h"
#include "winnow/filters/filter_table.h"

namespace winnow {
namespace {

using convert_test::Json;
using convert_test::LoadRecords;
using convert_test::MakeStep;
using convert_test::Mutator;
using convert_test::RunStep;
using convert_test::SamplePath;
using convert_test::StepRun;

// --- the records -----------------------------------------------------------------------------

// Hand-written seeds of the shapes the samples do not cover.
const char* const kSeeds[] = {
    R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"W?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"22 C"},{"role":"assistant","content":"22 C."}],"tools":[{"type":"function","function":{"name":"w"}}]})",
    R"({"prompt":"The sky is","completion":" blue."})",
    R"({"prompt":[{"role":"user","content":"Q"}],"completion":[{"role":"assistant","content":"A"}]})",
    R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})",
    R"({"prompt":[{"role":"user","content":"Q"}],"chosen":[{"role":"assistant","content":"A"}],"rejected":[{"role":"assistant","content":"B"}]})",
    R"({"chosen":"The sky is blue.","rejected":"The sky is green."})",
    R"({"chosen":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],"rejected":[{"role":"user","content":"Q"},{"role":"assistant","content":"B"}]})",
    R"({"prompt":"The sky is","completion":" blue.","label":true})",
    R"({"prompt":"The sky is","completion":" green.","label":false})",
    R"({"instruction":"I","input":"X","output":"O","system":"S","history":[["q","a"]]})",
    R"({"prompt":"1+1?","completions":["One plus one.","Is two."],"labels":[true,true]})",
    R"({"instruction":"Q","completions":[{"response":"good","overall_score":9},{"response":"bad","overall_score":2},{"response":"tie","overall_score":2},{"response":"none","overall_score":"N/A"}]})",
    R"({"prompt":"Q","response":"A","thumbs":"up","stars":5})",
    R"({"prompt":"Q","completion":"gold","generated":"model"})",
    R"({"prompt":"Q","response":"A","rating":4})",
    R"({"prompt":"Q","response":"B","rating":1})",
};

std::vector<std::string> BaseRecords() {
  std::vector<std::string> records(std::begin(kSeeds), std::end(kSeeds));
  for (const char* file :
       {"llamafactory/dpo_en_demo.json", "llamafactory/kto_en_demo.json",
        "llamafactory/glaive_toolcall_en_demo.json", "llamafactory/alpaca_en_demo.json",
        "llamafactory/v1_sft_demo.jsonl", "llamafactory/v1_dpo_demo.jsonl",
        "conversational/axolotl_conversation.json",
        "conversational/axolotl_conversation.missingturns.json",
        "hh-rlhf/harmless-base_test.jsonl"}) {
    for (std::string& record : LoadRecords(SamplePath(file))) records.push_back(std::move(record));
  }
  return records;
}

// Every base record as it is, then `variants` perturbed copies of each (1 to 4 edits).
std::vector<std::string> PerturbedRecords(uint64_t seed, size_t variants) {
  std::vector<std::string> base = BaseRecords();
  std::vector<std::string> out = base;
  Mutator mutator(seed);
  for (const std::string& record : base) {
    Json original = Json::Parse(record);
    for (size_t v = 0; v < variants; ++v) {
      Json copy = original;
      size_t edits = 1 + mutator.Below(4);
      for (size_t e = 0; e < edits; ++e) mutator.Mutate(copy);
      out.push_back(copy.ToString());
    }
  }
  return out;
}

// --- the steps -------------------------------------------------------------------------------

struct StepUnderTest {
  std::string name;
  std::map<std::string, std::string> options;
  std::optional<TrlType> target;  // nullopt: ShareGPT output, checked by shape
};

const std::vector<StepUnderTest>& StepsUnderTest() {
  static const std::vector<StepUnderTest> steps = {
      {"to_messages", {}, TrlType::kLanguageModeling},
      {"to_messages",
       {{"arguments", "object"}, {"keep_columns", "false"}},
       TrlType::kLanguageModeling},
      {"to_messages",
       {{"from", "sharegpt"}, {"system", "Default system."}},
       TrlType::kLanguageModeling},
      {"to_sharegpt", {}, std::nullopt},
      {"to_prompt_completion", {}, TrlType::kPromptCompletion},
      {"to_prompt_completion", {{"form", "standard"}}, TrlType::kPromptCompletion},
      {"to_preference", {}, TrlType::kPreference},
      {"to_preference", {{"form", "standard"}, {"arguments", "object"}}, TrlType::kPreference},
      {"to_kto", {}, TrlType::kUnpairedPreference},
      {"to_kto", {{"form", "standard"}}, TrlType::kUnpairedPreference},
      {"kto_to_preference", {}, TrlType::kPreference},
      {"kto_to_preference", {{"pairs", "all"}}, TrlType::kPreference},
      {"ratings_to_preference", {}, TrlType::kPreference},
      {"ratings_to_preference", {{"pairs", "all"}, {"emit_margin", "true"}}, TrlType::kPreference},
      {"ratings_to_preference",
       {{"group_by", "prompt"}, {"rating", "rating"}},
       TrlType::kPreference},
      {"ratings_to_kto", {{"good", "4"}, {"bad", "2"}}, TrlType::kUnpairedPreference},
      {"feedback_to_kto",
       {{"label_rule", "thumbs=up:true;thumbs=down:false;stars>=4:true"}},
       TrlType::kUnpairedPreference},
      {"spin_preference", {}, TrlType::kPreference},
      {"template",
       {{"template_string",
         "{{ prompt }}{% if instruction is defined %} {{ instruction }}{% endif %}"},
        {"completion_template_string", "{{ completion | default(chosen) }}"}},
       TrlType::kPromptCompletion},
      {"template",
       {{"template_string", "{{ prompt | tojson }}"},
        {"completion_field", "completion"},
        {"to", "messages"},
        {"system", "S"}},
       TrlType::kLanguageModeling},
  };
  return steps;
}

std::string Describe(const StepUnderTest& step) {
  std::string out = step.name;
  for (const auto& [key, value] : step.options) out += " " + key + "=" + value;
  return out;
}

// ShareGPT output: {"conversations": [{"from": string, "value": string}, ...], ...}.
bool IsShareGpt(const std::string& json) {
  convert_test::JsonDoc doc(json);
  simdjson::dom::array turns;
  if (doc.root()["conversations"].get_array().get(turns)) return false;
  for (auto turn : turns) {
    if (!turn["from"].is_string() || !turn["value"].is_string()) return false;
  }
  return true;
}

TEST(ConversionPropertyTest, EveryConversionStepIsCovered) {
  std::set<std::string> covered;
  for (const auto& step : StepsUnderTest()) covered.insert(step.name);
  std::set<std::string> filters;  // quality filters keep or drop records: nothing to convert
  for (const FilterSpec& spec : FilterTable()) filters.insert(spec.name);
  for (const auto& spec : StepTable()) {
    std::string name = spec.name;
    if (filters.count(name) || name == "describe" || name == "classify") continue;
    // Steps that are not conversions (no target type to validate against).
    if (name == "head" || name == "sample" || name == "keep_top" || name == "validate" ||
        name == "columns" || name == "markdown_clean" || name == "chat_template" ||
        name == "dedup_signatures" || name == "dedup_apply" || name == "decontaminate") {
      continue;
    }
    EXPECT_TRUE(covered.count(name))
        << "step '" << name << "' is not in the conversion property test";
  }
}

TEST(ConversionPropertyTest, EveryOutputValidatesOnPerturbedRecords) {
  std::vector<std::string> records = PerturbedRecords(/*seed=*/20240611, /*variants=*/25);
  ASSERT_GT(records.size(), 2000u);
  // Perturbed copies share their seed's prompt, so the grouping steps (kto_to_preference, long-form
  // ratings) see big mixed groups; a few clean groups of their own make sure they emit something.
  for (const char* clean : {
           R"({"prompt":"Clean prompt 1","completion":" good","label":true})",
           R"({"prompt":"Clean prompt 1","completion":" bad","label":false})",
           R"({"prompt":"Clean prompt 2","response":"best","rating":5})",
           R"({"prompt":"Clean prompt 2","response":"worst","rating":1})",
       }) {
    records.emplace_back(clean);
  }
  for (const auto& under_test : StepsUnderTest()) {
    SCOPED_TRACE(Describe(under_test));
    auto step = MakeStep(under_test.name, under_test.options);
    ASSERT_NE(step, nullptr);
    StepRun run = RunStep(*step, records, /*batch_size=*/64);
    ASSERT_TRUE(run.status.ok()) << run.status.message();
    size_t invalid = 0;
    for (const std::string& json : run.out) {
      if (under_test.target) {
        std::vector<Violation> violations = convert_test::Violations(json, *under_test.target);
        if (!violations.empty() && invalid++ < 5) {
          ADD_FAILURE() << "invalid " << TrlTypeName(*under_test.target) << " output:\n"
                        << validate_test::Describe(violations) << json;
        }
      } else if (!IsShareGpt(json) && invalid++ < 5) {
        ADD_FAILURE() << "not ShareGPT: " << json;
      }
    }
    EXPECT_EQ(invalid, 0u);
    // Rejects are data with a reason, never silent.
    for (const std::string& reason : run.reasons) EXPECT_FALSE(reason.empty());
    std::cout << "[ property ] " << Describe(under_test) << ": " << records.size() << " in, "
              << run.out.size() << " out, " << run.reasons.size() << " rejected\n";
    // Both happen, or the perturbations miss this step.
    EXPECT_GT(run.out.size(), 0u);
    EXPECT_GT(run.reasons.size(), 0u);
  }
}

TEST(ConversionPropertyTest, RecordsOneByOneNeverStopTheRun) {
  // Per record, so that a returned error would name its input (a bad record must be a reject).
  std::vector<std::string> records = PerturbedRecords(/*seed=*/7, /*variants=*/3);
  for (const auto& under_test : StepsUnderTest()) {
    auto step = MakeStep(under_test.name, under_test.options);
    ASSERT_NE(step, nullptr);
    for (const std::string& record : records) {
      StepRun run = RunStep(*step, {record});
      ASSERT_TRUE(run.status.ok()) << Describe(under_test) << ": " << run.status.message() << "\n"
                                   << record;
    }
  }
}

TEST(ConversionPropertyTest, PerturbationIsSeeded) {
  EXPECT_EQ(PerturbedRecords(3, 2), PerturbedRecords(3, 2));
  EXPECT_NE(PerturbedRecords(3, 2), PerturbedRecords(4, 2));
}

}  // namespace
}  // namespace winnow
