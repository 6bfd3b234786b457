#include "winnow/convert/ratings_to_preference.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "winnow/common/hash.h"
#include "winnow/convert/convert_steps.h"
#include "winnow/convert/rated_pairs.h"
#include "winnow/convert/to_messages.h"
#include "winnow/convert/turns.h"
#include "winnow/record/field_path.h"
#include "winnow/validate/message_rules.h"

namespace winnow {
namespace {

using simdjson::dom::element;

std::string DropMessage(const std::string& reason) {
  if (reason == "fewer_than_two_answers") return "fewer than 2 answers to compare";
  if (reason == "fewer_than_two_scored") {
    return "fewer than 2 answers with a rating (missing or non-numeric ratings never pair)";
  }
  if (reason == "all_tied") return "all rated answers tie (ties never make a pair)";
  if (reason == "no_pair_above_margin") return "no two ratings differ by more than the margin";
  if (reason == "identical_answers") return "the answers that differ in rating have the same text";
  if (reason == "best_below_min_chosen_rating") return "the best rating is below min_chosen_rating";
  return reason;
}

// A number, or a numeric string ("4" in UltraFeedback's annotations); "N/A", null, NaN: missing.
std::optional<double> ReadScore(element value) {
  double number;
  if (!value.get_double().get(number)) {
    if (std::isfinite(number)) return number;
    return std::nullopt;
  }
  int64_t integer;
  if (!value.get_int64().get(integer)) return static_cast<double>(integer);
  bool flag;
  if (!value.get_bool().get(flag)) return flag ? 1.0 : 0.0;
  std::string_view text;
  if (!value.get_string().get(text) && !text.empty()) {
    std::string copy(text);
    char* end = nullptr;
    double parsed = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() + copy.size() && std::isfinite(parsed)) return parsed;
  }
  return std::nullopt;
}

// The mean of the paths that hold a score (several paths: UltraFeedback's fine-grained aspects).
// Root: a completion element, or a whole record (long form).
template <typename Root>
std::optional<double> ScoreAt(const Root& root, const std::vector<FieldPath>& paths) {
  double sum = 0;
  int count = 0;
  std::vector<element> values;
  for (const auto& path : paths) {
    values.clear();
    path.Resolve(root, &values);
    for (element value : values) {
      if (auto score = ReadScore(value)) {
        sum += *score;
        ++count;
      }
    }
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

Result<std::vector<FieldPath>> ParsePaths(const std::string& list) {
  std::vector<FieldPath> paths;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) {
      WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(list.substr(start, end - start)));
      paths.push_back(std::move(path));
    }
    start = end + 1;
  }
  return paths;
}

struct RatingsOptions {
  std::string prompt;  // "" = prompt, else instruction
  std::string completions = "completions";
  std::vector<FieldPath> response;
  std::vector<FieldPath> rating;
  bool conversational = true;
  bool emit_margin = false;
  bool emit_scores = true;
  PairingOptions pairing;
  MessageWriteOptions write;
};

Result<RatingsOptions> ReadRatingsOptions(StepOptions& options, bool grouped) {
  RatingsOptions out;
  WINNOW_ASSIGN_OR_RETURN(out.prompt, options.GetString("prompt", ""));
  if (!grouped) {
    WINNOW_ASSIGN_OR_RETURN(out.completions, options.GetString("completions", "completions"));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string response,
                          options.GetString("response", grouped ? "response" : "response,text"));
  WINNOW_ASSIGN_OR_RETURN(out.response, ParsePaths(response));
  WINNOW_ASSIGN_OR_RETURN(std::string rating, options.GetString("rating", ""));
  WINNOW_ASSIGN_OR_RETURN(out.rating, ParsePaths(rating));
  WINNOW_ASSIGN_OR_RETURN(std::string form, options.GetString("form", "conversational"));
  if (form != "conversational" && form != "standard") {
    return Error(Status::InvalidArgument("form must be 'conversational' or 'standard'"));
  }
  out.conversational = form == "conversational";
  WINNOW_ASSIGN_OR_RETURN(out.emit_margin, options.GetBool("emit_margin", false));
  WINNOW_ASSIGN_OR_RETURN(out.pairing, ReadPairingOptions(options, "best-worst"));
  WINNOW_ASSIGN_OR_RETURN(out.write, ReadMessageWriteOptions(options));
  return out;
}

// The default rating fields, tried in order when none is given.
const std::vector<FieldPath>& DefaultRatingPaths() {
  static const std::vector<FieldPath> kPaths = [] {
    std::vector<FieldPath> paths;
    for (const char* name : {"overall_score", "rating", "score"}) {
      paths.push_back(*FieldPath::Parse(name));
    }
    return paths;
  }();
  return kPaths;
}

template <typename Root>
std::optional<double> RatingOf(const Root& root, const std::vector<FieldPath>& configured) {
  if (!configured.empty()) return ScoreAt(root, configured);
  for (const auto& path : DefaultRatingPaths()) {
    std::vector<element> values;
    path.Resolve(root, &values);
    if (!values.empty()) return ScoreAt(root, std::vector<FieldPath>{path});
  }
  return std::nullopt;
}

template <typename Root>
Result<Turns> ResponseOf(const Root& root, const std::vector<FieldPath>& paths, bool conversational,
                         simdjson::dom::parser& parser) {
  for (const auto& path : paths) {
    std::vector<element> values;
    path.Resolve(root, &values);
    if (values.empty()) continue;
    WINNOW_ASSIGN_OR_RETURN(Turns turns, ReadTurns(values.front(), path.text(), parser));
    if (conversational && !turns.conversational) return Turns::Message("assistant", turns.text);
    return turns;
  }
  return Error(Status::InvalidArgument(
      "no response field (" + (paths.empty() ? std::string() : paths.front().text()) + ")"));
}

Result<Turns> PromptOf(const Record& record, const std::string& configured, bool conversational,
                       simdjson::dom::parser& parser) {
  std::string key = configured;
  element value;
  if (key.empty()) key = record.Field("prompt").error() ? "instruction" : "prompt";
  if (record.Field(key).get(value) || value.is_null()) {
    return Error(Status::InvalidArgument("missing prompt column '" + key + "'"));
  }
  WINNOW_ASSIGN_OR_RETURN(Turns prompt, ReadTurns(value, key, parser));
  if (conversational && !prompt.conversational) return Turns::Message("user", prompt.text);
  return prompt;
}

void WritePair(const Turns& prompt, const Turns& chosen, const Turns& rejected,
               std::optional<double> chosen_score, std::optional<double> rejected_score,
               const RatingsOptions& options, ConversionOutput& out) {
  out.BeginRecord();
  WriteTurns(prompt, options.write, &out.Column("prompt"));
  WriteTurns(chosen, options.write, &out.Column("chosen"));
  WriteTurns(rejected, options.write, &out.Column("rejected"));
  if (options.emit_scores && chosen_score && rejected_score) {
    out.Column("score_chosen").Number(*chosen_score);
    out.Column("score_rejected").Number(*rejected_score);
  }
  if (options.emit_margin && chosen_score && rejected_score) {
    out.Column("margin").Number(*chosen_score - *rejected_score);
  }
}

// The prompt and the list of rated completions of a one-row-per-prompt input; false (the row
// rejected with the reason) when either is missing.
bool ReadRatedRow(const Record& input, const RatingsOptions& options, ConversionOutput& out,
                  simdjson::dom::parser& parser, std::optional<Turns>* prompt,
                  simdjson::dom::array* completions) {
  auto read = PromptOf(input, options.prompt, options.conversational, parser);
  if (!read) {
    out.Reject("bad_input", read.error().message());
    return false;
  }
  *prompt = std::move(*read);
  if (input.Field(options.completions).get_array().get(*completions)) {
    out.Reject("bad_input", "missing or non-list column '" + options.completions + "'");
    return false;
  }
  return true;
}

class RatingsToPreference : public Conversion {
 public:
  explicit RatingsToPreference(RatingsOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "ratings_to_preference"; }
  std::optional<TrlType> target() const override { return TrlType::kPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return {"prompt", "instruction", options_.completions, options_.prompt};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    std::optional<Turns> prompt;
    simdjson::dom::array completions;
    if (!ReadRatedRow(input, options_, out, parser, &prompt, &completions)) return Status::OK();
    std::vector<Turns> responses;
    std::vector<ScoredAnswer> answers;
    for (element completion : completions) {
      auto response = ResponseOf(completion, options_.response, options_.conversational, parser);
      if (!response) continue;  // an answer without text cannot be chosen or rejected
      answers.push_back({responses.size(), RatingOf(completion, options_.rating), response->Key()});
      responses.push_back(std::move(*response));
    }
    PairingResult result =
        ChoosePairs(answers, options_.pairing, options_.pairing.seed ^ Hash64(prompt->Key()));
    if (result.pairs.empty()) {
      out.Reject(result.dropped, DropMessage(result.dropped));
      return Status::OK();
    }
    for (const auto& pair : result.pairs) {
      WritePair(*prompt, responses[pair.chosen], responses[pair.rejected],
                answers[pair.chosen].score, answers[pair.rejected].score, options_, out);
    }
    return Status::OK();
  }

 private:
  RatingsOptions options_;
};

// One KTO row per rated completion: label true at or above `good`, false at or below `bad`;
// ratings in between, and missing ones, give no row (a missing rating is never a label).
class RatingsToKto : public Conversion {
 public:
  RatingsToKto(RatingsOptions options, double good, double bad)
      : options_(std::move(options)), good_(good), bad_(bad) {}
  std::string_view name() const override { return "ratings_to_kto"; }
  std::optional<TrlType> target() const override { return TrlType::kUnpairedPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return {"prompt", "instruction", options_.completions, options_.prompt};
  }

  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    std::optional<Turns> prompt;
    simdjson::dom::array completions;
    if (!ReadRatedRow(input, options_, out, parser, &prompt, &completions)) return Status::OK();
    size_t written = 0;
    for (element completion : completions) {
      auto response = ResponseOf(completion, options_.response, options_.conversational, parser);
      std::optional<double> rating = RatingOf(completion, options_.rating);
      if (!response || !rating) continue;
      const double value = *rating;
      const bool between = value < good_ && value > bad_;
      if (between) continue;
      out.BeginRecord();
      WriteTurns(*prompt, options_.write, &out.Column("prompt"));
      WriteTurns(*response, options_.write, &out.Column("completion"));
      out.Column("label").Bool(*rating >= good_);
      out.Column("rating").Number(*rating);
      ++written;
    }
    if (written == 0) {
      out.Reject("no_clear_rating",
                 "no completion rated at or above good or at or below bad (missing ratings and "
                 "those in between give no row)");
    }
    return Status::OK();
  }

 private:
  RatingsOptions options_;
  double good_;
  double bad_;
};

// Rows held until the end of the input, grouped by prompt.
class GroupedPairsStep : public Step {
 public:
  enum class Kind { kRatings, kKto };
  GroupedPairsStep(Kind kind, RatingsOptions options, std::string group_by)
      : kind_(kind), options_(std::move(options)), group_by_(std::move(group_by)) {}
  std::string_view name() const override {
    return kind_ == Kind::kKto ? "kto_to_preference" : "ratings_to_preference";
  }
  Status Process(Batch& batch, StepContext& ctx) override;
  Status Finish(Batch& out, StepContext& ctx) override;

 private:
  struct Row {
    Record record;
    Turns response;
    std::optional<double> score;
  };
  struct Group {
    Turns prompt;
    std::vector<Row> rows;
  };
  Result<Row> ReadRow(Record& record, Turns* prompt, simdjson::dom::parser& parser) const;
  void EmitGroup(Group& group, Batch& out, StepContext& ctx);

  Kind kind_;
  RatingsOptions options_;
  std::string group_by_;
  std::unordered_map<std::string, size_t> index_;  // group key -> position in groups_
  std::vector<Group> groups_;
};

Result<GroupedPairsStep::Row> GroupedPairsStep::ReadRow(Record& record, Turns* prompt,
                                                        simdjson::dom::parser& parser) const {
  Row row;
  if (kind_ == Kind::kKto) {
    element completion;
    bool label;
    if (record.Field("completion").get(completion)) {
      return Error(Status::InvalidArgument("missing column 'completion'"));
    }
    if (record.Field("label").get_bool().get(label)) {
      return Error(Status::InvalidArgument("label must be a JSON bool"));
    }
    WINNOW_ASSIGN_OR_RETURN(row.response, ReadTurns(completion, "completion", parser));
    row.score = label ? 1.0 : 0.0;
    WINNOW_ASSIGN_OR_RETURN(*prompt, PromptOf(record, "prompt", false, parser));
  } else {
    WINNOW_ASSIGN_OR_RETURN(*prompt, PromptOf(record, group_by_, options_.conversational, parser));
    WINNOW_ASSIGN_OR_RETURN(row.response,
                            ResponseOf(record, options_.response, options_.conversational, parser));
    row.score = RatingOf(record, options_.rating);
  }
  return row;
}

Status GroupedPairsStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t rejected = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Turns prompt;
    auto row = ReadRow(batch.records[i], &prompt, *ctx.parser);
    if (!row) {
      batch.Reject(i, std::string(name()), row.error().message());
      ++rejected;
      continue;
    }
    std::string key = prompt.Key();
    auto [it, added] = index_.emplace(std::move(key), groups_.size());
    if (added) groups_.push_back({std::move(prompt), {}});
    row->record = std::move(batch.records[i]);
    row->record.Detach();
    groups_[it->second].rows.push_back(std::move(*row));
  }
  // Every record was either rejected or taken; the emptied slots go.
  batch.records.clear();
  ctx.counters->Add("rejected.bad_input", rejected);
  return Status::OK();
}

// An answer that could be chosen or rejected: some text, or a tool call.
bool UsableAnswer(const Turns& answer) {
  if (!answer.conversational) return HasNonSpace(answer.text);
  if (answer.messages.empty()) return false;
  for (const auto& message : answer.messages) {
    if (!HasNonSpace(message.text) && message.tool_calls.empty()) return false;
  }
  return true;
}

void GroupedPairsStep::EmitGroup(Group& group, Batch& out, StepContext& ctx) {
  auto reject_row = [&](Row& row, const std::string& reason) {
    out.rejects.push_back({std::move(row.record), std::string(name()), reason, {}});
  };
  auto count_reject = [&](const std::string& key, const std::string& reason) {
    ctx.counters->Add(key, 1);
    ctx.counters->AddExample(key, reason);
  };
  // An empty answer is refused on its own, so it does not cost the prompt its other pairs.
  std::vector<ScoredAnswer> answers;
  std::vector<bool> used(group.rows.size(), false);
  for (size_t i = 0; i < group.rows.size(); ++i) {
    if (!UsableAnswer(group.rows[i].response)) {
      const std::string reason = "empty answer: it cannot be chosen or rejected";
      count_reject("rejected.empty_answer", reason);
      reject_row(group.rows[i], reason);
      used[i] = true;
      continue;
    }
    answers.push_back({i, group.rows[i].score, group.rows[i].response.Key()});
  }
  PairingResult result =
      ChoosePairs(answers, options_.pairing, options_.pairing.seed ^ Hash64(group.prompt.Key()));
  std::string reason = result.pairs.empty() ? DropMessage(result.dropped) : "";
  if (kind_ == Kind::kKto && result.pairs.empty() &&
      (result.dropped == "all_tied" || result.dropped == "fewer_than_two_answers" ||
       result.dropped == "fewer_than_two_scored")) {
    // For KTO rows a "tie" is a prompt whose completions all carry the same label.
    result.dropped = "one_label_only";
    reason = "the prompt has only desirable or only undesirable completions: nothing to pair";
  }
  static const std::set<std::string, std::less<>> kConsumed = {
      "prompt", "completion", "label", "response", "rating", "score", "instruction"};
  uint64_t pairs = 0;
  for (const auto& pair : result.pairs) {
    Row& chosen = group.rows[pair.chosen];
    Row& rejected = group.rows[pair.rejected];
    ConversionOutput output;
    WritePair(group.prompt, chosen.response, rejected.response, chosen.score, rejected.score,
              options_, output);
    std::vector<Record> produced;
    Status status =
        FinishConvertedRecords(output, chosen.record, kConsumed, false, *ctx.parser, &produced);
    std::string invalid = status.ok()
                              ? InvalidOutputReason(produced.back(), TrlType::kPreference, {})
                              : status.message();
    if (!invalid.empty()) {
      // A safety net: the answers were checked above, so this should not happen; the pair is
      // skipped and its reason kept in case no pair survives.
      count_reject("rejected.invalid_output", invalid);
      reason = invalid;
      continue;
    }
    used[pair.chosen] = used[pair.rejected] = true;
    out.records.push_back(std::move(produced.back()));
    ++pairs;
  }
  ctx.counters->Add("pairs", pairs);
  if (pairs > 0) {
    // Rows of a paired prompt that no pair used (the middle answers under best-worst) are
    // accounted for, not dropped silently.
    for (size_t i = 0; i < group.rows.size(); ++i) {
      if (used[i]) continue;
      ctx.counters->Add("not_selected", 1);
      reject_row(group.rows[i], "not selected: another answer to this prompt was paired");
    }
    return;
  }
  if (!result.pairs.empty()) result.dropped = "invalid_output";
  count_reject("rejected." + result.dropped, reason);
  for (size_t i = 0; i < group.rows.size(); ++i) {
    if (!used[i]) reject_row(group.rows[i], reason);
  }
}

Status GroupedPairsStep::Finish(Batch& out, StepContext& ctx) {
  ctx.counters->Add("prompts", groups_.size());
  for (Group& group : groups_) EmitGroup(group, out, ctx);
  groups_.clear();
  index_.clear();
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Conversion>> CreateRatingsToPreference(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(RatingsOptions ratings, ReadRatingsOptions(options, false));
  return std::unique_ptr<Conversion>(new RatingsToPreference(std::move(ratings)));
}

Result<std::unique_ptr<Step>> CreateRatingsGroupedStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string group_by, options.GetString("group_by", "prompt"));
  WINNOW_ASSIGN_OR_RETURN(RatingsOptions ratings, ReadRatingsOptions(options, true));
  return std::unique_ptr<Step>(new GroupedPairsStep(GroupedPairsStep::Kind::kRatings,
                                                    std::move(ratings), std::move(group_by)));
}

Result<std::unique_ptr<Step>> CreateKtoToPreferenceStep(StepOptions& options) {
  RatingsOptions kto;
  WINNOW_ASSIGN_OR_RETURN(kto.pairing, ReadPairingOptions(options, "one"));
  WINNOW_ASSIGN_OR_RETURN(kto.write, ReadMessageWriteOptions(options));
  kto.emit_scores = false;
  kto.conversational = false;  // keep the KTO rows' own form
  return std::unique_ptr<Step>(
      new GroupedPairsStep(GroupedPairsStep::Kind::kKto, std::move(kto), "prompt"));
}

Result<std::unique_ptr<Step>> CreateRatingsStep(StepOptions& options) {
  if (options.Has("group_by")) return CreateRatingsGroupedStep(options);
  return MakeConversionStep(options, CreateRatingsToPreference);
}

Result<std::unique_ptr<Conversion>> CreateRatingsToKto(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(double good, options.GetDouble("good", NAN));
  WINNOW_ASSIGN_OR_RETURN(double bad, options.GetDouble("bad", NAN));
  if (!(good > bad)) {
    return Error(Status::InvalidArgument(
        "ratings_to_kto needs good and bad thresholds with good > bad (e.g. good: 8, bad: 4)"));
  }
  WINNOW_ASSIGN_OR_RETURN(RatingsOptions ratings, ReadRatingsOptions(options, false));
  return std::unique_ptr<Conversion>(new RatingsToKto(std::move(ratings), good, bad));
}

}  // namespace winnow
