#include "winnow/exec/dag_node.h"

#include <fmt/format.h>

#include <charconv>

#include "winnow/pipeline/reject_writer.h"
#include "winnow/pipeline/row_journal.h"
#include "winnow/record/json_builder.h"

namespace winnow {

Status RunOutcomes::Reject(const RejectedRecord& rejected) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++rejected_;
  return rejects_ != nullptr ? rejects_->Write(rejected) : Status::OK();
}

void RunOutcomes::Failure(std::string_view step, std::string_view key,
                          const llm::RowFailure& failure, const Record& record) {
  JsonBuilder json;
  json.BeginObject().Field("step", step).Field("key", key).Field("reason", failure.reason);
  json.Field("class", llm::FailureClassName(failure.failure));
  json.Key("http_status").Int(failure.http_status).Key("attempts").Int(failure.attempts);
  json.Field("raw", failure.raw_text);
  std::string record_json;
  record.AppendJson(&record_json);
  json.RawField("record", record_json).EndObject();
  std::lock_guard<std::mutex> lock(mutex_);
  ++failed_;
  failures_ += json.str();
  failures_ += '\n';
}

std::string RunOutcomes::TakeFailures() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(failures_);
}

void RunShared::Abort(Status status) {
  {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (first_error.ok()) first_error = std::move(status);
  }
  aborted.store(true);
  for (NodeInbox* inbox : inboxes) inbox->Abort();
}

DagNode::DagNode(std::string name, RunShared& shared, size_t parents)
    : shared_(shared), name_(std::move(name)), inbox_(parents, /*capacity=*/4) {}

void DagNode::RunToEnd() {
  Status status = Run();
  if (!status.ok() && !aborted()) shared_.Abort(std::move(status));
  CloseOutputs();
}

void DagNode::CloseOutputs() {
  for (const Child& child : children_) child.node->inbox().Close(child.slot);
}

std::optional<NodeInbox::Item> DagNode::NextInput() {
  while (!aborted()) {
    std::optional<NodeInbox::Item> item = inbox_.Wait(true, std::chrono::milliseconds(200));
    if (item) return item;
    if (inbox_.drained()) break;
  }
  return std::nullopt;
}

bool DagNode::Emit(Batch batch) {
  if (batch.empty()) return !aborted();
  counters_.Add("out", batch.size());
  if (shared_.preview && preview_.size() < shared_.preview_rows) {
    for (const Record& record : batch.records) {
      if (preview_.size() >= shared_.preview_rows) break;
      std::string line;
      record.AppendJson(&line);
      preview_.push_back(std::move(line));
    }
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    const Child& child = children_[i];
    if (i + 1 < children_.size()) {
      Result<Batch> copy = CopyBatch(batch, parser_);
      if (!copy.has_value()) {
        shared_.Abort(copy.error());
        return false;
      }
      if (!child.node->inbox().Push(child.slot, std::move(*copy))) return false;
    } else if (!child.node->inbox().Push(child.slot, std::move(batch))) {
      return false;
    }
  }
  return true;
}

Result<Batch> CopyBatch(const Batch& batch, simdjson::dom::parser& parser) {
  Batch copy;
  copy.sequence = batch.sequence;
  copy.input_bytes = batch.input_bytes;
  copy.input_records = batch.input_records;
  copy.records.reserve(batch.size());
  std::string json;
  for (const Record& record : batch.records) {
    json.clear();
    record.AppendJson(&json);
    Record owned = Record::Owned(json, record.origin());
    WINNOW_RETURN_IF_ERROR(owned.Parse(parser));
    copy.records.push_back(std::move(owned));
  }
  return copy;
}

void AssignExpansionKeys(Batch& batch) {
  auto& records = batch.records;
  size_t i = 0;
  while (i < records.size()) {
    size_t j = i + 1;
    while (j < records.size() && records[j].origin().row == records[i].origin().row &&
           records[j].origin().key_suffix == records[i].origin().key_suffix) {
      ++j;
    }
    if (j - i > 1) {
      for (size_t k = i; k < j; ++k) {
        records[k].mutable_origin().key_suffix += "." + std::to_string(k - i);
      }
    }
    i = j;
  }
}

int CompareRowKeys(uint64_t row_a, std::string_view suffix_a, uint64_t row_b,
                   std::string_view suffix_b) {
  if (row_a != row_b) return row_a < row_b ? -1 : 1;
  // Suffixes are ".<n>" components; compare them numerically, shorter (a parent) first.
  while (!suffix_a.empty() && !suffix_b.empty()) {
    uint64_t a = 0, b = 0;
    auto [end_a, error_a] =
        std::from_chars(suffix_a.data() + 1, suffix_a.data() + suffix_a.size(), a);
    auto [end_b, error_b] =
        std::from_chars(suffix_b.data() + 1, suffix_b.data() + suffix_b.size(), b);
    (void)error_a;
    (void)error_b;
    if (a != b) return a < b ? -1 : 1;
    suffix_a.remove_prefix(static_cast<size_t>(end_a - suffix_a.data()));
    suffix_b.remove_prefix(static_cast<size_t>(end_b - suffix_b.data()));
  }
  if (suffix_a.size() == suffix_b.size()) return 0;
  return suffix_a.empty() ? -1 : 1;
}

}  // namespace winnow
