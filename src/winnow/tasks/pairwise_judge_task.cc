#include "winnow/tasks/pairwise_judge_task.h"

#include <fmt/format.h>

#include "winnow/common/hash.h"
#include "winnow/record/json_builder.h"
#include "winnow/tasks/pairwise_judge.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"

namespace winnow::tasks {
namespace {

struct PairwiseOptions {
  CallOptions call;
  std::string question = "instruction";
  std::string answer_a = "response_a";
  std::string answer_b = "response_b";
  std::string reference;  // a column; empty for none
  bool both_orders = true;
};

// A verdict named after the answer columns rather than the prompt positions, so that the two
// orders read alike: in the swapped call the judge's "A" is answer_b.
std::string_view AnswerName(PairwiseVerdict verdict, bool swapped) {
  if (verdict == PairwiseVerdict::kTie) return "tie";
  return (verdict == PairwiseVerdict::kA) != swapped ? "a" : "b";
}

llm::LlmCall JudgeCall(const PairwiseOptions& options, std::vector<llm::Message> messages,
                       uint64_t seed, std::string example_answer) {
  llm::LlmCall call;
  call.endpoint = options.call.endpoints.front();
  call.request.messages = std::move(messages);
  call.request.sampling = options.call.sampling;
  call.request.sampling.seed = seed;
  call.max_reasks = options.call.max_reasks;
  call.check = [](std::string_view answer) {
    Result<PairwiseVerdict> verdict = ParsePairwise(answer);
    return verdict.has_value() ? Status::OK() : verdict.error();
  };
  call.example_answer = std::move(example_answer);
  return call;
}

class PairwiseJob final : public llm::RowJob {
 public:
  explicit PairwiseJob(std::vector<llm::LlmCall> calls) : calls_(std::move(calls)) {}

  llm::JobStep Begin() override { return llm::JobStep::Send(std::move(calls_)); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    std::vector<PairwiseVerdict> verdicts;
    for (size_t i = 0; i < results.size(); ++i) {
      const std::string_view what = i == 0 ? "verdict a-b" : "verdict b-a";
      if (!results[i].ok()) return llm::JobStep::Fail(llm::FailureFromResult(what, results[i]));
      Result<PairwiseVerdict> verdict = ParsePairwise(results[i].text);
      if (!verdict.has_value()) {  // the engine checked it; a parser change is the only way here
        return llm::JobStep::Fail({fmt::format("{}: {}", what, verdict.error().message()),
                                   llm::FailureClass::kInvalidOutput, 0, 0, results[i].text});
      }
      verdicts.push_back(*verdict);
    }
    JsonBuilder json;
    std::vector<std::pair<std::string, std::string>> columns;
    if (verdicts.size() == 1) {
      json.String(AnswerName(verdicts[0], false));
      columns.emplace_back("winner", json.str());
      columns.emplace_back("verdict_ab", json.Take());
      return llm::JobStep::Done(std::move(columns));
    }
    const PairwiseOutcome outcome = CombineBothOrders(verdicts[0], verdicts[1]);
    // MT-Bench scores an inconsistent pair as a tie; judge_consistent keeps the difference.
    json.String(outcome == PairwiseOutcome::kFirstWins    ? "a"
                : outcome == PairwiseOutcome::kSecondWins ? "b"
                                                          : "tie");
    columns.emplace_back("winner", json.Take());
    json.String(AnswerName(verdicts[0], false));
    columns.emplace_back("verdict_ab", json.Take());
    json.String(AnswerName(verdicts[1], true));
    columns.emplace_back("verdict_ba", json.Take());
    json.Bool(outcome != PairwiseOutcome::kInconsistent);
    columns.emplace_back("judge_consistent", json.Take());
    return llm::JobStep::Done(std::move(columns));
  }

 private:
  std::vector<llm::LlmCall> calls_;
};

class PairwiseTask final : public llm::LlmTask {
 public:
  explicit PairwiseTask(PairwiseOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override {
    std::vector<std::string> columns = {options_.question, options_.answer_a, options_.answer_b};
    if (!options_.reference.empty()) columns.push_back(options_.reference);
    return columns;
  }
  std::vector<std::string> OutputColumns() const override {
    if (!options_.both_orders) return {"winner", "verdict_ab"};
    return {"winner", "verdict_ab", "verdict_ba", "judge_consistent"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    WINNOW_ASSIGN_OR_RETURN(std::string question, RowString(row, options_.question));
    WINNOW_ASSIGN_OR_RETURN(std::string answer_a, RowString(row, options_.answer_a));
    WINNOW_ASSIGN_OR_RETURN(std::string answer_b, RowString(row, options_.answer_b));
    std::optional<std::string> reference;
    if (!options_.reference.empty()) {
      WINNOW_ASSIGN_OR_RETURN(reference, RowString(row, options_.reference));
    }
    std::optional<std::string_view> shown_reference;
    if (reference) shown_reference = *reference;
    std::vector<llm::LlmCall> calls;
    // The dry run's answers agree with each other (answer_a wins in both orders).
    calls.push_back(JudgeCall(
        options_, BuildPairwiseMessages(question, answer_a, answer_b, shown_reference),
        Hash64("a-b", context.seed), "(example) Assistant A follows the question better. [[A]]"));
    if (options_.both_orders) {
      calls.push_back(JudgeCall(
          options_, BuildPairwiseMessages(question, answer_b, answer_a, shown_reference),
          Hash64("b-a", context.seed), "(example) Assistant B follows the question better. [[B]]"));
    }
    return std::unique_ptr<llm::RowJob>(new PairwiseJob(std::move(calls)));
  }

 private:
  PairwiseOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreatePairwiseJudgeTask(StepOptions& options,
                                                              const std::string& /*step_name*/) {
  PairwiseOptions pairwise;
  // MT-Bench judged at temperature 0.
  WINNOW_ASSIGN_OR_RETURN(pairwise.call, ReadCallOptions(options, 0.0));
  if (pairwise.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument(
        "pairwise_judge answers in MT-Bench's \"[[A]]\" format; json_schema and the like do not "
        "apply"));
  }
  if (pairwise.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("pairwise_judge uses one judge endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(pairwise.question, options.GetString("question", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(pairwise.answer_a, options.GetString("answer_a", "response_a"));
  WINNOW_ASSIGN_OR_RETURN(pairwise.answer_b, options.GetString("answer_b", "response_b"));
  WINNOW_ASSIGN_OR_RETURN(pairwise.reference, options.GetString("reference", ""));
  WINNOW_ASSIGN_OR_RETURN(pairwise.both_orders, options.GetBool("both_orders", true));
  return std::unique_ptr<llm::LlmTask>(new PairwiseTask(std::move(pairwise)));
}

}  // namespace winnow::tasks
