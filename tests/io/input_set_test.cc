#include "winnow/io/input_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/io_test_util.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;
using testing_util::TempDir;

using Strings = std::vector<std::string>;

Strings Paths(const std::vector<InputFile>& files) {
  Strings paths;
  for (const auto& file : files) paths.push_back(file.path);
  return paths;
}

class ExpandInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.WriteFile("data/b.jsonl", "{\"b\":1}\n");
    dir_.WriteFile("data/a.jsonl", "{\"a\":1}\n{\"a\":2}\n");
    dir_.WriteFile("data/a/deep/c.csv.gz", "not really gzip");
    dir_.WriteFile("data/a/d.md", "# d\n");
    dir_.WriteFile("data/z/e.parquet.zst", "");
    dir_.WriteFile("data/z/f.json.gzip", "");
    dir_.WriteFile("data/z/g.ndjson.zstd", "");
    dir_.WriteFile("data/z/h.tsv", "");
    dir_.WriteFile("data/z/i.txt", "");
    dir_.WriteFile("data/.hidden.jsonl", "");
    dir_.WriteFile("data/.git/objects/x.jsonl", "");
    dir_.WriteFile("data/notes.pdf", "");
    dir_.WriteFile("data/README", "");
    dir_.WriteFile("data/z/archive.tar.gz", "");
    dir_.WriteFile("empty/.keep", "");
    dir_.WriteFile("empty/readme.pdf", "");
    dir_.WriteFile("plain/x.bin", "12");
    dir_.WriteFile("plain/train-2.jsonl", "");
    dir_.WriteFile("plain/train-10.jsonl", "");
    dir_.WriteFile("plain/train-1.jsonl", "");
  }

  Result<std::vector<InputFile>> Expand(const Strings& args) { return ExpandInputs(*fs_, args); }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  TempDir dir_;
};

TEST_F(ExpandInputsTest, FolderIsWalkedRecursivelySortedByPath) {
  auto files = Expand({dir_.Join("data")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  // "a.jsonl" sorts before "a/..." ('.' < '/'); hidden entries and non-data files are skipped.
  EXPECT_EQ(Paths(*files),
            (Strings{dir_.Join("data/a.jsonl"), dir_.Join("data/a/d.md"),
                     dir_.Join("data/a/deep/c.csv.gz"), dir_.Join("data/b.jsonl"),
                     dir_.Join("data/z/e.parquet.zst"), dir_.Join("data/z/f.json.gzip"),
                     dir_.Join("data/z/g.ndjson.zstd"), dir_.Join("data/z/h.tsv"),
                     dir_.Join("data/z/i.txt")}));
  for (const auto& file : *files) {
    EXPECT_TRUE(file.from_directory) << file.path;
    EXPECT_FALSE(file.is_stdin);
  }
  EXPECT_EQ((*files)[0].size, 16u);
  EXPECT_EQ((*files)[2].size, 15u);
}

TEST_F(ExpandInputsTest, TrailingSlashOnAFolder) {
  auto files = Expand({dir_.Join("data/a/")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  EXPECT_EQ(Paths(*files), (Strings{dir_.Join("data/a/d.md"), dir_.Join("data/a/deep/c.csv.gz")}));
}

TEST_F(ExpandInputsTest, NamedFilesAreTakenAsTheyAreInArgumentOrder) {
  auto files = Expand(
      {dir_.Join("data/b.jsonl"), "-", dir_.Join("plain/x.bin"), dir_.Join("data/.hidden.jsonl")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  ASSERT_EQ(files->size(), 4u);
  EXPECT_EQ((*files)[0].path, dir_.Join("data/b.jsonl"));
  EXPECT_EQ((*files)[0].size, 8u);
  EXPECT_FALSE((*files)[0].from_directory);
  EXPECT_EQ((*files)[1].path, "-");
  EXPECT_TRUE((*files)[1].is_stdin);
  EXPECT_EQ((*files)[1].size, 0u);
  // A file named explicitly is read whatever its extension, and even when hidden.
  EXPECT_EQ((*files)[2].path, dir_.Join("plain/x.bin"));
  EXPECT_EQ((*files)[2].size, 2u);
  EXPECT_EQ((*files)[3].path, dir_.Join("data/.hidden.jsonl"));
}

TEST_F(ExpandInputsTest, StdinAtMostOnce) {
  auto once = Expand({"-"});
  ASSERT_TRUE(once.has_value());
  ASSERT_EQ(once->size(), 1u);
  EXPECT_TRUE((*once)[0].is_stdin);

  auto twice = Expand({"-", dir_.Join("data/b.jsonl"), "-"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(twice.error().message(), HasSubstr("only once"));
}

TEST_F(ExpandInputsTest, GlobsMatchSorted) {
  auto files = Expand({dir_.Join("plain/train-*.jsonl")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  EXPECT_EQ(Paths(*files),
            (Strings{dir_.Join("plain/train-1.jsonl"), dir_.Join("plain/train-10.jsonl"),
                     dir_.Join("plain/train-2.jsonl")}));
  EXPECT_FALSE((*files)[0].from_directory);

  auto single = Expand({dir_.Join("plain/train-?.jsonl"), dir_.Join("data/[b].jsonl")});
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(Paths(*single), (Strings{dir_.Join("plain/train-1.jsonl"),
                                     dir_.Join("plain/train-2.jsonl"), dir_.Join("data/b.jsonl")}));
}

TEST_F(ExpandInputsTest, GlobMatchingAFolderWalksIt) {
  auto files = Expand({dir_.Join("data/[az]")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  ASSERT_EQ(files->size(), 7u);
  EXPECT_EQ((*files)[0].path, dir_.Join("data/a/d.md"));
  EXPECT_EQ((*files)[2].path, dir_.Join("data/z/e.parquet.zst"));
  EXPECT_TRUE((*files)[0].from_directory);
}

TEST_F(ExpandInputsTest, FileNamesWithGlobCharactersStillWork) {
  dir_.WriteFile("odd/run[1].jsonl", "x\n");
  auto files = Expand({dir_.Join("odd/run[1].jsonl")});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  EXPECT_EQ(Paths(*files), Strings{dir_.Join("odd/run[1].jsonl")});
}

TEST_F(ExpandInputsTest, MissingFileIsNotFound) {
  std::string path = dir_.Join("data/x.jsonl");
  auto files = Expand({dir_.Join("data/b.jsonl"), path});
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(files.error().message(), path + ": no such file");
}

TEST_F(ExpandInputsTest, GlobOrFolderMatchingNothingIsAnError) {
  std::string pattern = dir_.Join("plain/valid-*.jsonl");
  auto glob = Expand({pattern});
  ASSERT_FALSE(glob.has_value());
  EXPECT_EQ(glob.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(glob.error().message(), pattern + ": no files match");

  auto folder = Expand({dir_.Join("empty")});
  ASSERT_FALSE(folder.has_value());
  EXPECT_EQ(folder.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(folder.error().message(), HasSubstr(dir_.Join("empty") + ": no data files"));
  EXPECT_THAT(folder.error().message(), HasSubstr(".jsonl"));
}

TEST_F(ExpandInputsTest, NoArgumentsNoFiles) {
  auto files = Expand({});
  ASSERT_TRUE(files.has_value());
  EXPECT_TRUE(files->empty());
}

TEST(ExpandInputsMemoryTest, WorksOnTheMemoryFileSystem) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("in/b.jsonl.gz", "xyz");
  fs->AddFile("in/a/c.csv", "");
  fs->AddFile("in/.cache/d.jsonl", "");
  fs->AddFile("in/e.log", "");
  auto files = ExpandInputs(*fs, {"in", "in/e.log"});
  ASSERT_TRUE(files.has_value()) << files.error().message();
  EXPECT_EQ(Paths(*files), (Strings{"in/a/c.csv", "in/b.jsonl.gz", "in/e.log"}));
  EXPECT_EQ((*files)[1].size, 3u);
  EXPECT_TRUE((*files)[1].from_directory);
  EXPECT_FALSE((*files)[2].from_directory);
}

TEST(ParseShardSpecTest, ParsesValidSpecs) {
  auto all = ParseShardSpec("0/1");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->all());
  auto third = ParseShardSpec("2/8");
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->index, 2u);
  EXPECT_EQ(third->count, 8u);
  EXPECT_FALSE(third->all());
  auto largest = ParseShardSpec("4294967294/4294967295");
  ASSERT_TRUE(largest.has_value());
  EXPECT_EQ(largest->index, 4294967294u);
  EXPECT_EQ(largest->count, 4294967295u);
}

TEST(ParseShardSpecTest, ErrorsSayWhatIsWrong) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"8/8", "--shard 8/8: shard index 8 must be below 8"},
           Case{"9/8", "shard index 9 must be below 8"},
           Case{"0/0", "shard count must be at least 1"},
           Case{"3", "expected i/N"},
           Case{"", "expected i/N"},
           Case{"-1/4", "shard index '-1' is not a whole number"},
           Case{"a/4", "shard index 'a' is not a whole number"},
           Case{"/4", "shard index '' is not a whole number"},
           Case{"1/", "shard count '' is not a whole number"},
           Case{"1/4x", "shard count '4x' is not a whole number"},
           Case{"1/4/2", "shard count '4/2' is not a whole number"},
           Case{" 1/4", "shard index ' 1' is not a whole number"},
           Case{"1.5/4", "shard index '1.5' is not a whole number"},
           Case{"1/4294967296", "shard count '4294967296' is not a whole number"},
       }) {
    auto spec = ParseShardSpec(c.text);
    ASSERT_FALSE(spec.has_value()) << c.text;
    EXPECT_EQ(spec.error().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(spec.error().message(), HasSubstr(c.message)) << c.text;
  }
}

ShardSpec Spec(uint32_t index, uint32_t count) {
  ShardSpec spec;
  spec.index = index;
  spec.count = count;
  return spec;
}

TEST(ShardRangeTest, KnownValues) {
  ByteRange all = ShardRange(100, Spec(0, 1));
  EXPECT_EQ(all.begin, 0u);
  EXPECT_EQ(all.end, UINT64_MAX);
  ByteRange second = ShardRange(100, Spec(1, 4));
  EXPECT_EQ(second.begin, 25u);
  EXPECT_EQ(second.end, 50u);
  ByteRange last = ShardRange(100, Spec(3, 4));
  EXPECT_EQ(last.begin, 75u);
  EXPECT_EQ(last.end, UINT64_MAX);
  ByteRange uneven = ShardRange(10, Spec(1, 3));
  EXPECT_EQ(uneven.begin, 3u);
  EXPECT_EQ(uneven.end, 6u);
}

// The shards tile [0, total) (and beyond, through the open-ended last shard) without gaps or
// overlaps, in index order, with sizes that differ by at most one byte.
TEST(ShardRangeTest, ShardsTileTheInput) {
  const uint64_t two63 = uint64_t{1} << 63;
  for (uint64_t total : {uint64_t{0}, uint64_t{1}, uint64_t{2}, uint64_t{3}, uint64_t{7},
                         uint64_t{10}, uint64_t{100}, uint64_t{1000003}, two63 - 1, two63,
                         two63 + 12345, UINT64_MAX - 1, UINT64_MAX}) {
    for (uint32_t count = 1; count <= 10; ++count) {
      uint64_t expected_begin = 0;
      for (uint32_t index = 0; index < count; ++index) {
        ByteRange range = ShardRange(total, Spec(index, count));
        SCOPED_TRACE("total " + std::to_string(total) + " shard " + std::to_string(index) + "/" +
                     std::to_string(count));
        EXPECT_EQ(range.begin, expected_begin);
        // floor(total * index / count) computed another way, without 128-bit arithmetic.
        uint64_t exact = total / count * index + total % count * index / count;
        EXPECT_EQ(range.begin, exact);
        EXPECT_LE(range.begin, total);
        EXPECT_LE(range.begin, range.end);
        if (index + 1 == count) {
          EXPECT_EQ(range.end, UINT64_MAX);
        } else {
          uint64_t size = range.end - range.begin;
          EXPECT_TRUE(size == total / count || size == total / count + 1) << size;
        }
        expected_begin = range.end;
      }
    }
  }
}

}  // namespace
}  // namespace winnow
