// Conversions of real public datasets, checked against their sources record by record. Each test
// runs twice: on the full files in ../shared/data (skipped where that folder is absent) and on the
// small samples checked in under tests/data/convert (see SOURCES.md there), so every real shape
// is exercised in any checkout.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::Compact;
using convert_test::Convert;
using convert_test::JsonDoc;
using convert_test::LoadRecords;
using convert_test::StepRun;
using convert_test::Violations;
using simdjson::dom::array;
using simdjson::dom::element;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::StartsWith;

struct DataSet {
  const char* name;  // for test names
  bool shared;       // ../shared/data (may be absent) or tests/data/convert (always there)
  size_t dpo_records, kto_records, glaive_records, alpaca_records, sft_records, v1_dpo_records;
  size_t hh_records;
  // 0-based rows of hh-rlhf/harmless-base_test.jsonl that to_preference rejects (see
  // tests/data/convert/SOURCES.md for why), conversational and standard form.
  std::vector<uint64_t> hh_rejected_conversational;
  std::vector<uint64_t> hh_rejected_standard;
};

const DataSet kShared{"Shared",
                      true,
                      300,
                      300,
                      300,
                      999,
                      500,
                      10,
                      2312,
                      // empty final reply: 86, 516, 925, 1103; two Assistant turns in a row (in
                      // the prompt, or in an answer that differs early): the rest.
                      {86, 516, 667, 763, 925, 1103, 1254, 1319, 1688, 1849, 1950, 1952, 2036},
                      {86, 516, 925, 1103}};
const DataSet kSample{"Sample", false, 6, 10, 10, 10, 10, 5, 16, {12, 13, 14, 15}, {12}};

void PrintTo(const DataSet& data, std::ostream* os) { *os << data.name; }

class RealDataTest : public ::testing::TestWithParam<DataSet> {
 protected:
  // The records of `relative` in this data set; skips the test when the shared copy is absent.
  std::vector<std::string> Load(const std::string& relative) {
    std::string path = GetParam().shared ? convert_test::SharedDataPath(relative)
                                         : convert_test::SamplePath(relative);
    if (!std::filesystem::is_regular_file(path)) {
      if (GetParam().shared) {
        skipped_ = true;
        return {};
      }
      ADD_FAILURE() << "missing sample " << path;
      return {};
    }
    return LoadRecords(path);
  }
  bool skipped_ = false;
};

#define LOAD_OR_SKIP(var, relative)                                      \
  std::vector<std::string> var = Load(relative);                         \
  if (skipped_) GTEST_SKIP() << relative << " is not in ../shared/data"; \
  ASSERT_FALSE(var.empty())

std::string String(element value) {
  std::string_view text;
  EXPECT_EQ(value.get_string().get(text), simdjson::SUCCESS) << Compact(value);
  return std::string(text);
}

// Every output validates as `type` (what ConversionStep promises; checked here independently).
void ExpectAllValid(const StepRun& run, TrlType type) {
  for (const std::string& json : run.out) {
    auto violations = Violations(json, type);
    EXPECT_THAT(violations, IsEmpty()) << validate_test::Describe(violations) << json;
  }
}

// --- llamafactory/dpo_en_demo.json -> to_preference -------------------------------------------

TEST_P(RealDataTest, DpoEnDemoToPreference) {
  LOAD_OR_SKIP(records, "llamafactory/dpo_en_demo.json");
  ASSERT_EQ(records.size(), GetParam().dpo_records);
  StepRun run = Convert("to_preference", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kPreference);

  // Record 1, read by hand from the source: one human turn; chosen / rejected single gpt turns.
  JsonDoc first(run.out[0]);
  EXPECT_EQ(Compact(first["prompt"]),
            R"([{"role":"user","content":"Hi! I'd like to create a new language game simulating )"
            R"(the first person perspective of a character named Angela."}])");
  array chosen = first["chosen"].get_array().value();
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(String(chosen.at(0)["role"].value()), "assistant");
  std::string chosen_text = String(chosen.at(0)["content"].value());
  EXPECT_THAT(chosen_text,
              StartsWith("That sounds like a fun and engaging idea! Here are some tips "
                         "to help you create the game:\n1. Start with the character's "
                         "name and background:"));
  EXPECT_TRUE(
      chosen_text.ends_with("simulating the first person perspective of Angela. Good luck!"));
  EXPECT_EQ(chosen_text.size(), 1688u);
  array rejected = first["rejected"].get_array().value();
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(String(rejected.at(0)["role"].value()), "assistant");
  std::string rejected_text = String(rejected.at(0)["content"].value());
  EXPECT_THAT(rejected_text,
              StartsWith("Hello! I'd be happy to help you create a language game simulating the "
                         "first-person perspective of a character named Angela!"));
  EXPECT_TRUE(
      rejected_text.ends_with("helpful, respectful, and honest assistant! \xF0\x9F\x98\x8A"));
  EXPECT_EQ(rejected_text.size(), 550u);

  // Every record against its source: the prompt is the conversation, roles mapped.
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    array turns = source["conversations"].get_array().value();
    array prompt = out["prompt"].get_array().value();
    ASSERT_EQ(prompt.size(), turns.size()) << i;
    for (size_t t = 0; t < turns.size(); ++t) {
      std::string from = String(turns.at(t)["from"].value());
      std::string role = String(prompt.at(t)["role"].value());
      EXPECT_EQ(role, from == "human" ? "user" : from == "gpt" ? "assistant" : from) << i;
      EXPECT_EQ(String(prompt.at(t)["content"].value()), String(turns.at(t)["value"].value()));
    }
    EXPECT_EQ(String(out["chosen"].at(0)["content"].value()),
              String(source["chosen"]["value"].value()));
    EXPECT_EQ(String(out["rejected"].at(0)["content"].value()),
              String(source["rejected"]["value"].value()));
  }
  // Record 2 starts with a system turn.
  EXPECT_EQ(String(JsonDoc(run.out[1])["prompt"].at(0)["role"].value()), "system");
}

TEST_P(RealDataTest, DpoEnDemoToKtoGivesTwoRowsPerPair) {
  LOAD_OR_SKIP(records, "llamafactory/dpo_en_demo.json");
  StepRun run = Convert("to_kto", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), 2 * records.size());
  ExpectAllValid(run, TrlType::kUnpairedPreference);
  for (size_t i = 0; i < run.out.size(); ++i) {
    EXPECT_EQ(JsonDoc(run.out[i])["label"].get_bool().value(), i % 2 == 0) << i;
  }
}

// --- llamafactory/kto_en_demo.json -> to_kto ---------------------------------------------------

TEST_P(RealDataTest, KtoEnDemoToKto) {
  LOAD_OR_SKIP(records, "llamafactory/kto_en_demo.json");
  ASSERT_EQ(records.size(), GetParam().kto_records);
  StepRun run = Convert("to_kto", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kUnpairedPreference);
  size_t true_labels = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    bool label = source["label"].get_bool().value();
    EXPECT_EQ(out["label"].get_bool().value(), label) << i;
    true_labels += label;
    // prompt = every turn but the last; completion = the last (assistant) turn.
    array messages = source["messages"].get_array().value();
    array prompt = out["prompt"].get_array().value();
    array completion = out["completion"].get_array().value();
    ASSERT_EQ(prompt.size() + 1, messages.size()) << i;
    ASSERT_EQ(completion.size(), 1u) << i;
    EXPECT_EQ(String(completion.at(0)["content"].value()),
              String(messages.at(messages.size() - 1)["content"].value()));
    EXPECT_EQ(String(prompt.at(prompt.size() - 1)["role"].value()), "user");
  }
  EXPECT_EQ(true_labels, GetParam().shared ? 150u : 6u);
}

// --- llamafactory/glaive_toolcall_en_demo.json -> to_messages -----------------------------------

TEST_P(RealDataTest, GlaiveToolCallsToMessages) {
  LOAD_OR_SKIP(records, "llamafactory/glaive_toolcall_en_demo.json");
  ASSERT_EQ(records.size(), GetParam().glaive_records);
  StepRun run = Convert("to_messages", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kLanguageModeling);
  size_t calls = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    array turns = source["conversations"].get_array().value();
    array messages = out["messages"].get_array().value();
    ASSERT_EQ(messages.size(), turns.size()) << i;
    std::string last_call;
    for (size_t t = 0; t < turns.size(); ++t) {
      std::string from = String(turns.at(t)["from"].value());
      element message = messages.at(t).value();
      if (from == "function_call") {
        ++calls;
        EXPECT_EQ(String(message["role"].value()), "assistant");
        EXPECT_TRUE(message["content"].error() == simdjson::NO_SUCH_FIELD);
        // The source value is {"name", "arguments": {...}}; the output carries the arguments as
        // JSON text (OpenAI's API form), the same object.
        JsonDoc call(String(turns.at(t)["value"].value()));
        element written = message["tool_calls"].at(0)["function"].value();
        last_call = String(written["name"].value());
        EXPECT_EQ(last_call, String(call["name"]));
        EXPECT_EQ(String(written["arguments"].value()), Compact(call["arguments"]));
      } else if (from == "observation") {
        EXPECT_EQ(String(message["role"].value()), "tool");
        EXPECT_EQ(String(message["name"].value()), last_call) << i;
        EXPECT_EQ(String(message["content"].value()), String(turns.at(t)["value"].value()));
      } else {
        EXPECT_EQ(String(message["content"].value()), String(turns.at(t)["value"].value()));
      }
    }
    // tools: JSON text of bare schemas -> a list of {"type":"function","function":schema}.
    JsonDoc tools(String(source["tools"]));
    array written_tools = out["tools"].get_array().value();
    ASSERT_EQ(written_tools.size(), tools.root().get_array().value().size()) << i;
    for (size_t k = 0; k < written_tools.size(); ++k) {
      EXPECT_EQ(String(written_tools.at(k)["type"].value()), "function");
      EXPECT_EQ(Compact(written_tools.at(k)["function"].value()),
                Compact(tools.root().at(k).value()));
    }
  }
  EXPECT_GT(calls, 0u);
  // Record 1 by hand.
  JsonDoc first(run.out[0]);
  EXPECT_EQ(Compact(first["messages"].at(3).value()),
            R"({"role":"assistant","tool_calls":[{"type":"function","function":{"name":)"
            R"("search_recipes","arguments":"{\"ingredients\":[\"chicken\",\"bell peppers\",)"
            R"(\"rice\"]}"}}]})");
  EXPECT_EQ(String(first["messages"].at(4)["name"].value()), "search_recipes");
}

// --- llamafactory/alpaca_en_demo.json -> to_messages --------------------------------------------

TEST_P(RealDataTest, AlpacaToMessages) {
  LOAD_OR_SKIP(records, "llamafactory/alpaca_en_demo.json");
  ASSERT_EQ(records.size(), GetParam().alpaca_records);
  StepRun run = Convert("to_messages", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kLanguageModeling);
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    std::string query = String(source["instruction"]);
    std::string input = String(source["input"]);
    if (!input.empty()) query += "\n\n" + input;
    array messages = out["messages"].get_array().value();
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(String(messages.at(0)["content"].value()), query);
    EXPECT_EQ(String(messages.at(1)["content"].value()), String(source["output"]));
    // instruction/input/output are consumed: only messages is left.
    EXPECT_EQ(out.root().get_object().value().size(), 1u);
  }
}

// --- llamafactory v1 ----------------------------------------------------------------------------

TEST_P(RealDataTest, V1SftDemoToMessages) {
  LOAD_OR_SKIP(records, "llamafactory/v1_sft_demo.jsonl");
  ASSERT_EQ(records.size(), GetParam().sft_records);
  StepRun run = Convert("to_messages", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kLanguageModeling);
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    for (size_t t = 0; t < 2; ++t) {
      element from = source["messages"].at(t).value();
      element to = out["messages"].at(t).value();
      // [{type: text, value}] -> one string; loss_weight kept.
      EXPECT_EQ(String(to["content"].value()), String(from["content"].at(0)["value"].value()));
      EXPECT_EQ(Compact(to["loss_weight"].value()), Compact(from["loss_weight"].value()));
    }
  }
  EXPECT_EQ(Compact(JsonDoc(run.out[0])["messages"]),
            R"([{"role":"user","content":"hi","loss_weight":0.0},{"role":"assistant","content":)"
            R"("Hello! I am {{name}}, an AI assistant developed by {{author}}. How can I assist )"
            R"(you today?","loss_weight":1.0}])");
}

TEST_P(RealDataTest, V1DpoDemoToPreference) {
  LOAD_OR_SKIP(records, "llamafactory/v1_dpo_demo.jsonl");
  ASSERT_EQ(records.size(), GetParam().v1_dpo_records);
  StepRun run = Convert("to_preference", {}, records);
  EXPECT_THAT(run.reasons, IsEmpty());
  ASSERT_EQ(run.out.size(), records.size());
  ExpectAllValid(run, TrlType::kPreference);
  for (size_t i = 0; i < records.size(); ++i) {
    JsonDoc source(records[i]);
    JsonDoc out(run.out[i]);
    array prompt = out["prompt"].get_array().value();
    ASSERT_EQ(prompt.size(), 2u);  // system, user
    EXPECT_EQ(String(prompt.at(0)["role"].value()), "system");
    EXPECT_EQ(String(prompt.at(1)["role"].value()), "user");
    EXPECT_EQ(String(out["chosen"].at(0)["content"].value()),
              String(source["chosen_messages"].at(2)["content"].at(0)["value"].value()));
    EXPECT_EQ(String(out["rejected"].at(0)["content"].value()),
              String(source["rejected_messages"].at(2)["content"].at(0)["value"].value()));
    EXPECT_TRUE(out.root()["chosen_messages"].error() == simdjson::NO_SUCH_FIELD);
  }
}

// --- axolotl ------------------------------------------------------------------------------------

TEST_P(RealDataTest, AxolotlConversationToMessages) {
  LOAD_OR_SKIP(records, "conversational/axolotl_conversation.json");
  ASSERT_EQ(records.size(), 1u);
  StepRun run = Convert("to_messages", {}, records);
  ASSERT_EQ(run.out.size(), 1u);
  ExpectAllValid(run, TrlType::kLanguageModeling);
  JsonDoc out(run.out[0]);
  array messages = out["messages"].get_array().value();
  ASSERT_EQ(messages.size(), 12u);
  for (size_t t = 0; t < messages.size(); ++t) {
    EXPECT_EQ(String(messages.at(t)["role"].value()), t % 2 == 0 ? "user" : "assistant");
  }
  EXPECT_EQ(String(messages.at(0)["content"].value()),
            "how could i implement a minesweeper algorithm that utilises algebraic topology to "
            "solve boards?");
}

TEST_P(RealDataTest, AxolotlMissingTurnsAreRejected) {
  LOAD_OR_SKIP(records, "conversational/axolotl_conversation.missingturns.json");
  StepRun run = Convert("to_messages", {}, records);
  EXPECT_THAT(run.out, IsEmpty());
  ASSERT_EQ(run.reasons.size(), 1u);
  EXPECT_EQ(run.reasons[0],
            "the converted language_modeling record would be invalid: empty_content: "
            "messages[1].content: content is empty or only whitespace");
}

// --- hh-rlhf ------------------------------------------------------------------------------------

TEST_P(RealDataTest, HhRlhfToPreferenceConversational) {
  LOAD_OR_SKIP(records, "hh-rlhf/harmless-base_test.jsonl");
  ASSERT_EQ(records.size(), GetParam().hh_records);
  StepRun run = Convert("to_preference", {}, records);
  EXPECT_THAT(run.rejected_rows, ElementsAreArray(GetParam().hh_rejected_conversational));
  EXPECT_EQ(run.out.size() + run.reasons.size(), records.size());
  for (const std::string& reason : run.reasons) {
    EXPECT_THAT(reason, StartsWith("the converted preference record would be invalid: "));
    EXPECT_TRUE(reason.find("empty_content") != std::string::npos ||
                reason.find("bad_turn_order") != std::string::npos)
        << reason;
  }
  ExpectAllValid(run, TrlType::kPreference);
  // The conversation is all there: prompt + chosen turns = the chosen transcript's turns.
  std::set<uint64_t> rejected(run.rejected_rows.begin(), run.rejected_rows.end());
  size_t out_index = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (rejected.count(i)) continue;
    JsonDoc source(records[i]);
    JsonDoc out(run.out[out_index++]);
    std::string chosen = String(source["chosen"]);
    size_t markers = 0;
    for (size_t at = chosen.find("\n\nHuman:"); at != std::string::npos;
         at = chosen.find("\n\nHuman:", at + 1)) {
      ++markers;
    }
    for (size_t at = chosen.find("\n\nAssistant:"); at != std::string::npos;
         at = chosen.find("\n\nAssistant:", at + 1)) {
      ++markers;
    }
    EXPECT_EQ(out["prompt"].get_array().value().size() + out["chosen"].get_array().value().size(),
              markers)
        << i;
  }
}

TEST_P(RealDataTest, HhRlhfToPreferenceStandard) {
  LOAD_OR_SKIP(records, "hh-rlhf/harmless-base_test.jsonl");
  StepRun run = Convert("to_preference", {{"form", "standard"}}, records);
  EXPECT_THAT(run.rejected_rows, ElementsAreArray(GetParam().hh_rejected_standard));
  for (const std::string& reason : run.reasons) {
    EXPECT_EQ(reason,
              "the converted preference record would be invalid: empty_string: chosen: the string "
              "is empty or only whitespace");
  }
  ExpectAllValid(run, TrlType::kPreference);
  // The split is lossless: prompt + chosen / rejected are the source transcripts, and the prompt
  // ends with the last shared "\n\nAssistant:".
  std::set<uint64_t> rejected(run.rejected_rows.begin(), run.rejected_rows.end());
  size_t out_index = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (rejected.count(i)) continue;
    JsonDoc source(records[i]);
    JsonDoc out(run.out[out_index++]);
    std::string prompt = String(out["prompt"]);
    EXPECT_EQ(prompt + String(out["chosen"]), String(source["chosen"])) << i;
    EXPECT_EQ(prompt + String(out["rejected"]), String(source["rejected"])) << i;
    EXPECT_TRUE(prompt.ends_with("\n\nAssistant:")) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Data, RealDataTest, ::testing::Values(kShared, kSample),
                         [](const ::testing::TestParamInfo<DataSet>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace winnow
