#pragma once

// ByteSource / ByteSink: the byte streams every reader and writer sits on. Implementations: local
// files, stdin/stdout, in-memory files (tests), and gzip/zstd (de)compressors wrapping another
// stream. Errors always name the file.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

namespace winnow {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 only at the end of the stream.
  virtual Result<size_t> Read(char* buffer, size_t size) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for compressed streams); used
  // for progress and ETA against the file size.
  virtual uint64_t raw_bytes_read() const = 0;
  // The name used in error messages.
  virtual const std::string& name() const = 0;
};

// Reads from `source` until `size` bytes are in `buffer` or the stream ends; returns how many were
// read. Fewer than `size` means the stream has ended (do not read it again). Errors are the
// source's.
Result<size_t> ReadFull(ByteSource& source, char* buffer, size_t size);

// The whole rest of `source` as a string (templates, configs: small files). Fails when it is
// longer than `max_bytes`, naming the source.
Result<std::string> ReadToString(ByteSource& source, size_t max_bytes);

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(std::string_view bytes) = 0;
  // Flushes and closes; further writes are errors. Must be called for the data to be complete.
  virtual Status Close() = 0;
  // Bytes accepted so far (uncompressed).
  virtual uint64_t bytes_written() const = 0;
};

enum class Compression { kNone, kGzip, kZstd };

// "gzip" / "zstd" / "none".
const char* CompressionName(Compression compression);

// From the file name: .gz/.gzip -> gzip, .zst/.zstd -> zstd, else none.
Compression CompressionFromExtension(std::string_view path);

// The file name without a compression extension: "a.jsonl.gz" -> "a.jsonl".
std::string_view StripCompressionExtension(std::string_view path);

// Wraps `raw` in a decompressor chosen by the magic bytes at the start of the stream (gzip 1f 8b,
// zstd 28 b5 2f fd), falling back to the extension of raw->name(). A truncated or corrupt stream
// gives an error such as "data.jsonl.gz: truncated gzip stream (after 1048576 compressed bytes)".
Result<std::unique_ptr<ByteSource>> OpenDecompressed(std::unique_ptr<ByteSource> raw);

// Wraps `sink` in a compressor (level: gzip 1-9, zstd 1-19; 0 = library default).
std::unique_ptr<ByteSink> NewCompressingSink(std::unique_ptr<ByteSink> sink,
                                             Compression compression, int level = 0);

// A source over bytes in memory (copied), named `name`. Each Read returns at most `max_read` bytes,
// so tests and fuzz targets can make records fall across read boundaries, as a pipe would.
std::unique_ptr<ByteSource> NewMemorySource(std::string bytes, std::string name,
                                            size_t max_read = SIZE_MAX);

}  // namespace winnow
