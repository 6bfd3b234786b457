#include "winnow/ops/keep_top_step.h"

#include <fmt/format.h>

#include "winnow/classify/keep_top.h"
#include "winnow/record/field_path.h"

namespace winnow {
namespace {

class KeepTopStep final : public Step {
 public:
  KeepTopStep(FieldPath column, std::string column_name, double percent)
      : column_(std::move(column)), column_name_(std::move(column_name)), percent_(percent) {}

  std::string_view name() const override { return "keep_top"; }

  Status Process(Batch& batch, StepContext& ctx) override {
    const size_t held_before = held_.size();
    for (size_t i = 0; i < batch.records.size(); ++i) {
      Record& record = batch.records[i];
      double score = 0;
      simdjson::dom::element value;
      if (column_.Get(record).get(value) || value.get_double().get(score)) {
        batch.Reject(i, "keep_top",
                     fmt::format("column '{}' is missing or not a number", column_name_));
        continue;
      }
      uint64_t position = next_++;
      scores_.push_back({position, static_cast<float>(score)});
      record.Detach();
      held_.push_back(std::move(record));
    }
    ctx.counters->Add("scored", held_.size() - held_before);
    batch.records.clear();  // every record is held or rejected
    return Status::OK();
  }

  Status Finish(Batch& out, StepContext& ctx) override {
    std::vector<RowScore> ranked = scores_;
    ScoreCutoff cutoff = KeepTopCutoff(ranked, percent_);
    for (size_t i = 0; i < held_.size(); ++i) {
      if (cutoff.Keeps(scores_[i].row, scores_[i].score))
        out.records.push_back(std::move(held_[i]));
    }
    ctx.counters->Add("kept", out.records.size());
    return Status::OK();
  }

 private:
  FieldPath column_;
  std::string column_name_;
  double percent_;
  uint64_t next_ = 0;
  std::vector<RowScore> scores_;
  std::vector<Record> held_;
};

}  // namespace

Result<std::unique_ptr<Step>> CreateKeepTopStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string column, options.GetString("column", ""));
  if (column.empty()) return Error(Status::InvalidArgument("keep_top needs `column`"));
  WINNOW_ASSIGN_OR_RETURN(std::string percent_text, options.GetString("percent", ""));
  WINNOW_ASSIGN_OR_RETURN(double percent, ParseKeepTopPercent(percent_text));
  WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(column));
  WINNOW_RETURN_IF_ERROR(options.Finish());
  return std::unique_ptr<Step>(new KeepTopStep(std::move(path), column, percent));
}

}  // namespace winnow
