#pragma once

// NodeInbox: the bounded queue of batches flowing into one pipeline node from its parents, with
// back-pressure (a producer waits while the inbox is full, so memory stays bounded however fast
// the readers are) and a way to wake the node for other events (LLM answers arriving).
//
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "winnow/record/batch.h"

namespace winnow {

class NodeInbox {
 public:
  struct Item {
    size_t parent = 0;  // which parent sent it (its position in the node's `after`)
    Batch batch;
  };

  // `capacity` batches may wait before producers block; >= 1.
  NodeInbox(size_t parents, size_t capacity);

  // Queues a batch, waiting while the inbox is full. False when the run was aborted.
  bool Push(size_t parent, Batch batch);
  // The parent sends nothing more.
  void Close(size_t parent);

  // Waits up to `timeout` for a batch (only when `want_batch`), a Notify, the end of the input or
  // an abort. Returns the batch when it took one.
  std::optional<Item> Wait(bool want_batch, std::chrono::milliseconds timeout);

  // True once every parent closed and every batch was taken.
  bool drained() const;
  void Notify();
  void Abort();

 private:
  mutable std::mutex mutex_;
  std::condition_variable consumer_;
  std::condition_variable producers_;
  std::deque<Item> items_;
  size_t capacity_;
  size_t open_parents_;
  std::vector<bool> closed_;
  bool notified_ = false;
  bool aborted_ = false;
};

}  // namespace winnow
