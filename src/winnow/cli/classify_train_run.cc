// `winnow classify train`: read labelled rows into a fastText file (one pass over the input, so
// standard input works), hold out a stratified share, train, evaluate on the held-out rows, save
// the model atomically, report.

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "winnow/classify/fasttext_model.h"
#include "winnow/classify/holdout.h"
#include "winnow/classify/labelled_rows_step.h"
#include "winnow/classify/train_report.h"
#include "winnow/classify/training_files.h"
#include "winnow/cli/classify_run.h"
#include "winnow/exec/progress.h"

namespace winnow::cli {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The folder for the fastText files: --work-dir (kept), or a fresh temporary one (removed).
class WorkDir {
 public:
  static Result<WorkDir> Open(const std::string& requested) {
    WorkDir dir;
    std::error_code error;
    if (!requested.empty()) {
      std::filesystem::create_directories(requested, error);
      if (error) {
        return Error(
            Status::IoError(requested + ": cannot create the work folder: " + error.message()));
      }
      dir.path_ = requested;
      return dir;
    }
    std::string pattern =
        (std::filesystem::temp_directory_path(error) / "winnow-classify-XXXXXX").string();
    if (error || ::mkdtemp(pattern.data()) == nullptr) {
      return Error(Status::IoError("cannot create a temporary folder (set TMPDIR or --work-dir)"));
    }
    dir.path_ = pattern;
    dir.remove_ = true;
    return dir;
  }
  WorkDir(WorkDir&& other) noexcept : path_(std::move(other.path_)), remove_(other.remove_) {
    other.remove_ = false;
  }
  WorkDir& operator=(WorkDir&&) = delete;
  ~WorkDir() {
    std::error_code ignored;
    if (remove_) std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const char* name) const { return path_ + "/" + name; }

 private:
  WorkDir() = default;
  std::string path_;
  bool remove_ = false;
};

struct ReadRows {
  std::vector<std::string> labels;
  std::vector<uint32_t> row_labels;
  uint64_t rows_read = 0;
  std::vector<std::pair<std::string, uint64_t>> skipped;
};

// Pass over the input: every usable row into `all_path`.
Result<ReadRows> ReadLabelledRows(const ClassifyTrainFlags& flags, const std::string& all_path) {
  WINNOW_ASSIGN_OR_RETURN(TextView view, ClassifyTextView(flags.text));
  WINNOW_ASSIGN_OR_RETURN(FieldPath label, FieldPath::Parse(flags.label_field));
  WINNOW_ASSIGN_OR_RETURN(auto input, OpenInputs(flags.input, "classify: reading"));
  auto fs = NewLocalFileSystem();
  WINNOW_ASSIGN_OR_RETURN(auto lines, fs->OpenWrite(all_path));
  LabelledRowsStep step(std::move(view), std::move(label), *lines);
  WINNOW_ASSIGN_OR_RETURN(RunResult result, RunLinear(*input.reader, {&step}, nullptr,
                                                      input.rejects.get(), input.run_options));
  WINNOW_RETURN_IF_ERROR(lines->Close());
  WINNOW_RETURN_IF_ERROR(FinishInputs(input, result));
  ReadRows rows;
  rows.labels = step.labels();
  rows.row_labels = step.row_labels();
  rows.rows_read = result.records_read;
  for (const char* reason : {"no_label", "bad_label", "empty_text"}) {
    const uint64_t count = step.counters().Get(std::string("skipped.") + reason);
    if (count > 0) rows.skipped.emplace_back(reason, count);
  }
  if (result.bad_records > 0) rows.skipped.emplace_back("unreadable", result.bad_records);
  return rows;
}

Status CheckLabels(const ReadRows& rows, const std::string& label_field) {
  if (rows.row_labels.empty()) {
    return Status::InvalidInput("classify train: no row has both a label in '" + label_field +
                                "' and a text; nothing to train on");
  }
  if (rows.labels.size() < 2) {
    return Status::InvalidInput("classify train: every row has the label '" + rows.labels[0] +
                                "' (" + std::to_string(rows.row_labels.size()) +
                                " rows); a classifier needs rows of at least two labels");
  }
  return Status::OK();
}

FastTextTrainOptions TrainOptions(const ClassifyTrainFlags& flags) {
  FastTextTrainOptions options;
  options.epoch = flags.epoch;
  options.lr = flags.lr;
  options.word_ngrams = flags.word_ngrams;
  options.dim = flags.dim;
  options.min_count = flags.min_count;
  options.bucket = flags.bucket;
  options.threads = flags.threads;
  options.seed = static_cast<int>(flags.seed & 0x7fffffff);
  return options;
}

// "winnow: classify train: 42%" on a terminal; fastText calls this from a training thread.
std::function<void(double)> ProgressPrinter(bool quiet) {
  if (quiet || !ShouldShowProgress()) return {};
  auto last = std::make_shared<int>(-1);
  return [last](double progress) {
    const int percent = static_cast<int>(progress * 100);
    if (percent == *last) return;
    *last = percent;
    std::fprintf(stderr, "\rwinnow: classify train: %d%%", percent);
  };
}

}  // namespace

Result<TextView> ClassifyTextView(const ClassifyTextFlags& flags) {
  TextViewOptions options;
  options.role_prefix = flags.role_prefix;
  for (const std::string& role : flags.roles) options.roles.emplace_back(NormaliseRole(role));
  return TextView::Parse(flags.field, std::move(options));
}

Status RunClassifyTrain(const ClassifyTrainFlags& flags) {
  const auto start = Clock::now();
  WINNOW_ASSIGN_OR_RETURN(WorkDir work, WorkDir::Open(flags.work_dir));
  const std::string all_path = work.File("all.txt");
  WINNOW_ASSIGN_OR_RETURN(ReadRows rows, ReadLabelledRows(flags, all_path));
  WINNOW_RETURN_IF_ERROR(CheckLabels(rows, flags.label_field));
  const std::vector<bool> held_out =
      StratifiedHoldout(rows.row_labels, rows.labels.size(), flags.valid_fraction, flags.seed);
  const std::string train_path = work.File("train.txt");
  const std::string valid_path = work.File("valid.txt");
  TrainReport report;
  WINNOW_ASSIGN_OR_RETURN(report.labels, WriteSplitFiles(all_path, held_out, rows.row_labels,
                                                         rows.labels, train_path, valid_path));
  std::error_code ignored;
  std::filesystem::remove(all_path, ignored);
  report.options = TrainOptions(flags);
  const auto train_start = Clock::now();
  auto progress = ProgressPrinter(flags.input.quiet);
  auto model = FastTextModel::Train(train_path, report.options, progress);
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (!model) return model.error();
  report.train_seconds = SecondsSince(train_start);
  if (std::any_of(held_out.begin(), held_out.end(), [](bool held) { return held; })) {
    WINNOW_ASSIGN_OR_RETURN(report.evaluation, EvaluateOnFile(**model, valid_path, rows.labels));
  }
  WINNOW_RETURN_IF_ERROR((*model)->Save(flags.model_path));
  report.model_path = flags.model_path;
  report.rows_read = rows.rows_read;
  report.rows_used = rows.row_labels.size();
  report.skipped = rows.skipped;
  report.valid_fraction = flags.valid_fraction;
  report.seed = flags.seed;
  report.total_seconds = SecondsSince(start);
  if (!flags.input.quiet) {
    const std::string text = TrainReportText(report);
    std::fwrite(text.data(), 1, text.size(), stderr);
  } else if (report.rows_used < report.rows_read) {
    // Nothing is dropped silently, even with --quiet.
    std::fprintf(stderr, "winnow: classify train: skipped %llu of %llu rows%s\n",
                 static_cast<unsigned long long>(report.rows_read - report.rows_used),
                 static_cast<unsigned long long>(report.rows_read),
                 flags.input.reject_path.empty() ? " (use --reject FILE to see why)" : "");
  }
  if (flags.report_path.empty()) return Status::OK();
  auto fs = NewLocalFileSystem();
  return WriteWholeFile(*fs, flags.report_path, TrainReportJson(report));
}

}  // namespace winnow::cli
