#include <fmt/format.h>

#include <condition_variable>

#include "winnow/exec/dag_nodes.h"

namespace winnow {
namespace {

// Runs an LlmGenerator: takes every input row, then rounds of calls until it is done. New rows
// are keyed by their position among the generated rows.
class GeneratorNode final : public DagNode {
 public:
  GeneratorNode(const std::string& name, RunShared& shared,
                std::unique_ptr<llm::LlmGenerator> generator)
      : DagNode(name, shared, 1), generator_(std::move(generator)) {}

  bool is_llm() const override { return true; }

 protected:
  Status Run() override {
    WINNOW_RETURN_IF_ERROR(TakeInput());
    uint64_t next_row = 0;
    size_t rounds = 0;
    while (!aborted()) {
      // A preview runs one round: enough to show the rows and the requests.
      if (shared_.preview && rounds > 0) break;
      std::vector<llm::LlmCall> calls = generator_->NextRound();
      if (calls.empty()) break;
      ++rounds;
      std::vector<llm::LlmResult> results = SendAll(std::move(calls));
      if (aborted()) break;
      for (const llm::LlmResult& result : results) {
        if (result.failure == llm::FailureClass::kBudget ||
            result.failure == llm::FailureClass::kCancelled) {
          counters_.Add("abandoned", 1);  // the run stops here; a re-run replays and goes on
          return Status::OK();
        }
      }
      llm::GeneratedRows generated = generator_->TakeRound(std::move(results));
      counters_.Add("rounds", 1);
      counters_.Add("failed_calls", generated.failed_calls);
      Batch batch;
      for (const std::string& json : generated.rows) {
        RecordOrigin origin;
        origin.row = next_row++;
        Record record = Record::Owned(json, origin);
        WINNOW_RETURN_IF_ERROR(record.Parse(parser_));
        batch.records.push_back(std::move(record));
      }
      counters_.Add("ok", batch.size());
      for (const auto& [json, reason] : generated.rejected) {
        counters_.Add("rejected." + reason.substr(0, reason.find(':')), 1);
        RejectedRecord rejected{Record::Owned(json, {}), name(), reason, {}};
        WINNOW_RETURN_IF_ERROR(rejected.record.Parse(parser_));
        WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
      }
      if (!Emit(std::move(batch))) break;
    }
    return Status::OK();
  }

 private:
  Status TakeInput() {
    while (std::optional<NodeInbox::Item> item = NextInput()) {
      counters_.Add("in", item->batch.size());
      for (const Record& record : item->batch.records) {
        Status added = generator_->AddInput(record);
        if (!added.ok()) {
          return Status::InvalidInput(fmt::format("step '{}': row {}: {}", name(),
                                                  record.origin().ToString(), added.message()));
        }
      }
    }
    return Status::OK();
  }

  // Sends a round's calls together and waits for every result.
  std::vector<llm::LlmResult> SendAll(std::vector<llm::LlmCall> calls) {
    std::vector<llm::LlmResult> results(calls.size());
    size_t left = calls.size();
    for (size_t i = 0; i < calls.size(); ++i) {
      shared_.backend->Submit(std::move(calls[i]), [this, i, &results, &left](llm::LlmResult r) {
        std::lock_guard<std::mutex> lock(mutex_);
        results[i] = std::move(r);
        --left;
        done_.notify_all();
      });
    }
    std::unique_lock<std::mutex> lock(mutex_);
    // The engine answers every call (cancelled ones included), so this wait ends.
    done_.wait(lock, [&] { return left == 0; });
    return results;
  }

  std::unique_ptr<llm::LlmGenerator> generator_;
  std::mutex mutex_;
  std::condition_variable done_;
};

}  // namespace

std::unique_ptr<DagNode> MakeGeneratorNode(const std::string& name,
                                           std::unique_ptr<llm::LlmGenerator> generator,
                                           RunShared& shared) {
  return std::unique_ptr<DagNode>(new GeneratorNode(name, shared, std::move(generator)));
}

}  // namespace winnow
