#include "winnow/tasks/evol_instruct_task.h"

#include <fmt/format.h>

#include <random>

#include "winnow/common/hash.h"
#include "winnow/record/json_builder.h"
#include "winnow/tasks/evol_instruct.h"
#include "winnow/tasks/random_draw.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"

namespace winnow::tasks {
namespace {

struct EvolOptions {
  CallOptions call;
  std::string instruction = "instruction";
  int rounds = 4;
  std::vector<EvolMutation> mutations;  // drawn from uniformly each round
  bool answer = true;
  bool equality_check = false;
};

struct EvolRound {
  EvolMutation mutation = EvolMutation::kAddConstraints;
  std::string instruction;
  std::optional<std::string> response;    // asked only for evolutions the text rules let pass
  std::optional<std::string> eliminated;  // the reason, or nullopt when the evolution survived
};

class EvolJob final : public llm::RowJob {
 public:
  EvolJob(const EvolOptions& options, std::string instruction, uint64_t seed)
      : options_(options),
        current_(std::move(instruction)),
        seed_(seed),
        draws_(Hash64("mutations", seed)) {}

  llm::JobStep Begin() override { return NextRound(); }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    return evolving_ ? AfterEvolution(std::move(results)) : AfterChecks(std::move(results));
  }

 private:
  int round() const { return static_cast<int>(rounds_.size()) + 1; }  // 1-based, in progress

  llm::LlmCall Call(std::string prompt, std::string_view purpose, std::string example) const {
    llm::LlmCall call;
    call.endpoint = options_.call.endpoints.front();
    // Each call of each round gets its own seed, so a re-run asks the same questions.
    call.request = ChatRequest(std::nullopt, std::move(prompt), options_.call,
                               Hash64(fmt::format("{}:{}", purpose, round()), seed_));
    call.max_reasks = options_.call.max_reasks;
    call.example_answer = std::move(example);
    return call;
  }

  llm::JobStep NextRound() {
    if (static_cast<int>(rounds_.size()) == options_.rounds) return llm::JobStep::Done(Columns());
    pending_ = EvolRound{};
    pending_.mutation = options_.mutations[UniformBelow(draws_, options_.mutations.size())];
    evolving_ = true;
    // The dry run's evolution passes the elimination rules, so previews show surviving rounds.
    return llm::JobStep::Send({Call(BuildEvolPrompt(pending_.mutation, current_), "evolve",
                                    fmt::format("{} (example evolution {})", current_, round()))});
  }

  std::string What(std::string_view call) const {
    return fmt::format("round {} ({}) {}", round(), EvolMutationName(pending_.mutation), call);
  }

  llm::JobStep AfterEvolution(std::vector<llm::LlmResult> results) {
    if (!results[0].ok()) {
      return llm::JobStep::Fail(llm::FailureFromResult(What("evolution"), results[0]));
    }
    pending_.instruction = ExtractEvolvedInstruction(results[0].text);
    // Rules that need no answer are applied first: an evolution they eliminate costs no more calls.
    pending_.eliminated = EvolEliminationReason(current_, pending_.instruction, std::nullopt);
    std::vector<llm::LlmCall> calls;
    if (!pending_.eliminated) {
      if (options_.answer) {
        calls.push_back(Call(pending_.instruction, "answer",
                             "(example answer) A full answer to the evolved instruction."));
      }
      if (options_.equality_check) {
        llm::LlmCall equal =
            Call(BuildEvolEqualityPrompt(current_, pending_.instruction), "equal", "Not Equal");
        equal.check = [](std::string_view answer) {
          Result<bool> parsed = ParseEvolEquality(answer);
          return parsed.has_value() ? Status::OK() : parsed.error();
        };
        calls.push_back(std::move(equal));
      }
    }
    if (calls.empty()) return EndRound();
    evolving_ = false;
    return llm::JobStep::Send(std::move(calls));
  }

  llm::JobStep AfterChecks(std::vector<llm::LlmResult> results) {
    size_t next = 0;
    if (options_.answer) {
      const llm::LlmResult& answer = results[next++];
      if (!answer.ok()) return llm::JobStep::Fail(llm::FailureFromResult(What("answer"), answer));
      pending_.response = answer.text;
    }
    bool equal = false;
    if (options_.equality_check) {
      const llm::LlmResult& check = results[next++];
      if (!check.ok()) {
        return llm::JobStep::Fail(llm::FailureFromResult(What("equality check"), check));
      }
      Result<bool> parsed = ParseEvolEquality(check.text);
      if (!parsed.has_value()) {  // the engine checked it; a parser change is the only way here
        return llm::JobStep::Fail(
            {fmt::format("{}: {}", What("equality check"), parsed.error().message()),
             llm::FailureClass::kInvalidOutput, 0, 0, check.text});
      }
      equal = *parsed;
    }
    std::optional<std::string_view> response;
    if (pending_.response) response = *pending_.response;
    pending_.eliminated = EvolEliminationReason(current_, pending_.instruction, response);
    if (!pending_.eliminated && equal) pending_.eliminated = "judged_equal";
    return EndRound();
  }

  llm::JobStep EndRound() {
    if (!pending_.eliminated) {
      current_ = pending_.instruction;
      current_response_ = pending_.response;
      ++survived_;
    }
    rounds_.push_back(std::move(pending_));
    return NextRound();
  }

  std::vector<std::pair<std::string, std::string>> Columns() const {
    std::vector<std::pair<std::string, std::string>> columns;
    JsonBuilder json;
    json.String(current_);
    columns.emplace_back("evolved_instruction", json.Take());
    if (options_.answer) {
      // No surviving evolution means no evolved response: null, never the original's stand-in.
      current_response_ ? json.String(*current_response_) : json.Null();
      columns.emplace_back("evolved_response", json.Take());
    }
    json.BeginArray();
    for (size_t i = 0; i < rounds_.size(); ++i) {
      const EvolRound& round = rounds_[i];
      json.BeginObject().Key("round").Int(static_cast<int64_t>(i + 1));
      json.Field("mutation", EvolMutationName(round.mutation));
      json.Field("instruction", round.instruction);
      if (options_.answer) {
        json.Key("response");
        round.response ? json.String(*round.response) : json.Null();
      }
      json.Key("eliminated");
      round.eliminated ? json.String(*round.eliminated) : json.Null();
      json.EndObject();
    }
    json.EndArray();
    columns.emplace_back("evolution", json.Take());
    json.Int(survived_);
    columns.emplace_back("evolution_survived", json.Take());
    return columns;
  }

  const EvolOptions& options_;
  std::string current_;  // the last surviving instruction (the row's own at first)
  std::optional<std::string> current_response_;
  uint64_t seed_;
  std::mt19937_64 draws_;
  std::vector<EvolRound> rounds_;  // finished rounds
  EvolRound pending_;              // the round in progress
  bool evolving_ = true;           // waiting for the evolution (else for the answer and check)
  int survived_ = 0;
};

class EvolTask final : public llm::LlmTask {
 public:
  explicit EvolTask(EvolOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override { return {options_.instruction}; }
  std::vector<std::string> OutputColumns() const override {
    if (!options_.answer) return {"evolved_instruction", "evolution", "evolution_survived"};
    return {"evolved_instruction", "evolved_response", "evolution", "evolution_survived"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    WINNOW_ASSIGN_OR_RETURN(std::string instruction, RowString(row, options_.instruction));
    return std::unique_ptr<llm::RowJob>(
        new EvolJob(options_, std::move(instruction), context.seed));
  }

 private:
  EvolOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateEvolInstructTask(StepOptions& options,
                                                             const std::string& /*step_name*/) {
  EvolOptions evol;
  WINNOW_ASSIGN_OR_RETURN(evol.call, ReadCallOptions(options));
  if (evol.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument(
        "evol_instruct asks for free text; json_schema and the like do not apply"));
  }
  if (evol.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("evol_instruct uses one endpoint"));
  }
  WINNOW_ASSIGN_OR_RETURN(evol.instruction, options.GetString("instruction", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(int64_t rounds, options.GetInt("rounds", 4));
  if (rounds < 1 || rounds > 20) return Error(Status::InvalidArgument("rounds must be 1-20"));
  evol.rounds = static_cast<int>(rounds);
  const bool mutations_given = options.Has("mutations");
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> names, options.GetList("mutations", ""));
  if (mutations_given && names.empty()) {
    return Error(Status::InvalidArgument("mutations is empty (leave it out for all six)"));
  }
  for (const std::string& name : names) {
    WINNOW_ASSIGN_OR_RETURN(EvolMutation mutation, ParseEvolMutation(name));
    evol.mutations.push_back(mutation);
  }
  if (evol.mutations.empty()) {
    evol.mutations = {EvolMutation::kAddConstraints,  EvolMutation::kDeepen,
                      EvolMutation::kConcretize,      EvolMutation::kIncreaseReasoning,
                      EvolMutation::kComplicateInput, EvolMutation::kBreadth};
  }
  WINNOW_ASSIGN_OR_RETURN(evol.answer, options.GetBool("answer", true));
  WINNOW_ASSIGN_OR_RETURN(evol.equality_check, options.GetBool("equality_check", false));
  return std::unique_ptr<llm::LlmTask>(new EvolTask(std::move(evol)));
}

}  // namespace winnow::tasks
