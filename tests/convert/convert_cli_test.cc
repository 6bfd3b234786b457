// `winnow convert` end to end: the built binary (WINNOW_BINARY) on the real-data samples of
// tests/data/convert. Whatever convert writes, `winnow validate` accepts (exit 0); inputs that
// cannot be converted go to --reject with the reason; flags that do not apply are usage errors.

#include <simdjson.h>

#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Sample(std::string_view relative) {
  return std::string(WINNOW_TEST_DATA_DIR) + "/convert/" + std::string(relative);
}

struct Case {
  const char* name;
  const char* input;  // under tests/data/convert
  std::vector<std::string> flags;
  const char* validate_type;  // what `winnow validate --type` must accept
  uint64_t in, out, rejected;
};

const Case kCases[] = {
    {"DpoToPreference",
     "llamafactory/dpo_en_demo.json",
     {"--to", "preference"},
     "preference",
     6,
     6,
     0},
    {"DpoToKto", "llamafactory/dpo_en_demo.json", {"--to", "kto"}, "kto", 6, 12, 0},
    {"KtoToKto", "llamafactory/kto_en_demo.json", {"--to", "kto"}, "kto", 10, 10, 0},
    {"GlaiveToMessages",
     "llamafactory/glaive_toolcall_en_demo.json",
     {"--to", "messages"},
     "sft",
     10,
     10,
     0},
    {"GlaiveToMessagesObjectArguments",
     "llamafactory/glaive_toolcall_en_demo.json",
     {"--to", "messages", "--from", "sharegpt", "--arguments", "object"},
     "sft",
     10,
     10,
     0},
    {"AlpacaToMessages",
     "llamafactory/alpaca_en_demo.json",
     {"--to", "messages", "--from", "alpaca"},
     "sft",
     10,
     10,
     0},
    {"AlpacaToMessagesWithSystem",
     "llamafactory/alpaca_en_demo.json",
     {"--to", "messages", "--system", "You are helpful."},
     "sft",
     10,
     10,
     0},
    {"V1SftToMessages", "llamafactory/v1_sft_demo.jsonl", {"--to", "messages"}, "sft", 10, 10, 0},
    {"V1SftToPromptCompletion",
     "llamafactory/v1_sft_demo.jsonl",
     {"--to", "prompt-completion"},
     "prompt_completion",
     10,
     10,
     0},
    {"V1SftToPromptCompletionStandard",
     "llamafactory/v1_sft_demo.jsonl",
     {"--to", "prompt-completion", "--form", "standard"},
     "prompt_completion",
     10,
     10,
     0},
    {"V1DpoToPreference", "llamafactory/v1_dpo_demo.jsonl", {"--to", "preference"}, "dpo", 5, 5, 0},
    {"AxolotlToMessages",
     "conversational/axolotl_conversation.json",
     {"--to", "messages"},
     "sft",
     1,
     1,
     0},
    {"AxolotlToPromptCompletion",
     "conversational/axolotl_conversation.json",
     {"--to", "prompt-completion", "--from", "sharegpt"},
     "prompt_completion",
     1,
     1,
     0},
    {"AxolotlMissingTurns",
     "conversational/axolotl_conversation.missingturns.json",
     {"--to", "messages"},
     "sft",
     1,
     0,
     1},
    {"HhToPreference",
     "hh-rlhf/harmless-base_test.jsonl",
     {"--to", "preference"},
     "preference",
     16,
     12,
     4},
    {"HhToPreferenceStandard",
     "hh-rlhf/harmless-base_test.jsonl",
     {"--to", "preference", "--from", "hh", "--form", "standard"},
     "preference",
     16,
     15,
     1},
    {"HhToKto", "hh-rlhf/harmless-base_test.jsonl", {"--to", "kto"}, "kto", 16, 24, 4},
};

// Test names and ctest listings show the case's name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ConvertCliCaseTest : public ::testing::TestWithParam<Case> {
 protected:
  TempDir dir_;
};

TEST_P(ConvertCliCaseTest, OutputValidates) {
  const Case& c = GetParam();
  std::string output = dir_.Join("out.jsonl");
  std::string rejects = dir_.Join("rejects.jsonl");
  std::vector<std::string> args = {"convert", Sample(c.input), "-o", output, "--reject", rejects};
  args.insert(args.end(), c.flags.begin(), c.flags.end());
  CommandResult convert = RunWinnow(args);
  ASSERT_EQ(convert.exit_code, 0) << Describe(convert);
  EXPECT_THAT(convert.err, HasSubstr("winnow: " + std::to_string(c.in) + " records in, " +
                                     std::to_string(c.out) + " out, " + std::to_string(c.rejected) +
                                     " rejected"));
  std::vector<std::string> written = SplitLines(TempDir::ReadPath(output));
  EXPECT_EQ(written.size(), c.out);
  std::vector<std::string> rejected = SplitLines(TempDir::ReadPath(rejects));
  EXPECT_EQ(rejected.size(), c.rejected);
  for (const std::string& line : rejected) {
    simdjson::dom::parser parser;
    simdjson::dom::element reject;
    ASSERT_EQ(parser.parse(line).get(reject), simdjson::SUCCESS) << line;
    EXPECT_FALSE(std::string_view(reject["reason"].get_string().value()).empty());
    EXPECT_TRUE(reject["record"].is_object());
  }
  ExpectNoTempFiles(dir_.List());
  if (c.out == 0) return;
  CommandResult detected = RunWinnow({"validate", output});
  EXPECT_EQ(detected.exit_code, 0) << Describe(detected);
  EXPECT_THAT(detected.out, HasSubstr("invalid: 0"));
  CommandResult given = RunWinnow({"validate", "--type", c.validate_type, output});
  EXPECT_EQ(given.exit_code, 0) << Describe(given);
}

INSTANTIATE_TEST_SUITE_P(Samples, ConvertCliCaseTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

class ConvertCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(ConvertCliTest, ReportsRejectCountsPerReason) {
  CommandResult result = RunWinnow({"convert", Sample("hh-rlhf/harmless-base_test.jsonl"), "--to",
                                    "preference", "-o", dir_.Join("out.jsonl")});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("to_preference.rejected.invalid_output: 4"));
}

TEST_F(ConvertCliTest, RejectsNameTheRuleAndLine) {
  std::string rejects = dir_.Join("rejects.jsonl");
  CommandResult result =
      RunWinnow({"convert", Sample("hh-rlhf/harmless-base_test.jsonl"), "--to", "preference",
                 "--form", "standard", "-o", dir_.Join("out.jsonl"), "--reject", rejects});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  std::vector<std::string> lines = SplitLines(TempDir::ReadPath(rejects));
  ASSERT_EQ(lines.size(), 1u);
  simdjson::dom::parser parser;
  simdjson::dom::element reject;
  ASSERT_EQ(parser.parse(lines[0]).get(reject), simdjson::SUCCESS);
  EXPECT_EQ(reject["step"].get_string().value(), "to_preference");
  EXPECT_EQ(reject["line"].get_uint64().value(), 13u);  // original hh-rlhf line 87
  EXPECT_EQ(reject["reason"].get_string().value(),
            "the converted preference record would be invalid: empty_string: chosen: the string "
            "is empty or only whitespace");
}

TEST_F(ConvertCliTest, StdinToStdout) {
  CommandResult result = RunWinnow(
      {"convert", "--to", "messages", "-"},
      R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}],"id":1})"
      "\n");
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(
      result.out,
      R"({"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A"}],"id":1})"
      "\n");
}

TEST_F(ConvertCliTest, DropOtherColumns) {
  CommandResult result = RunWinnow(
      {"convert", "--to", "messages", "--drop-other-columns", "-"},
      R"({"conversations":[{"from":"human","value":"Q"},{"from":"gpt","value":"A"}],"id":1})"
      "\n");
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.out, Not(HasSubstr("\"id\"")));
}

TEST_F(ConvertCliTest, MessagesToShareGptAndBack) {
  std::string messages = dir_.Join("messages.jsonl");
  std::string sharegpt = dir_.Join("sharegpt.jsonl");
  std::string back = dir_.Join("back.jsonl");
  ASSERT_EQ(RunWinnow({"convert", Sample("llamafactory/glaive_toolcall_en_demo.json"), "--to",
                       "messages", "-o", messages})
                .exit_code,
            0);
  CommandResult to_sharegpt = RunWinnow({"convert", messages, "--to", "sharegpt", "-o", sharegpt});
  ASSERT_EQ(to_sharegpt.exit_code, 0) << Describe(to_sharegpt);
  EXPECT_THAT(TempDir::ReadPath(sharegpt), HasSubstr("\"from\":\"function_call\""));
  CommandResult to_messages = RunWinnow({"convert", sharegpt, "--to", "messages", "-o", back});
  ASSERT_EQ(to_messages.exit_code, 0) << Describe(to_messages);
  EXPECT_EQ(TempDir::ReadPath(back), TempDir::ReadPath(messages));
}

TEST_F(ConvertCliTest, ColumnEditsAlone) {
  CommandResult result = RunWinnow({"convert", "--rename", "question=prompt", "--rename",
                                    "answer=completion", "--drop", "id", "-"},
                                   R"({"id":1,"question":"2+2=","answer":"4"})"
                                   "\n");
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, R"({"prompt":"2+2=","completion":"4"})"
                        "\n");
}

TEST_F(ConvertCliTest, ConversionThenColumnEdits) {
  CommandResult result = RunWinnow(
      {"convert", "--to", "kto", "--select", "prompt,completion,label", "--set", "source=hh", "-"},
      R"({"prompt":"p","chosen":" a","rejected":" b","id":4})"
      "\n");
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(result.out, R"({"prompt":"p","completion":" a","label":true})"
                        "\n"
                        R"({"prompt":"p","completion":" b","label":false})"
                        "\n");
}

// --- usage errors ----------------------------------------------------------------------------

TEST_F(ConvertCliTest, FlagThatDoesNotApplyIsAUsageError) {
  std::string input = dir_.Write("in.jsonl", "{\"conversations\":[]}\n");
  CommandResult margin = RunWinnow({"convert", "--to", "messages", "--margin", "1", input});
  ExpectOneLineError(margin, 2);
  EXPECT_THAT(margin.err, HasSubstr("unknown option 'margin'"));
  EXPECT_THAT(margin.err, HasSubstr("to_messages"));
  CommandResult form = RunWinnow({"convert", "--to", "messages", "--form", "standard", input});
  ExpectOneLineError(form, 2);
  EXPECT_THAT(form.err, HasSubstr("unknown option 'form'"));
  CommandResult arguments =
      RunWinnow({"convert", "--to", "sharegpt", "--arguments", "object", input});
  ExpectOneLineError(arguments, 2);
  CommandResult system = RunWinnow({"convert", "--to", "preference", "--system", "S", input});
  ExpectOneLineError(system, 2);
  EXPECT_THAT(system.err, HasSubstr("unknown option 'system'"));
  // Nothing was written.
  EXPECT_EQ(margin.out, "");
}

TEST_F(ConvertCliTest, BadValuesAreUsageErrors) {
  std::string input = dir_.Write("in.jsonl", "{\"conversations\":[]}\n");
  CommandResult to = RunWinnow({"convert", "--to", "yaml", input});
  ExpectOneLineError(to, 2);
  EXPECT_THAT(to.err, HasSubstr("--to yaml: expected messages, sharegpt, prompt-completion"));
  CommandResult none = RunWinnow({"convert", input});
  ExpectOneLineError(none, 2);
  EXPECT_THAT(none.err, HasSubstr("--to is required"));
  CommandResult form = RunWinnow({"convert", "--to", "preference", "--form", "chatml", input});
  ExpectOneLineError(form, 2);
  EXPECT_THAT(form.err, HasSubstr("form must be 'conversational' or 'standard'"));
  CommandResult from = RunWinnow({"convert", "--to", "messages", "--from", "csv", input});
  ExpectOneLineError(from, 2);
  EXPECT_THAT(from.err, HasSubstr("unknown chat source 'csv'"));
  CommandResult rename = RunWinnow({"convert", "--rename", "question", input});
  ExpectOneLineError(rename, 2);
}

TEST_F(ConvertCliTest, MalformedInputIsAnInputError) {
  std::string input = dir_.Write("bad.jsonl", "{\"conversations\": [\n");
  CommandResult result =
      RunWinnow({"convert", "--to", "messages", input, "-o", dir_.Join("o.jsonl")});
  ExpectOneLineError(result, 1);
  ExpectNoTempFiles(dir_.List());
}

}  // namespace
}  // namespace winnow::cli_test
