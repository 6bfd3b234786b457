#include "winnow/io/input_set.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>

#include "winnow/common/assert.h"

namespace winnow {
namespace {

constexpr std::string_view kDataExtensions[] = {".jsonl", ".json", ".ndjson", ".csv",
                                                ".tsv",   ".txt",  ".md",     ".parquet"};
constexpr std::string_view kDataExtensionsText =
    ".jsonl, .json, .ndjson, .csv, .tsv, .txt, .md, .parquet, optionally with .gz or .zst";

// Symlinks are followed (Stat follows them), so a link to an ancestor would recurse forever.
constexpr int kMaxFolderDepth = 64;

bool IsGlob(std::string_view arg) { return arg.find_first_of("*?[") != std::string_view::npos; }

bool HasDataExtension(std::string_view name) {
  std::string_view base = StripCompressionExtension(name);
  return std::any_of(std::begin(kDataExtensions), std::end(kDataExtensions),
                     [&](std::string_view ext) { return base.ends_with(ext); });
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  return dir.ends_with('/') ? dir + name : dir + "/" + name;
}

// Appends every data file under `dir` (unsorted) to `found`.
Status WalkFolder(FileSystem& fs, const std::string& dir, int depth,
                  std::vector<InputFile>* found) {
  if (depth > kMaxFolderDepth) {
    return Status::InvalidArgument(dir + ": folders nested more than " +
                                   std::to_string(kMaxFolderDepth) +
                                   " deep (a symbolic link loop?)");
  }
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> names, fs.ListDirectory(dir));
  for (const std::string& name : names) {
    // Hidden entries are tool state (.git, .cache, editor locks), never data.
    if (name.starts_with('.')) continue;
    std::string path = JoinPath(dir, name);
    Result<FileInfo> info = fs.Stat(path);
    if (!info.has_value()) {
      // A dangling symlink or a file deleted since the listing holds no data to lose.
      if (info.error().code() == StatusCode::kNotFound) continue;
      return info.error();
    }
    if (info->is_directory) {
      WINNOW_RETURN_IF_ERROR(WalkFolder(fs, path, depth + 1, found));
    } else if (HasDataExtension(name)) {
      found->push_back({std::move(path), info->size, /*is_stdin=*/false, /*from_directory=*/true});
    }
  }
  return Status::OK();
}

Status ExpandFolder(FileSystem& fs, const std::string& dir, std::vector<InputFile>* files) {
  std::vector<InputFile> found;
  WINNOW_RETURN_IF_ERROR(WalkFolder(fs, dir, 0, &found));
  if (found.empty()) {
    return Status::InvalidArgument(dir + ": no data files in this folder (looked for " +
                                   std::string(kDataExtensionsText) + ")");
  }
  // By full path, not walk order: "a.jsonl" sorts before "a/b.jsonl" though "a" < "a.jsonl".
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  files->insert(files->end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
  return Status::OK();
}

// A file as itself, a folder walked. `missing` is the error when `path` does not exist.
Status ExpandPath(FileSystem& fs, const std::string& path, const Status& missing,
                  std::vector<InputFile>* files) {
  Result<FileInfo> info = fs.Stat(path);
  if (!info.has_value()) {
    return info.error().code() == StatusCode::kNotFound ? missing : info.error();
  }
  if (info->is_directory) return ExpandFolder(fs, path, files);
  files->push_back({path, info->size, /*is_stdin=*/false, /*from_directory=*/false});
  return Status::OK();
}

Status ExpandGlob(FileSystem& fs, const std::string& pattern, std::vector<InputFile>* files) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> matches, fs.Glob(pattern));
  Status no_match = Status::InvalidArgument(pattern + ": no files match");
  // A file name may really contain '[' or '*'; when the pattern matches nothing, try it as is.
  if (matches.empty()) return ExpandPath(fs, pattern, no_match, files);
  // A matched folder is walked, as it would be had the shell expanded the glob.
  for (const std::string& match : matches) {
    WINNOW_RETURN_IF_ERROR(ExpandPath(fs, match, no_match, files));
  }
  return Status::OK();
}

std::optional<uint32_t> ParseUint32(std::string_view text) {
  uint32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<std::vector<InputFile>> ExpandInputs(FileSystem& fs, const std::vector<std::string>& args) {
  std::vector<InputFile> files;
  bool seen_stdin = false;
  for (const std::string& arg : args) {
    if (arg == "-") {
      if (seen_stdin) {
        return Error(Status::InvalidArgument("\"-\" (stdin) can be given only once"));
      }
      seen_stdin = true;
      files.push_back({"-", 0, /*is_stdin=*/true, /*from_directory=*/false});
      continue;
    }
    // WINNOW_RETURN_IF_ERROR only works in functions returning Status.
    Status status = IsGlob(arg)
                        ? ExpandGlob(fs, arg, &files)
                        : ExpandPath(fs, arg, Status::NotFound(arg + ": no such file"), &files);
    if (!status.ok()) return Error(std::move(status));
  }
  return files;
}

Result<ShardSpec> ParseShardSpec(std::string_view text) {
  auto fail = [&](const std::string& why) {
    return Error(Status::InvalidArgument("--shard " + std::string(text) + ": " + why));
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return fail("expected i/N, e.g. 0/8 for the first of 8 shards");
  }
  std::string_view index_text = text.substr(0, slash);
  std::string_view count_text = text.substr(slash + 1);
  std::optional<uint32_t> index = ParseUint32(index_text);
  std::optional<uint32_t> count = ParseUint32(count_text);
  if (!index) {
    return fail("shard index '" + std::string(index_text) +
                "' is not a whole number from 0 to 4294967294");
  }
  if (!count) {
    return fail("shard count '" + std::string(count_text) +
                "' is not a whole number from 1 to 4294967295");
  }
  if (*count == 0) return fail("shard count must be at least 1");
  if (*index >= *count) {
    return fail("shard index " + std::to_string(*index) + " must be below " +
                std::to_string(*count) + " (shards count from 0)");
  }
  ShardSpec spec;
  spec.index = *index;
  spec.count = *count;
  return spec;
}

ByteRange ShardRange(uint64_t total_bytes, ShardSpec spec) {
  WINNOW_ASSERT(spec.count >= 1 && spec.index < spec.count);
  // total * (i + 1) overflows 64 bits for large totals; the 128-bit product cannot.
  using Wide = unsigned __int128;
  ByteRange range;
  range.begin = static_cast<uint64_t>(Wide{total_bytes} * spec.index / spec.count);
  // The last shard is open-ended, so bytes appended after sizing (or a size that was stale)
  // still belong to some shard.
  range.end = spec.index + 1 == spec.count
                  ? UINT64_MAX
                  : static_cast<uint64_t>(Wide{total_bytes} * (spec.index + 1) / spec.count);
  return range;
}

}  // namespace winnow
