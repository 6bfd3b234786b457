// Fuzzes text normalisation and shingling (any bytes, invalid UTF-8 included): every mode must
// terminate, produce valid UTF-8, and keep its single-space word contract.

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/dedup/shingles.h"
#include "winnow/text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string out;
  for (auto mode : {winnow::TextNormalization::kSimple, winnow::TextNormalization::kMinHash}) {
    winnow::NormalizeText(text, mode, &out);
    if (!winnow::IsValidUtf8(out)) __builtin_trap();
    if (!out.empty() && (out.front() == ' ' || out.back() == ' ')) __builtin_trap();
    if (out.find("  ") != std::string::npos) __builtin_trap();
    std::vector<uint64_t> hashes;
    winnow::HashShingles(out, winnow::ShingleOptions{}, &hashes, true);
    std::vector<uint64_t> checked;
    winnow::HashShingles(out, winnow::ShingleOptions{}, &checked, false);
    if (hashes != checked) __builtin_trap();
    winnow::HashShingles(out, {winnow::ShingleUnit::kChar, 4}, &hashes);
  }
  return 0;
}
