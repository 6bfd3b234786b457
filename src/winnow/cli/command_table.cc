#include "winnow/cli/command.h"

namespace winnow::cli {

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> kCommands = {
      {"inspect", "Profile a dataset: columns, statistics, conversations, TRL type, outliers",
       AddInspectCommand},
      {"validate", "Check records against a TRL type's rules; report violations per rule",
       AddValidateCommand},
      {"convert", "Reshape for a trainer: messages, preference, KTO, ratings, templates, columns",
       AddConvertCommand},
      {"dedup", "Remove or mark duplicates: exact, MinHash-LSH; keep policy, cluster report",
       AddDedupCommand},
      {"filter", "Drop low-quality records (Gopher, C4, FineWeb rules, presets) and say why",
       AddFilterCommand},
      {"describe", "Add text descriptives as columns (readability, quality ratios) and summarise",
       AddDescribeCommand},
      {"decontaminate", "Drop training records sharing 13-grams with evaluation sets",
       AddDecontaminateCommand},
      {"classify", "Train and apply fastText classifiers: quality scores, keep the top p %",
       AddClassifyCommand},
      {"run", "Run a pipeline file: a resumable DAG of steps and LLM tasks (generate, judge)",
       AddRunCommand},
      {"agreement",
       "Judge calibration: judge vs human ratings, kappa, Spearman, length/position bias",
       AddAgreementCommand},
      {"render", "Render conversations to training text with a model's chat template",
       AddRenderCommand},
      {"count", "Count records", AddCountCommand},
      {"head", "Print the first records", AddHeadCommand},
      {"sample", "Draw a seeded random sample (reservoir or fraction)", AddSampleCommand},
      {"split", "Split into train/test/validation by ratio, seeded, optionally grouped",
       AddSplitCommand},
      {"markdown", "Clean Markdown documents for LLM datasets, front matter as columns",
       AddMarkdownCommand},
      {"steps", "List the processing steps pipelines and commands are built from", AddStepsCommand},
  };
  return kCommands;
}

}  // namespace winnow::cli
