#include "winnow/classify/train_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "winnow/record/json_builder.h"

namespace winnow {
namespace {

void AddAverages(JsonBuilder& json, std::string_view key, const AveragedScores& scores) {
  json.Key(key).BeginObject();
  json.Key("precision").Number(scores.precision);
  json.Key("recall").Number(scores.recall);
  json.Key("f1").Number(scores.f1);
  json.EndObject();
}

const LabelScores* ScoresOf(const TrainReport& report, const std::string& label) {
  for (const LabelScores& scores : report.evaluation.labels) {
    if (scores.label == label) return &scores;
  }
  return nullptr;
}

}  // namespace

std::string TrainReportText(const TrainReport& report) {
  std::string out = fmt::format("winnow: classify train: {} rows read, {} used", report.rows_read,
                                report.rows_used);
  for (const auto& [reason, rows] : report.skipped) out += fmt::format(", {} {}", rows, reason);
  out += "\n";
  size_t width = 5;
  for (const LabelRows& label : report.labels) width = std::max(width, label.label.size());
  out += fmt::format("  {:<{}}  {:>8}  {:>8}  {:>9}  {:>6}  {:>6}\n", "label", width, "train",
                     "held out", "precision", "recall", "F1");
  for (const LabelRows& label : report.labels) {
    const LabelScores* scores = ScoresOf(report, label.label);
    out += fmt::format("  {:<{}}  {:>8}  {:>8}", label.label, width, label.train, label.valid);
    if (scores && report.evaluation.rows > 0) {
      out += fmt::format("  {:>9.4f}  {:>6.4f}  {:>6.4f}", scores->precision, scores->recall,
                         scores->f1);
    }
    out += "\n";
  }
  const Evaluation& eval = report.evaluation;
  if (eval.rows > 0) {
    out += fmt::format(
        "  held out: {} rows; accuracy {:.4f}; macro P/R/F1 {:.4f} {:.4f} {:.4f}; micro F1 "
        "{:.4f}\n",
        eval.rows, eval.accuracy, eval.macro.precision, eval.macro.recall, eval.macro.f1,
        eval.micro.f1);
  } else {
    out += "  nothing held out (--valid-fraction 0): no figures\n";
  }
  out += fmt::format(
      "  trained in {:.1f} s ({} thread{}{}); model written to {}\n", report.train_seconds,
      report.options.threads, report.options.threads == 1 ? "" : "s",
      report.options.threads == 1 ? ", reproducible" : ", not reproducible", report.model_path);
  return out;
}

std::string TrainReportJson(const TrainReport& report) {
  JsonBuilder json;
  json.BeginObject();
  json.Field("model", report.model_path);
  json.Key("rows").BeginObject();
  json.Key("read").Int(static_cast<int64_t>(report.rows_read));
  json.Key("used").Int(static_cast<int64_t>(report.rows_used));
  json.Key("skipped").BeginObject();
  for (const auto& [reason, rows] : report.skipped)
    json.Key(reason).Int(static_cast<int64_t>(rows));
  json.EndObject().EndObject();
  json.Key("labels").BeginArray();
  for (const LabelRows& label : report.labels) {
    json.BeginObject();
    json.Field("label", label.label);
    json.Key("train").Int(static_cast<int64_t>(label.train));
    json.Key("valid").Int(static_cast<int64_t>(label.valid));
    if (const LabelScores* scores = ScoresOf(report, label.label);
        scores && report.evaluation.rows > 0) {
      json.Key("predicted").Int(static_cast<int64_t>(scores->predicted));
      json.Key("correct").Int(static_cast<int64_t>(scores->correct));
      json.Key("precision").Number(scores->precision);
      json.Key("recall").Number(scores->recall);
      json.Key("f1").Number(scores->f1);
    }
    json.EndObject();
  }
  json.EndArray();
  json.Key("validation_rows").Int(static_cast<int64_t>(report.evaluation.rows));
  if (report.evaluation.rows > 0) {
    json.Key("accuracy").Number(report.evaluation.accuracy);
    AddAverages(json, "macro", report.evaluation.macro);
    AddAverages(json, "micro", report.evaluation.micro);
  }
  const FastTextTrainOptions& options = report.options;
  json.Key("settings").BeginObject();
  json.Key("valid_fraction").Number(report.valid_fraction);
  json.Key("seed").Int(static_cast<int64_t>(report.seed));
  json.Key("epoch").Int(options.epoch);
  json.Key("lr").Number(options.lr);
  json.Key("word_ngrams").Int(options.word_ngrams);
  json.Key("dim").Int(options.dim);
  json.Key("min_count").Int(options.min_count);
  json.Key("bucket").Int(options.word_ngrams > 1 ? options.bucket : 0);
  json.Key("threads").Int(options.threads);
  json.EndObject();
  json.Key("deterministic").Bool(options.threads == 1);
  json.Key("train_seconds").Number(report.train_seconds);
  json.Key("seconds").Number(report.total_seconds);
  json.EndObject();
  return json.Take();
}

}  // namespace winnow
