#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "winnow/exec/dag_nodes.h"

namespace winnow {
namespace {

// Runs a step-table step on the node's thread, batch by batch, in stream order. A parallel()
// step gets worker threads as well: batches are processed concurrently and passed on in the
// order they came, so the output is the same whatever the thread count.
class StepNode final : public DagNode {
 public:
  StepNode(const std::string& name, RunShared& shared, std::unique_ptr<Step> step)
      : DagNode(name, shared, 1), step_(std::move(step)) {}

 protected:
  Status Run() override {
    const size_t workers = step_->parallel() && !shared_.preview ? shared_.step_workers : 1;
    WINNOW_RETURN_IF_ERROR(step_->Open(workers));
    std::atomic<bool> stop{false};
    StepContext context;
    context.parser = &parser_;
    context.counters = &step_->counters();
    context.stop = &stop;
    // Batches are numbered in the order they reach this node: steps that gather per-batch
    // results (dedup's collectors) put them back in that order.
    uint64_t sequence = 0;
    if (workers > 1) {
      WINNOW_RETURN_IF_ERROR(RunParallel(workers, &sequence));
    } else {
      while (std::optional<NodeInbox::Item> item = NextInput()) {
        // A step that asked to stop (head) sees nothing more; the rest of the input is drained.
        if (stop.load()) continue;
        counters_.Add("in", item->batch.size());
        item->batch.sequence = sequence++;
        if (!item->batch.empty()) WINNOW_RETURN_IF_ERROR(step_->Process(item->batch, context));
        WINNOW_RETURN_IF_ERROR(Forward(item->batch));
      }
    }
    if (aborted()) return Status::OK();
    // Rows a step held back (sample, keep_top, groupings) go on to the children: they are this
    // step's output already, not input to process again.
    Batch held;
    held.sequence = sequence;
    WINNOW_RETURN_IF_ERROR(step_->Finish(held, context));
    return Forward(held);
  }

 private:
  // A batch on its way through the workers, numbered in arrival order.
  struct Job {
    uint64_t sequence = 0;
    Batch batch;
    Status status;
  };

  // The workers' shared state. The node thread feeds `queue` (at most 2 jobs per worker in
  // flight: memory stays bounded) and passes `done` jobs on in sequence order.
  struct Pool {
    std::mutex mutex;
    std::condition_variable work_ready;
    std::condition_variable job_done;
    std::deque<std::unique_ptr<Job>> queue;
    std::map<uint64_t, std::unique_ptr<Job>> done;
    bool closing = false;
  };

  Status RunParallel(size_t workers, uint64_t* sequence) {
    Pool pool;
    std::vector<std::thread> threads;
    for (size_t i = 0; i < workers; ++i) {
      threads.emplace_back([this, &pool, i, workers] { WorkerLoop(pool, i, workers); });
    }
    // Joins the workers on every way out, errors included.
    struct Joiner {
      Pool& pool;
      std::vector<std::thread>& threads;
      ~Joiner() {
        {
          std::lock_guard<std::mutex> lock(pool.mutex);
          pool.closing = true;
        }
        pool.work_ready.notify_all();
        for (std::thread& thread : threads) thread.join();
      }
    } joiner{pool, threads};

    uint64_t next_sequence = 0, next_out = 0;
    const size_t max_in_flight = 2 * workers;
    // Passes on the finished jobs that are next in order; with `wait`, waits for the next one.
    auto pass_on = [&](bool wait) -> Status {
      for (;;) {
        std::unique_ptr<Job> job;
        {
          std::unique_lock<std::mutex> lock(pool.mutex);
          if (wait) {
            pool.job_done.wait(lock, [&] { return pool.done.count(next_out) > 0; });
            wait = false;
          }
          auto it = pool.done.find(next_out);
          if (it == pool.done.end()) return Status::OK();
          job = std::move(it->second);
          pool.done.erase(it);
        }
        ++next_out;
        WINNOW_RETURN_IF_ERROR(job->status);
        WINNOW_RETURN_IF_ERROR(Forward(job->batch));
      }
    };
    while (std::optional<NodeInbox::Item> item = NextInput()) {
      counters_.Add("in", item->batch.size());
      while (next_sequence - next_out >= max_in_flight) WINNOW_RETURN_IF_ERROR(pass_on(true));
      auto job = std::make_unique<Job>();
      job->sequence = next_sequence++;
      job->batch = std::move(item->batch);
      job->batch.sequence = job->sequence;
      {
        std::lock_guard<std::mutex> lock(pool.mutex);
        pool.queue.push_back(std::move(job));
      }
      pool.work_ready.notify_one();
      WINNOW_RETURN_IF_ERROR(pass_on(false));
    }
    while (next_out < next_sequence) WINNOW_RETURN_IF_ERROR(pass_on(true));
    *sequence = next_sequence;
    return Status::OK();
  }

  void WorkerLoop(Pool& pool, size_t worker, size_t workers) {
    simdjson::dom::parser parser;
    std::atomic<bool> stop{false};  // parallel steps never stop early; head is sequential
    StepContext context;
    context.worker_index = worker;
    context.worker_count = workers;
    context.parser = &parser;
    context.counters = &step_->counters();
    context.stop = &stop;
    for (;;) {
      std::unique_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(pool.mutex);
        pool.work_ready.wait(lock, [&] { return !pool.queue.empty() || pool.closing; });
        if (pool.queue.empty()) return;
        job = std::move(pool.queue.front());
        pool.queue.pop_front();
      }
      if (!aborted() && !job->batch.empty()) job->status = step_->Process(job->batch, context);
      {
        std::lock_guard<std::mutex> lock(pool.mutex);
        const uint64_t sequence = job->sequence;
        pool.done.emplace(sequence, std::move(job));
      }
      pool.job_done.notify_all();
    }
  }

  // Hands a processed batch on: its rejects to the reject file, its rows to the children.
  Status Forward(Batch& batch) {
    for (RejectedRecord& rejected : batch.rejects) {
      WINNOW_RETURN_IF_ERROR(shared_.outcomes->Reject(rejected));
    }
    batch.rejects.clear();
    AssignExpansionKeys(batch);
    Emit(std::move(batch));
    return Status::OK();
  }

  std::unique_ptr<Step> step_;
};

}  // namespace

std::unique_ptr<DagNode> MakeStepNode(const std::string& name, std::unique_ptr<Step> step,
                                      RunShared& shared) {
  return std::unique_ptr<DagNode>(new StepNode(name, shared, std::move(step)));
}

}  // namespace winnow
