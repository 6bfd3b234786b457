#include "winnow/stats/column_accumulator.h"

#include <algorithm>

#include "winnow/common/hash.h"
#include "winnow/common/utf8.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

constexpr size_t kSnippetChars = 100;

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// Anthropic HH transcripts: "\n\nHuman: ... \n\nAssistant: ...".
bool IsHhTranscript(std::string_view text) {
  size_t start = text.find_first_not_of("\n ");
  if (start == std::string_view::npos) return false;
  return text.substr(start).starts_with("Human:") &&
         text.find("\n\nAssistant:") != std::string_view::npos;
}

bool IsMessageObject(simdjson::dom::object object) {
  bool role = !object.at_key("role").error() || !object.at_key("from").error();
  bool content = !object.at_key("content").error() || !object.at_key("value").error();
  return role && content;
}

}  // namespace

const char* JsonKindName(simdjson::dom::element_type type) {
  switch (type) {
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
      return "int";
    case simdjson::dom::element_type::DOUBLE:
      return "float";
    case simdjson::dom::element_type::BOOL:
      return "bool";
    case simdjson::dom::element_type::ARRAY:
      return "list";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "null";
}

RowRef MakeRowRef(const RecordOrigin& origin, uint64_t length, std::string_view text) {
  RowRef ref;
  ref.source = origin.source ? *origin.source : std::string();
  ref.line = origin.line;
  ref.index = origin.index;
  ref.row = origin.row;
  ref.length = length;
  ref.snippet = Snippet(text, kSnippetChars);
  return ref;
}

bool ExtremeRows::Before(uint64_t length_a, uint64_t row_a, uint64_t length_b,
                         uint64_t row_b) const {
  if (length_a != length_b) return longest_ ? length_a > length_b : length_a < length_b;
  return row_a < row_b;
}

bool ExtremeRows::Qualifies(uint64_t length, uint64_t row) const {
  if (items_.size() < capacity_) return true;
  const Item& worst = items_.back();
  return Before(length, row, worst.length, worst.row);
}

void ExtremeRows::Add(uint64_t length, uint64_t row, std::string_view text,
                      const RecordOrigin& origin) {
  if (!Qualifies(length, row)) return;
  Item item{length, row, MakeRowRef(origin, length, text)};
  auto at = std::find_if(items_.begin(), items_.end(), [&](const Item& other) {
    return Before(length, row, other.length, other.row);
  });
  items_.insert(at, std::move(item));
  if (items_.size() > capacity_) items_.pop_back();
}

void ExtremeRows::Merge(const ExtremeRows& other) {
  for (const Item& item : other.items_) {
    if (!Qualifies(item.length, item.row)) continue;
    auto at = std::find_if(items_.begin(), items_.end(), [&](const Item& mine) {
      return Before(item.length, item.row, mine.length, mine.row);
    });
    items_.insert(at, item);
    if (items_.size() > capacity_) items_.pop_back();
  }
}

std::vector<RowRef> ExtremeRows::rows() const {
  std::vector<RowRef> refs;
  for (const Item& item : items_) refs.push_back(item.ref);
  return refs;
}

ColumnAccumulator::ColumnAccumulator(std::string path, uint64_t first_row)
    : path_(std::move(path)), first_row_(first_row) {}

void ColumnAccumulator::AddString(std::string_view text, const RecordOrigin& origin) {
  ++strings_;
  uint64_t length = CountCodePoints(text);
  text_lengths_.Add(length);
  distinct_.Add(Hash64(text));
  if (!labels_overflowed_) {
    auto it = labels_.find(text);
    if (it != labels_.end()) {
      ++it->second;
    } else if (labels_.size() >= kMaxLabels) {
      labels_overflowed_ = true;
      labels_.clear();
    } else {
      labels_.emplace(std::string(text), 1);
    }
  }
  if (length == 0 || IsBlank(text)) {
    ++empty_strings_;
  } else if (shortest_.Qualifies(length, origin.row)) {
    shortest_.Add(length, origin.row, text, origin);
  }
  if (longest_.Qualifies(length, origin.row)) longest_.Add(length, origin.row, text, origin);
  if (text.size() > 8 && IsHhTranscript(text)) ++hh_transcripts_;
}

void ColumnAccumulator::Add(simdjson::dom::element value, const RecordOrigin& origin) {
  ++present_;
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      AddString(value.get_string().value_unsafe(), origin);
      break;
    case simdjson::dom::element_type::INT64:
      ++ints_;
      numbers_.Add(static_cast<double>(value.get_int64().value_unsafe()));
      break;
    case simdjson::dom::element_type::UINT64:
      ++ints_;
      numbers_.Add(static_cast<double>(value.get_uint64().value_unsafe()));
      break;
    case simdjson::dom::element_type::DOUBLE:
      ++floats_;
      numbers_.Add(value.get_double().value_unsafe());
      break;
    case simdjson::dom::element_type::BOOL:
      ++bools_;
      (value.get_bool().value_unsafe() ? true_ : false_)++;
      break;
    case simdjson::dom::element_type::NULL_VALUE:
      ++nulls_;
      break;
    case simdjson::dom::element_type::ARRAY: {
      ++lists_;
      simdjson::dom::array array = value.get_array().value_unsafe();
      list_lengths_.Add(array.size());
      for (simdjson::dom::element item : array) ++list_item_types_[JsonKindName(item.type())];
      if (IsMessageList(value)) ++message_lists_;
      break;
    }
    case simdjson::dom::element_type::OBJECT: {
      ++objects_;
      ++object_count_;
      simdjson::dom::object object = value.get_object().value_unsafe();
      for (auto field : object) {
        auto it = object_keys_.find(field.key);
        if (it == object_keys_.end()) {
          object_keys_.emplace(std::string(field.key), 1);
        } else {
          ++it->second;
        }
      }
      if (IsMessageObject(object)) ++message_objects_;
      break;
    }
  }
}

void ColumnAccumulator::Merge(const ColumnAccumulator& other) {
  first_row_ = std::min(first_row_, other.first_row_);
  present_ += other.present_;
  nulls_ += other.nulls_;
  strings_ += other.strings_;
  ints_ += other.ints_;
  floats_ += other.floats_;
  bools_ += other.bools_;
  lists_ += other.lists_;
  objects_ += other.objects_;
  object_count_ += other.object_count_;
  numbers_.Merge(other.numbers_);
  text_lengths_.Merge(other.text_lengths_);
  distinct_.Merge(other.distinct_);
  if (other.labels_overflowed_) labels_overflowed_ = true;
  if (!labels_overflowed_) {
    for (const auto& [value, count] : other.labels_) labels_[value] += count;
    if (labels_.size() > kMaxLabels) labels_overflowed_ = true;
  }
  if (labels_overflowed_) labels_.clear();
  empty_strings_ += other.empty_strings_;
  longest_.Merge(other.longest_);
  shortest_.Merge(other.shortest_);
  list_lengths_.Merge(other.list_lengths_);
  for (const auto& [type, count] : other.list_item_types_) list_item_types_[type] += count;
  true_ += other.true_;
  false_ += other.false_;
  for (const auto& [key, count] : other.object_keys_) object_keys_[key] += count;
  message_lists_ += other.message_lists_;
  message_objects_ += other.message_objects_;
  hh_transcripts_ += other.hh_transcripts_;
}

ColumnProfile ColumnAccumulator::Finish(uint64_t rows) const {
  ColumnProfile column;
  column.path = path_;
  column.present = present_;
  column.missing = rows > present_ ? rows - present_ : 0;
  column.nulls = nulls_;
  auto add_type = [&](const char* name, uint64_t count) {
    if (count > 0) column.types[name] = count;
  };
  add_type("string", strings_);
  add_type("int", ints_);
  add_type("float", floats_);
  add_type("bool", bools_);
  add_type("list", lists_);
  add_type("object", objects_);
  column.mixed_types = column.types.size() > 1;
  if (numbers_.count() > 0) column.numbers = numbers_.Summarize();
  column.string_count = strings_;
  if (strings_ > 0) {
    // An estimate can overshoot slightly; there cannot be more distinct values than values.
    uint64_t unique =
        labels_overflowed_ ? std::min<uint64_t>(distinct_.Estimate(), strings_) : labels_.size();
    column.distinct_strings = unique;
    column.distinct_is_estimate = labels_overflowed_;
    // The Hugging Face viewer's rule for label (class) columns.
    bool label = !labels_overflowed_ &&
                 ((static_cast<double>(unique) / static_cast<double>(strings_) <= 0.2 &&
                   unique < kMaxLabels) ||
                  unique <= 10);
    if (label) {
      column.string_kind = StringKind::kLabel;
      for (const auto& [value, count] : labels_) column.labels.push_back({value, count});
      std::sort(column.labels.begin(), column.labels.end(),
                [](const ValueFrequency& a, const ValueFrequency& b) {
                  return a.count != b.count ? a.count > b.count : a.value < b.value;
                });
    } else {
      column.string_kind = StringKind::kText;
      column.longest = longest_.rows();
      column.shortest = shortest_.rows();
    }
    column.text_length = text_lengths_.Summarize();
    column.empty_strings = empty_strings_;
  }
  if (lists_ > 0) {
    column.list_length = list_lengths_.Summarize();
    column.list_item_types = list_item_types_;
  }
  column.true_count = true_;
  column.false_count = false_;
  column.object_keys.insert(object_keys_.begin(), object_keys_.end());
  column.message_lists = message_lists_;
  column.message_objects = message_objects_;
  column.hh_transcripts = hh_transcripts_;
  return column;
}

}  // namespace winnow
