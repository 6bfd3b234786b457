#pragma once

// `winnow classify train` and `winnow classify apply`: the flags and the code that runs them
// (cmd_classify.cc registers the subcommands).

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "winnow/cli/io_options.h"
#include "winnow/record/text_view.h"

namespace winnow::cli {

// Which text of a record the classifier reads: a field, or chat turns of some roles.
struct ClassifyTextFlags {
  std::string field = "text";
  std::vector<std::string> roles;
  bool role_prefix = false;
};

struct ClassifyTrainFlags {
  InputFlags input;
  ClassifyTextFlags text;
  std::string label_field;
  std::string model_path;
  double valid_fraction = 0.1;
  uint64_t seed = 0;
  int epoch = 5;
  double lr = 0.1;
  int word_ngrams = 1;
  int dim = 100;
  int min_count = 1;
  int64_t bucket = 2000000;
  int threads = 1;
  std::string report_path;
  std::string work_dir;
};

struct ClassifyApplyFlags {
  InputFlags input;
  OutputFlags output;
  ClassifyTextFlags text;
  std::string model_path;
  std::string label;
  double threshold = std::nan("");  // NaN: not given
  std::string keep_top;
  std::string prefix = "classify";
  bool annotate = false;
};

Status RunClassifyTrain(const ClassifyTrainFlags& flags);
Status RunClassifyApply(const ClassifyApplyFlags& flags);

// The text view the flags describe.
Result<TextView> ClassifyTextView(const ClassifyTextFlags& flags);

}  // namespace winnow::cli
