#include <fmt/format.h>

#include <map>
#include <optional>

#include "winnow/exec/dag_nodes.h"

namespace winnow {
namespace {

struct RowKey {
  uint64_t row = 0;
  std::string suffix;
};

struct RowKeyLess {
  bool operator()(const RowKey& a, const RowKey& b) const {
    return CompareRowKeys(a.row, a.suffix, b.row, b.suffix) < 0;
  }
};

class JoinNode final : public DagNode {
 public:
  JoinNode(const std::string& name, RunShared& shared, std::vector<std::string> parents)
      : DagNode(name, shared, parents.size()),
        parent_names_(std::move(parents)),
        watermark_(parent_names_.size()) {}

 protected:
  Status Run() override {
    while (std::optional<NodeInbox::Item> item = NextInput()) {
      counters_.Add("in", item->batch.size());
      counters_.Add("in." + parent_names_[item->parent], item->batch.size());
      for (Record& record : item->batch.records) {
        RowKey key{record.origin().row, record.origin().key_suffix};
        watermark_[item->parent] = key;
        Entry& entry = pending_[key];
        if (entry.parts.empty()) entry.parts.resize(parent_names_.size());
        if (!entry.parts[item->parent]) ++entry.have;
        record.Detach();  // outlives its batch while the other parents catch up
        entry.parts[item->parent] = std::move(record);
      }
      WINNOW_RETURN_IF_ERROR(Resolve(/*input_done=*/false));
    }
    if (aborted()) return Status::OK();
    return Resolve(/*input_done=*/true);
  }

 private:
  struct Entry {
    std::vector<std::optional<Record>> parts;
    size_t have = 0;
  };

  // Emits or drops rows from the front while their fate is known: complete, or missing from a
  // parent that has already passed their key (or finished).
  Status Resolve(bool input_done) {
    Batch out;
    while (!pending_.empty()) {
      auto front = pending_.begin();
      Entry& entry = front->second;
      if (entry.have < parent_names_.size()) {
        size_t missing = parent_names_.size();
        for (size_t p = 0; p < parent_names_.size(); ++p) {
          if (entry.parts[p]) continue;
          bool passed = watermark_[p] && RowKeyLess()(front->first, *watermark_[p]);
          if (!passed && !input_done) return Flush(out);
          missing = p;
        }
        counters_.Add("missing." + parent_names_[missing], 1);
        pending_.erase(front);
        continue;
      }
      Record merged = std::move(*entry.parts[0]);
      std::string conflict;
      for (size_t p = 1; p < parent_names_.size() && conflict.empty(); ++p) {
        WINNOW_RETURN_IF_ERROR(Merge(*entry.parts[p], parent_names_[p], merged, &conflict));
      }
      pending_.erase(front);
      if (!conflict.empty()) {
        counters_.Add("rejected.conflict", 1);
        RejectedRecord rejected{std::move(merged), name(), conflict, {}};
        WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
        continue;
      }
      out.records.push_back(std::move(merged));
      if (out.size() >= 256) WINNOW_RETURN_IF_ERROR(Flush(out));
    }
    return Flush(out);
  }

  Status Merge(const Record& part, const std::string& parent, Record& merged,
               std::string* conflict) {
    Status status;
    part.ForEachField([&](std::string_view key, simdjson::dom::element value) {
      if (!status.ok() || !conflict->empty()) return;
      std::string json = simdjson::minify(value);
      auto existing = merged.Field(key);
      if (existing.error() == simdjson::SUCCESS) {
        if (simdjson::minify(existing.value_unsafe()) != json) {
          *conflict = fmt::format(
              "column '{}' differs between branches ('{}' gives another "
              "value); give each branch its own output column",
              key, parent);
        }
        return;
      }
      status = merged.Set(key, json, parser_);
    });
    return status;
  }

  Status Flush(Batch& out) {
    if (!out.empty()) Emit(std::move(out));
    out = Batch();
    return Status::OK();
  }

  std::vector<std::string> parent_names_;
  std::vector<std::optional<RowKey>> watermark_;
  std::map<RowKey, Entry, RowKeyLess> pending_;
};

}  // namespace

std::unique_ptr<DagNode> MakeJoinNode(const std::string& name,
                                      std::vector<std::string> parent_names, RunShared& shared) {
  return std::unique_ptr<DagNode>(new JoinNode(name, shared, std::move(parent_names)));
}

}  // namespace winnow
