#pragma once

// Input sets: turning what the user typed (files, globs, folders, "-") into an ordered list of
// input files, and --shard i/N into a deterministic slice of them.

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/io/file_system.h"

namespace winnow {

struct InputFile {
  std::string path;   // as given or as found; "-" for stdin
  uint64_t size = 0;  // bytes on disk (compressed size for compressed files); 0 for stdin
  bool is_stdin = false;
  bool from_directory = false;  // found by walking a folder the user named
};

// Expands each argument in order:
//   "-"            stdin (at most once);
//   a file         itself;
//   a glob         matching files, sorted ("data/train-*.jsonl");
//   a folder       every data file under it, recursively, sorted by path (hidden files and
//                  files without a known data extension are skipped: .jsonl .json .ndjson .csv
//                  .tsv .txt .md .parquet, each optionally .gz/.zst).
// Errors: a named file that does not exist, a glob or folder that matches nothing.
Result<std::vector<InputFile>> ExpandInputs(FileSystem& fs, const std::vector<std::string>& args);

// --shard i/N: 0 <= i < N.
struct ShardSpec {
  uint32_t index = 0;
  uint32_t count = 1;
  bool all() const { return count == 1; }
};

// Parses "i/N" ("--shard 2/8"); errors say what is wrong ("shard index 8 must be below 8").
Result<ShardSpec> ParseShardSpec(std::string_view text);

// The byte range of the concatenated inputs that shard `spec` owns: [begin, end). A record
// belongs to the shard that holds its first byte, so shards never overlap and their union in
// index order is the whole input in order.
struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = UINT64_MAX;
};
ByteRange ShardRange(uint64_t total_bytes, ShardSpec spec);

}  // namespace winnow
