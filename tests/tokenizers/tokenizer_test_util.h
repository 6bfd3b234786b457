#pragma once

// Helpers for the tokenizer tests: temporary directories, JSON escaping, and GPT-2's byte-level
// alphabet transcribed independently of src/winnow/tokenizers/byte_level.cc.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/utf8.h"
#include "winnow/tokenizers/tokenizer.h"

namespace winnow::tokenizer_test {

class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string base = ::testing::TempDir();
    if (!base.ends_with('/')) base += '/';
    std::string pattern = base + "winnow-tokenizers-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp " << pattern;
    path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

  // Writes `contents` to <dir>/<name> and returns the path.
  std::string Write(const std::string& name, std::string_view contents) const {
    std::string file = path_ + "/" + name;
    std::ofstream out(file, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return file;
  }

 private:
  std::string path_;
};

// A JSON string literal for `text` (UTF-8 passes through; quotes, backslashes, controls escaped).
inline std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char buffer[8];
      snprintf(buffer, sizeof(buffer), "\\u%04x", byte);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// openai/gpt-2 encoder.py bytes_to_unicode(): bytes in ! to ~, ¡ to ¬ and ® to ÿ map to the same
// code point; the remaining bytes, in increasing order, map to 256, 257, ...
inline std::string ByteLevelSpelling(unsigned char byte) {
  auto printable = [](int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
  };
  uint32_t cp = byte;
  if (!printable(byte)) {
    int n = 0;
    for (int b = 0; b < byte; ++b) n += printable(b) ? 0 : 1;
    cp = 256 + n;
  }
  std::string out;
  AppendUtf8(cp, &out);
  return out;
}

// Loads tokenizer.json text, failing the test (and returning null) on error.
inline std::unique_ptr<Tokenizer> LoadJsonOrFail(const std::string& json) {
  auto tokenizer = LoadTokenizerJson(json, "test tokenizer.json");
  if (!tokenizer) {
    ADD_FAILURE() << tokenizer.error().message();
    return nullptr;
  }
  return std::move(tokenizer).value();
}

}  // namespace winnow::tokenizer_test
