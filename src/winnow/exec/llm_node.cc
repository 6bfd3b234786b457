#include <fmt/format.h>

#include <deque>
#include <unordered_map>

#include "winnow/common/hash.h"
#include "winnow/exec/dag_nodes.h"
#include "winnow/pipeline/row_journal.h"

namespace winnow {
namespace {

// One row between admission and emission.
struct Slot {
  uint64_t id = 0;
  Record record;
  std::string key;
  std::unique_ptr<llm::RowJob> job;
  std::vector<llm::LlmResult> results;  // of the calls in flight
  size_t outstanding = 0;
  bool started = false;
  bool done = false;
  bool failed = false;
  bool journaled = false;  // the outcome came from the journal: do not append it again
  bool abandoned = false;  // budget spent or run stopped: neither output nor failure
  llm::RowFailure failure;
};

struct Completion {
  uint64_t slot = 0;
  size_t index = 0;
  llm::LlmResult result;
};

class LlmNode final : public DagNode {
 public:
  LlmNode(const std::string& name, RunShared& shared, std::string fingerprint,
          std::unique_ptr<llm::LlmTask> task, size_t window)
      : DagNode(name, shared, 1),
        fingerprint_(std::move(fingerprint)),
        task_(std::move(task)),
        window_(std::max<size_t>(1, window)),
        step_seed_(Hash64(name, shared.seed)) {}

  bool is_llm() const override { return true; }

 protected:
  Status Run() override {
    if (!shared_.preview) {
      WINNOW_ASSIGN_OR_RETURN(
          journal_, RowJournal::Open(fmt::format("{}/journal/{}.jsonl", shared_.run_dir, name()),
                                     name(), fingerprint_));
      counters_.Add("journal.ok", journal_->loaded_ok());
      counters_.Add("journal.failed", journal_->loaded_failed());
    }
    while (!aborted()) {
      WINNOW_RETURN_IF_ERROR(TakeCompletions());
      StartRows();
      WINNOW_RETURN_IF_ERROR(EmitFinished());
      if (rows_.empty() && inbox().drained()) break;
      bool room = rows_.size() < window_ * 2;
      std::optional<NodeInbox::Item> item = inbox().Wait(room, std::chrono::milliseconds(100));
      if (item) Admit(item->batch);
    }
    if (journal_) WINNOW_RETURN_IF_ERROR(journal_->Flush());
    if (abandoned_ > 0) {
      counters_.Add("abandoned", abandoned_);
    }
    return Status::OK();
  }

 private:
  void Admit(Batch& batch) {
    counters_.Add("in", batch.size());
    for (Record& record : batch.records) {
      auto slot = std::make_unique<Slot>();
      slot->id = next_id_++;
      slot->key = RowKeyString(record.origin().row, record.origin().key_suffix);
      record.Detach();
      slot->record = std::move(record);
      if (journal_) ApplyJournal(*slot);
      by_id_[slot->id] = slot.get();
      rows_.push_back(std::move(slot));
    }
  }

  void ApplyJournal(Slot& slot) {
    const JournalEntry* entry = journal_->Find(slot.key);
    if (entry == nullptr || (!entry->ok && shared_.retry_failed)) return;
    slot.started = slot.done = slot.journaled = true;
    if (entry->ok) {
      Status set = SetColumns(slot, entry->columns);
      if (set.ok()) return;
      slot.failed = true;
      slot.failure.reason = set.message();
      return;
    }
    slot.failed = true;
    slot.failure = entry->failure;
  }

  Status SetColumns(Slot& slot, const std::vector<std::pair<std::string, std::string>>& columns) {
    for (const auto& [column, json] : columns) {
      WINNOW_RETURN_IF_ERROR(slot.record.Set(column, json, parser_));
    }
    return Status::OK();
  }

  // Starts jobs for waiting rows, oldest first, while fewer than `window_` are active.
  void StartRows() {
    // Rows start in order, so only those from the first unstarted one on need a look: a batch
    // of thousands of waiting rows costs nothing per answer.
    for (; first_unstarted_ < rows_.size(); ++first_unstarted_) {
      if (active_ >= window_) return;
      Slot& slot = *rows_[first_unstarted_];
      if (slot.started) continue;
      slot.started = true;
      if (!CheckColumns(slot)) continue;
      llm::RowContext context;
      context.seed = Hash64(slot.key, step_seed_);
      context.parser = &parser_;
      Result<std::unique_ptr<llm::RowJob>> job = task_->StartRow(slot.record, context);
      if (!job.has_value()) {
        Finish(slot, {},
               llm::RowFailure{job.error().message(), llm::FailureClass::kInvalidOutput, 0, 0, {}});
        continue;
      }
      slot.job = std::move(*job);
      ++active_;
      Advance(slot, slot.job->Begin());
    }
  }

  bool CheckColumns(Slot& slot) {
    for (const std::string& column : task_->InputColumns()) {
      if (slot.record.Field(column).error() == simdjson::SUCCESS) continue;
      std::string have;
      slot.record.ForEachField([&](std::string_view key, simdjson::dom::element) {
        have += (have.empty() ? "" : ", ") + std::string(key);
      });
      std::string message = fmt::format(
          "step '{}' reads column '{}', which row {} does not have "
          "(it has: {})",
          name(), column, slot.key, have);
      if (shared_.strict_columns) {
        shared_.Abort(Status::InvalidInput(message));
      } else {
        Finish(slot, {}, llm::RowFailure{message, llm::FailureClass::kInvalidOutput, 0, 0, {}});
      }
      return false;
    }
    return true;
  }

  // Acts on what a job wants next: send calls, or finish the row.
  void Advance(Slot& slot, llm::JobStep step) {
    if (step.calls.empty()) {
      --active_;
      if (step.failure) {
        Finish(slot, {}, std::move(*step.failure));
      } else {
        Finish(slot, std::move(step.columns), std::nullopt);
      }
      return;
    }
    slot.results.assign(step.calls.size(), {});
    slot.outstanding = step.calls.size();
    for (size_t i = 0; i < step.calls.size(); ++i) {
      uint64_t id = slot.id;
      shared_.backend->Submit(std::move(step.calls[i]), [this, id, i](llm::LlmResult result) {
        {
          std::lock_guard<std::mutex> lock(completions_mutex_);
          completions_.push_back({id, i, std::move(result)});
        }
        inbox().Notify();
      });
    }
  }

  // Per-step accounting (summary.json's steps.<name>), beside the engine's per-endpoint totals:
  // which step spent the tokens.
  void CountCall(const llm::LlmResult& result) {
    counters_.Add("llm.calls", 1);
    counters_.Add("llm.requests", static_cast<uint64_t>(result.attempts));
    counters_.Add("llm.cache_hits", result.from_cache ? 1 : 0);
    counters_.Add("llm.prompt_tokens", static_cast<uint64_t>(result.usage.prompt_tokens));
    counters_.Add("llm.completion_tokens", static_cast<uint64_t>(result.usage.completion_tokens));
  }

  Status TakeCompletions() {
    std::vector<Completion> arrived;
    {
      std::lock_guard<std::mutex> lock(completions_mutex_);
      arrived.swap(completions_);
    }
    for (Completion& completion : arrived) {
      auto it = by_id_.find(completion.slot);
      if (it == by_id_.end()) continue;
      Slot& slot = *it->second;
      CountCall(completion.result);
      slot.results[completion.index] = std::move(completion.result);
      if (--slot.outstanding > 0) continue;
      for (const llm::LlmResult& result : slot.results) {
        // Budget and cancellation are not the row's fault: leave it for the next run.
        if (result.failure == llm::FailureClass::kBudget ||
            result.failure == llm::FailureClass::kCancelled) {
          slot.abandoned = true;
        }
      }
      if (slot.abandoned) {
        --active_;
        slot.done = true;
        continue;
      }
      std::vector<llm::LlmResult> results = std::move(slot.results);
      slot.results.clear();
      Advance(slot, slot.job->Continue(std::move(results)));
    }
    return Status::OK();
  }

  void Finish(Slot& slot, std::vector<std::pair<std::string, std::string>> columns,
              std::optional<llm::RowFailure> failure) {
    slot.done = true;
    slot.job.reset();
    if (!failure) {
      Status set = SetColumns(slot, columns);
      if (set.ok()) {
        if (journal_) journal_->AppendOk(slot.key, columns);
        return;
      }
      failure = llm::RowFailure{fmt::format("step '{}': {}", name(), set.message()),
                                llm::FailureClass::kInvalidOutput,
                                0,
                                0,
                                {}};
    }
    slot.failed = true;
    slot.failure = std::move(*failure);
    if (journal_) journal_->AppendFailure(slot.key, slot.failure);
  }

  // Passes on finished rows from the front, keeping input order.
  Status EmitFinished() {
    Batch out;
    while (!rows_.empty() && rows_.front()->done) {
      std::unique_ptr<Slot> slot = std::move(rows_.front());
      rows_.pop_front();
      if (first_unstarted_ > 0) --first_unstarted_;
      by_id_.erase(slot->id);
      if (slot->abandoned) {
        ++abandoned_;
      } else if (slot->failed) {
        counters_.Add("failed", 1);
        shared_.outcomes->Failure(name(), slot->key, slot->failure, slot->record);
      } else {
        counters_.Add(slot->journaled ? "ok.journal" : "ok", 1);
        out.records.push_back(std::move(slot->record));
      }
    }
    // The journal is written before the rows move on, so nothing downstream runs ahead of it.
    if (journal_) WINNOW_RETURN_IF_ERROR(journal_->Flush());
    if (!out.empty()) Emit(std::move(out));
    return Status::OK();
  }

  std::string fingerprint_;
  std::unique_ptr<llm::LlmTask> task_;
  size_t window_;
  uint64_t step_seed_;
  std::unique_ptr<RowJournal> journal_;
  std::deque<std::unique_ptr<Slot>> rows_;
  std::unordered_map<uint64_t, Slot*> by_id_;
  uint64_t next_id_ = 1;
  size_t active_ = 0;
  size_t first_unstarted_ = 0;  // index in rows_ of the first row not started yet
  uint64_t abandoned_ = 0;
  std::mutex completions_mutex_;
  std::vector<Completion> completions_;
};

}  // namespace

std::unique_ptr<DagNode> MakeLlmNode(const std::string& name, const std::string& fingerprint,
                                     std::unique_ptr<llm::LlmTask> task, size_t window,
                                     RunShared& shared) {
  return std::unique_ptr<DagNode>(new LlmNode(name, shared, fingerprint, std::move(task), window));
}

}  // namespace winnow
