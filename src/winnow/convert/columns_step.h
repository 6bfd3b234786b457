#pragma once

// columns: renames, selects, drops and adds constant columns — the glue between a source's names
// and a trainer's (e.g. question -> prompt, answer -> completion). Order of operations: rename,
// set, then drop or select (select also fixes the output column order). Parallel.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

struct ColumnsOptions {
  std::vector<std::pair<std::string, std::string>> renames;  // old -> new
  std::vector<std::pair<std::string, std::string>> sets;     // key -> JSON value
  std::vector<std::string> select;                           // empty: keep all
  std::vector<std::string> drop;
};

// Parses CLI-style edits: renames "OLD=NEW", sets "KEY=VALUE" (VALUE is taken as JSON when it
// parses as JSON, else as a string), select and drop column names.
Result<ColumnsOptions> ParseColumnEdits(const std::vector<std::string>& renames,
                                        const std::vector<std::string>& selects,
                                        const std::vector<std::string>& drops,
                                        const std::vector<std::string>& sets);

class ColumnsStep : public Step {
 public:
  explicit ColumnsStep(ColumnsOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "columns"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  ColumnsOptions options_;
};

// Pipeline form: rename "a=b;c=d", set "k=v;...", select "a,b", drop "a,b".
Result<std::unique_ptr<Step>> CreateColumnsStep(StepOptions& options);

}  // namespace winnow
