// winnow classify train|apply: train a fastText classifier on labelled rows and report held-out
// figures; apply it to add label and score columns and keep the records above a threshold or the
// top p % (DCLM's quality filter). The passes live in classify_train_run.cc and
// classify_apply_run.cc.

#include <memory>

#include "winnow/cli/classify_run.h"
#include "winnow/cli/command.h"

namespace winnow::cli {
namespace {

void AddTextFlags(CLI::App* command, ClassifyTextFlags* flags) {
  command->add_option("--text", flags->field,
                      "Field holding the text: a string, or a chat message list (default text)");
  command
      ->add_option("--roles", flags->roles,
                   "With a message list, only the turns of these roles (user,assistant,...)")
      ->delimiter(',');
  command->add_flag("--role-prefix", flags->role_prefix, "Prefix each turn with \"<role>: \"");
}

int Finish(const Status& status) { return status.ok() ? kExitOk : ReportError(status); }

void AddTrainCommand(CLI::App* classify, CommandRun* run) {
  auto flags = std::make_shared<ClassifyTrainFlags>();  // shared with the run callback
  CLI::App* train = classify->add_subcommand(
      "train",
      "Train a fastText classifier on labelled rows; report held-out precision, recall, F1");
  AddInputFlags(train, &flags->input);
  AddTextFlags(train, &flags->text);
  train
      ->add_option("--label", flags->label_field,
                   "Field holding the label: a string, bool or number")
      ->required();
  train->add_option("-o,--output", flags->model_path, "Where the model (.bin) goes, atomically")
      ->required();
  train
      ->add_option("--valid-fraction", flags->valid_fraction,
                   "Share of each label's rows held out for the figures (default 0.1; 0: none)")
      ->check(CLI::Range(0.0, 0.9));
  train->add_option("--seed", flags->seed,
                    "Seed of the held-out split and of fastText (default 0)");
  train->add_option("--epoch", flags->epoch, "Passes over the data (default 5)")
      ->check(CLI::Range(1, 100000));
  train->add_option("--lr", flags->lr, "Learning rate (default 0.1)")
      ->check(CLI::Range(1e-9, 100.0));
  train
      ->add_option("--word-ngrams", flags->word_ngrams,
                   "Word n-grams (default 1; DCLM's classifier uses 2)")
      ->check(CLI::Range(1, 10));
  train->add_option("--dim", flags->dim, "Vector size (default 100)")->check(CLI::Range(1, 10000));
  train->add_option("--min-count", flags->min_count, "Drop rarer words (default 1)")
      ->check(CLI::Range(1, 1000000000));
  train
      ->add_option("--bucket", flags->bucket,
                   "Hash buckets for word n-grams (default 2000000; model size grows by "
                   "bucket x dim floats)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 30));
  train
      ->add_option("--threads", flags->threads,
                   "Training threads (default 1: reproducible; more are faster but not "
                   "reproducible)")
      ->check(CLI::Range(1, 1024));
  train->add_option("--report", flags->report_path, "Write the figures as JSON here");
  train->add_option("--work-dir", flags->work_dir,
                    "Keep the fastText files (train.txt, valid.txt) here instead of a temporary "
                    "folder");
  train->callback([flags, run] { *run = [flags] { return Finish(RunClassifyTrain(*flags)); }; });
}

void AddApplyCommand(CLI::App* classify, CommandRun* run) {
  auto flags = std::make_shared<ClassifyApplyFlags>();
  CLI::App* apply = classify->add_subcommand(
      "apply",
      "Add <prefix>_label and <prefix>_score columns; keep records above a threshold or "
      "the top p %");
  AddInputFlags(apply, &flags->input);
  AddOutputFlags(apply, &flags->output, false);
  AddTextFlags(apply, &flags->text);
  apply->add_option("--model", flags->model_path, "The fastText model (.bin)")->required();
  apply->add_option("--label", flags->label,
                    "The label whose probability is judged (\"hq\"); adds <prefix>_score_<label>");
  auto* threshold =
      apply->add_option("--threshold", flags->threshold,
                        "Keep records whose probability for --label is at least this");
  apply
      ->add_option("--keep-top", flags->keep_top,
                   "Keep the top p % of records by --label's probability (\"10%\"); reads the "
                   "input twice")
      ->excludes(threshold);
  apply->add_option("--prefix", flags->prefix, "Column prefix (default classify)");
  apply->add_flag("--annotate", flags->annotate,
                  "Keep every record; <prefix>_reason says why it would be dropped");
  apply->callback([flags, run] { *run = [flags] { return Finish(RunClassifyApply(*flags)); }; });
}

}  // namespace

void AddClassifyCommand(CLI::App& app, CommandRun* run) {
  CLI::App* classify = app.add_subcommand(
      "classify", "Train and apply fastText classifiers (quality filtering, DCLM's recipe)");
  classify->require_subcommand(1);
  AddTrainCommand(classify, run);
  AddApplyCommand(classify, run);
}

}  // namespace winnow::cli
