#include "winnow/tasks/ultrafeedback_task.h"

#include <fmt/format.h>

#include "winnow/record/json_builder.h"
#include "winnow/tasks/task_options.h"
#include "winnow/tasks/task_row.h"
#include "winnow/tasks/ultrafeedback.h"

namespace winnow::tasks {
namespace {

using Aspect = UltraFeedbackAspect;

struct UltraFeedbackOptions {
  CallOptions call;
  std::string instruction = "instruction";
  std::string generations = "generations";
  std::string models = "generation_models";
  std::string world_knowledge;  // a column; empty for none
  std::vector<Aspect> aspects;
  bool shuffle = true;
};

// A well-formed answer for dry runs: what the parser accepts for `count` texts.
std::string ExampleAnswer(Aspect aspect, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out += fmt::format("#### Output for Text {}\n", i + 1);
    if (UltraFeedbackHasType(aspect)) out += "Type: None\nRationale: (example)\n";
    out += fmt::format("Rating: {}\nRationale: (example rating)\n\n",
                       UltraFeedbackMaxRating(aspect) / 2 + 1);
  }
  return out;
}

class UltraFeedbackJob final : public llm::RowJob {
 public:
  UltraFeedbackJob(const UltraFeedbackOptions& options, std::string instruction,
                   std::vector<std::string> generations, std::vector<std::string> models,
                   std::optional<std::string> knowledge, uint64_t seed)
      : options_(options),
        instruction_(std::move(instruction)),
        generations_(std::move(generations)),
        models_(std::move(models)),
        knowledge_(std::move(knowledge)),
        seed_(seed) {}

  llm::JobStep Begin() override {
    std::vector<llm::LlmCall> calls;
    for (size_t a = 0; a < options_.aspects.size(); ++a) {
      Aspect aspect = options_.aspects[a];
      size_t n = generations_.size();
      orders_.push_back(options_.shuffle ? ShuffledOrder(n, seed_ + a) : IdentityOrder(n));
      std::vector<std::string> shown = ApplyOrder(generations_, orders_.back());
      llm::LlmCall call;
      call.endpoint = options_.call.endpoints.front();
      call.request.messages = BuildUltraFeedbackMessages(
          aspect, instruction_, shown,
          knowledge_ ? std::optional<std::string_view>(*knowledge_) : std::nullopt);
      call.request.sampling = options_.call.sampling;
      call.request.sampling.seed = seed_ + a;
      call.max_reasks = options_.call.max_reasks;
      call.check = [aspect, n](std::string_view answer) {
        return ParseUltraFeedback(aspect, answer, n).has_value()
                   ? Status::OK()
                   : ParseUltraFeedback(aspect, answer, n).error();
      };
      call.example_answer = ExampleAnswer(aspect, n);
      calls.push_back(std::move(call));
    }
    return llm::JobStep::Send(std::move(calls));
  }

  llm::JobStep Continue(std::vector<llm::LlmResult> results) override {
    std::vector<std::vector<AspectRating>> per_aspect;
    for (size_t a = 0; a < results.size(); ++a) {
      std::string_view name = UltraFeedbackAspectName(options_.aspects[a]);
      if (!results[a].ok()) {
        return llm::JobStep::Fail(
            llm::FailureFromResult(fmt::format("{} rating", name), results[a]));
      }
      auto parsed = ParseUltraFeedback(options_.aspects[a], results[a].text, generations_.size());
      if (!parsed.has_value()) {  // the engine checked it; a parser change is the only way here
        return llm::JobStep::Fail(
            {parsed.error().message(), llm::FailureClass::kInvalidOutput, 0, 0, results[a].text});
      }
      per_aspect.push_back(UndoOrder(std::move(*parsed), orders_[a]));
    }
    return llm::JobStep::Done(Columns(per_aspect));
  }

 private:
  static std::vector<size_t> IdentityOrder(size_t n) {
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    return order;
  }

  std::vector<std::pair<std::string, std::string>> Columns(
      const std::vector<std::vector<AspectRating>>& per_aspect) const {
    const size_t n = generations_.size();
    std::vector<double> ratings(n, 0);
    std::vector<std::string> rationales(n);
    for (size_t i = 0; i < n; ++i) {
      double sum = 0;
      int counted = 0;
      for (size_t a = 0; a < per_aspect.size(); ++a) {
        const AspectRating& rating = per_aspect[a][i];
        if (rating.rating) sum += *rating.rating, ++counted;
        if (per_aspect.size() > 1) {
          rationales[i] +=
              fmt::format("{}{}: {}", rationales[i].empty() ? "" : "\n",
                          UltraFeedbackAspectName(options_.aspects[a]), rating.rationale);
        } else {
          rationales[i] = rating.rationale;
        }
      }
      // Honesty alone can be N/A for every text: then there is no rating, and the row says so.
      ratings[i] = counted > 0 ? sum / counted : -1;
    }
    std::vector<std::pair<std::string, std::string>> columns;
    JsonBuilder json;
    json.BeginArray();
    for (double rating : ratings) rating < 0 ? json.Null() : json.Number(rating);
    json.EndArray();
    columns.emplace_back("ratings", json.Take());
    json.BeginArray();
    for (const std::string& rationale : rationales) json.String(rationale);
    json.EndArray();
    columns.emplace_back("rationales", json.Take());
    json.BeginArray();
    for (size_t i = 0; i < n; ++i) {
      json.BeginObject().Field("response", generations_[i]);
      if (i < models_.size()) json.Field("model", models_[i]);
      json.Key("rating");
      ratings[i] < 0 ? json.Null() : json.Number(ratings[i]);
      json.Field("rationale", rationales[i]);
      if (per_aspect.size() > 1 || options_.aspects[0] != Aspect::kOverall) {
        json.Key("annotations").BeginObject();
        for (size_t a = 0; a < per_aspect.size(); ++a) AppendAnnotation(json, a, per_aspect[a][i]);
        json.EndObject();
      }
      json.EndObject();
    }
    json.EndArray();
    columns.emplace_back("completions", json.Take());
    if (options_.aspects.size() == 1 && options_.aspects[0] == Aspect::kOverall) return columns;
    for (size_t a = 0; a < per_aspect.size(); ++a) {
      std::string name(UltraFeedbackAspectName(options_.aspects[a]));
      json.BeginArray();
      for (const AspectRating& r : per_aspect[a]) r.rating ? json.Int(*r.rating) : json.Null();
      json.EndArray();
      columns.emplace_back("ratings_" + name, json.Take());
      json.BeginArray();
      for (const AspectRating& r : per_aspect[a]) json.String(r.rationale);
      json.EndArray();
      columns.emplace_back("rationales_" + name, json.Take());
      if (!UltraFeedbackHasType(options_.aspects[a])) continue;
      json.BeginArray();
      for (const AspectRating& r : per_aspect[a]) json.String(r.type);
      json.EndArray();
      columns.emplace_back("types_" + name, json.Take());
    }
    return columns;
  }

  void AppendAnnotation(JsonBuilder& json, size_t aspect, const AspectRating& rating) const {
    json.Key(UltraFeedbackAspectName(options_.aspects[aspect])).BeginObject().Key("rating");
    rating.rating ? json.Int(*rating.rating) : json.String("N/A");
    json.Field("rationale", rating.rationale);
    if (UltraFeedbackHasType(options_.aspects[aspect])) {
      json.Field("type", rating.type).Field("type_rationale", rating.type_rationale);
    }
    json.EndObject();
  }

  const UltraFeedbackOptions& options_;
  std::string instruction_;
  std::vector<std::string> generations_;
  std::vector<std::string> models_;
  std::optional<std::string> knowledge_;
  uint64_t seed_;
  std::vector<std::vector<size_t>> orders_;
};

class UltraFeedbackTask final : public llm::LlmTask {
 public:
  explicit UltraFeedbackTask(UltraFeedbackOptions options) : options_(std::move(options)) {}

  std::vector<std::string> InputColumns() const override {
    std::vector<std::string> columns = {options_.instruction, options_.generations};
    if (!options_.world_knowledge.empty()) columns.push_back(options_.world_knowledge);
    return columns;
  }
  std::vector<std::string> OutputColumns() const override {
    return {"ratings", "rationales", "completions"};
  }
  std::vector<std::string> Endpoints() const override { return options_.call.endpoints; }

  Result<std::unique_ptr<llm::RowJob>> StartRow(const Record& row,
                                                const llm::RowContext& context) const override {
    WINNOW_ASSIGN_OR_RETURN(std::string instruction, RowString(row, options_.instruction));
    WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> generations,
                            RowStringList(row, options_.generations));
    if (generations.empty()) {
      return Error(Status::InvalidInput(
          fmt::format("column '{}' has no completions to rate", options_.generations)));
    }
    std::vector<std::string> models;
    if (row.Field(options_.models).error() == simdjson::SUCCESS) {
      WINNOW_ASSIGN_OR_RETURN(models, RowStringList(row, options_.models));
    }
    std::optional<std::string> knowledge;
    if (!options_.world_knowledge.empty()) {
      WINNOW_ASSIGN_OR_RETURN(knowledge, RowString(row, options_.world_knowledge));
    }
    return std::unique_ptr<llm::RowJob>(
        new UltraFeedbackJob(options_, std::move(instruction), std::move(generations),
                             std::move(models), std::move(knowledge), context.seed));
  }

 private:
  UltraFeedbackOptions options_;
};

}  // namespace

Result<std::unique_ptr<llm::LlmTask>> CreateUltraFeedbackTask(StepOptions& options,
                                                              const std::string& /*step_name*/) {
  UltraFeedbackOptions uf;
  // The original judged at temperature 0.
  WINNOW_ASSIGN_OR_RETURN(uf.call, ReadCallOptions(options, 0.0));
  WINNOW_ASSIGN_OR_RETURN(uf.instruction, options.GetString("instruction", "instruction"));
  WINNOW_ASSIGN_OR_RETURN(uf.generations, options.GetString("generations", "generations"));
  WINNOW_ASSIGN_OR_RETURN(uf.models, options.GetString("models", "generation_models"));
  WINNOW_ASSIGN_OR_RETURN(uf.world_knowledge, options.GetString("world_knowledge", ""));
  WINNOW_ASSIGN_OR_RETURN(uf.shuffle, options.GetBool("shuffle", true));
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> aspects, options.GetList("aspects", "overall"));
  for (const std::string& name : aspects) {
    if (name == "all") {
      uf.aspects.insert(uf.aspects.end(), {Aspect::kInstructionFollowing, Aspect::kHonesty,
                                           Aspect::kTruthfulness, Aspect::kHelpfulness});
      continue;
    }
    WINNOW_ASSIGN_OR_RETURN(Aspect aspect, ParseUltraFeedbackAspect(name));
    uf.aspects.push_back(aspect);
  }
  if (uf.aspects.empty()) return Error(Status::InvalidArgument("aspects is empty"));
  if (uf.call.endpoints.size() != 1) {
    return Error(Status::InvalidArgument("ultrafeedback uses one judge endpoint"));
  }
  if (uf.call.output.kind != llm::OutputConstraint::Kind::kNone) {
    return Error(Status::InvalidArgument(
        "ultrafeedback answers in the original text format; json_schema and the like do not "
        "apply"));
  }
  return std::unique_ptr<llm::LlmTask>(new UltraFeedbackTask(std::move(uf)));
}

}  // namespace winnow::tasks
