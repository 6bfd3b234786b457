#include "winnow/io/byte_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

namespace winnow {
namespace {

// Decompression reads the compressed file in 1 MiB blocks: big enough that syscalls and refill
// bookkeeping vanish next to zlib/zstd's own work, small enough to keep per-file memory modest.
constexpr size_t kInputBufferSize = size_t{1} << 20;
// Compressed output is handed to the inner sink in 256 KiB pieces (the local file sink buffers
// larger writes itself, so bigger pieces buy nothing).
constexpr size_t kOutputBufferSize = size_t{256} << 10;
// zlib counts in uInt (32 bits); larger requests are served in pieces of this size.
constexpr size_t kMaxZlibChunk = size_t{1} << 30;

constexpr unsigned char kGzipMagic[] = {0x1f, 0x8b};
constexpr unsigned char kZstdMagic[] = {0x28, 0xb5, 0x2f, 0xfd};

struct CompressionExtension {
  std::string_view suffix;
  Compression compression;
};
constexpr CompressionExtension kCompressionExtensions[] = {
    {".gz", Compression::kGzip},
    {".gzip", Compression::kGzip},
    {".zst", Compression::kZstd},
    {".zstd", Compression::kZstd},
};

const CompressionExtension* FindCompressionExtension(std::string_view path) {
  for (const auto& entry : kCompressionExtensions) {
    if (path.ends_with(entry.suffix)) return &entry;
  }
  return nullptr;
}

// The first block of a stream, read to look at its magic bytes. It becomes the decompressor's
// first input block (or is replayed for plain data), so sniffing costs no extra read.
struct InputBlock {
  std::unique_ptr<char[]> data;
  size_t size = 0;
  bool eof = false;  // the source has reported its end; never read it again
};

Result<InputBlock> ReadFirstBlock(ByteSource& raw) {
  InputBlock block;
  block.data = std::make_unique<char[]>(kInputBufferSize);
  // A pipe may deliver fewer bytes than the magic needs; keep reading until it is decidable.
  while (block.size < sizeof kZstdMagic) {
    WINNOW_ASSIGN_OR_RETURN(size_t got,
                            raw.Read(block.data.get() + block.size, kInputBufferSize - block.size));
    if (got == 0) {
      block.eof = true;
      break;
    }
    block.size += got;
  }
  return block;
}

bool StartsWith(const InputBlock& block, const unsigned char* magic, size_t magic_size) {
  return block.size >= magic_size && std::memcmp(block.data.get(), magic, magic_size) == 0;
}

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name, size_t max_read)
      : bytes_(std::move(bytes)), name_(std::move(name)), max_read_(max_read) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    size_t n = std::min({size, bytes_.size() - pos_, max_read_});
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t raw_bytes_read() const override { return pos_; }
  const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  size_t pos_ = 0;
  std::string name_;
  size_t max_read_;
};

// Uncompressed data: replays the sniffed first block, then reads straight from the source.
class PlainSource final : public ByteSource {
 public:
  PlainSource(std::unique_ptr<ByteSource> raw, InputBlock first)
      : raw_(std::move(raw)), first_(std::move(first)) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    if (pos_ < first_.size) {
      size_t n = std::min(size, first_.size - pos_);
      std::memcpy(buffer, first_.data.get() + pos_, n);
      pos_ += n;
      if (pos_ == first_.size) first_.data.reset();  // no need to hold 1 MiB for the whole read
      return n;
    }
    if (first_.eof) return 0;
    return raw_->Read(buffer, size);
  }
  uint64_t raw_bytes_read() const override { return raw_->raw_bytes_read(); }
  const std::string& name() const override { return raw_->name(); }

 private:
  std::unique_ptr<ByteSource> raw_;
  InputBlock first_;
  size_t pos_ = 0;
};

// What gzip and zstd sources share: the compressed input buffer and the error messages.
class DecompressingSource : public ByteSource {
 public:
  DecompressingSource(std::unique_ptr<ByteSource> raw, InputBlock first, const char* format)
      : raw_(std::move(raw)), input_(std::move(first)), format_(format) {
    compressed_bytes_ = input_.size;
  }
  uint64_t raw_bytes_read() const override { return raw_->raw_bytes_read(); }
  const std::string& name() const override { return raw_->name(); }

 protected:
  // Replaces the (fully consumed) input block with the next one; sets input_.eof at the end.
  Status Refill() {
    WINNOW_ASSIGN_OR_RETURN(size_t got, raw_->Read(input_.data.get(), kInputBufferSize));
    input_.size = got;
    if (got == 0) input_.eof = true;
    compressed_bytes_ += got;
    return Status::OK();
  }
  Status Truncated() const {
    return Status::InvalidInput(name() + ": truncated " + format_ + " stream (after " +
                                std::to_string(compressed_bytes_) + " compressed bytes)");
  }
  Status Corrupt(std::string_view detail, size_t unconsumed) const {
    return Status::InvalidInput(name() + ": corrupt " + format_ + " data: " + std::string(detail) +
                                " (near compressed byte " +
                                std::to_string(compressed_bytes_ - unconsumed) + ")");
  }

  std::unique_ptr<ByteSource> raw_;
  InputBlock input_;
  uint64_t compressed_bytes_ = 0;  // read from raw_ so far, including the sniffed block

 private:
  const char* format_;
};

class GzipSource final : public DecompressingSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> raw, InputBlock first)
      : DecompressingSource(std::move(raw), std::move(first), "gzip") {}
  ~GzipSource() override {
    if (initialized_) inflateEnd(&stream_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Status Init() {
    // 15 + 32: largest window, and accept both gzip and zlib headers.
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) {
      return Status::Internal(name() + ": cannot start gzip decompression (out of memory?)");
    }
    initialized_ = true;
    stream_.next_in = reinterpret_cast<Bytef*>(input_.data.get());
    stream_.avail_in = static_cast<uInt>(input_.size);
    return Status::OK();
  }

  Result<size_t> Read(char* buffer, size_t size) override {
    if (size == 0) return 0;
    size_t want = std::min(size, kMaxZlibChunk);
    for (;;) {
      if (stream_.avail_in == 0 && !input_.eof) {
        if (Status status = Refill(); !status.ok()) return Error(std::move(status));
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data.get());
        stream_.avail_in = static_cast<uInt>(input_.size);
      }
      if (member_done_) {
        if (stream_.avail_in == 0) return 0;
        // Another member follows: concatenated .gz files, pigz and bgzip output.
        inflateReset(&stream_);
        member_done_ = false;
      }
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = static_cast<uInt>(want);
      int rc = inflate(&stream_, Z_NO_FLUSH);
      size_t produced = want - stream_.avail_out;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Error(Corrupt(stream_.msg != nullptr ? stream_.msg : zError(rc), stream_.avail_in));
      }
      if (produced > 0) return produced;
      // Z_BUF_ERROR with input left cannot happen (output space was free), so no progress here
      // means the input ran out in the middle of a member.
      if (!member_done_ && stream_.avail_in == 0 && input_.eof) return Error(Truncated());
    }
  }

 private:
  z_stream stream_{};
  bool initialized_ = false;
  bool member_done_ = false;
};

class ZstdSource final : public DecompressingSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> raw, InputBlock first)
      : DecompressingSource(std::move(raw), std::move(first), "zstd"),
        stream_(ZSTD_createDStream()) {
    in_ = {input_.data.get(), input_.size, 0};
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;

  Status Init() {
    if (stream_ == nullptr) {
      return Status::Internal(name() + ": cannot start zstd decompression (out of memory?)");
    }
    // Large dumps are often made with `zstd --long=31`, whose 2 GiB window the default limit
    // (128 MiB) refuses.
    ZSTD_DCtx_setParameter(stream_, ZSTD_d_windowLogMax, 31);
    return Status::OK();
  }

  Result<size_t> Read(char* buffer, size_t size) override {
    if (size == 0) return 0;
    for (;;) {
      if (in_.pos == in_.size && !input_.eof) {
        if (Status status = Refill(); !status.ok()) return Error(std::move(status));
        in_ = {input_.data.get(), input_.size, 0};
      }
      if (in_.pos == in_.size && input_.eof && frame_done_) return 0;
      ZSTD_outBuffer out = {buffer, size, 0};
      // Called even without input left: the decoder may still hold output for this frame.
      size_t rc = ZSTD_decompressStream(stream_, &out, &in_);
      if (ZSTD_isError(rc)) return Error(Corrupt(ZSTD_getErrorName(rc), in_.size - in_.pos));
      frame_done_ = rc == 0;  // 0: a frame ended and all its output was delivered
      if (out.pos > 0) return out.pos;
      if (!frame_done_ && in_.pos == in_.size && input_.eof) return Error(Truncated());
    }
  }

 private:
  ZSTD_DStream* stream_;
  ZSTD_inBuffer in_{};
  bool frame_done_ = false;
};

// What gzip and zstd sinks share: the inner sink, the output buffer and the close protocol.
class CompressingSink : public ByteSink {
 public:
  explicit CompressingSink(std::unique_ptr<ByteSink> inner)
      : inner_(std::move(inner)), out_(std::make_unique<char[]>(kOutputBufferSize)) {}

  Status Write(std::string_view bytes) override {
    if (closed_) return Status::Internal("write to a compressed stream after Close()");
    WINNOW_RETURN_IF_ERROR(init_status_);
    WINNOW_RETURN_IF_ERROR(Compress(bytes));
    bytes_written_ += bytes.size();
    return Status::OK();
  }
  // Idempotent: a second Close() returns the first one's result.
  Status Close() override {
    if (closed_) return close_status_;
    closed_ = true;
    close_status_ = init_status_;
    if (close_status_.ok()) close_status_ = Finish();
    Status inner = inner_->Close();
    if (close_status_.ok()) close_status_ = std::move(inner);
    return close_status_;
  }
  uint64_t bytes_written() const override { return bytes_written_; }

 protected:
  virtual Status Compress(std::string_view bytes) = 0;
  virtual Status Finish() = 0;

  std::unique_ptr<ByteSink> inner_;
  std::unique_ptr<char[]> out_;
  Status init_status_;  // NewCompressingSink cannot fail, so a failed start surfaces on use

 private:
  uint64_t bytes_written_ = 0;
  bool closed_ = false;
  Status close_status_;
};

class GzipSink final : public CompressingSink {
 public:
  GzipSink(std::unique_ptr<ByteSink> inner, int level) : CompressingSink(std::move(inner)) {
    level = level == 0 ? Z_DEFAULT_COMPRESSION : std::clamp(level, 1, 9);
    // 15 + 16: largest window, gzip header and trailer (not zlib's).
    if (deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      init_status_ = Status::Internal("cannot start gzip compression (out of memory?)");
    } else {
      initialized_ = true;
    }
  }
  ~GzipSink() override {
    if (initialized_) deflateEnd(&stream_);
  }
  GzipSink(const GzipSink&) = delete;
  GzipSink& operator=(const GzipSink&) = delete;

 protected:
  Status Compress(std::string_view bytes) override {
    while (!bytes.empty()) {
      size_t chunk = std::min(bytes.size(), kMaxZlibChunk);
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
      stream_.avail_in = static_cast<uInt>(chunk);
      WINNOW_RETURN_IF_ERROR(Deflate(Z_NO_FLUSH));
      bytes.remove_prefix(chunk);
    }
    return Status::OK();
  }
  Status Finish() override { return Deflate(Z_FINISH); }

 private:
  // zlib's canonical loop: run until deflate leaves output space unused, i.e. it has consumed
  // all input (Z_NO_FLUSH) or written the trailer (Z_FINISH).
  Status Deflate(int flush) {
    do {
      stream_.next_out = reinterpret_cast<Bytef*>(out_.get());
      stream_.avail_out = static_cast<uInt>(kOutputBufferSize);
      int rc = deflate(&stream_, flush);
      if (rc == Z_STREAM_ERROR) return Status::Internal("gzip compression failed");
      size_t produced = kOutputBufferSize - stream_.avail_out;
      if (produced > 0) WINNOW_RETURN_IF_ERROR(inner_->Write({out_.get(), produced}));
    } while (stream_.avail_out == 0);
    return Status::OK();
  }

  z_stream stream_{};
  bool initialized_ = false;
};

class ZstdSink final : public CompressingSink {
 public:
  ZstdSink(std::unique_ptr<ByteSink> inner, int level)
      : CompressingSink(std::move(inner)), stream_(ZSTD_createCStream()) {
    if (stream_ == nullptr) {
      init_status_ = Status::Internal("cannot start zstd compression (out of memory?)");
      return;
    }
    level = level == 0 ? ZSTD_CLEVEL_DEFAULT : std::clamp(level, 1, 19);
    size_t rc = ZSTD_CCtx_setParameter(stream_, ZSTD_c_compressionLevel, level);
    if (ZSTD_isError(rc)) {
      init_status_ = Status::Internal(std::string("zstd: ") + ZSTD_getErrorName(rc));
    }
  }
  ~ZstdSink() override { ZSTD_freeCStream(stream_); }
  ZstdSink(const ZstdSink&) = delete;
  ZstdSink& operator=(const ZstdSink&) = delete;

 protected:
  Status Compress(std::string_view bytes) override {
    ZSTD_inBuffer in = {bytes.data(), bytes.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer out = {out_.get(), kOutputBufferSize, 0};
      size_t rc = ZSTD_compressStream2(stream_, &out, &in, ZSTD_e_continue);
      WINNOW_RETURN_IF_ERROR(Flush(rc, out));
    }
    return Status::OK();
  }
  Status Finish() override {
    ZSTD_inBuffer in = {nullptr, 0, 0};
    size_t remaining = 0;
    do {
      ZSTD_outBuffer out = {out_.get(), kOutputBufferSize, 0};
      remaining = ZSTD_compressStream2(stream_, &out, &in, ZSTD_e_end);
      WINNOW_RETURN_IF_ERROR(Flush(remaining, out));
    } while (remaining != 0);
    return Status::OK();
  }

 private:
  Status Flush(size_t rc, const ZSTD_outBuffer& out) {
    if (ZSTD_isError(rc)) {
      return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(rc));
    }
    if (out.pos == 0) return Status::OK();
    return inner_->Write({out_.get(), out.pos});
  }

  ZSTD_CStream* stream_;
};

}  // namespace

Result<size_t> ReadFull(ByteSource& source, char* buffer, size_t size) {
  size_t filled = 0;
  while (filled < size) {
    WINNOW_ASSIGN_OR_RETURN(size_t got, source.Read(buffer + filled, size - filled));
    if (got == 0) break;
    filled += got;
  }
  return filled;
}

Result<std::string> ReadToString(ByteSource& source, size_t max_bytes) {
  std::string text;
  char buffer[65536];
  for (;;) {
    WINNOW_ASSIGN_OR_RETURN(size_t got, source.Read(buffer, sizeof buffer));
    if (got == 0) return text;
    text.append(buffer, got);
    if (text.size() > max_bytes) {
      return Error(Status::InvalidInput(source.name() + ": longer than " +
                                        std::to_string(max_bytes) + " bytes"));
    }
  }
}

const char* CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "none";
}

Compression CompressionFromExtension(std::string_view path) {
  const CompressionExtension* entry = FindCompressionExtension(path);
  return entry != nullptr ? entry->compression : Compression::kNone;
}

std::string_view StripCompressionExtension(std::string_view path) {
  const CompressionExtension* entry = FindCompressionExtension(path);
  if (entry != nullptr) path.remove_suffix(entry->suffix.size());
  return path;
}

Result<std::unique_ptr<ByteSource>> OpenDecompressed(std::unique_ptr<ByteSource> raw) {
  WINNOW_ASSIGN_OR_RETURN(InputBlock first, ReadFirstBlock(*raw));
  Compression compression = CompressionFromExtension(raw->name());
  if (StartsWith(first, kGzipMagic, sizeof kGzipMagic)) {
    compression = Compression::kGzip;
  } else if (StartsWith(first, kZstdMagic, sizeof kZstdMagic)) {
    compression = Compression::kZstd;
  }
  // An empty file holds no records whatever its name says; `touch x.jsonl.gz` should not fail.
  if (first.size == 0) compression = Compression::kNone;
  switch (compression) {
    case Compression::kNone:
      return std::make_unique<PlainSource>(std::move(raw), std::move(first));
    case Compression::kGzip: {
      auto source = std::make_unique<GzipSource>(std::move(raw), std::move(first));
      if (Status status = source->Init(); !status.ok()) return Error(std::move(status));
      return source;
    }
    case Compression::kZstd: {
      auto source = std::make_unique<ZstdSource>(std::move(raw), std::move(first));
      if (Status status = source->Init(); !status.ok()) return Error(std::move(status));
      return source;
    }
  }
  return Error(Status::Internal("unknown compression"));
}

std::unique_ptr<ByteSink> NewCompressingSink(std::unique_ptr<ByteSink> sink,
                                             Compression compression, int level) {
  switch (compression) {
    case Compression::kNone:
      return sink;
    case Compression::kGzip:
      return std::make_unique<GzipSink>(std::move(sink), level);
    case Compression::kZstd:
      return std::make_unique<ZstdSink>(std::move(sink), level);
  }
  return sink;
}

std::unique_ptr<ByteSource> NewMemorySource(std::string bytes, std::string name, size_t max_read) {
  return std::make_unique<MemorySource>(std::move(bytes), std::move(name), max_read);
}

}  // namespace winnow
