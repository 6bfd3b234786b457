#include "winnow/tokenizers/tokenizer.h"

#include <fmt/format.h>

#include "winnow/io/byte_stream.h"

namespace winnow {
namespace {

// tokenizer.json files reach ~35 MB (Gemma); anything far larger is not a tokenizer.
constexpr size_t kMaxTokenizerFileBytes = size_t{1} << 30;

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool LooksLikeJson(std::string_view bytes) {
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

Result<std::string> ReadWholeFile(const std::string& path, FileSystem& fs) {
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source, fs.OpenRead(path));
  return ReadToString(*source, kMaxTokenizerFileBytes);
}

Result<std::unique_ptr<Tokenizer>> LoadFile(const std::string& path, FileSystem& fs) {
  std::string_view name = BaseName(path);
  if (name == "tokenizer_config.json" || name == "special_tokens_map.json") {
    return Error(Status::InvalidArgument(
        fmt::format("{}: this file holds tokenizer settings, not the tokenizer; give "
                    "tokenizer.json (or the directory that holds it)",
                    path)));
  }
  WINNOW_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path, fs));
  bool json = name.ends_with(".json") || (!name.ends_with(".model") && LooksLikeJson(bytes));
  return json ? LoadTokenizerJson(bytes, path) : LoadSentencePieceModel(bytes, path);
}

}  // namespace

size_t Tokenizer::CountTokens(std::string_view text, bool add_special_tokens) const {
  return Encode(text, add_special_tokens).size();
}

Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& path, FileSystem& fs) {
  auto info = fs.Stat(path);
  if (!info) {
    return Error(Status::NotFound(fmt::format("{}: no such tokenizer file or directory", path)));
  }
  if (!info->is_directory) return LoadFile(path, fs);
  std::string directory = path.ends_with('/') ? path : path + "/";
  for (const char* candidate : {"tokenizer.json", "tokenizer.model"}) {
    std::string file = directory + candidate;
    auto file_info = fs.Stat(file);
    if (file_info && !file_info->is_directory) return LoadFile(file, fs);
  }
  return Error(Status::NotFound(
      fmt::format("{}: the directory holds neither tokenizer.json nor tokenizer.model", path)));
}

Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& path) {
  std::unique_ptr<FileSystem> fs = NewLocalFileSystem();
  return LoadTokenizer(path, *fs);
}

}  // namespace winnow
