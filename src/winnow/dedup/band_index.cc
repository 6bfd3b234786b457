#include "winnow/dedup/band_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <queue>

#include "winnow/exec/parallel_for.h"

namespace winnow {

// One spilled run: an unlinked temporary file holding each band's sorted entries back to back.
struct BandIndex::Run {
  int fd = -1;
  std::vector<uint64_t> band_offsets;  // entry index where each band starts, plus the end
  ~Run() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

Status WriteAll(int fd, const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = ::write(fd, bytes, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::string("writing a dedup spill file: ") + std::strerror(errno));
    }
    bytes += written;
    size -= static_cast<size_t>(written);
  }
  return Status::OK();
}

// Streams one band of one run in order, a block at a time.
class RunCursor {
 public:
  RunCursor(int fd, uint64_t begin, uint64_t end) : fd_(fd), next_(begin), end_(end) {}

  Status Advance(bool* has_value) {
    if (position_ + 1 < buffer_.size()) {
      ++position_;
      *has_value = true;
      return Status::OK();
    }
    if (next_ >= end_) {
      *has_value = false;
      return Status::OK();
    }
    const uint64_t count = std::min<uint64_t>(kBlock, end_ - next_);
    buffer_.resize(count);
    const size_t bytes = count * sizeof(BandIndex::Entry);
    const off_t offset = static_cast<off_t>(next_ * sizeof(BandIndex::Entry));
    size_t done = 0;
    while (done < bytes) {
      const ssize_t got = ::pread(fd_, reinterpret_cast<char*>(buffer_.data()) + done, bytes - done,
                                  offset + static_cast<off_t>(done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return Status::IoError("reading a dedup spill file failed");
      done += static_cast<size_t>(got);
    }
    next_ += count;
    position_ = 0;
    *has_value = true;
    return Status::OK();
  }
  const BandIndex::Entry& value() const { return buffer_[position_]; }

 private:
  static constexpr uint64_t kBlock = 1 << 15;
  int fd_;
  uint64_t next_, end_;
  std::vector<BandIndex::Entry> buffer_;
  size_t position_ = 0;
};

}  // namespace

BandIndex::BandIndex(BandIndexOptions options)
    : options_(std::move(options)), memory_(options_.bands) {}

BandIndex::~BandIndex() = default;

Status BandIndex::Add(uint32_t document, const uint64_t* keys) {
  for (size_t band = 0; band < options_.bands; ++band) {
    memory_[band].push_back({keys[band], document});
  }
  pair_count_ += options_.bands;
  held_ += options_.bands * sizeof(Entry);
  if (held_ >= options_.memory_budget_bytes) return Spill();
  return Status::OK();
}

Status BandIndex::Spill() {
  std::string dir = options_.temp_dir;
  if (dir.empty()) {
    const char* env = std::getenv("TMPDIR");
    dir = env && *env ? env : "/tmp";
  }
  std::string path = dir + "/winnow-dedup-XXXXXX";
  auto run = std::make_unique<Run>();
  run->fd = ::mkstemp(path.data());
  if (run->fd < 0) {
    return Status::IoError("cannot create a dedup spill file in " + dir + ": " +
                           std::strerror(errno) + " (set --tmp-dir or raise --memory)");
  }
  ::unlink(path.c_str());  // the file lives only as long as the descriptor
  uint64_t offset = 0;
  for (auto& entries : memory_) {
    std::sort(entries.begin(), entries.end());
    run->band_offsets.push_back(offset);
    WINNOW_RETURN_IF_ERROR(WriteAll(run->fd, entries.data(), entries.size() * sizeof(Entry)));
    offset += entries.size();
    entries.clear();
    entries.shrink_to_fit();
  }
  run->band_offsets.push_back(offset);
  runs_.push_back(std::move(run));
  held_ = 0;
  return Status::OK();
}

Status BandIndex::ForEachMatch(const MatchFn& match) {
  // Sorting the in-memory pairs is most of the work and each band is independent: sort them on
  // all cores, then match band by band on this thread (`match` need not be thread-safe).
  ParallelFor(options_.bands, 0, 1, [&](size_t begin, size_t end) {
    for (size_t band = begin; band < end; ++band) {
      std::sort(memory_[band].begin(), memory_[band].end());
    }
  });
  for (size_t band = 0; band < options_.bands; ++band) {
    WINNOW_RETURN_IF_ERROR(MatchBand(band, match));
  }
  return Status::OK();
}

Status BandIndex::MatchBand(size_t band, const MatchFn& match) {
  std::vector<Entry>& entries = memory_[band];  // sorted by ForEachMatch
  if (runs_.empty()) {  // everything fitted in memory: one scan of the sorted entries
    for (size_t i = 1, first = 0; i < entries.size(); ++i) {
      if (entries[i].key != entries[first].key) {
        first = i;
      } else if (entries[i].document != entries[i - 1].document) {
        match(entries[first].document, entries[i - 1].document, entries[i].document);
      }
    }
    entries.clear();
    entries.shrink_to_fit();
    return Status::OK();
  }
  // Merge the in-memory entries with every spilled run of this band, smallest (key, doc) first.
  std::vector<RunCursor> cursors;
  for (const auto& run : runs_) {
    cursors.emplace_back(run->fd, run->band_offsets[band], run->band_offsets[band + 1]);
  }
  using Head = std::pair<Entry, size_t>;  // entry, source (cursors.size() = memory)
  auto greater = [](const Head& x, const Head& y) { return y.first < x.first; };
  std::priority_queue<Head, std::vector<Head>, decltype(greater)> heap(greater);
  size_t memory_position = 0;
  if (!entries.empty()) heap.push({entries[0], cursors.size()});
  for (size_t i = 0; i < cursors.size(); ++i) {
    bool has = false;
    WINNOW_RETURN_IF_ERROR(cursors[i].Advance(&has));
    if (has) heap.push({cursors[i].value(), i});
  }
  bool in_group = false;
  Entry group{};
  Entry previous{};
  while (!heap.empty()) {
    const auto [entry, source] = heap.top();
    heap.pop();
    if (in_group && entry.key == group.key) {
      if (entry.document != previous.document) {
        match(group.document, previous.document, entry.document);
      }
    } else {
      group = entry;
      in_group = true;
    }
    previous = entry;
    if (source == cursors.size()) {
      if (++memory_position < entries.size()) heap.push({entries[memory_position], source});
    } else {
      bool has = false;
      WINNOW_RETURN_IF_ERROR(cursors[source].Advance(&has));
      if (has) heap.push({cursors[source].value(), source});
    }
  }
  entries.clear();
  entries.shrink_to_fit();
  return Status::OK();
}

}  // namespace winnow
