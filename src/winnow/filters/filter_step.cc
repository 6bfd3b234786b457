#include "winnow/filters/filter_step.h"

#include <cmath>
#include <map>

#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

// "text", "messages (assistant)", "messages (role-prefixed)".
std::string ViewName(const TextView& view) {
  std::string name = view.path().text();
  std::string details;
  for (const std::string& role : view.options().roles) {
    details += details.empty() ? "" : ", ";
    details += role;
  }
  if (view.options().role_prefix) details += details.empty() ? "role-prefixed" : ", role-prefixed";
  return details.empty() ? name : name + " (" + details + ")";
}

// Stages with the same path and options see the same text and can share analyses.
std::string ViewKey(const TextView& view) {
  std::string key = ViewName(view);
  key += '\x1f';
  key += view.options().separator;
  return key;
}

void AppendNumber(double value, std::string* out) {
  if (std::isfinite(value)) {
    out->append(FormatMeasure(value));
  } else {
    out->append("null");
  }
}

std::string RejectDetails(std::string_view filter, const FilterResult& result,
                          const std::string& view) {
  std::string out = "{\"filter\":";
  AppendJsonString(filter, &out);
  out += ",\"rule\":";
  AppendJsonString(result.rule(), &out);
  out += ",\"view\":";
  AppendJsonString(view, &out);
  if (!result.failed_measure().empty()) {
    out += ",\"measure\":";
    AppendJsonString(result.failed_measure(), &out);
    out += ",\"value\":";
    AppendNumber(result.failed_value(), &out);
    out += ",\"threshold\":";
    AppendNumber(result.failed_threshold(), &out);
    out += ",\"comparison\":";
    std::string_view symbol = ComparisonSymbol(result.failed_comparison());
    AppendJsonString(symbol.substr(1, symbol.size() - 2), &out);
  }
  out += '}';
  return out;
}

}  // namespace

// What one record's check came to.
struct FilterStep::Verdict {
  int dropping_stage = -1;  // the stage that drops it (with annotate: that would drop it), or -1
  bool rewrite_skipped = false;
};

struct FilterStep::Worker {
  Worker(size_t documents, std::vector<StageReport> stages, size_t examples,
         const RecordIdentity* identity)
      : documents(documents),
        scratch(documents),
        ready(documents),
        report(stages, examples, identity) {}
  std::vector<FilterDocument> documents;
  std::vector<std::string> scratch;  // view texts that are not a single string field
  std::vector<bool> ready;
  FilterResult result;
  FilterReportCollector report;
  std::string column;
};

FilterStep::FilterStep(std::vector<FilterStage> stages, FilterStepOptions options)
    : stages_(std::move(stages)), options_(std::move(options)), identity_(options_.id_field) {
  std::map<std::string, size_t> documents;
  for (const FilterStage& stage : stages_) {
    auto [it, inserted] = documents.emplace(ViewKey(stage.view), documents.size());
    stage_document_.push_back(it->second);
    view_names_.push_back(ViewName(stage.view));
  }
  documents_ = documents.size();
}

FilterStep::~FilterStep() = default;

Status FilterStep::Open(size_t worker_count) {
  std::vector<StageReport> stages;
  for (size_t i = 0; i < stages_.size(); ++i) {
    StageReport stage;
    stage.filter = std::string(stages_[i].filter->name());
    stage.view = view_names_[i];
    stages.push_back(std::move(stage));
  }
  workers_.clear();
  for (size_t i = 0; i < worker_count; ++i) {
    workers_.push_back(
        std::make_unique<Worker>(documents_, stages, options_.examples_per_rule, &identity_));
  }
  return Status::OK();
}

Status FilterStep::Process(Batch& batch, StepContext& ctx) {
  Worker& worker = *workers_[ctx.worker_index];
  std::map<std::string, uint64_t> drops;
  uint64_t kept = 0;
  uint64_t dropped = 0;
  uint64_t would_drop = 0;
  uint64_t rewrite_skipped = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    if (!record.parsed()) {
      Status parsed = record.Parse(*ctx.parser);
      if (!parsed.ok()) {
        batch.Reject(i, std::string(name()), parsed.message());
        ++drops["dropped.invalid_json"];
        ++dropped;
        continue;
      }
    }
    WINNOW_ASSIGN_OR_RETURN(Verdict verdict, CheckRecord(record, worker, *ctx.parser));
    if (verdict.rewrite_skipped) ++rewrite_skipped;
    const int stage = verdict.dropping_stage;
    if (stage >= 0 && options_.annotate) ++would_drop;
    if (stage < 0 || options_.annotate) {
      ++kept;
      continue;
    }
    const std::string_view filter = stages_[stage].filter->name();
    const FilterResult& result = worker.result;
    ++drops["dropped." + std::string(filter) + "." + std::string(result.rule())];
    ++dropped;
    batch.Reject(i, std::string(filter), std::string(filter) + ": " + result.Explain(),
                 RejectDetails(filter, result, view_names_[stage]));
  }
  if (dropped > 0) batch.Compact();
  ctx.counters->Add("input", kept + dropped);
  ctx.counters->Add("kept", kept);
  ctx.counters->Add("dropped", dropped);
  if (options_.annotate) ctx.counters->Add("would_drop", would_drop);
  if (rewrite_skipped > 0) ctx.counters->Add("rewrite_skipped", rewrite_skipped);
  for (const auto& [counter, count] : drops) ctx.counters->Add(counter, count);
  return Status::OK();
}

Result<FilterStep::Verdict> FilterStep::CheckRecord(Record& record, Worker& worker,
                                                    simdjson::dom::parser& parser) {
  std::fill(worker.ready.begin(), worker.ready.end(), false);
  Verdict verdict;
  std::string reason;
  bool has_reason = false;
  for (size_t s = 0; s < stages_.size(); ++s) {
    const FilterStage& stage = stages_[s];
    const size_t d = stage_document_[s];
    FilterDocument& doc = worker.documents[d];
    if (!worker.ready[d]) {
      doc.Reset(stage.view.Get(record, &worker.scratch[d]), &record);
      worker.ready[d] = true;
    }
    FilterResult& result = worker.result;
    result.Reset(options_.annotate);
    stage.filter->Check(doc, &result);
    worker.report.Checked(s);
    for (const auto& [column, json] : result.tags()) {
      WINNOW_RETURN_IF_ERROR(record.Set(column, json, parser));
    }
    if (!result.tags().empty()) {
      // Setting a column may move the record's overlay: shared texts must be fetched again.
      std::fill(worker.ready.begin(), worker.ready.end(), false);
    }
    if (options_.annotate) {
      WINNOW_RETURN_IF_ERROR(Annotate(record, s, result, parser));
      if (!result.kept()) {
        worker.report.Dropped(s, result, record, doc.text());
        if (!has_reason) {
          reason = std::string(stage.filter->name()) + ": " + result.Explain();
          has_reason = true;
          verdict.dropping_stage = static_cast<int>(s);
        }
      } else {
        worker.report.Kept(s, result, record, doc.text());
      }
      continue;
    }
    if (!result.kept()) {
      worker.report.Dropped(s, result, record, doc.text());
      verdict.dropping_stage = static_cast<int>(s);
      return verdict;
    }
    worker.report.Kept(s, result, record, doc.text());
    if (result.has_rewritten()) {
      const FieldPath& path = stage.view.path();
      simdjson::dom::element value;
      if (path.segments().size() == 1 && path.Get(record).get(value) == simdjson::SUCCESS &&
          value.is_string()) {
        WINNOW_RETURN_IF_ERROR(record.SetString(path.top_key(), result.rewritten(), parser));
        // The record's text changed: every shared analysis is stale.
        std::fill(worker.ready.begin(), worker.ready.end(), false);
      } else {
        verdict.rewrite_skipped = true;  // a message list or nested field: kept as it was
      }
    }
  }
  if (options_.annotate) {
    WINNOW_RETURN_IF_ERROR(has_reason ? record.SetString(options_.reason_column, reason, parser)
                                      : record.Set(options_.reason_column, "null", parser));
  }
  return verdict;
}

Status FilterStep::Annotate(Record& record, size_t stage, const FilterResult& result,
                            simdjson::dom::parser& parser) const {
  const std::string_view filter = stages_[stage].filter->name();
  std::vector<std::string_view> written;
  for (const Measurement& measurement : result.measurements()) {
    bool seen = false;
    for (std::string_view name : written) seen = seen || name == measurement.name;
    if (seen) continue;
    written.push_back(measurement.name);
    std::string column = std::string(filter) + "_" + std::string(measurement.name);
    if (std::isfinite(measurement.value)) {
      WINNOW_RETURN_IF_ERROR(record.SetNumber(column, measurement.value, parser));
    } else {
      WINNOW_RETURN_IF_ERROR(record.Set(column, "null", parser));
    }
  }
  return Status::OK();
}

FilterReport FilterStep::Report() const {
  std::vector<const FilterReportCollector*> workers;
  for (const auto& worker : workers_) workers.push_back(&worker->report);
  FilterReport report = MergeFilterReports(workers, options_.examples_per_rule);
  report.input = counters().Get("input");
  report.kept = counters().Get("kept");
  // With annotate nothing is dropped: "dropped" is how many records some filter would drop.
  report.dropped = counters().Get(options_.annotate ? "would_drop" : "dropped");
  report.annotate = options_.annotate;
  return report;
}

}  // namespace winnow
