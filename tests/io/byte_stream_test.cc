#include "winnow/io/byte_stream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <tuple>

#include "io/io_test_util.h"

namespace winnow {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing_util::Compress;
using testing_util::Decompress;
using testing_util::RandomBytes;
using testing_util::ReadAll;
using testing_util::SampleText;
using testing_util::StringSink;

TEST(CompressionNamesTest, NamesAndExtensions) {
  EXPECT_STREQ(CompressionName(Compression::kNone), "none");
  EXPECT_STREQ(CompressionName(Compression::kGzip), "gzip");
  EXPECT_STREQ(CompressionName(Compression::kZstd), "zstd");

  EXPECT_EQ(CompressionFromExtension("a.jsonl.gz"), Compression::kGzip);
  EXPECT_EQ(CompressionFromExtension("dir.gz/a.jsonl.gzip"), Compression::kGzip);
  EXPECT_EQ(CompressionFromExtension("a.csv.zst"), Compression::kZstd);
  EXPECT_EQ(CompressionFromExtension("a.csv.zstd"), Compression::kZstd);
  EXPECT_EQ(CompressionFromExtension("a.jsonl"), Compression::kNone);
  EXPECT_EQ(CompressionFromExtension("a.gz/b.jsonl"), Compression::kNone);
  EXPECT_EQ(CompressionFromExtension("-"), Compression::kNone);

  EXPECT_EQ(StripCompressionExtension("a.jsonl.gz"), "a.jsonl");
  EXPECT_EQ(StripCompressionExtension("a.jsonl.gzip"), "a.jsonl");
  EXPECT_EQ(StripCompressionExtension("dir/a.tsv.zst"), "dir/a.tsv");
  EXPECT_EQ(StripCompressionExtension("a.tsv.zstd"), "a.tsv");
  EXPECT_EQ(StripCompressionExtension("a.jsonl"), "a.jsonl");
  EXPECT_EQ(StripCompressionExtension(".gz"), "");
}

TEST(MemorySourceTest, ReadsInPiecesAndCounts) {
  auto source = NewMemorySource("hello world", "mem.txt");
  EXPECT_EQ(source->name(), "mem.txt");
  char buffer[4];
  auto got = source->Read(buffer, sizeof buffer);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(std::string(buffer, *got), "hell");
  EXPECT_EQ(source->raw_bytes_read(), 4u);
  auto rest = ReadAll(*source, 3);
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(*rest, "o world");
  EXPECT_EQ(source->raw_bytes_read(), 11u);
}

// Round trips over compression x size x read size.
class RoundTripTest : public ::testing::TestWithParam<std::tuple<Compression, size_t, size_t>> {};

TEST_P(RoundTripTest, DecompressesWhatWasCompressed) {
  auto [compression, size, chunk] = GetParam();
  std::string text = SampleText(size);
  std::string packed = Compress(text, compression);
  auto source = OpenDecompressed(NewMemorySource(packed, "data.jsonl"));
  ASSERT_TRUE(source.has_value()) << source.error().message();
  auto unpacked = ReadAll(**source, chunk);
  ASSERT_TRUE(unpacked.has_value()) << unpacked.error().message();
  EXPECT_EQ(unpacked->size(), text.size());
  EXPECT_TRUE(*unpacked == text);
  // Everything compressed was consumed, and the name is the underlying file's.
  EXPECT_EQ((*source)->raw_bytes_read(), packed.size());
  EXPECT_EQ((*source)->name(), "data.jsonl");
}

INSTANTIATE_TEST_SUITE_P(SmallReads, RoundTripTest,
                         ::testing::Combine(::testing::Values(Compression::kNone,
                                                              Compression::kGzip,
                                                              Compression::kZstd),
                                            ::testing::Values(0, 1, 3, 4, 5, 1000, 100000),
                                            ::testing::Values(1, 7)));
INSTANTIATE_TEST_SUITE_P(LargeData, RoundTripTest,
                         ::testing::Combine(::testing::Values(Compression::kNone,
                                                              Compression::kGzip,
                                                              Compression::kZstd),
                                            ::testing::Values((5u << 20) + 12345),
                                            ::testing::Values(1000, 1 << 20, 3 << 20)));

TEST(CompressingSinkTest, WritesMagicCountsUncompressedBytesAndClosesInner) {
  for (Compression compression : {Compression::kGzip, Compression::kZstd}) {
    std::string out;
    bool inner_closed = false;
    auto sink = NewCompressingSink(std::make_unique<StringSink>(&out, &inner_closed), compression);
    std::string text = SampleText(300000);
    ASSERT_TRUE(sink->Write(text.substr(0, 1000)).ok());
    ASSERT_TRUE(sink->Write(text.substr(1000)).ok());
    EXPECT_EQ(sink->bytes_written(), text.size());
    EXPECT_FALSE(inner_closed);
    ASSERT_TRUE(sink->Close().ok());
    EXPECT_TRUE(inner_closed);
    EXPECT_TRUE(sink->Close().ok()) << "a second Close() repeats the first one's result";
    EXPECT_FALSE(sink->Write("more").ok()) << "writes after Close() are errors";
    ASSERT_GE(out.size(), 4u);
    if (compression == Compression::kGzip) {
      EXPECT_EQ(out.substr(0, 2), "\x1f\x8b");
    } else {
      EXPECT_EQ(out.substr(0, 4), "\x28\xb5\x2f\xfd");
    }
    EXPECT_LT(out.size(), text.size() / 2) << CompressionName(compression) << " did not compress";
    auto back = Decompress(out, "x");
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*back == text);
  }
}

TEST(CompressingSinkTest, NoneReturnsTheSinkItself) {
  std::string out;
  auto sink = NewCompressingSink(std::make_unique<StringSink>(&out), Compression::kNone);
  ASSERT_TRUE(sink->Write("plain").ok());
  ASSERT_TRUE(sink->Close().ok());
  EXPECT_EQ(out, "plain");
}

TEST(CompressingSinkTest, LevelsChangeTheOutputAndOutOfRangeLevelsAreClamped) {
  std::string text = SampleText(1 << 20);
  for (Compression compression : {Compression::kGzip, Compression::kZstd}) {
    std::string fast = Compress(text, compression, 1);
    std::string small = Compress(text, compression, 9);
    EXPECT_LT(small.size(), fast.size()) << CompressionName(compression);
    for (int level : {-5, 100}) {
      auto back = Decompress(Compress(text.substr(0, 65536), compression, level), "x");
      ASSERT_TRUE(back.has_value()) << back.error().message();
      EXPECT_TRUE(*back == text.substr(0, 65536));
    }
  }
}

// The magic bytes win over a file name that lies.
TEST(OpenDecompressedTest, DetectsCompressionByMagicWhateverTheName) {
  std::string text = SampleText(10000);
  for (Compression compression : {Compression::kGzip, Compression::kZstd}) {
    for (const char* name : {"data.jsonl", "data.jsonl.zst", "data.jsonl.gz", "<stdin>"}) {
      auto back = Decompress(Compress(text, compression), name);
      ASSERT_TRUE(back.has_value()) << name << ": " << back.error().message();
      EXPECT_TRUE(*back == text) << CompressionName(compression) << " named " << name;
    }
  }
}

TEST(OpenDecompressedTest, PlainDataPassesThroughUnchanged) {
  for (std::string text : {std::string(""), std::string("a"), std::string("\x1f"),
                           std::string("\x28\xb5\x2f"), std::string("{\"a\":1}\n")}) {
    auto back = Decompress(text, "data.jsonl");
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_EQ(*back, text);
  }
}

TEST(OpenDecompressedTest, EmptyFileWithCompressedNameIsEmpty) {
  for (const char* name : {"empty.jsonl.gz", "empty.jsonl.zst"}) {
    auto back = Decompress("", name);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_EQ(*back, "");
  }
}

// Without a recognised magic number the extension decides; zlib-wrapped deflate data named .gz
// is accepted (the gzip decoder takes zlib headers too).
TEST(OpenDecompressedTest, FallsBackToTheExtension) {
  std::string text = SampleText(5000);
  uLongf packed_size = compressBound(text.size());
  std::string packed(packed_size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                      reinterpret_cast<const Bytef*>(text.data()), text.size(), 6),
            Z_OK);
  packed.resize(packed_size);
  auto back = Decompress(packed, "data.jsonl.gz");
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_TRUE(*back == text);

  auto plain_named_gz = Decompress("{\"not\":\"gzip\"}\n", "data.jsonl.gz");
  ASSERT_FALSE(plain_named_gz.has_value());
  EXPECT_EQ(plain_named_gz.error().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(plain_named_gz.error().message(),
              AllOf(HasSubstr("data.jsonl.gz"), HasSubstr("corrupt gzip data")));
}

// Data from the reference implementations (not our sinks) decodes too.
TEST(OpenDecompressedTest, ReadsOneShotZstdFrames) {
  std::string text = SampleText(200000);
  std::string packed(ZSTD_compressBound(text.size()), '\0');
  size_t size = ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 5);
  ASSERT_FALSE(ZSTD_isError(size));
  packed.resize(size);
  auto back = Decompress(packed, "x.zst", 4096);
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_TRUE(*back == text);
}

// `zstd --long=28` and above declare windows bigger than zstd's default decoding limit (2^27).
TEST(OpenDecompressedTest, ReadsZstdFramesWithLongWindows) {
  std::string text = SampleText(100000);
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ASSERT_FALSE(ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, 28)));
  std::string packed(ZSTD_compressBound(text.size()) + 64, '\0');
  ZSTD_inBuffer in = {text.data(), text.size(), 0};
  ZSTD_outBuffer out = {packed.data(), packed.size(), 0};
  // Continue, then end: the frame does not declare its size, so the window stays 2^28.
  ASSERT_FALSE(ZSTD_isError(ZSTD_compressStream2(cctx, &out, &in, ZSTD_e_continue)));
  ZSTD_inBuffer none = {nullptr, 0, 0};
  ASSERT_EQ(ZSTD_compressStream2(cctx, &out, &none, ZSTD_e_end), 0u);
  ZSTD_freeCCtx(cctx);
  packed.resize(out.pos);
  // A streaming decoder with default limits refuses it (so this test exercises the limit).
  ZSTD_DStream* defaults = ZSTD_createDStream();
  std::string scratch(1 << 16, '\0');
  ZSTD_inBuffer packed_in = {packed.data(), packed.size(), 0};
  ZSTD_outBuffer scratch_out = {scratch.data(), scratch.size(), 0};
  EXPECT_TRUE(ZSTD_isError(ZSTD_decompressStream(defaults, &scratch_out, &packed_in)));
  ZSTD_freeDStream(defaults);
  auto back = Decompress(packed, "long.jsonl.zst");
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_TRUE(*back == text);
}

TEST(OpenDecompressedTest, ReadsConcatenatedGzipMembers) {
  std::string a = SampleText(70000);
  std::string b = "second member\n";
  std::string c = SampleText(3000000);  // its member crosses 1 MiB input blocks
  std::string packed = Compress(a, Compression::kGzip) + Compress(b, Compression::kGzip) +
                       Compress("", Compression::kGzip) + Compress(c, Compression::kGzip);
  for (size_t chunk : {size_t{7}, size_t{1} << 20}) {
    auto back = Decompress(packed, "cat.jsonl.gz", chunk);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_TRUE(*back == a + b + c) << "chunk " << chunk;
  }
}

TEST(OpenDecompressedTest, ReadsConcatenatedZstdFrames) {
  std::string a = SampleText(70000);
  std::string b = "second frame\n";
  std::string packed = Compress(a, Compression::kZstd) + Compress(b, Compression::kZstd);
  auto back = Decompress(packed, "cat.jsonl.zst");
  ASSERT_TRUE(back.has_value()) << back.error().message();
  EXPECT_TRUE(*back == a + b);
}

TEST(OpenDecompressedTest, IncompressibleBinaryDataRoundTrips) {
  std::string bytes = RandomBytes(3 << 20);
  for (Compression compression : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    std::string packed = Compress(bytes, compression);
    auto back = Decompress(packed, "blob", 1 << 20);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_TRUE(*back == bytes) << CompressionName(compression);
  }
}

class TruncatedTest : public ::testing::TestWithParam<Compression> {};

TEST_P(TruncatedTest, TruncationIsAnErrorNamingTheFile) {
  Compression compression = GetParam();
  std::string packed = Compress(SampleText(3 << 20), compression);
  std::string format = CompressionName(compression);
  // Cut in the middle, just before the end (gzip: inside the CRC/size trailer), and just after
  // the magic number.
  for (size_t keep : {packed.size() / 2, packed.size() - 1, size_t{4}}) {
    std::string name = "data.jsonl." + format;
    auto back = Decompress(packed.substr(0, keep), name, 1 << 20);
    ASSERT_FALSE(back.has_value()) << "kept " << keep << " of " << packed.size();
    EXPECT_EQ(back.error().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(back.error().message(), name + ": truncated " + format + " stream (after " +
                                          std::to_string(keep) + " compressed bytes)");
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, TruncatedTest,
                         ::testing::Values(Compression::kGzip, Compression::kZstd));

TEST(OpenDecompressedTest, CorruptGzipIsAnErrorNamingTheFile) {
  std::string good = Compress(SampleText(100000), Compression::kGzip);
  std::string bad_method = good;
  bad_method[2] = 7;  // compression method must be 8 (deflate)
  std::string bad_crc = good;
  bad_crc[bad_crc.size() - 8] ^= 0x55;  // the trailer's CRC32
  for (const std::string& bad : {bad_method, bad_crc}) {
    auto back = Decompress(bad, "data.jsonl.gz");
    ASSERT_FALSE(back.has_value());
    EXPECT_EQ(back.error().code(), StatusCode::kInvalidInput);
    EXPECT_THAT(back.error().message(), AllOf(HasSubstr("data.jsonl.gz: corrupt gzip data: "),
                                              HasSubstr("compressed byte")));
  }
  auto back = Decompress(bad_crc, "data.jsonl.gz");
  EXPECT_THAT(back.error().message(), HasSubstr("incorrect data check"));
}

TEST(OpenDecompressedTest, TrailingGarbageAfterGzipIsAnError) {
  auto back = Decompress(Compress("ok\n", Compression::kGzip) + "garbage", "data.jsonl.gz");
  ASSERT_FALSE(back.has_value());
  EXPECT_THAT(back.error().message(), HasSubstr("data.jsonl.gz: corrupt gzip data"));
}

TEST(OpenDecompressedTest, CorruptZstdIsAnErrorNamingTheFile) {
  std::string good = Compress(SampleText(100000), Compression::kZstd);
  std::string bad = good.substr(0, 4) + std::string(64, '\xff') + good.substr(68);
  auto back = Decompress(bad, "data.jsonl.zst");
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(back.error().message(), HasSubstr("data.jsonl.zst: corrupt zstd data: "));
}

// A source that fails after handing out some bytes, as a disk or a pipe might.
class FailingSource final : public ByteSource {
 public:
  FailingSource(std::string bytes, size_t fail_after)
      : bytes_(std::move(bytes)), fail_after_(fail_after) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    if (pos_ >= fail_after_) return Error(Status::IoError(name_ + ": Input/output error"));
    size_t n = std::min({size, fail_after_ - pos_, bytes_.size() - pos_});
    std::copy_n(bytes_.data() + pos_, n, buffer);
    pos_ += n;
    return n;
  }
  uint64_t raw_bytes_read() const override { return pos_; }
  const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  size_t fail_after_;
  size_t pos_ = 0;
  std::string name_ = "disk.jsonl.gz";
};

TEST(OpenDecompressedTest, SourceErrorsPassThrough) {
  std::string packed = Compress(SampleText(4 << 20), Compression::kGzip);
  // Fails while sniffing.
  auto early = OpenDecompressed(std::make_unique<FailingSource>(packed, 0));
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code(), StatusCode::kIoError);
  // Fails mid-stream.
  auto source = OpenDecompressed(std::make_unique<FailingSource>(packed, packed.size() / 2));
  ASSERT_TRUE(source.has_value());
  auto back = ReadAll(**source);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code(), StatusCode::kIoError);
  EXPECT_EQ(back.error().message(), "disk.jsonl.gz: Input/output error");
}

TEST(OpenDecompressedTest, RawBytesReadGrowsWhileReading) {
  std::string packed = Compress(RandomBytes(3 << 20), Compression::kZstd);
  ASSERT_GT(packed.size(), 2u << 20) << "needs more than one 1 MiB input block";
  auto source = OpenDecompressed(NewMemorySource(packed, "big.zst"));
  ASSERT_TRUE(source.has_value());
  std::vector<char> buffer(1 << 16);
  ASSERT_TRUE((*source)->Read(buffer.data(), buffer.size()).has_value());
  uint64_t early = (*source)->raw_bytes_read();
  EXPECT_GT(early, 0u);
  EXPECT_LT(early, packed.size());
  ASSERT_TRUE(ReadAll(**source).has_value());
  EXPECT_EQ((*source)->raw_bytes_read(), packed.size());
}

}  // namespace
}  // namespace winnow
