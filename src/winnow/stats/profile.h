#pragma once

// DatasetProfile: the finished result of `winnow inspect`, independent of how it is printed.
// Accumulators (column_accumulator.h) build it; the text, JSON and HTML reports render it; the TRL
// type detector reads it. Statistics follow the Hugging Face dataset viewer (see
// shared/specs/annotation.md, "Exploration"): nulls; numbers min/max/mean/median/std + histogram;
// strings as labels (value frequencies) or text (length in code points); lists by length; bools.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace winnow {

// One bar of a histogram. Float data: [low, high) (the last bin includes high). Integer data
// (lengths, counts, int columns): [low, high] inclusive with integer edges.
struct HistogramBin {
  double low = 0;
  double high = 0;
  uint64_t count = 0;
};

// min/max/mean/median/std plus a histogram (10 bins, or one bin per integer when the range of
// integer values is narrower than 10).
struct NumericSummary {
  uint64_t count = 0;
  double min = 0;
  double max = 0;
  double mean = 0;
  double median = 0;
  double std = 0;            // population standard deviation
  bool approximate = false;  // median/histogram from a sample (more values than the exact cap)
  std::vector<HistogramBin> histogram;
};

struct ValueFrequency {
  std::string value;  // the string value (or "true"/"false" for bools)
  uint64_t count = 0;
};

// An example row for outliers and duplicates.
struct RowRef {
  std::string source;   // file
  uint64_t line = 0;    // 1-based line in the file (0 when unknown: sharded input)
  uint64_t index = 0;   // 0-based record index within the file (or shard)
  uint64_t row = 0;     // 0-based position in the whole input (all files, in order)
  uint64_t length = 0;  // code points of the text in question
  std::string snippet;  // the start of the text, one line
};

enum class StringKind { kNone, kLabel, kText };

struct ColumnProfile {
  std::string path;      // "text", "meta.source"
  uint64_t present = 0;  // rows where the field exists (null included)
  uint64_t missing = 0;  // rows without the field
  uint64_t nulls = 0;
  // Non-null values by JSON type: "string", "int", "float", "bool", "list", "object".
  std::map<std::string, uint64_t> types;
  bool mixed_types = false;  // more than one non-null type

  std::optional<NumericSummary> numbers;  // int and float values together

  // Strings: a label column (few distinct values) or a text column.
  StringKind string_kind = StringKind::kNone;
  uint64_t string_count = 0;
  uint64_t distinct_strings = 0;  // exact up to 1000, else a HyperLogLog estimate
  bool distinct_is_estimate = false;
  std::vector<ValueFrequency> labels;         // for label columns, most frequent first
  std::optional<NumericSummary> text_length;  // for text columns: code points per value
  uint64_t empty_strings = 0;                 // "" or whitespace only
  std::vector<RowRef> longest;                // text columns: the longest values, longest first
  std::vector<RowRef> shortest;               // text columns: the shortest non-empty values

  std::optional<NumericSummary> list_length;  // lists: number of elements
  std::map<std::string, uint64_t> list_item_types;

  uint64_t true_count = 0;  // bools
  uint64_t false_count = 0;

  // Objects: how often each key occurs (nested fields are also profiled as "path.key" columns).
  std::map<std::string, uint64_t> object_keys;

  // Evidence for format detection.
  uint64_t message_lists = 0;    // values that are lists of {role|from, content|value} messages
  uint64_t message_objects = 0;  // values that are a single {role|from, content|value} message
  uint64_t hh_transcripts = 0;   // strings that are "\n\nHuman: ... \n\nAssistant: ..." transcripts
};

// Conversation statistics for one message-list column.
struct ConversationProfile {
  std::string path;
  uint64_t conversations = 0;
  std::optional<NumericSummary> turns;               // messages per conversation
  std::map<std::string, uint64_t> role_messages;     // messages per role (as written)
  std::map<std::string, NumericSummary> role_chars;  // code points per message, by role
  std::optional<NumericSummary> last_turn_chars;     // length of the final message
  std::map<std::string, uint64_t> last_roles;        // role of the final message
  std::map<std::string, uint64_t> first_roles;       // role of the first message
  uint64_t with_system = 0;                          // conversations with a system message
  uint64_t not_alternating = 0;  // user/assistant do not alternate (tool turns aside)
  uint64_t empty_messages = 0;   // messages whose content is empty or whitespace
  uint64_t filler_endings = 0;   // final turns are short filler ("thank you", "you're welcome")
  std::vector<RowRef> filler_examples;
  std::vector<std::string> role_keys;  // "role/content" or "from/value"
};

struct DuplicateGroup {
  uint64_t count = 0;      // how many rows share the value
  uint64_t first_row = 0;  // 0-based row (whole input) of the first copy
  RowRef first;            // a copy of the value (the second one seen): where it is and a snippet
};

struct DuplicateProfile {
  std::string what;   // "whole record", "prompt (messages[0].content)"
  uint64_t rows = 0;  // rows that had a value
  uint64_t distinct = 0;
  uint64_t duplicate_rows = 0;      // rows - distinct: rows that repeat an earlier one
  std::vector<DuplicateGroup> top;  // most repeated values
};

// TRL dataset type (shared/specs/formats.md) with the evidence for it.
struct TrlDetection {
  std::string type;  // "language_modeling", "prompt_only", "prompt_completion",
                     // "preference", "unpaired_preference", "stepwise_supervision", "unknown"
  std::string form;  // "standard", "conversational", "" when unknown
  std::string source_format;  // recognised non-TRL shape: "sharegpt", "alpaca", "hh_transcripts",
                              // "llamafactory_sharegpt_preference", "" when the data is TRL-shaped
  bool implicit_prompt = false;       // preference data without a prompt column
  std::vector<std::string> evidence;  // "columns prompt, chosen, rejected present in 100% of rows"
  std::vector<std::string> trainers;  // "DPOTrainer: accepts as is", "KTOTrainer: accepts ..."
  std::vector<std::string> advice;    // "convert with: winnow convert --to messages ..."
};

struct DatasetProfile {
  std::vector<std::string> sources;  // input files
  uint64_t rows = 0;
  uint64_t bytes = 0;        // input bytes read
  uint64_t bad_records = 0;  // skipped with --on-error skip
  double seconds = 0;
  std::vector<ColumnProfile> columns;  // top-level columns in first-seen order, then nested
  std::vector<ConversationProfile> conversations;
  std::vector<DuplicateProfile> duplicates;
  TrlDetection trl;
  std::vector<std::string> warnings;
};

}  // namespace winnow
