#include "winnow/stats/report_json.h"

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/record/json_writer.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

constexpr std::string_view kSchema = "winnow.inspect/1";
// Count maps up to this size print on one line; larger ones (object keys) one entry per line.
constexpr size_t kInlineMapEntries = 6;

// A pretty-printing JSON writer: containers open on the current line, their members go one per
// line indented by two spaces, except "inline" containers (histogram bins, rows, small maps),
// which stay on one line so that long arrays of small records remain readable.
class JsonOut {
 public:
  void BeginObject(bool one_line = false) { Open('{', one_line); }
  void EndObject() { Close('}'); }
  void BeginArray(bool one_line = false) { Open('[', one_line); }
  void EndArray() { Close(']'); }

  void Key(std::string_view key) {
    BeforeValue();
    AppendJsonString(key, &out_);
    out_ += ": ";
    after_key_ = true;
  }

  void String(std::string_view value) {
    BeforeValue();
    AppendJsonString(value, &out_);
  }
  void Number(double value) {
    BeforeValue();
    AppendJsonNumber(value, &out_);
  }
  void Uint(uint64_t value) {
    BeforeValue();
    char buf[24];
    auto result = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, result.ptr);
  }
  void Bool(bool value) {
    BeforeValue();
    out_ += value ? "true" : "false";
  }
  void Null() {
    BeforeValue();
    out_ += "null";
  }

  std::string Take() {
    out_ += '\n';
    return std::move(out_);
  }

 private:
  struct Level {
    bool one_line;
    bool empty = true;
  };

  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (stack_.empty()) return;
    Level& level = stack_.back();
    if (!level.empty) out_ += ',';
    if (level.one_line) {
      if (!level.empty) out_ += ' ';
    } else {
      NewLine(stack_.size());
    }
    level.empty = false;
  }

  void Open(char bracket, bool one_line) {
    BeforeValue();
    out_ += bracket;
    bool parent_one_line = !stack_.empty() && stack_.back().one_line;
    stack_.push_back({one_line || parent_one_line});
  }

  void Close(char bracket) {
    Level level = stack_.back();
    stack_.pop_back();
    if (!level.empty && !level.one_line) NewLine(stack_.size());
    out_ += bracket;
  }

  void NewLine(size_t depth) {
    out_ += '\n';
    out_.append(depth * 2, ' ');
  }

  std::vector<Level> stack_;
  bool after_key_ = false;
  std::string out_;
};

void Strings(std::string_view key, const std::vector<std::string>& values, JsonOut* out) {
  out->Key(key);
  out->BeginArray();
  for (const std::string& value : values) out->String(value);
  out->EndArray();
}

void Counts(std::string_view key, const std::map<std::string, uint64_t>& counts, JsonOut* out) {
  out->Key(key);
  out->BeginObject(counts.size() <= kInlineMapEntries);
  for (const auto& [name, count] : counts) {
    out->Key(name);
    out->Uint(count);
  }
  out->EndObject();
}

void Summary(const NumericSummary& summary, JsonOut* out) {
  out->BeginObject();
  out->Key("count");
  out->Uint(summary.count);
  for (auto [key, value] : {std::pair<std::string_view, double>{"min", summary.min},
                            {"max", summary.max},
                            {"mean", summary.mean},
                            {"median", summary.median},
                            {"std", summary.std}}) {
    out->Key(key);
    out->Number(value);
  }
  out->Key("approximate");
  out->Bool(summary.approximate);
  out->Key("histogram");
  out->BeginArray();
  for (const HistogramBin& bin : summary.histogram) {
    out->BeginObject(/*one_line=*/true);
    out->Key("low");
    out->Number(bin.low);
    out->Key("high");
    out->Number(bin.high);
    out->Key("count");
    out->Uint(bin.count);
    out->EndObject();
  }
  out->EndArray();
  out->EndObject();
}

void OptionalSummary(std::string_view key, const std::optional<NumericSummary>& summary,
                     JsonOut* out) {
  out->Key(key);
  if (summary) {
    Summary(*summary, out);
  } else {
    out->Null();
  }
}

void Row(const RowRef& row, JsonOut* out) {
  out->BeginObject(/*one_line=*/true);
  out->Key("source");
  out->String(row.source);
  out->Key("line");
  out->Uint(row.line);
  out->Key("index");
  out->Uint(row.index);
  out->Key("row");
  out->Uint(row.row);
  out->Key("length");
  out->Uint(row.length);
  out->Key("snippet");
  out->String(row.snippet);
  out->EndObject();
}

void Rows(std::string_view key, const std::vector<RowRef>& rows, JsonOut* out) {
  out->Key(key);
  out->BeginArray();
  for (const RowRef& row : rows) Row(row, out);
  out->EndArray();
}

void UintField(std::string_view key, uint64_t value, JsonOut* out) {
  out->Key(key);
  out->Uint(value);
}

void BoolField(std::string_view key, bool value, JsonOut* out) {
  out->Key(key);
  out->Bool(value);
}

void StringField(std::string_view key, std::string_view value, JsonOut* out) {
  out->Key(key);
  out->String(value);
}

void Column(const ColumnProfile& column, JsonOut* out) {
  out->BeginObject();
  StringField("path", column.path, out);
  UintField("present", column.present, out);
  UintField("missing", column.missing, out);
  UintField("nulls", column.nulls, out);
  Counts("types", column.types, out);
  BoolField("mixed_types", column.mixed_types, out);
  OptionalSummary("numbers", column.numbers, out);
  StringField("string_kind", StringKindName(column.string_kind), out);
  UintField("string_count", column.string_count, out);
  UintField("distinct_strings", column.distinct_strings, out);
  BoolField("distinct_is_estimate", column.distinct_is_estimate, out);
  out->Key("labels");
  out->BeginArray();
  for (const ValueFrequency& label : column.labels) {
    out->BeginObject(/*one_line=*/true);
    StringField("value", label.value, out);
    UintField("count", label.count, out);
    out->EndObject();
  }
  out->EndArray();
  OptionalSummary("text_length", column.text_length, out);
  UintField("empty_strings", column.empty_strings, out);
  Rows("longest", column.longest, out);
  Rows("shortest", column.shortest, out);
  OptionalSummary("list_length", column.list_length, out);
  Counts("list_item_types", column.list_item_types, out);
  UintField("true_count", column.true_count, out);
  UintField("false_count", column.false_count, out);
  Counts("object_keys", column.object_keys, out);
  UintField("message_lists", column.message_lists, out);
  UintField("message_objects", column.message_objects, out);
  UintField("hh_transcripts", column.hh_transcripts, out);
  out->EndObject();
}

void Conversation(const ConversationProfile& conversation, JsonOut* out) {
  out->BeginObject();
  StringField("path", conversation.path, out);
  UintField("conversations", conversation.conversations, out);
  OptionalSummary("turns", conversation.turns, out);
  Counts("role_messages", conversation.role_messages, out);
  out->Key("role_chars");
  out->BeginObject();
  for (const auto& [role, summary] : conversation.role_chars) {
    out->Key(role);
    Summary(summary, out);
  }
  out->EndObject();
  OptionalSummary("last_turn_chars", conversation.last_turn_chars, out);
  Counts("last_roles", conversation.last_roles, out);
  Counts("first_roles", conversation.first_roles, out);
  UintField("with_system", conversation.with_system, out);
  UintField("not_alternating", conversation.not_alternating, out);
  UintField("empty_messages", conversation.empty_messages, out);
  UintField("filler_endings", conversation.filler_endings, out);
  Rows("filler_examples", conversation.filler_examples, out);
  Strings("role_keys", conversation.role_keys, out);
  out->EndObject();
}

void Duplicates(const DuplicateProfile& duplicates, JsonOut* out) {
  out->BeginObject();
  StringField("what", duplicates.what, out);
  UintField("rows", duplicates.rows, out);
  UintField("distinct", duplicates.distinct, out);
  UintField("duplicate_rows", duplicates.duplicate_rows, out);
  out->Key("top");
  out->BeginArray();
  for (const DuplicateGroup& group : duplicates.top) {
    out->BeginObject();
    UintField("count", group.count, out);
    UintField("first_row", group.first_row, out);
    out->Key("first");
    Row(group.first, out);
    out->EndObject();
  }
  out->EndArray();
  out->EndObject();
}

void Trl(const TrlDetection& trl, JsonOut* out) {
  out->Key("trl");
  out->BeginObject();
  StringField("type", trl.type, out);
  StringField("form", trl.form, out);
  StringField("source_format", trl.source_format, out);
  BoolField("implicit_prompt", trl.implicit_prompt, out);
  Strings("evidence", trl.evidence, out);
  Strings("trainers", trl.trainers, out);
  Strings("advice", trl.advice, out);
  out->EndObject();
}

}  // namespace

std::string RenderProfileJson(const DatasetProfile& profile) {
  JsonOut out;
  out.BeginObject();
  StringField("schema", kSchema, &out);
  Strings("sources", profile.sources, &out);
  UintField("rows", profile.rows, &out);
  UintField("bytes", profile.bytes, &out);
  UintField("bad_records", profile.bad_records, &out);
  out.Key("seconds");
  out.Number(profile.seconds);
  out.Key("columns");
  out.BeginArray();
  for (const ColumnProfile& column : profile.columns) Column(column, &out);
  out.EndArray();
  out.Key("conversations");
  out.BeginArray();
  for (const ConversationProfile& conversation : profile.conversations) {
    Conversation(conversation, &out);
  }
  out.EndArray();
  out.Key("duplicates");
  out.BeginArray();
  for (const DuplicateProfile& duplicates : profile.duplicates) Duplicates(duplicates, &out);
  out.EndArray();
  Trl(profile.trl, &out);
  Strings("warnings", profile.warnings, &out);
  out.EndObject();
  return out.Take();
}

}  // namespace winnow
