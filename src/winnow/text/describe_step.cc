#include "winnow/text/describe_step.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <cmath>

#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"
#include "winnow/stats/hyperloglog.h"
#include "winnow/stats/report_format.h"
#include "winnow/stats/summary.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

constexpr size_t kMaxDistinctN = 4;

// Final assistant turns that only close the conversation. Compared after lowercasing and
// dropping everything but letters, digits and spaces.
constexpr std::string_view kFillerTurns[] = {"youre welcome",
                                             "you are welcome",
                                             "glad i could help",
                                             "happy to help",
                                             "glad to help",
                                             "my pleasure",
                                             "no problem",
                                             "anytime",
                                             "thank you",
                                             "thanks",
                                             "thank you so much",
                                             "youre very welcome",
                                             "glad i could be of help",
                                             "im glad i could help",
                                             "happy to help anytime"};

std::string FillerKey(std::string_view text) {
  std::string key;
  bool space = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (space && !key.empty()) key += ' ';
      space = false;
      key += c;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      space = true;
    }
  }
  return key;
}

bool IsFiller(std::string_view text) {
  if (text.size() > 80) return false;
  std::string key = FillerKey(text);
  for (std::string_view filler : kFillerTurns) {
    if (key == filler || (key.starts_with(filler) && key.size() <= filler.size() + 12)) {
      return true;
    }
  }
  return false;
}

std::string_view MessageText(simdjson::dom::element message, const char* key,
                             const char* fallback) {
  std::string_view text;
  if (message[key].get_string().get(text) == simdjson::SUCCESS) return text;
  if (message[fallback].get_string().get(text) == simdjson::SUCCESS) return text;
  return {};
}

}  // namespace

struct DescribeStep::Worker {
  Worker(uint32_t groups, const std::string& dictionary) : calculator(groups, dictionary) {}
  DescriptivesCalculator calculator;
  Descriptives values;
  std::string scratch;
  std::string column;
  std::map<std::string, ValueAccumulator> metrics;
  HyperLogLog distinct[kMaxDistinctN];
  uint64_t totals[kMaxDistinctN] = {};
  uint64_t records = 0;
};

DescribeStep::DescribeStep(DescribeOptions options) : options_(std::move(options)) {}
DescribeStep::~DescribeStep() = default;

Status DescribeStep::Open(size_t worker_count) {
  if ((options_.groups & kEntropy) && options_.unigram == nullptr) {
    return Status::InvalidArgument(
        "describe: the entropy group needs the dataset's unigram model from a first pass "
        "(winnow describe makes it; in a pipeline, entropy is not available yet)");
  }
  workers_.clear();
  for (size_t i = 0; i < worker_count; ++i) {
    workers_.push_back(std::make_unique<Worker>(options_.groups, options_.hyphen_dictionary));
  }
  return Status::OK();
}

Status DescribeStep::Process(Batch& batch, StepContext& ctx) {
  Worker& worker = *workers_[ctx.worker_index];
  size_t rejected = 0;
  for (size_t i = 0; i < batch.records.size(); ++i) {
    Record& record = batch.records[i];
    if (!record.parsed()) {
      Status parsed = record.Parse(*ctx.parser);
      if (!parsed.ok()) {
        batch.Reject(i, "describe", parsed.message());
        ++rejected;
        continue;
      }
    }
    WINNOW_RETURN_IF_ERROR(DescribeRecord(record, worker, *ctx.parser));
  }
  if (rejected > 0) batch.Compact();
  ctx.counters->Add("described", batch.records.size());
  ctx.counters->Add("rejected", rejected);
  return Status::OK();
}

Status DescribeStep::SetMetric(Record& record, const std::string& name, double value,
                               Worker& worker, simdjson::dom::parser& parser) {
  worker.column = options_.prefix + name;
  if (!std::isfinite(value)) return record.Set(worker.column, "null", parser);
  worker.metrics[worker.column].Add(value);
  return record.SetNumber(worker.column, value, parser);
}

Status DescribeStep::DescribeRecord(Record& record, Worker& worker, simdjson::dom::parser& parser) {
  ++worker.records;
  std::string_view text = options_.view.Get(record, &worker.scratch);
  worker.calculator.Compute(text, &worker.values, options_.unigram.get());
  // Distinct word n-grams for the summary (words as the descriptives see them).
  const auto& words = worker.calculator.last_words();
  for (size_t n = 1; n <= kMaxDistinctN; ++n) {
    if (words.size() < n) break;
    for (size_t i = 0; i + n <= words.size(); ++i) {
      worker.column.clear();
      for (size_t k = 0; k < n; ++k) {
        worker.column.append(words[i + k]);
        worker.column += ' ';
      }
      worker.distinct[n - 1].Add(XXH3_64bits(worker.column.data(), worker.column.size()));
    }
    worker.totals[n - 1] += words.size() - n + 1;
  }
  // The text view may point into the record: copy the values before setting columns.
  Descriptives values = worker.values;
  if (options_.tokenizer) {
    values.Add("n_model_tokens", static_cast<double>(options_.tokenizer->CountTokens(text, false)));
  }
  for (const auto& [name, value] : values.values) {
    WINNOW_RETURN_IF_ERROR(SetMetric(record, name, value, worker, parser));
  }
  if (options_.conversation) {
    simdjson::dom::element field;
    if (options_.view.path().Get(record).get(field) == simdjson::SUCCESS && IsMessageList(field)) {
      WINNOW_RETURN_IF_ERROR(AddConversation(record, field, worker, parser));
    }
  }
  return Status::OK();
}

Status DescribeStep::AddConversation(Record& record, simdjson::dom::element messages,
                                     Worker& worker, simdjson::dom::parser& parser) {
  // role -> (turns, chars, model tokens)
  struct RoleCounts {
    double turns = 0, chars = 0, tokens = 0;
  };
  std::map<std::string, RoleCounts> per_role;
  double turns = 0;
  double last_chars = 0;
  std::string last_role;
  std::string_view last_text;
  for (simdjson::dom::element message : messages.get_array()) {
    std::string role(NormaliseRole(MessageText(message, "role", "from")));
    std::string_view content = MessageText(message, "content", "value");
    RoleCounts& counts = per_role[role];
    ++counts.turns;
    counts.chars += static_cast<double>(CountCodePoints(content));
    if (options_.tokenizer) {
      counts.tokens += static_cast<double>(options_.tokenizer->CountTokens(content, false));
    }
    ++turns;
    last_chars = static_cast<double>(CountCodePoints(content));
    last_role = role;
    last_text = content;
  }
  const bool filler = last_role == "assistant" && IsFiller(last_text);
  WINNOW_RETURN_IF_ERROR(SetMetric(record, "n_turns", turns, worker, parser));
  for (const auto& [role, counts] : per_role) {
    WINNOW_RETURN_IF_ERROR(SetMetric(record, "n_turns_" + role, counts.turns, worker, parser));
    WINNOW_RETURN_IF_ERROR(SetMetric(record, "n_characters_" + role, counts.chars, worker, parser));
    if (options_.tokenizer) {
      WINNOW_RETURN_IF_ERROR(
          SetMetric(record, "n_model_tokens_" + role, counts.tokens, worker, parser));
    }
  }
  WINNOW_RETURN_IF_ERROR(SetMetric(record, "last_turn_characters", last_chars, worker, parser));
  return SetMetric(record, "ends_with_filler", filler ? 1 : 0, worker, parser);
}

DescribeSummary DescribeStep::Summary() const {
  DescribeSummary summary;
  std::map<std::string, ValueAccumulator> merged;
  HyperLogLog distinct[kMaxDistinctN];
  uint64_t totals[kMaxDistinctN] = {};
  for (const auto& worker : workers_) {
    summary.records += worker->records;
    for (const auto& [name, accumulator] : worker->metrics) merged[name].Merge(accumulator);
    for (size_t n = 0; n < kMaxDistinctN; ++n) {
      distinct[n].Merge(worker->distinct[n]);
      totals[n] += worker->totals[n];
    }
    summary.hyphenation_dictionary = worker->calculator.uses_hyphenation_dictionary();
  }
  for (const auto& [name, accumulator] : merged) {
    summary.metrics.emplace_back(name, accumulator.Summarize());
  }
  for (size_t n = 0; n < kMaxDistinctN; ++n) {
    summary.distinct_ngrams.emplace_back(std::min(distinct[n].Estimate(), totals[n]), totals[n]);
  }
  return summary;
}

std::string DescribeSummaryText(const DescribeSummary& summary) {
  std::string out = fmt::format("winnow: described {} record(s)\n", FormatCount(summary.records));
  out += fmt::format("  {:<36} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "metric", "mean", "median",
                     "std", "min", "max");
  for (const auto& [name, s] : summary.metrics) {
    out += fmt::format("  {:<36} {:>10} {:>10} {:>10} {:>10} {:>10}\n", name, FormatNumber(s.mean),
                       FormatNumber(s.median), FormatNumber(s.std), FormatNumber(s.min),
                       FormatNumber(s.max));
  }
  for (size_t n = 0; n < summary.distinct_ngrams.size(); ++n) {
    const auto& [distinct, total] = summary.distinct_ngrams[n];
    out += fmt::format("  distinct-{} {:>10} of {:>12} word {}-grams ({})\n", n + 1,
                       FormatCount(distinct), FormatCount(total), n + 1,
                       total == 0 ? std::string("-") : FormatNumber(double(distinct) / total));
  }
  if (!summary.hyphenation_dictionary) {
    out += "  (syllables by the vowel-group fallback: no hyphenation dictionary was found)\n";
  }
  return out;
}

std::string DescribeSummaryJson(const DescribeSummary& summary) {
  std::string out = "{\"records\":";
  AppendJsonInt(static_cast<int64_t>(summary.records), &out);
  out += ",\"syllables\":";
  AppendJsonString(summary.hyphenation_dictionary ? "hyphenation" : "vowel_groups", &out);
  out += ",\"metrics\":{";
  bool first = true;
  for (const auto& [name, s] : summary.metrics) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(name, &out);
    out += fmt::format(":{{\"count\":{},\"mean\":", s.count);
    AppendJsonNumber(s.mean, &out);
    out += ",\"median\":";
    AppendJsonNumber(s.median, &out);
    out += ",\"std\":";
    AppendJsonNumber(s.std, &out);
    out += ",\"min\":";
    AppendJsonNumber(s.min, &out);
    out += ",\"max\":";
    AppendJsonNumber(s.max, &out);
    out += fmt::format(",\"approximate\":{}}}", s.approximate ? "true" : "false");
  }
  out += "},\"distinct_ngrams\":[";
  for (size_t n = 0; n < summary.distinct_ngrams.size(); ++n) {
    const auto& [distinct, total] = summary.distinct_ngrams[n];
    if (n > 0) out += ',';
    out +=
        fmt::format("{{\"n\":{},\"distinct\":{},\"total\":{},\"ratio\":", n + 1, distinct, total);
    if (total == 0) {
      out += "null";
    } else {
      AppendJsonNumber(double(distinct) / total, &out);
    }
    out += '}';
  }
  out += "]}\n";
  return out;
}

Result<std::unique_ptr<Step>> CreateDescribeStep(StepOptions& options) {
  DescribeOptions describe;
  WINNOW_ASSIGN_OR_RETURN(describe.view, GetTextView(options));
  WINNOW_ASSIGN_OR_RETURN(std::string groups, options.GetString("groups", "all"));
  WINNOW_ASSIGN_OR_RETURN(describe.groups, ParseDescriptiveGroups(groups));
  WINNOW_ASSIGN_OR_RETURN(describe.prefix, options.GetString("prefix", ""));
  WINNOW_ASSIGN_OR_RETURN(describe.conversation, options.GetBool("conversation", true));
  WINNOW_ASSIGN_OR_RETURN(describe.hyphen_dictionary,
                          options.GetString("hyphen_dictionary", kDefaultHyphenDictionary));
  WINNOW_ASSIGN_OR_RETURN(std::string tokenizer, options.GetString("tokenizer", ""));
  if (!tokenizer.empty()) {
    auto loaded = LoadTokenizer(tokenizer);
    if (!loaded) return Error(Status::InvalidArgument("describe: " + loaded.error().message()));
    describe.tokenizer = std::move(*loaded);
  }
  WINNOW_RETURN_IF_ERROR(options.Finish());
  return std::unique_ptr<Step>(new DescribeStep(std::move(describe)));
}

}  // namespace winnow
