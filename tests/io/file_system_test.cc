#include "winnow/io/file_system.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/io_test_util.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing_util::ReadAll;
using testing_util::RedirectFd;
using testing_util::SampleText;
using testing_util::TempDir;

using Strings = std::vector<std::string>;

class LocalFileSystemTest : public ::testing::Test {
 protected:
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  TempDir dir_;
};

TEST_F(LocalFileSystemTest, WriteThenReadBack) {
  std::string path = dir_.Join("a.jsonl");
  std::string text = SampleText(3 << 20);
  auto sink = fs_->OpenWrite(path);
  ASSERT_TRUE(sink.has_value()) << sink.error().message();
  // Small writes (buffered) and one bigger than the buffer (written through).
  ASSERT_TRUE((*sink)->Write(text.substr(0, 10)).ok());
  ASSERT_TRUE((*sink)->Write(text.substr(10, 100)).ok());
  ASSERT_TRUE((*sink)->Write(text.substr(110)).ok());
  EXPECT_EQ((*sink)->bytes_written(), text.size());
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_TRUE((*sink)->Close().ok()) << "Close() is idempotent";
  EXPECT_FALSE((*sink)->Write("x").ok()) << "writes after Close() are errors";
  EXPECT_TRUE(dir_.ReadFile("a.jsonl") == text);

  auto source = fs_->OpenRead(path);
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ((*source)->name(), path);
  auto back = ReadAll(**source, 1 << 20);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(*back == text);
  EXPECT_EQ((*source)->raw_bytes_read(), text.size());
}

TEST_F(LocalFileSystemTest, SmallAndMixedReadSizes) {
  std::string text = SampleText(700000);
  dir_.WriteFile("a.txt", text);
  for (size_t chunk : {size_t{1}, size_t{100}, size_t{300000}}) {
    auto source = fs_->OpenRead(dir_.Join("a.txt"));
    ASSERT_TRUE(source.has_value());
    auto back = ReadAll(**source, chunk);
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*back == text) << "chunk " << chunk;
  }
  // Alternate small and large reads.
  auto source = fs_->OpenRead(dir_.Join("a.txt"));
  ASSERT_TRUE(source.has_value());
  std::string back;
  std::vector<char> buffer(1 << 20);
  for (size_t i = 0;; ++i) {
    size_t want = i % 2 == 0 ? 10 : buffer.size();
    auto got = (*source)->Read(buffer.data(), want);
    ASSERT_TRUE(got.has_value());
    if (*got == 0) break;
    back.append(buffer.data(), *got);
  }
  EXPECT_TRUE(back == text);
}

TEST_F(LocalFileSystemTest, OpenReadAtOffset) {
  dir_.WriteFile("a.txt", "0123456789");
  auto source = fs_->OpenRead(dir_.Join("a.txt"), 4);
  ASSERT_TRUE(source.has_value());
  auto back = ReadAll(**source);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, "456789");
  EXPECT_EQ((*source)->raw_bytes_read(), 6u);

  auto past_end = fs_->OpenRead(dir_.Join("a.txt"), 100);
  ASSERT_TRUE(past_end.has_value());
  EXPECT_EQ(*ReadAll(**past_end), "");
}

TEST_F(LocalFileSystemTest, MissingFilesAreNotFoundAndNamed) {
  std::string path = dir_.Join("missing.jsonl");
  auto source = fs_->OpenRead(path);
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(source.error().message(), path + ": No such file or directory");

  auto info = fs_->Stat(path);
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().code(), StatusCode::kNotFound);

  auto listing = fs_->ListDirectory(dir_.Join("nope"));
  ASSERT_FALSE(listing.has_value());
  EXPECT_EQ(listing.error().code(), StatusCode::kNotFound);

  auto sink = fs_->OpenWrite(dir_.Join("nope/out.jsonl"));
  ASSERT_FALSE(sink.has_value());
  EXPECT_THAT(sink.error().message(), HasSubstr("nope/out.jsonl: No such file or directory"));
}

TEST_F(LocalFileSystemTest, ReadingAFolderIsAnError) {
  auto source = fs_->OpenRead(dir_.path());
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code(), StatusCode::kIoError);
  EXPECT_EQ(source.error().message(), dir_.path() + ": is a directory");
}

TEST_F(LocalFileSystemTest, StatSizesAndFolders) {
  dir_.WriteFile("sub/a.txt", "12345");
  auto file = fs_->Stat(dir_.Join("sub/a.txt"));
  ASSERT_TRUE(file.has_value());
  EXPECT_FALSE(file->is_directory);
  EXPECT_EQ(file->size, 5u);
  auto folder = fs_->Stat(dir_.Join("sub"));
  ASSERT_TRUE(folder.has_value());
  EXPECT_TRUE(folder->is_directory);
  EXPECT_EQ(folder->size, 0u);
}

TEST_F(LocalFileSystemTest, ListDirectoryIsSortedWithoutDots) {
  dir_.WriteFile("b.txt", "");
  dir_.WriteFile("a.txt", "");
  dir_.WriteFile(".hidden", "");
  dir_.WriteFile("C/x.txt", "");
  dir_.WriteFile("a/y.txt", "");
  auto names = fs_->ListDirectory(dir_.path());
  ASSERT_TRUE(names.has_value());
  EXPECT_THAT(*names, ElementsAre(".hidden", "C", "a", "a.txt", "b.txt"));
}

TEST_F(LocalFileSystemTest, GlobIsSortedAndEmptyWhenNothingMatches) {
  dir_.WriteFile("train-10.jsonl", "");
  dir_.WriteFile("train-02.jsonl", "");
  dir_.WriteFile("train-1.jsonl", "");
  dir_.WriteFile("test.jsonl", "");
  dir_.WriteFile("sub/train-3.jsonl", "");
  auto matches = fs_->Glob(dir_.Join("train-*.jsonl"));
  ASSERT_TRUE(matches.has_value());
  EXPECT_EQ(*matches, (Strings{dir_.Join("train-02.jsonl"), dir_.Join("train-1.jsonl"),
                               dir_.Join("train-10.jsonl")}));
  auto nested = fs_->Glob(dir_.Join("*/train-?.jsonl"));
  ASSERT_TRUE(nested.has_value());
  EXPECT_EQ(*nested, Strings{dir_.Join("sub/train-3.jsonl")});
  auto none = fs_->Glob(dir_.Join("valid-*.jsonl"));
  ASSERT_TRUE(none.has_value());
  EXPECT_THAT(*none, IsEmpty());
  auto no_folder = fs_->Glob(dir_.Join("nope/*.jsonl"));
  ASSERT_TRUE(no_folder.has_value());
  EXPECT_THAT(*no_folder, IsEmpty());
}

TEST_F(LocalFileSystemTest, RenameReplacesAndRemoveToleratesMissing) {
  dir_.WriteFile("from", "new");
  dir_.WriteFile("to", "old");
  ASSERT_TRUE(fs_->Rename(dir_.Join("from"), dir_.Join("to")).ok());
  EXPECT_THAT(dir_.List(), ElementsAre("to"));
  EXPECT_EQ(dir_.ReadFile("to"), "new");

  Status missing = fs_->Rename(dir_.Join("from"), dir_.Join("to"));
  EXPECT_EQ(missing.code(), StatusCode::kIoError);
  EXPECT_THAT(missing.message(), HasSubstr(dir_.Join("from")));

  ASSERT_TRUE(fs_->Remove(dir_.Join("to")).ok());
  EXPECT_THAT(dir_.List(), IsEmpty());
  EXPECT_TRUE(fs_->Remove(dir_.Join("to")).ok()) << "removing a missing file is fine";
}

TEST_F(LocalFileSystemTest, OpenWriteTruncates) {
  dir_.WriteFile("a.txt", "a long old content");
  auto sink = fs_->OpenWrite(dir_.Join("a.txt"));
  ASSERT_TRUE(sink.has_value());
  ASSERT_TRUE((*sink)->Write("new").ok());
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_EQ(dir_.ReadFile("a.txt"), "new");
}

TEST(StdStreamsTest, StdinAndStdout) {
  TempDir dir;
  dir.WriteFile("in.txt", "from stdin\n");
  {
    RedirectFd redirect(0, dir.Join("in.txt"), O_RDONLY);
    auto source = NewStdinSource();
    EXPECT_EQ(source->name(), "<stdin>");
    auto back = ReadAll(*source);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, "from stdin\n");
    EXPECT_EQ(source->raw_bytes_read(), 11u);
  }
  {
    RedirectFd redirect(1, dir.Join("out.txt"), O_WRONLY | O_CREAT | O_TRUNC);
    auto sink = NewStdoutSink();
    ASSERT_TRUE(sink->Write("to ").ok());
    ASSERT_TRUE(sink->Write("stdout\n").ok());
    EXPECT_EQ(sink->bytes_written(), 10u);
    ASSERT_TRUE(sink->Close().ok());
  }
  EXPECT_EQ(dir.ReadFile("out.txt"), "to stdout\n");
  // Closing the stdout sink flushes but leaves descriptor 1 open for later output.
  EXPECT_NE(::fcntl(1, F_GETFD), -1);
}

class MemoryFileSystemTest : public ::testing::Test {
 protected:
  std::unique_ptr<MemoryFileSystem> fs_ = NewMemoryFileSystem();
};

TEST_F(MemoryFileSystemTest, AddReadAndOpenRead) {
  fs_->AddFile("data/a.jsonl", "0123456789");
  EXPECT_EQ(*fs_->ReadFile("data/a.jsonl"), "0123456789");
  EXPECT_EQ(*fs_->ReadFile("./data/a.jsonl"), "0123456789") << "./ spells the same path";
  auto source = fs_->OpenRead("data/a.jsonl", 3);
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ((*source)->name(), "data/a.jsonl");
  EXPECT_EQ(*ReadAll(**source), "3456789");

  auto missing = fs_->OpenRead("data/b.jsonl");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.error().message(), "data/b.jsonl: no such file");
  EXPECT_EQ(fs_->ReadFile("data/b.jsonl").error().code(), StatusCode::kNotFound);
}

TEST_F(MemoryFileSystemTest, OpenWriteStoresOnClose) {
  fs_->AddFile("out.txt", "old");
  auto sink = fs_->OpenWrite("out.txt");
  ASSERT_TRUE(sink.has_value());
  EXPECT_EQ(*fs_->ReadFile("out.txt"), "") << "opening truncates, as on disk";
  ASSERT_TRUE((*sink)->Write("hello ").ok());
  ASSERT_TRUE((*sink)->Write("world").ok());
  EXPECT_EQ(*fs_->ReadFile("out.txt"), "") << "nothing visible before Close()";
  ASSERT_TRUE((*sink)->Close().ok());
  EXPECT_EQ(*fs_->ReadFile("out.txt"), "hello world");
  EXPECT_EQ((*sink)->bytes_written(), 11u);
  EXPECT_FALSE((*sink)->Write("more").ok());
}

TEST_F(MemoryFileSystemTest, FoldersAreImpliedByFiles) {
  fs_->AddFile("data/b.jsonl", "xy");
  fs_->AddFile("data/a.jsonl", "");
  fs_->AddFile("data/sub/c.csv", "");
  fs_->AddFile("data.jsonl", "");
  fs_->AddFile("other/x.txt", "");

  auto file = fs_->Stat("data/b.jsonl");
  ASSERT_TRUE(file.has_value());
  EXPECT_FALSE(file->is_directory);
  EXPECT_EQ(file->size, 2u);
  auto folder = fs_->Stat("data/");
  ASSERT_TRUE(folder.has_value());
  EXPECT_TRUE(folder->is_directory);
  EXPECT_EQ(fs_->Stat("dat").error().code(), StatusCode::kNotFound);

  EXPECT_THAT(*fs_->ListDirectory("data"), ElementsAre("a.jsonl", "b.jsonl", "sub"));
  EXPECT_THAT(*fs_->ListDirectory("data/sub/"), ElementsAre("c.csv"));
  EXPECT_THAT(*fs_->ListDirectory("."), ElementsAre("data", "data.jsonl", "other"));
  EXPECT_EQ(fs_->ListDirectory("nope").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(fs_->ListDirectory("data.jsonl").error().code(), StatusCode::kIoError);
  EXPECT_THAT(fs_->ListAll(), ElementsAre("data.jsonl", "data/a.jsonl", "data/b.jsonl",
                                          "data/sub/c.csv", "other/x.txt"));
}

TEST_F(MemoryFileSystemTest, GlobMatchesLikeTheShell) {
  fs_->AddFile("data/train-2.jsonl", "");
  fs_->AddFile("data/train-1.jsonl", "");
  fs_->AddFile("data/.train-0.jsonl", "");
  fs_->AddFile("data/sub/train-3.jsonl", "");
  fs_->AddFile("data/test.jsonl", "");
  EXPECT_THAT(*fs_->Glob("data/train-*.jsonl"),
              ElementsAre("data/train-1.jsonl", "data/train-2.jsonl"));
  EXPECT_THAT(*fs_->Glob("data/*"), ElementsAre("data/sub", "data/test.jsonl", "data/train-1.jsonl",
                                                "data/train-2.jsonl"));
  EXPECT_THAT(*fs_->Glob("data/*/*.jsonl"), ElementsAre("data/sub/train-3.jsonl"));
  EXPECT_THAT(*fs_->Glob("data/train-[2-9].jsonl"), ElementsAre("data/train-2.jsonl"));
  EXPECT_THAT(*fs_->Glob("nope/*"), IsEmpty());
}

TEST_F(MemoryFileSystemTest, RenameAndRemove) {
  fs_->AddFile("a", "1");
  fs_->AddFile("b", "2");
  ASSERT_TRUE(fs_->Rename("a", "b").ok());
  EXPECT_THAT(fs_->ListAll(), ElementsAre("b"));
  EXPECT_EQ(*fs_->ReadFile("b"), "1");
  EXPECT_EQ(fs_->Rename("a", "c").code(), StatusCode::kNotFound);
  ASSERT_TRUE(fs_->Remove("b").ok());
  EXPECT_THAT(fs_->ListAll(), IsEmpty());
  EXPECT_TRUE(fs_->Remove("b").ok());
}

}  // namespace
}  // namespace winnow
