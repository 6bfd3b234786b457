// `winnow classify apply`: one pass that adds the classifier's columns (and keeps the records above
// a threshold), or, with --keep-top, two: the first scores every record and finds the cut-off,
// the second writes the records that rank in the top p %.

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "winnow/classify/classify_step.h"
#include "winnow/classify/fasttext_model.h"
#include "winnow/classify/keep_top.h"
#include "winnow/cli/classify_run.h"

namespace winnow::cli {
namespace {

Status RejectStdin(const InputFlags& input) {
  for (const auto& path : input.inputs) {
    if (path == "-") {
      return Status::InvalidArgument(
          "--keep-top reads the input twice (scores, then the records); give files, not standard "
          "input");
    }
  }
  return Status::OK();
}

// Pass 1 of keep-top: every record's score for the chosen label, and the cut-off.
Result<ScoreCutoff> FindCutoff(const ClassifyApplyFlags& flags,
                               const std::shared_ptr<const FastTextModel>& model, size_t label,
                               double percent) {
  WINNOW_RETURN_IF_ERROR(RejectStdin(flags.input));
  InputFlags input_flags = flags.input;
  input_flags.reject_path.clear();  // the second pass writes the rejects, bad records included
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(input_flags, "classify: scores"));
  WINNOW_ASSIGN_OR_RETURN(TextView view, ClassifyTextView(flags.text));
  ClassifyScoresStep step(model, std::move(view), label);
  WINNOW_ASSIGN_OR_RETURN(auto result,
                          RunLinear(*input.reader, {&step}, nullptr, nullptr, input.run_options));
  (void)result;
  std::vector<RowScore> scores = step.TakeScores();
  return KeepTopCutoff(scores, percent);
}

void PrintSummary(const ClassifyApplyFlags& flags, const Step& step,
                  const std::optional<ScoreCutoff>& cutoff) {
  const Counters& counters = step.counters();
  if (cutoff && !flags.input.quiet) {
    std::fprintf(stderr,
                 "winnow: classify: keep top %s of %llu scored records = %llu: score_%s >= %s\n",
                 flags.keep_top.c_str(), static_cast<unsigned long long>(cutoff->scored),
                 static_cast<unsigned long long>(cutoff->keep), flags.label.c_str(),
                 cutoff->keep_none ? "(none)" : fmt::format("{}", cutoff->score).c_str());
  }
  const uint64_t dropped = counters.Get("dropped");
  if (flags.input.quiet && dropped == 0) return;
  std::string line = fmt::format("winnow: classify: kept {} of {} records", counters.Get("kept"),
                                 counters.Get("input"));
  if (dropped > 0) {
    line += fmt::format(" (dropped {}: {} below the {}, {} without text){}", dropped,
                        counters.Get("dropped.score"), cutoff ? "cut-off" : "threshold",
                        counters.Get("dropped.empty"),
                        flags.input.reject_path.empty() ? "; use --reject FILE to see why" : "");
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace

Status RunClassifyApply(const ClassifyApplyFlags& flags) {
  WINNOW_ASSIGN_OR_RETURN(std::shared_ptr<const FastTextModel> model,
                          FastTextModel::Load(flags.model_path));
  ClassifyStepOptions options;
  WINNOW_ASSIGN_OR_RETURN(options.view, ClassifyTextView(flags.text));
  options.prefix = flags.prefix;
  options.label = flags.label;
  options.annotate = flags.annotate;
  if (!std::isnan(flags.threshold)) options.threshold = {flags.threshold, true};
  std::optional<double> percent;
  if (!flags.keep_top.empty()) {
    WINNOW_ASSIGN_OR_RETURN(percent, ParseKeepTopPercent(flags.keep_top));
    options.keep_top = flags.keep_top.ends_with('%') ? flags.keep_top : flags.keep_top + "%";
    options.cutoff = ScoreCutoff{};  // provisional (pass 1 sets it), so Create checks the label
  }
  // Checks the label (and builds the step) before the scoring pass spends any time.
  WINNOW_ASSIGN_OR_RETURN(auto step, ClassifyStep::Create(model, options));
  if (percent) {
    const size_t label = *model->FindLabel(flags.label);
    WINNOW_ASSIGN_OR_RETURN(options.cutoff, FindCutoff(flags, model, label, *percent));
    WINNOW_ASSIGN_OR_RETURN(step, ClassifyStep::Create(model, options));
  }
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "classify"));
  WINNOW_ASSIGN_OR_RETURN(auto result, RunToOutput(input, flags.output, {step.get()}));
  (void)result;
  ClassifyApplyFlags shown = flags;
  shown.keep_top = options.keep_top;
  PrintSummary(shown, *step, options.cutoff);
  return Status::OK();
}

}  // namespace winnow::cli
