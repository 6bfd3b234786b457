#include "winnow/pipeline/step.h"

namespace winnow {

void Counters::Add(std::string_view name, uint64_t value) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = values_.find(name);
  if (it == values_.end()) {
    values_.emplace(std::string(name), value);
  } else {
    it->second += value;
  }
}

uint64_t Counters::Get(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = values_.find(name);
  return it == values_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, uint64_t>> Counters::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {values_.begin(), values_.end()};
}

void Counters::AddExample(std::string_view name, std::string_view example) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (examples_.find(name) == examples_.end()) examples_.emplace(name, example);
}

std::string Counters::Example(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = examples_.find(name);
  return it == examples_.end() ? std::string() : it->second;
}

}  // namespace winnow
