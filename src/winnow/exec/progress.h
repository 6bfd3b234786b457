#pragma once

// Progress display for long runs: rows, rows/s, MB/s and an ETA when the total is known, redrawn on
// one stderr line at most 10 times a second. Silent unless stderr is a terminal (and CI is unset),
// so pipes, logs and CI stay clean.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace winnow {

struct ProgressSnapshot {
  uint64_t records = 0;      // records that left the last step so far
  uint64_t bytes_read = 0;   // input bytes consumed (on disk)
  uint64_t total_bytes = 0;  // 0 when unknown (stdin)
};

class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  virtual void Update(const ProgressSnapshot& snapshot) = 0;
  virtual void Finish(const ProgressSnapshot& snapshot) = 0;
};

// Whether progress should be shown on stderr: a terminal, TERM not "dumb", CI not set.
bool ShouldShowProgress();

// Formats one progress line ("1.2M rows  34.5k rows/s  210.3 MB/s  52% ETA 0:12"); exposed for
// tests.
std::string FormatProgressLine(const ProgressSnapshot& snapshot, double elapsed_seconds);

class TerminalProgress : public ProgressReporter {
 public:
  // `label` prefixes the line ("inspect"). Writes to `out` (stderr by default).
  explicit TerminalProgress(std::string label, std::FILE* out = stderr);
  void Update(const ProgressSnapshot& snapshot) override;
  void Finish(const ProgressSnapshot& snapshot) override;

 private:
  std::string label_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace winnow
