#pragma once

// DocTable: what dedup remembers about every record between reading it and deciding which copy
// stays: its keep rank (keep_policy.h), a display id, and whether it had a fingerprint. About
// 17 bytes plus the id per record.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class DocTable {
 public:
  void Add(double keep_rank, std::string_view id, bool has_fingerprint) {
    ranks_.push_back(keep_rank);
    ids_.append(id);
    id_ends_.push_back(ids_.size());
    has_fingerprint_.push_back(has_fingerprint);
  }

  size_t size() const { return ranks_.size(); }
  double keep_rank(uint32_t doc) const { return ranks_[doc]; }
  bool has_fingerprint(uint32_t doc) const { return has_fingerprint_[doc]; }
  std::string_view id(uint32_t doc) const {
    const uint64_t begin = doc == 0 ? 0 : id_ends_[doc - 1];
    return std::string_view(ids_).substr(begin, id_ends_[doc] - begin);
  }
  uint64_t memory_bytes() const {
    return ranks_.capacity() * sizeof(double) + ids_.capacity() +
           id_ends_.capacity() * sizeof(uint64_t) + has_fingerprint_.capacity() / 8;
  }

 private:
  std::vector<double> ranks_;
  std::string ids_;
  std::vector<uint64_t> id_ends_;
  std::vector<bool> has_fingerprint_;
};

}  // namespace winnow
