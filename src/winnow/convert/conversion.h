#pragma once

// Conversion: reshapes one record into zero or more records of another format (ShareGPT ->
// messages, preference -> two KTO rows, ...). ConversionStep runs any Conversion as a parallel
// step and guarantees its promise: every record it emits validates as the conversion's target TRL
// type (shared/specs/formats.md); an input that cannot be converted, or whose output would be
// invalid, is rejected with the reason instead. Columns the conversion does not consume are
// carried over to its output (an `id` stays with its row) unless told otherwise.

#include <simdjson.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/pipeline/step.h"
#include "winnow/record/json_builder.h"
#include "winnow/validate/trl_schema.h"
#include "winnow/validate/violation.h"

namespace winnow {

// What a conversion produced for one input: records under construction, or a rejection.
class ConversionOutput {
 public:
  // Starts a new output record (a JSON object).
  void BeginRecord();
  // Adds a top-level column to the current record and returns the builder to write its value.
  JsonBuilder& Column(std::string_view key);
  // Refuses the input: `key` names the reason in counters ("rejected.no_rating"), `message` is
  // the one-line reason in the reject file.
  void Reject(std::string key, std::string message);

  bool rejected() const { return !reject_key_.empty(); }
  const std::string& reject_key() const { return reject_key_; }
  const std::string& reject_message() const { return reject_message_; }
  size_t size() const { return records_.size(); }
  void Clear();

 private:
  friend class ConversionStep;
  friend Status FinishConvertedRecords(ConversionOutput& output, const Record& input,
                                       const std::set<std::string, std::less<>>& consumed,
                                       bool keep_other_columns, simdjson::dom::parser& parser,
                                       std::vector<Record>* out);
  struct Pending {
    JsonBuilder json;
    std::vector<std::string> columns;
  };
  std::vector<Pending> records_;
  std::string reject_key_;
  std::string reject_message_;
};

class Conversion {
 public:
  virtual ~Conversion() = default;
  // The step name ("sharegpt_to_messages"); used in counters and reject files.
  virtual std::string_view name() const = 0;
  // The TRL type every output record must validate as; nullopt for non-TRL targets (ShareGPT).
  virtual std::optional<TrlType> target() const = 0;
  // Input columns this conversion reads and replaces (not carried over).
  virtual std::set<std::string, std::less<>> consumed_columns() const = 0;
  // Converts `input` (parsed) into `out`. Per-record problems go to out.Reject(); a returned
  // error stops the run. Must be thread-safe: several workers call it at once. `parser` is this
  // worker's scratch parser (not the one `input` was parsed with).
  virtual Status Convert(const Record& input, ConversionOutput& out,
                         simdjson::dom::parser& parser) const = 0;
};

struct ConversionStepOptions {
  bool keep_other_columns = true;  // carry unconsumed input columns over to each output record
  ValidationOptions validation;    // the rules outputs are checked with
};

class ConversionStep : public Step {
 public:
  ConversionStep(std::unique_ptr<Conversion> conversion, ConversionStepOptions options = {});
  std::string_view name() const override { return conversion_->name(); }
  bool parallel() const override { return true; }
  Status Open(size_t worker_count) override;
  Status Process(Batch& batch, StepContext& ctx) override;

 private:
  std::unique_ptr<Conversion> conversion_;
  ConversionStepOptions options_;
  std::set<std::string, std::less<>> consumed_;
  // Per worker: scratch parser for conversions (ctx.parser parses the output records).
  std::vector<std::unique_ptr<simdjson::dom::parser>> scratch_parsers_;
};

// Closes the pending records of `output` (adding `input`'s other columns unless consumed or
// already written), parses them, and appends them to `out` with `input`'s origin.
Status FinishConvertedRecords(ConversionOutput& output, const Record& input,
                              const std::set<std::string, std::less<>>& consumed,
                              bool keep_other_columns, simdjson::dom::parser& parser,
                              std::vector<Record>* out);

// The reject reason when `record` does not validate as `type`, or "" when it does.
std::string InvalidOutputReason(const Record& record, TrlType type,
                                const ValidationOptions& options);

}  // namespace winnow
