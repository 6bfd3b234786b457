#include "winnow/classify/classify_step.h"

#include <fmt/format.h>

#include "winnow/filters/filter.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

// A probability as JSON: the shortest text that reads back as the same float ("0.9", not
// "0.8999999761581421").
std::string FloatJson(float value) { return fmt::format("{}", value); }

}  // namespace

Result<std::unique_ptr<ClassifyStep>> ClassifyStep::Create(
    std::shared_ptr<const FastTextModel> model, ClassifyStepOptions options) {
  std::optional<size_t> label;
  if (!options.label.empty()) {
    label = model->FindLabel(options.label);
    if (!label) {
      std::string known;
      for (const std::string& name : model->labels()) known += (known.empty() ? "" : ", ") + name;
      return Error(Status::InvalidArgument("classify: the model has no label '" + options.label +
                                           "' (its labels: " + known + ")"));
    }
  } else if (options.threshold.enabled || options.cutoff) {
    return Error(Status::InvalidArgument(
        "classify: a threshold or keep-top needs the label whose probability it judges"));
  }
  if (options.prefix.empty()) {
    return Error(Status::InvalidArgument("classify: the column prefix must not be empty"));
  }
  return std::unique_ptr<ClassifyStep>(
      new ClassifyStep(std::move(model), std::move(options), label));
}

ClassifyStep::ClassifyStep(std::shared_ptr<const FastTextModel> model, ClassifyStepOptions options,
                           std::optional<size_t> label)
    : options_(std::move(options)), scorer_(std::move(model), options_.view, label) {
  label_column_ = options_.prefix + "_label";
  score_column_ = options_.prefix + "_score";
  reason_column_ = options_.prefix + "_reason";
  if (label) {
    label_score_column_ = score_column_ + "_" + options_.label;
    measure_ = "score_" + options_.label;
  }
}

Status ClassifyStep::Open(size_t worker_count) {
  scorer_.Open(worker_count);
  return Status::OK();
}

std::string ClassifyStep::DropReason(const TextScore& score, uint64_t row) const {
  if (!filters()) return {};
  if (score.empty) return "empty: no text";
  const double value = score.label_probability;
  if (options_.threshold.enabled) {
    if (value >= options_.threshold.value) return {};
    return measure_ + " " + FormatComparison(value, Comparison::kLess, options_.threshold.value);
  }
  const ScoreCutoff& cutoff = *options_.cutoff;
  if (cutoff.Keeps(row, score.label_probability)) return {};
  if (cutoff.keep_none || score.label_probability != cutoff.score) {
    return measure_ + " " + FormatComparison(value, Comparison::kLess, cutoff.score) +
           " (keep top " + options_.keep_top + ")";
  }
  return measure_ + " " + FormatMeasure(value) + " ties the cut-off; earlier rows filled the top " +
         options_.keep_top;
}

Status ClassifyStep::AddColumns(Record& record, const TextScore& score,
                                simdjson::dom::parser& parser) const {
  if (score.empty || score.top < 0) {
    WINNOW_RETURN_IF_ERROR(record.Set(label_column_, "null", parser));
    WINNOW_RETURN_IF_ERROR(record.Set(score_column_, "null", parser));
  } else {
    WINNOW_RETURN_IF_ERROR(record.SetString(
        label_column_, scorer_.model().labels()[static_cast<size_t>(score.top)], parser));
    WINNOW_RETURN_IF_ERROR(record.Set(score_column_, FloatJson(score.top_probability), parser));
  }
  if (label_score_column_.empty()) return Status::OK();
  return record.Set(label_score_column_,
                    score.empty ? std::string("null") : FloatJson(score.label_probability), parser);
}

Status ClassifyStep::Process(Batch& batch, StepContext& ctx) {
  uint64_t kept = 0;
  uint64_t empty = 0;
  uint64_t low = 0;
  uint64_t invalid = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    // Runners parse records for steps that read fields; one that did not gets the parse error.
    if (!record.parsed()) {
      if (Status parsed = record.Parse(*ctx.parser); !parsed.ok()) {
        batch.Reject(i, "classify", parsed.message());
        ++invalid;
        continue;
      }
    }
    const TextScore score = scorer_.Score(record, ctx.worker_index);
    std::string reason = DropReason(score, record.origin().row);
    WINNOW_RETURN_IF_ERROR(AddColumns(record, score, *ctx.parser));
    if (options_.annotate && filters()) {
      WINNOW_RETURN_IF_ERROR(
          reason.empty() ? record.Set(reason_column_, "null", *ctx.parser)
                         : record.SetString(reason_column_, "classify: " + reason, *ctx.parser));
    }
    if (reason.empty()) {
      ++kept;
      continue;
    }
    ++(score.empty ? empty : low);
    if (!options_.annotate) batch.Reject(i, "classify", "classify: " + reason);
  }
  const uint64_t dropped = (options_.annotate ? 0 : empty + low) + invalid;
  if (dropped > 0) batch.Compact();
  ctx.counters->Add("input", kept + empty + low + invalid);
  ctx.counters->Add("kept", kept + empty + low + invalid - dropped);
  ctx.counters->Add("dropped", dropped);
  ctx.counters->Add("dropped.invalid_json", invalid);
  ctx.counters->Add(options_.annotate ? "would_drop.empty" : "dropped.empty", empty);
  ctx.counters->Add(options_.annotate ? "would_drop.score" : "dropped.score", low);
  return Status::OK();
}

ClassifyScoresStep::ClassifyScoresStep(std::shared_ptr<const FastTextModel> model, TextView view,
                                       size_t label)
    : scorer_(std::move(model), std::move(view), label) {}

Status ClassifyScoresStep::Open(size_t worker_count) {
  scorer_.Open(worker_count);
  scores_.assign(worker_count, {});
  return Status::OK();
}

Status ClassifyScoresStep::Process(Batch& batch, StepContext& ctx) {
  std::vector<RowScore>& scores = scores_[ctx.worker_index];
  uint64_t empty = 0;
  for (Record& record : batch.records) {
    // Unparsable records are left to the writing pass, which rejects them with the reason.
    if (!record.parsed() && !record.Parse(*ctx.parser).ok()) continue;
    const TextScore score = scorer_.Score(record, ctx.worker_index);
    if (score.empty) {
      ++empty;
      continue;
    }
    scores.push_back({record.origin().row, score.label_probability});
  }
  ctx.counters->Add("input", batch.records.size());
  ctx.counters->Add("empty", empty);
  return Status::OK();
}

std::vector<RowScore> ClassifyScoresStep::TakeScores() {
  std::vector<RowScore> all;
  for (std::vector<RowScore>& scores : scores_) {
    all.insert(all.end(), scores.begin(), scores.end());
    std::vector<RowScore>().swap(scores);
  }
  return all;
}

}  // namespace winnow
