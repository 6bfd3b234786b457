// Profiles shared by the report tests (report_text_test.cc, report_json_test.cc,
// report_html_test.cc), which declare these functions; kept in one place so that the three
// renderers are checked against the same data. The name ends in _test.cc so that the stats test
// glob compiles it into stats_tests.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "winnow/stats/profile.h"

namespace winnow::test {
namespace {

// Ten equal-width bins over [low, high] holding `counts`.
NumericSummary Summary(double low, double high, double mean, double median, double std,
                       std::vector<uint64_t> counts) {
  NumericSummary summary;
  summary.min = low;
  summary.max = high;
  summary.mean = mean;
  summary.median = median;
  summary.std = std;
  const double step = (high - low) / static_cast<double>(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) {
    summary.histogram.push_back({low + step * i, low + step * (i + 1), counts[i]});
    summary.count += counts[i];
  }
  return summary;
}

RowRef Row(std::string source, uint64_t line, uint64_t index, uint64_t length,
           std::string snippet) {
  return RowRef{.source = std::move(source),
                .line = line,
                .index = index,
                .row = index + 7,
                .length = length,
                .snippet = std::move(snippet)};
}

ColumnProfile TextColumn() {
  ColumnProfile column;
  column.path = "text";
  column.present = 1000;
  column.types = {{"string", 1000}};
  column.string_kind = StringKind::kText;
  column.string_count = 1000;
  column.distinct_strings = 950;
  column.distinct_is_estimate = true;
  column.empty_strings = 4;
  column.text_length =
      Summary(3, 1203, 210.5, 180, 95.25, {400, 300, 150, 80, 30, 20, 10, 5, 3, 2});
  column.longest = {
      Row("data/train.jsonl", 17, 16, 1204,
          "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
          "incididunt ut labore et dolore magna aliqua 漢字漢字漢字漢字 😀😀😀 end"),
      Row("data/train.jsonl", 99, 98, 1100, "escape \x1b[31mred\x1b[0m and bidi \u202Eevil"),
  };
  column.shortest = {
      Row("/very/long/directory/structure/for/sharded/output/part-00042.jsonl", 0, 42, 3, "Hi!")};
  return column;
}

ColumnProfile LabelColumn() {
  ColumnProfile column;
  column.path = "label";
  column.present = 1000;
  column.types = {{"string", 1000}};
  column.string_kind = StringKind::kLabel;
  column.string_count = 1000;
  column.distinct_strings = 3;
  column.labels = {{"positive", 600}, {"negative", 390}, {"<script>alert(1)</script>", 10}};
  return column;
}

ColumnProfile ScoreColumn() {
  ColumnProfile column;
  column.path = "score";
  column.present = 1000;
  column.nulls = 10;
  column.types = {{"float", 990}};
  column.numbers = Summary(-1.5, 2.75, 0.625, 0.5, std::numeric_limits<double>::quiet_NaN(),
                           {10, 20, 40, 80, 160, 320, 200, 100, 50, 10});
  return column;
}

ColumnProfile ListColumn() {
  ColumnProfile column;
  column.path = "tags";
  column.present = 900;
  column.missing = 100;
  column.types = {{"list", 900}};
  NumericSummary lengths;  // one bin per integer, as the accumulator writes narrow ranges
  lengths.count = 900;
  lengths.min = 0;
  lengths.max = 3;
  lengths.mean = 1.5;
  lengths.median = 1;
  lengths.std = 0.9;
  lengths.histogram = {{0, 0, 100}, {1, 1, 400}, {2, 2, 300}, {3, 3, 100}};
  column.list_length = lengths;
  column.list_item_types = {{"string", 1350}};
  return column;
}

ColumnProfile BoolColumn() {
  ColumnProfile column;
  column.path = "flag";
  column.present = 1000;
  column.types = {{"bool", 1000}};
  column.true_count = 700;
  column.false_count = 300;
  return column;
}

ColumnProfile ObjectColumn() {
  ColumnProfile column;
  column.path = "meta";
  column.present = 1000;
  column.types = {{"object", 1000}};
  column.object_keys = {{"source", 1000}, {"lang", 800}};
  return column;
}

ColumnProfile MessagesColumn() {
  ColumnProfile column;
  column.path = "messages";
  column.present = 1000;
  column.types = {{"list", 1000}};
  column.message_lists = 1000;
  column.list_length = Summary(2, 12, 3.4, 2, 1.2, {500, 300, 100, 50, 20, 10, 10, 5, 3, 2});
  column.list_item_types = {{"object", 3400}};
  return column;
}

ColumnProfile MixedColumn() {
  ColumnProfile column;
  column.path = "meta.weird \"key\" & <b>";
  column.present = 8;
  column.missing = 992;
  column.types = {{"string", 5}, {"int", 3}};
  column.mixed_types = true;
  NumericSummary numbers;  // too few values for a histogram
  numbers.count = 3;
  numbers.min = 1;
  numbers.max = 3;
  numbers.mean = 2;
  numbers.median = 2;
  column.numbers = numbers;
  column.string_kind = StringKind::kLabel;
  column.string_count = 5;
  column.distinct_strings = 1;
  column.labels = {{"x", 5}};
  return column;
}

ColumnProfile NullColumn() {
  ColumnProfile column;
  column.path = "always_null";
  column.present = 1000;
  column.nulls = 1000;
  return column;
}

ConversationProfile Conversations() {
  ConversationProfile conversation;
  conversation.path = "messages";
  conversation.conversations = 1000;
  conversation.turns = Summary(2, 12, 3.4, 2, 1.2, {500, 300, 100, 50, 20, 10, 10, 5, 3, 2});
  conversation.role_messages = {{"user", 1700}, {"assistant", 1580}, {"system", 120}};
  conversation.role_chars = {
      {"user", Summary(1, 2000, 120.25, 88, 40, {9, 1})},
      {"assistant", Summary(1, 4000, 410.5, 350, 100, {8, 2})},
      {"system", Summary(10, 100, 42, 40, 5, {1})},
  };
  conversation.last_turn_chars = Summary(1, 4000, 400, 340, 120, {600, 300, 100});
  conversation.last_roles = {{"assistant", 990}, {"user", 10}};
  conversation.first_roles = {{"system", 120}, {"user", 880}};
  conversation.with_system = 120;
  conversation.not_alternating = 3;
  conversation.empty_messages = 2;
  conversation.filler_endings = 23;
  conversation.filler_examples = {
      Row("data/train.jsonl", 5, 4, 10, "Thank you!"),
      Row("data/train.jsonl", 8, 7, 16, "You're welcome."),
      Row("data/train.jsonl", 9, 8, 26, "<script>alert(1)</script>"),
      Row("data/train.jsonl", 12, 11, 6, "Thanks"),
  };
  conversation.role_keys = {"role/content"};
  return conversation;
}

DuplicateProfile Duplicates() {
  DuplicateProfile duplicates;
  duplicates.what = "whole record";
  duplicates.rows = 1000;
  duplicates.distinct = 950;
  duplicates.duplicate_rows = 50;
  duplicates.top = {{.count = 12,
                     .first_row = 2,
                     .first = Row("data/train.jsonl", 5, 4, 40, "{\"text\":\"Hello\"}")},
                    {.count = 7,
                     .first_row = 29,
                     .first = Row("data/train.jsonl", 31, 30, 40, "{\"text\":\"Bye\"}")}};
  return duplicates;
}

TrlDetection Trl() {
  TrlDetection trl;
  trl.type = "language_modeling";
  trl.form = "conversational";
  trl.evidence = {"column messages present in 100% of rows, 1,000 lists of role/content messages"};
  trl.trainers = {"SFTTrainer: accepts as is",
                  "DPOTrainer: needs preference data (chosen, rejected)"};
  trl.advice = {
      "3 conversations do not alternate between user and assistant; find them with: winnow "
      "validate --rule alternation data/train.jsonl --reject-file "
      "/a/very/long/path/that/does/not/fit/on/one/line/at/sixty/columns/rejects.jsonl"};
  return trl;
}

}  // namespace

// Every kind of column, one conversation column, one duplicate key and a TRL detection.
// Six histograms in all: text length, score, tags length, messages length, turns, last turn.
DatasetProfile SampleProfile() {
  DatasetProfile profile;
  profile.sources = {"data/train.jsonl",
                     "/mnt/datasets/some/deeply/nested/location/with/a/long/name/test-00001.jsonl"};
  profile.rows = 1000;
  profile.bytes = 5678901;
  profile.bad_records = 2;
  profile.seconds = 0.42;
  profile.columns = {TextColumn(),   LabelColumn(),    ScoreColumn(), ListColumn(), BoolColumn(),
                     ObjectColumn(), MessagesColumn(), MixedColumn(), NullColumn()};
  profile.conversations = {Conversations()};
  profile.duplicates = {Duplicates()};
  profile.trl = Trl();
  profile.warnings = {
      "2 records skipped (--on-error skip): data/train.jsonl:41:7: unterminated "
      "string in field \"text\""};
  return profile;
}

}  // namespace winnow::test
