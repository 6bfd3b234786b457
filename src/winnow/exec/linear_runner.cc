#include "winnow/exec/linear_runner.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "winnow/common/interrupt.h"

namespace winnow {
namespace {

struct Slot {
  Batch batch;
  Status status;
};

class Runner {
 public:
  Runner(DatasetReader& reader, const std::vector<Step*>& steps, RecordSink* sink,
         RejectSink* rejects, const RunOptions& options)
      : reader_(reader), steps_(steps), sink_(sink), rejects_(rejects), options_(options) {
    workers_ =
        options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
    max_in_flight_ = 2 * workers_ + 2;
    while (parallel_prefix_ < steps_.size() && steps_[parallel_prefix_]->parallel()) {
      ++parallel_prefix_;
    }
  }

  Result<RunResult> Run() {
    auto start = std::chrono::steady_clock::now();
    for (Step* step : steps_) {
      WINNOW_RETURN_IF_ERROR(step->Open(step->parallel() ? workers_ : 1).WithPrefix(step->name()));
    }
    std::vector<std::thread> threads;
    for (size_t i = 0; i < workers_; ++i) threads.emplace_back([this, i] { WorkerLoop(i); });
    std::thread ordered([this] { OrderedLoop(); });
    ReadLoop();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      input_done_ = true;
    }
    work_ready_.notify_all();
    for (auto& thread : threads) thread.join();
    done_ready_.notify_all();
    ordered.join();
    if (!error_.ok()) return Error(error_);
    if (InterruptRequested()) return Error(Status::Cancelled("interrupted"));
    WINNOW_RETURN_IF_ERROR(FinishSteps());
    result_.bytes_read = reader_.bytes_read();
    result_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options_.progress) options_.progress->Finish(Snapshot());
    return result_;
  }

 private:
  ProgressSnapshot Snapshot() const {
    return {result_.records_written, reader_.bytes_read(), reader_.total_bytes()};
  }

  bool ShouldStop() {
    return stop_.load(std::memory_order_relaxed) || failed_.load(std::memory_order_relaxed) ||
           InterruptRequested();
  }

  void ReadLoop() {
    uint64_t& sequence = next_sequence_;
    uint64_t next_row = 0;
    while (!ShouldStop()) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        slot_free_.wait(lock, [&] { return in_flight_ < max_in_flight_ || failed_.load(); });
      }
      if (ShouldStop()) break;
      auto slot = std::make_unique<Slot>();
      slot->batch.sequence = sequence++;
      Result<bool> more = reader_.ReadBatch(&slot->batch);
      bool last = !more.has_value() || !more.value();
      if (!more.has_value()) slot->status = more.error();
      // Global row numbers, in input order (reader rejects were read before the records).
      for (auto& rejected : slot->batch.rejects) rejected.record.mutable_origin().row = next_row++;
      for (auto& record : slot->batch.records) record.mutable_origin().row = next_row++;
      slot->batch.input_records = slot->batch.records.size() + slot->batch.rejects.size();
      if (slot->batch.records.empty() && slot->batch.rejects.empty() && slot->status.ok()) {
        --sequence;
        if (last) break;
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++in_flight_;
        work_.push_back(std::move(slot));
      }
      work_ready_.notify_one();
      if (last) break;
    }
  }

  void WorkerLoop(size_t worker) {
    simdjson::dom::parser parser;
    for (;;) {
      std::unique_ptr<Slot> slot;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [&] { return !work_.empty() || input_done_; });
        if (work_.empty()) return;
        slot = std::move(work_.front());
        work_.pop_front();
      }
      if (slot->status.ok() && !failed_.load(std::memory_order_relaxed)) {
        slot->status = ProcessParallel(slot->batch, worker, parser);
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        done_.emplace(slot->batch.sequence, std::move(slot));
      }
      done_ready_.notify_all();
    }
  }

  Status ParseBatch(Batch& batch, simdjson::dom::parser& parser) {
    bool rejected = false;
    for (size_t i = 0; i < batch.records.size(); ++i) {
      Status status = options_.parse == ParseMode::kValidate ? batch.records[i].Validate(parser)
                                                             : batch.records[i].Parse(parser);
      if (status.ok()) continue;
      if (options_.on_error == OnError::kFail) return status;
      batch.Reject(i, "reader", status.message());
      rejected = true;
    }
    if (rejected) batch.Compact();
    return Status::OK();
  }

  Status ProcessParallel(Batch& batch, size_t worker, simdjson::dom::parser& parser) {
    if (options_.parse != ParseMode::kNone) WINNOW_RETURN_IF_ERROR(ParseBatch(batch, parser));
    for (size_t i = 0; i < parallel_prefix_; ++i) {
      StepContext ctx{worker, workers_, &parser, &steps_[i]->counters(), &stop_};
      WINNOW_RETURN_IF_ERROR(steps_[i]->Process(batch, ctx).WithPrefix(steps_[i]->name()));
    }
    return Status::OK();
  }

  void OrderedLoop() {
    uint64_t next = 0;
    for (;;) {
      std::unique_ptr<Slot> slot;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        // Every batch the reader queued ends up in done_; in_flight_ counts those not yet taken.
        done_ready_.wait(lock,
                         [&] { return done_.count(next) > 0 || (input_done_ && in_flight_ == 0); });
        auto it = done_.find(next);
        if (it == done_.end()) return;
        slot = std::move(it->second);
        done_.erase(it);
      }
      ++next;
      if (!failed_.load()) {
        Status status =
            slot->status.ok() ? FinishBatch(slot->batch, parallel_prefix_) : slot->status;
        if (!status.ok()) {
          error_ = status;
          failed_.store(true);
        }
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        --in_flight_;
      }
      slot_free_.notify_one();
    }
  }

  // Runs steps [first, end) sequentially, then the sinks. Ordered thread (or main at the end).
  Status FinishBatch(Batch& batch, size_t first) {
    simdjson::dom::parser& parser = ordered_parser_;
    result_.records_read += batch.input_records;
    for (const auto& rejected : batch.rejects) {
      if (rejected.step == "reader") ++result_.bad_records;
    }
    for (size_t i = first; i < steps_.size(); ++i) {
      StepContext ctx{0, 1, &parser, &steps_[i]->counters(), &stop_};
      WINNOW_RETURN_IF_ERROR(steps_[i]->Process(batch, ctx).WithPrefix(steps_[i]->name()));
    }
    return Emit(batch);
  }

  Status Emit(Batch& batch) {
    result_.records_rejected += batch.rejects.size();
    if (rejects_) {
      for (const auto& rejected : batch.rejects) WINNOW_RETURN_IF_ERROR(rejects_->Write(rejected));
    }
    result_.records_written += batch.records.size();
    if (sink_ && !batch.records.empty()) WINNOW_RETURN_IF_ERROR(sink_->Write(batch));
    if (options_.progress) options_.progress->Update(Snapshot());
    return Status::OK();
  }

  // End of stream: each step may emit held-back records, which flow through the steps after it.
  Status FinishSteps() {
    for (size_t i = 0; i < steps_.size(); ++i) {
      Batch out;
      // Held-back records continue the stream: steps that order batches by sequence (dedup's
      // collectors) see them after every batch read.
      out.sequence = next_sequence_++;
      StepContext ctx{0, 1, &ordered_parser_, &steps_[i]->counters(), &stop_};
      WINNOW_RETURN_IF_ERROR(steps_[i]->Finish(out, ctx).WithPrefix(steps_[i]->name()));
      if (out.records.empty() && out.rejects.empty()) continue;
      for (size_t j = i + 1; j < steps_.size(); ++j) {
        StepContext next{0, 1, &ordered_parser_, &steps_[j]->counters(), &stop_};
        WINNOW_RETURN_IF_ERROR(steps_[j]->Process(out, next).WithPrefix(steps_[j]->name()));
      }
      WINNOW_RETURN_IF_ERROR(Emit(out));
    }
    return Status::OK();
  }

  DatasetReader& reader_;
  const std::vector<Step*>& steps_;
  RecordSink* sink_;
  RejectSink* rejects_;
  RunOptions options_;
  size_t workers_ = 1;
  size_t max_in_flight_ = 4;
  size_t parallel_prefix_ = 0;
  uint64_t next_sequence_ = 0;  // the next batch's sequence number

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable done_ready_;
  std::condition_variable slot_free_;
  std::deque<std::unique_ptr<Slot>> work_;
  std::map<uint64_t, std::unique_ptr<Slot>> done_;
  size_t in_flight_ = 0;
  bool input_done_ = false;
  std::atomic<bool> stop_{false};
  std::atomic<bool> failed_{false};
  Status error_;
  RunResult result_;
  simdjson::dom::parser ordered_parser_;
};

}  // namespace

Result<RunResult> RunLinear(DatasetReader& reader, const std::vector<Step*>& steps,
                            RecordSink* sink, RejectSink* rejects, const RunOptions& options) {
  Runner runner(reader, steps, sink, rejects, options);
  return runner.Run();
}

}  // namespace winnow
