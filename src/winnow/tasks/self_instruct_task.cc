#include "winnow/tasks/self_instruct_task.h"

#include <fmt/format.h>

#include <random>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/rouge_l.h"
#include "winnow/tasks/self_instruct.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"

namespace winnow::tasks {
namespace {

struct SelfInstructOptions {
  CallOptions call;
  std::string column = "instruction";
  int64_t target = 100;
  int64_t requests_per_round = 8;
  int64_t max_rounds = 0;  // 0: enough rounds for the target, with room for filtering
  bool completion_api = false;
  SelfInstructFilterOptions filters;
};

class SelfInstructGenerator final : public llm::LlmGenerator {
 public:
  SelfInstructGenerator(SelfInstructOptions options, uint64_t seed)
      : options_(std::move(options)), rng_(seed) {}

  std::vector<std::string> InputColumns() const override { return {options_.column}; }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Status AddInput(const Record& row) override {
    WINNOW_ASSIGN_OR_RETURN(std::string instruction, RowString(row, options_.column));
    pool_.Add(RougeTokenize(instruction));
    human_.push_back(std::move(instruction));
    return Status::OK();
  }

  std::vector<llm::LlmCall> NextRound() override {
    int64_t max_rounds =
        options_.max_rounds > 0
            ? options_.max_rounds
            : 10 + 4 * options_.target / std::max<int64_t>(1, options_.requests_per_round);
    if (kept_ >= options_.target || round_ >= max_rounds || human_.empty()) return {};
    ++round_;
    std::vector<llm::LlmCall> calls;
    for (int64_t i = 0; i < options_.requests_per_round; ++i) {
      std::vector<std::string> examples = SampleSelfInstructExamples(human_, machine_, rng_);
      std::string prompt = BuildSelfInstructPrompt(examples);
      llm::LlmCall call;
      call.endpoint = options_.call.endpoints.front();
      if (options_.completion_api) {
        call.request.kind = llm::RequestKind::kCompletion;
        call.request.prompt = prompt;
        call.request.sampling = options_.call.sampling;
      } else {
        call.request = ChatRequest(std::nullopt, prompt, options_.call, 0);
      }
      call.request.sampling.seed = rng_();
      call.max_reasks = 0;  // the answer is free text; the filters judge it
      call.example_answer = fmt::format(
          "Write a short poem about the sea in the style of a {}.\n"
          "{}. Explain why the sky looks blue at noon to a child.",
          i % 2 == 0 ? "sailor" : "child", examples.size() + 2);
      calls.push_back(std::move(call));
    }
    return calls;
  }

  llm::GeneratedRows TakeRound(std::vector<llm::LlmResult> results) override {
    llm::GeneratedRows out;
    for (const llm::LlmResult& result : results) {
      if (!result.ok()) {
        ++out.failed_calls;
        continue;
      }
      for (std::string& instruction : SplitSelfInstructResponse(result.text)) {
        std::optional<std::string> reason =
            SelfInstructRejectReason(instruction, pool_, options_.filters);
        if (!reason && kept_ >= options_.target) reason = "over_target";
        if (reason) {
          out.rejected.emplace_back(Row(instruction), *reason);
          continue;
        }
        pool_.Add(RougeTokenize(instruction));
        out.rows.push_back(Row(instruction));
        machine_.push_back(std::move(instruction));
        ++kept_;
      }
    }
    return out;
  }

 private:
  std::string Row(const std::string& instruction) const {
    JsonBuilder json;
    json.BeginObject().Field("instruction", instruction).Field("source", "self_instruct");
    json.Key("round").Int(round_).EndObject();
    return json.Take();
  }

  SelfInstructOptions options_;
  std::mt19937_64 rng_;
  RougePool pool_;
  std::vector<std::string> human_;
  std::vector<std::string> machine_;
  int64_t kept_ = 0;
  int64_t round_ = 0;
};

}  // namespace

Result<std::unique_ptr<llm::LlmGenerator>> CreateSelfInstructGenerator(StepOptions& options,
                                                                       uint64_t seed) {
  SelfInstructOptions si;
  // The original's sampling: temperature 0.7, top_p 0.5, presence_penalty 2, and stop sequences
  // that end the list before a 16th item.
  if (!options.Has("temperature")) options.Set("temperature", "0.7");
  if (!options.Has("top_p")) options.Set("top_p", "0.5");
  if (!options.Has("presence_penalty")) options.Set("presence_penalty", "2");
  if (!options.Has("stop")) options.Set("stop", R"(["\n\n", "\n16", "16.", "16 ."])");
  WINNOW_ASSIGN_OR_RETURN(si.call, ReadCallOptions(options));
  if (si.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("self_instruct uses one endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(si.column, options.GetString("instruction", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(si.target, options.GetInt("target", 100));
  WINNOW_ASSIGN_OR_RETURN(si.requests_per_round, options.GetInt("requests_per_round", 8));
  WINNOW_ASSIGN_OR_RETURN(si.max_rounds, options.GetInt("max_rounds", 0));
  if (si.target < 1 || si.requests_per_round < 1 || si.max_rounds < 0) {
    return Error(Status::InvalidArgument("need target >= 1, requests_per_round >= 1"));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string api, options.GetString("api", "chat"));
  if (api != "chat" && api != "completion") {
    return Error(Status::InvalidArgument("api must be chat or completion"));
  }
  si.completion_api = api == "completion";
  WINNOW_ASSIGN_OR_RETURN(int64_t min_words, options.GetInt("min_words", 4));
  WINNOW_ASSIGN_OR_RETURN(int64_t max_words, options.GetInt("max_words", 150));
  WINNOW_ASSIGN_OR_RETURN(si.filters.max_similarity, options.GetDouble("max_similarity", 0.7));
  if (options.Has("blocklist")) {
    WINNOW_ASSIGN_OR_RETURN(si.filters.blocklist, options.GetList("blocklist", ""));
  }
  if (min_words < 1 || max_words < min_words) {
    return Error(Status::InvalidArgument("need 1 <= min_words <= max_words"));
  }
  si.filters.min_words = static_cast<size_t>(min_words);
  si.filters.max_words = static_cast<size_t>(max_words);
  return std::unique_ptr<llm::LlmGenerator>(new SelfInstructGenerator(std::move(si), seed));
}

}  // namespace winnow::tasks
