#include "winnow/exec/node_inbox.h"

#include <algorithm>

namespace winnow {

NodeInbox::NodeInbox(size_t parents, size_t capacity)
    : capacity_(std::max<size_t>(1, capacity)), open_parents_(parents), closed_(parents, false) {}

bool NodeInbox::Push(size_t parent, Batch batch) {
  std::unique_lock<std::mutex> lock(mutex_);
  producers_.wait(lock, [&] { return aborted_ || items_.size() < capacity_; });
  if (aborted_) return false;
  items_.push_back({parent, std::move(batch)});
  consumer_.notify_one();
  return true;
}

void NodeInbox::Close(size_t parent) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (parent < closed_.size() && !closed_[parent]) {
    closed_[parent] = true;
    --open_parents_;
  }
  consumer_.notify_one();
}

std::optional<NodeInbox::Item> NodeInbox::Wait(bool want_batch, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  consumer_.wait_for(lock, timeout, [&] {
    return aborted_ || notified_ || (want_batch && !items_.empty()) ||
           (open_parents_ == 0 && items_.empty());
  });
  notified_ = false;
  if (aborted_ || !want_batch || items_.empty()) return std::nullopt;
  Item item = std::move(items_.front());
  items_.pop_front();
  producers_.notify_one();
  return item;
}

bool NodeInbox::drained() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_parents_ == 0 && items_.empty();
}

void NodeInbox::Notify() {
  std::lock_guard<std::mutex> lock(mutex_);
  notified_ = true;
  consumer_.notify_one();
}

void NodeInbox::Abort() {
  std::lock_guard<std::mutex> lock(mutex_);
  aborted_ = true;
  consumer_.notify_all();
  producers_.notify_all();
}

}  // namespace winnow
