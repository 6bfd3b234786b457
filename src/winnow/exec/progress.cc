#include "winnow/exec/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace winnow {
namespace {

std::string HumanCount(double value) {
  if (value >= 1e9) return fmt::format("{:.1f}G", value / 1e9);
  if (value >= 1e6) return fmt::format("{:.1f}M", value / 1e6);
  if (value >= 1e4) return fmt::format("{:.1f}k", value / 1e3);
  return fmt::format("{:.0f}", value);
}

std::string Clock(double seconds) {
  auto total = static_cast<long long>(seconds + 0.5);
  if (total >= 3600)
    return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

bool ShouldShowProgress() {
  if (!isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  const char* ci = std::getenv("CI");
  return ci == nullptr || ci[0] == '\0';
}

std::string FormatProgressLine(const ProgressSnapshot& s, double elapsed) {
  double seconds = elapsed > 1e-6 ? elapsed : 1e-6;
  std::string line =
      fmt::format("{} rows  {} rows/s  {:.1f} MB/s", HumanCount(double(s.records)),
                  HumanCount(double(s.records) / seconds), double(s.bytes_read) / 1e6 / seconds);
  if (s.total_bytes > 0 && s.bytes_read > 0) {
    double fraction = std::min(1.0, double(s.bytes_read) / double(s.total_bytes));
    double remaining = elapsed * (1.0 - fraction) / fraction;
    line += fmt::format("  {:.0f}%  ETA {}", fraction * 100.0, Clock(remaining));
  }
  return line;
}

TerminalProgress::TerminalProgress(std::string label, std::FILE* out)
    : label_(std::move(label)),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void TerminalProgress::Update(const ProgressSnapshot& snapshot) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  // Stay quiet for quick runs: nothing during the first half second.
  if (now - start_ < std::chrono::milliseconds(500)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  std::fprintf(out_, "\r\033[K%s: %s", label_.c_str(),
               FormatProgressLine(snapshot, elapsed).c_str());
  std::fflush(out_);
  drawn_ = true;
}

void TerminalProgress::Finish(const ProgressSnapshot& snapshot) {
  (void)snapshot;
  if (drawn_) {
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }
}

}  // namespace winnow
