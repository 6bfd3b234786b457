// Fuzzes loading a run's journal (journal/<step>.jsonl), a file a crash can tear and a person can
// edit: any content must load or fail with a message that names the file, never crash. Half the
// inputs get a valid header first, so the fuzzer spends its time on row lines.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "winnow/pipeline/row_journal.h"

namespace {

const std::filesystem::path& WorkDir() {
  static const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                           ("winnow-fuzz-journal-" + std::to_string(::getpid()));
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool header = (data[0] & 1) != 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::filesystem::create_directories(WorkDir());
  const std::string path = (WorkDir() / "step.jsonl").string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (header) out << R"({"journal":1,"step":"judge","fingerprint":"f"})" << '\n';
    out << text;
  }
  auto journal = winnow::RowJournal::Open(path, "judge", "f");
  if (!journal.has_value()) {
    if (journal.error().message().find(path) == std::string::npos) __builtin_trap();
  } else {
    (void)(*journal)->Find("0");
  }
  journal = {};
  std::error_code ignored;
  std::filesystem::remove_all(WorkDir(), ignored);
  return 0;
}
