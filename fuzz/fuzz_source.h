#pragma once

// A ByteSource for fuzz targets that hands out its input in short pieces, as a pipe would, so
// records fall across read boundaries.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "winnow/io/byte_stream.h"

namespace winnow::fuzzing {

// Returns at most `max_read` bytes per Read call; named `name` in error messages.
class FuzzSource : public ByteSource {
 public:
  FuzzSource(std::string bytes, std::string name, size_t max_read)
      : bytes_(std::move(bytes)), name_(std::move(name)), max_read_(max_read) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    size_t n = std::min({size, bytes_.size() - pos_, max_read_});
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t raw_bytes_read() const override { return pos_; }
  const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  std::string name_;
  size_t max_read_;
  size_t pos_ = 0;
};

}  // namespace winnow::fuzzing
