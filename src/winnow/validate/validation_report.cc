#include "winnow/validate/validation_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "winnow/common/hash.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

// The prompt of a record, as compact JSON text, for duplicate-prompt counts: the prompt column,
// or for a message list the turns before the last assistant turn. Empty when it has none.
std::string PromptKey(const Record& record) {
  std::string key;
  simdjson::dom::element value;
  if (!record.Field("prompt").get(value)) {
    AppendJsonElement(value, &key);
    return key;
  }
  simdjson::dom::array messages;
  if (record.Field("messages").get_array().get(messages)) return key;
  size_t last_assistant = messages.size();
  size_t index = 0;
  for (auto message : messages) {
    std::string_view role;
    if (!message.at_key("role").get_string().get(role) && role == "assistant") {
      last_assistant = index;
    }
    ++index;
  }
  if (last_assistant == 0 || last_assistant == messages.size()) return key;
  key.push_back('[');
  index = 0;
  for (auto message : messages) {
    if (index == last_assistant) break;
    if (index++ > 0) key.push_back(',');
    AppendJsonElement(message, &key);
  }
  key.push_back(']');
  return key;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

}  // namespace

void ValidationReport::SetType(TrlType type, std::string how) {
  type_ = type;
  type_how_ = std::move(how);
}

void ValidationReport::AddRecord(const Record& record, const std::vector<Violation>& violations) {
  ++records_;
  bool has_error = false;
  std::set<std::string_view> seen_rules;
  for (const auto& violation : violations) {
    Count(violation, record, seen_rules.insert(violation.rule).second);
    has_error |= violation.severity == Severity::kError;
  }
  if (has_error) ++invalid_records_;
  if (!has_error && form_.empty() && type_) {
    simdjson::dom::element value;
    bool conversational = !record.Field("messages").get(value) ||
                          (!record.Field("prompt").get(value) && value.is_array()) ||
                          (!record.Field("chosen").get(value) && value.is_array());
    form_ = conversational ? "conversational" : "standard";
  }
  bool label;
  if (!record.Field("label").get_bool().get(label)) ++(label ? label_true_ : label_false_);
  if (options_.long_record_bytes > 0 && record.text().size() > options_.long_record_bytes) {
    Warn("long_record", record, "",
         fmt::format("{} bytes, over {} (--long-record-bytes)", record.text().size(),
                     options_.long_record_bytes));
  }
  CheckDuplicates(record);
}

void ValidationReport::CheckDuplicates(const Record& record) {
  // Whitespace between tokens does not make a different record: hash the minified text.
  std::string& text = scratch_;
  text.clear();
  record.AppendJson(&text);
  minified_.resize(text.size());
  size_t minified_size = 0;
  std::string_view key = Trimmed(text);
  if (!simdjson::minify(text.data(), text.size(), minified_.data(), minified_size)) {
    key = std::string_view(minified_.data(), minified_size);
  }
  if (!record_hashes_.insert(Hash64(key)).second) {
    Warn("duplicate_record", record, "", "the same record appears earlier");
    return;  // a duplicate record also repeats its prompt; count it once
  }
  // KTO data repeats prompts by design (a desirable and an undesirable answer to each).
  if (type_ == TrlType::kUnpairedPreference) return;
  std::string prompt = PromptKey(record);
  if (!prompt.empty() && !prompt_hashes_.insert(Hash64(prompt)).second) {
    Warn("duplicate_prompt", record, "prompt", "the same prompt appears in an earlier record");
  }
}

void ValidationReport::Warn(std::string rule, const Record& record, std::string field,
                            std::string message) {
  Violation warning{std::move(rule), std::move(field), std::move(message), Severity::kWarning};
  Count(warning, record, true);
}

void ValidationReport::Count(const Violation& violation, const Record& record,
                             bool first_of_rule_in_record) {
  RuleSummary& summary = rules_[violation.rule];
  summary.rule = violation.rule;
  summary.severity = violation.severity;
  ++summary.count;
  if (first_of_rule_in_record) ++summary.records;
  if (summary.examples.size() < options_.max_examples) {
    summary.examples.push_back(
        {record.origin().row + 1, record.origin().ToString(), violation.field, violation.message});
  }
}

void ValidationReport::Finish() {
  uint64_t labelled = label_true_ + label_false_;
  if (labelled == 0 || type_ != TrlType::kUnpairedPreference) return;
  double true_share = static_cast<double>(label_true_) / static_cast<double>(labelled);
  // Counts, not 1 - share: 1 - 0.8 is 0.19999999999999996, which would warn at exactly 20%.
  double minority =
      static_cast<double>(std::min(label_true_, label_false_)) / static_cast<double>(labelled);
  if (minority < options_.min_label_share) {
    RuleSummary& summary = rules_["label_imbalance"];
    summary.rule = "label_imbalance";
    summary.severity = Severity::kWarning;
    summary.count = 1;
    summary.examples.push_back(
        {0, "", "label",
         fmt::format("{} true / {} false ({:.1f}% true): KTOTrainer's desirable_weight and "
                     "undesirable_weight should compensate",
                     label_true_, label_false_, 100 * true_share)});
  }
}

uint64_t ValidationReport::error_count() const {
  uint64_t total = 0;
  for (const auto& [name, summary] : rules_) {
    if (summary.severity == Severity::kError) total += summary.count;
  }
  return total;
}

uint64_t ValidationReport::warning_count() const {
  uint64_t total = 0;
  for (const auto& [name, summary] : rules_) {
    if (summary.severity == Severity::kWarning) total += summary.count;
  }
  return total;
}

std::string ValidationReport::ToText() const {
  std::string out;
  std::string type = type_ ? std::string(TrlTypeName(*type_)) : "unknown";
  fmt::format_to(std::back_inserter(out), "type: {}{}{}\n", type,
                 form_.empty() ? "" : " (" + form_ + ")",
                 type_how_.empty() ? "" : ", " + type_how_);
  fmt::format_to(std::back_inserter(out), "records: {}, valid: {}, invalid: {}\n", records_,
                 records_ - invalid_records_, invalid_records_);
  if (label_true_ + label_false_ > 0) {
    fmt::format_to(std::back_inserter(out), "labels: {} true, {} false\n", label_true_,
                   label_false_);
  }
  if (records_ == 0) {
    out += "no records\n";
    return out;
  }
  if (rules_.empty()) {
    out += "no problems found\n";
    return out;
  }
  out += "\n  severity  rule                       count  records\n";
  for (Severity severity : {Severity::kError, Severity::kWarning}) {
    for (const auto& [name, summary] : rules_) {
      if (summary.severity != severity) continue;
      fmt::format_to(std::back_inserter(out), "  {:<8}  {:<24} {:>6}  {:>7}\n",
                     SeverityName(severity), name, summary.count, summary.records);
    }
  }
  for (Severity severity : {Severity::kError, Severity::kWarning}) {
    for (const auto& [name, summary] : rules_) {
      if (summary.severity != severity) continue;
      fmt::format_to(std::back_inserter(out), "\n{} {}:\n", SeverityName(severity), name);
      for (const auto& example : summary.examples) {
        std::string where = example.record == 0
                                ? ""
                                : fmt::format("record {} ({}) ", example.record, example.origin);
        fmt::format_to(std::back_inserter(out), "  {}{}{}\n", where,
                       example.field.empty() ? "" : example.field + ": ", example.message);
      }
      if (summary.count > summary.examples.size()) {
        fmt::format_to(std::back_inserter(out), "  ... and {} more\n",
                       summary.count - summary.examples.size());
      }
    }
  }
  return out;
}

std::string ValidationReport::ToJson() const {
  std::string out = "{\"type\":";
  if (type_) {
    AppendJsonString(TrlTypeName(*type_), &out);
  } else {
    out += "null";
  }
  out += ",\"form\":";
  AppendJsonString(form_, &out);
  fmt::format_to(std::back_inserter(out),
                 ",\"records\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{}",
                 records_, records_ - invalid_records_, invalid_records_, error_count(),
                 warning_count());
  if (label_true_ + label_false_ > 0) {
    fmt::format_to(std::back_inserter(out), ",\"labels\":{{\"true\":{},\"false\":{}}}", label_true_,
                   label_false_);
  }
  out += ",\"rules\":[";
  bool first_rule = true;
  for (const auto& [name, summary] : rules_) {
    if (!first_rule) out += ",";
    first_rule = false;
    out += "{\"rule\":";
    AppendJsonString(name, &out);
    fmt::format_to(std::back_inserter(out), ",\"severity\":\"{}\",\"count\":{},\"records\":{}",
                   SeverityName(summary.severity), summary.count, summary.records);
    out += ",\"examples\":[";
    for (size_t i = 0; i < summary.examples.size(); ++i) {
      const auto& example = summary.examples[i];
      if (i > 0) out += ",";
      fmt::format_to(std::back_inserter(out), "{{\"record\":{},\"origin\":", example.record);
      AppendJsonString(example.origin, &out);
      out += ",\"field\":";
      AppendJsonString(example.field, &out);
      out += ",\"message\":";
      AppendJsonString(example.message, &out);
      out += "}";
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

}  // namespace winnow
