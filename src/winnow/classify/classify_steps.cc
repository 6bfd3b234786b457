#include "winnow/classify/classify_steps.h"

#include "winnow/classify/classify_step.h"
#include "winnow/filters/filter_table.h"

namespace winnow {

Result<std::unique_ptr<Step>> CreateClassifyStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string model_path, options.GetString("model", ""));
  if (model_path.empty()) {
    return Error(
        Status::InvalidArgument("step 'classify': option 'model' (a .bin file) is required"));
  }
  ClassifyStepOptions o;
  WINNOW_ASSIGN_OR_RETURN(o.view, GetTextView(options));
  WINNOW_ASSIGN_OR_RETURN(o.prefix, options.GetString("prefix", o.prefix));
  WINNOW_ASSIGN_OR_RETURN(o.label, options.GetString("label", ""));
  WINNOW_ASSIGN_OR_RETURN(o.threshold, GetThreshold(options, "threshold", o.threshold));
  if (!options.Has("threshold")) o.threshold.enabled = false;
  WINNOW_ASSIGN_OR_RETURN(o.annotate, options.GetBool("annotate", false));
  WINNOW_ASSIGN_OR_RETURN(auto model, FastTextModel::Load(model_path));
  WINNOW_ASSIGN_OR_RETURN(auto step, ClassifyStep::Create(std::move(model), std::move(o)));
  return std::unique_ptr<Step>(std::move(step));
}

void AppendClassifySteps(std::vector<StepSpec>* steps) {
  steps->push_back(
      {"classify",
       "Run a fastText classifier (from `winnow classify train`) over each record: "
       "<prefix>_label and <prefix>_score columns; optionally keep records whose probability "
       "for one label reaches a threshold",
       "model (path): the .bin model (required)\n"
       "field (path, text): the text: a string, or a chat message list\n"
       "roles (list): with a message list, only turns of these roles\n"
       "role_prefix (bool, false): prefix each turn with its role\n"
       "prefix (name, classify): column prefix\n"
       "label (name): the label whose probability is judged; adds <prefix>_score_<label>\n"
       "threshold (number|off, off): keep records whose probability for label is at least this\n"
       "annotate (bool, false): keep every record; <prefix>_reason says why it would be dropped",
       "- step: classify\n  model: models/quality.bin\n  label: hq\n  threshold: 0.5",
       CreateClassifyStep});
}

}  // namespace winnow
