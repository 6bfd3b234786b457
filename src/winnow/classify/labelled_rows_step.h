#pragma once

// LabelledRowsStep: the reading pass of `winnow classify train`. For each record it takes the text
// (a field or chat turns, TextView) and the label (a field), and writes one fastText training line
// "__label__<label> <text>" to a sink, remembering the row's label. Labels may be strings, bools
// ("true"/"false", e.g. good/bad annotations) or numbers (their shortest decimal form, so 1 and
// 1.0 are both "1"); fasttext_text.h says how labels and texts are made safe.
//
// Rows that cannot be used are rejected with the reason (to --reject when given) and counted:
//   skipped.no_label     the label field is missing, null or an empty string
//   skipped.bad_label    the label is a list or an object
//   skipped.empty_text   the text is empty or whitespace only
// Two labels that become the same fastText token ("a b" and "a_b") are an error.
//
// Runs in stream order (not parallel), so label numbers and the rows' order are the input's.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "winnow/io/byte_stream.h"
#include "winnow/pipeline/step.h"
#include "winnow/record/field_path.h"
#include "winnow/record/text_view.h"

namespace winnow {

class LabelledRowsStep : public Step {
 public:
  // `lines` receives the training lines and must outlive the step.
  LabelledRowsStep(TextView text, FieldPath label, ByteSink& lines);

  std::string_view name() const override { return "classify_train"; }
  Status Process(Batch& batch, StepContext& ctx) override;

  // Labels as fastText tokens, numbered by first appearance.
  const std::vector<std::string>& labels() const { return labels_; }
  // The label number of each written line, in order.
  const std::vector<uint32_t>& row_labels() const { return row_labels_; }

 private:
  // The label of `record` as text; empty with `*reason` set when the row has none.
  std::string LabelOf(const Record& record, std::string* reason, const char** counter) const;
  Result<uint32_t> LabelNumber(const std::string& label);

  TextView text_;
  FieldPath label_;
  ByteSink& lines_;
  std::string line_;
  std::string scratch_;
  std::vector<std::string> labels_;
  std::map<std::string, uint32_t, std::less<>> label_numbers_;  // safe label -> number
  std::map<std::string, std::string, std::less<>> original_;    // safe label -> first original
  std::vector<uint32_t> row_labels_;
};

}  // namespace winnow
