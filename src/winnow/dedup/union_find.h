#pragma once

// Union-find over document numbers. The root of every set is its smallest member, so a cluster's
// id is stable (its first document in stream order) whatever order the unions come in.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace winnow {

class UnionFind {
 public:
  explicit UnionFind(size_t size = 0) { Resize(size); }

  void Resize(size_t size) {
    const size_t old = parent_.size();
    parent_.resize(size);
    for (size_t i = old; i < size; ++i) parent_[i] = static_cast<uint32_t>(i);
  }
  size_t size() const { return parent_.size(); }

  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }

  // Joins the sets of a and b; returns false when they were already one set.
  bool Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    if (a < b) {
      parent_[b] = a;
    } else {
      parent_[a] = b;
    }
    return true;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace winnow
