#include "winnow/stats/profile_worker.h"

#include <algorithm>

#include "winnow/common/hash.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

constexpr size_t kTopDuplicates = 5;
constexpr size_t kMaxDuplicateExamples = 10000;

std::string_view TrimJson(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The first user turn of a message list, or empty.
bool FirstUserTurn(simdjson::dom::element list, std::string* out) {
  simdjson::dom::array array;
  if (list.get_array().get(array)) return false;
  for (simdjson::dom::element item : array) {
    simdjson::dom::object object;
    if (item.get_object().get(object)) continue;
    std::string_view role;
    if (object.at_key("role").get_string().get(role) &&
        object.at_key("from").get_string().get(role)) {
      continue;
    }
    if (NormaliseRole(role) != "user") continue;
    simdjson::dom::element content;
    if (object.at_key("content").get(content) && object.at_key("value").get(content)) continue;
    TextView::AppendText(content, TextViewOptions{}, out);
    return true;
  }
  return false;
}

}  // namespace

void ProfileWorker::DuplicateTracker::Add(uint64_t hash, std::string_view text,
                                          const RecordOrigin& origin) {
  uint32_t count = counter.Add(hash, origin.row);
  if (count == 2 && examples.size() < kMaxDuplicateExamples) {
    examples.emplace(hash == 0 ? 1 : hash, MakeRowRef(origin, 0, text));
  }
}

void ProfileWorker::DuplicateTracker::Merge(DuplicateTracker& other) {
  counter.Merge(other.counter);
  for (auto& [hash, ref] : other.examples) {
    if (examples.size() >= kMaxDuplicateExamples) break;
    examples.emplace(hash, std::move(ref));
  }
}

DuplicateProfile ProfileWorker::DuplicateTracker::Finish(std::string what) const {
  DuplicateProfile profile;
  profile.what = std::move(what);
  profile.rows = counter.total();
  profile.distinct = counter.distinct();
  profile.duplicate_rows = profile.rows - profile.distinct;
  for (const auto& entry : counter.TopRepeated(kTopDuplicates)) {
    DuplicateGroup group;
    group.count = entry.count;
    auto it = examples.find(entry.hash);
    if (it != examples.end()) group.first = it->second;
    group.first_row = entry.first_row;
    profile.top.push_back(std::move(group));
  }
  return profile;
}

ColumnAccumulator& ProfileWorker::Column(std::string_view path, uint64_t row) {
  auto it = column_index_.find(path);
  if (it != column_index_.end()) return *columns_[it->second];
  columns_.push_back(std::make_unique<ColumnAccumulator>(std::string(path), row));
  column_index_.emplace(std::string(path), columns_.size() - 1);
  return *columns_.back();
}

void ProfileWorker::AddValue(std::string_view path, simdjson::dom::element value,
                             const RecordOrigin& origin, size_t depth) {
  Column(path, origin.row).Add(value, origin);
  simdjson::dom::element_type type = value.type();
  if (type == simdjson::dom::element_type::ARRAY && IsMessageList(value)) {
    auto it = conversation_index_.find(path);
    if (it == conversation_index_.end()) {
      conversations_.push_back(std::make_unique<ConversationAccumulator>(std::string(path)));
      it = conversation_index_.emplace(std::string(path), conversations_.size() - 1).first;
    }
    conversations_[it->second]->Add(value.get_array().value_unsafe(), origin);
  } else if (type == simdjson::dom::element_type::OBJECT && depth < options_.max_nested_depth) {
    std::string child;
    simdjson::dom::object object = value.get_object().value_unsafe();
    for (auto field : object) {
      child.assign(path);
      child.push_back('.');
      child.append(field.key);
      AddValue(child, field.value, origin, depth + 1);
    }
  }
}

void ProfileWorker::AddPromptKey(const Record& record) {
  scratch_.clear();
  const char* what = nullptr;
  simdjson::dom::element value;
  if (!record.Field("prompt").get(value)) {
    TextViewOptions options;
    options.role_prefix = true;
    TextView::AppendText(value, options, &scratch_);
    what = "prompt";
  } else if (!record.Field("instruction").get(value)) {
    TextView::AppendText(value, TextViewOptions{}, &scratch_);
    simdjson::dom::element input;
    if (!record.Field("input").get(input)) {
      scratch_.push_back('\n');
      TextView::AppendText(input, TextViewOptions{}, &scratch_);
    }
    what = "instruction + input";
  } else if (!record.Field("messages").get(value) && FirstUserTurn(value, &scratch_)) {
    what = "first user turn of messages";
  } else if (!record.Field("conversations").get(value) && FirstUserTurn(value, &scratch_)) {
    what = "first user turn of conversations";
  } else if (!record.Field("question").get(value)) {
    TextView::AppendText(value, TextViewOptions{}, &scratch_);
    what = "question";
  }
  if (what == nullptr) return;
  if (prompt_what_.empty()) prompt_what_ = what;
  prompt_duplicates_.Add(Hash64(scratch_), scratch_, record.origin());
}

void ProfileWorker::Add(const Record& record) {
  ++rows_;
  const RecordOrigin& origin = record.origin();
  record.ForEachField(
      [&](std::string_view key, simdjson::dom::element value) { AddValue(key, value, origin, 1); });
  if (options_.duplicates) {
    std::string_view text = TrimJson(record.text());
    record_duplicates_.Add(Hash64(text), text, origin);
    AddPromptKey(record);
  }
}

void ProfileWorker::Merge(ProfileWorker& other) {
  rows_ += other.rows_;
  for (auto& column : other.columns_) {
    auto it = column_index_.find(column->path());
    if (it == column_index_.end()) {
      column_index_.emplace(column->path(), columns_.size());
      columns_.push_back(std::move(column));
    } else {
      columns_[it->second]->Merge(*column);
    }
  }
  for (auto& conversation : other.conversations_) {
    auto it = conversation_index_.find(conversation->path());
    if (it == conversation_index_.end()) {
      conversation_index_.emplace(conversation->path(), conversations_.size());
      conversations_.push_back(std::move(conversation));
    } else {
      conversations_[it->second]->Merge(*conversation);
    }
  }
  record_duplicates_.Merge(other.record_duplicates_);
  prompt_duplicates_.Merge(other.prompt_duplicates_);
  if (prompt_what_.empty()) prompt_what_ = other.prompt_what_;
}

void ProfileWorker::FinishInto(DatasetProfile* profile) const {
  profile->rows = rows_;
  // Columns in the order they first appeared; top-level before nested.
  std::vector<const ColumnAccumulator*> order;
  for (const auto& column : columns_) order.push_back(column.get());
  auto depth = [](const ColumnAccumulator* c) {
    return std::count(c->path().begin(), c->path().end(), '.');
  };
  std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
    if (depth(a) != depth(b)) return depth(a) < depth(b);
    return a->first_row() < b->first_row();
  });
  for (const ColumnAccumulator* column : order) {
    uint64_t possible = rows_;
    size_t dot = column->path().rfind('.');
    if (dot != std::string::npos) {
      auto parent = column_index_.find(std::string_view(column->path()).substr(0, dot));
      if (parent != column_index_.end()) possible = columns_[parent->second]->object_count();
    }
    profile->columns.push_back(column->Finish(possible));
  }
  for (const auto& conversation : conversations_) {
    profile->conversations.push_back(conversation->Finish());
  }
  if (options_.duplicates && rows_ > 0) {
    profile->duplicates.push_back(record_duplicates_.Finish("whole record"));
    if (!prompt_what_.empty()) {
      profile->duplicates.push_back(prompt_duplicates_.Finish("prompt (" + prompt_what_ + ")"));
    }
  }
}

}  // namespace winnow
