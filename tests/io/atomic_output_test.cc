#include "winnow/io/atomic_output.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "io/io_test_util.h"

namespace winnow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;
using testing_util::Decompress;
using testing_util::RedirectFd;
using testing_util::SampleText;
using testing_util::TempDir;

class AtomicOutputTest : public ::testing::Test {
 protected:
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  TempDir dir_;
};

TEST_F(AtomicOutputTest, CommitMakesTheFileAppear) {
  std::string target = dir_.Join("out.jsonl");
  auto output = AtomicOutput::Create(*fs_, target);
  ASSERT_TRUE(output.has_value()) << output.error().message();
  EXPECT_EQ((*output)->path(), target);
  ASSERT_TRUE((*output)->sink().Write("{\"a\":1}\n").ok());

  // Before Commit(): only the temporary file, beside the target.
  auto names = dir_.List();
  ASSERT_THAT(names, SizeIs(1));
  EXPECT_THAT(names[0], StartsWith("out.jsonl.tmp-" + std::to_string(::getpid()) + "-"));

  ASSERT_TRUE((*output)->Commit().ok());
  EXPECT_THAT(dir_.List(), ElementsAre("out.jsonl"));
  EXPECT_EQ(dir_.ReadFile("out.jsonl"), "{\"a\":1}\n");

  EXPECT_TRUE((*output)->Commit().ok()) << "Commit() is idempotent";
  output->reset();
  EXPECT_THAT(dir_.List(), ElementsAre("out.jsonl")) << "destruction keeps a committed file";
  EXPECT_EQ(dir_.ReadFile("out.jsonl"), "{\"a\":1}\n");
}

TEST_F(AtomicOutputTest, DestructionWithoutCommitLeavesNothing) {
  dir_.WriteFile("out.jsonl", "previous run\n");
  {
    auto output = AtomicOutput::Create(*fs_, dir_.Join("out.jsonl"));
    ASSERT_TRUE(output.has_value());
    ASSERT_TRUE((*output)->sink().Write(SampleText(3 << 20)).ok());
    EXPECT_THAT(dir_.List(), SizeIs(2));
  }
  EXPECT_THAT(dir_.List(), ElementsAre("out.jsonl")) << "no temporary file left";
  EXPECT_EQ(dir_.ReadFile("out.jsonl"), "previous run\n") << "the old output is untouched";
}

TEST_F(AtomicOutputTest, AbortRemovesTheTemporaryFileAndCommitThenFails) {
  auto output = AtomicOutput::Create(*fs_, dir_.Join("out.jsonl"));
  ASSERT_TRUE(output.has_value());
  ASSERT_TRUE((*output)->sink().Write("partial").ok());
  (*output)->Abort();
  EXPECT_THAT(dir_.List(), IsEmpty());
  EXPECT_FALSE((*output)->sink().Write("more").ok());
  Status commit = (*output)->Commit();
  EXPECT_FALSE(commit.ok()) << "an aborted output cannot be committed";
  EXPECT_THAT(commit.message(), HasSubstr("aborted"));
  EXPECT_THAT(dir_.List(), IsEmpty());
}

TEST_F(AtomicOutputTest, RetargetChangesTheFinalName) {
  auto output = AtomicOutput::Create(*fs_, dir_.Join("part.jsonl"));
  ASSERT_TRUE(output.has_value());
  ASSERT_TRUE((*output)->sink().Write("x\n").ok());
  (*output)->Retarget(dir_.Join("part-00000-of-00001.jsonl"));
  ASSERT_TRUE((*output)->Commit().ok());
  EXPECT_THAT(dir_.List(), ElementsAre("part-00000-of-00001.jsonl"));
}

TEST_F(AtomicOutputTest, CompressesByTheTargetExtension) {
  std::string text = SampleText(2 << 20);
  for (const char* name : {"out.jsonl.gz", "out.jsonl.zst"}) {
    auto output = AtomicOutput::Create(*fs_, dir_.Join(name));
    ASSERT_TRUE(output.has_value());
    ASSERT_TRUE((*output)->sink().Write(text).ok());
    EXPECT_EQ((*output)->sink().bytes_written(), text.size());
    ASSERT_TRUE((*output)->Commit().ok());
    std::string stored = dir_.ReadFile(name);
    EXPECT_LT(stored.size(), text.size() / 2) << name;
    auto back = Decompress(stored, name);
    ASSERT_TRUE(back.has_value()) << back.error().message();
    EXPECT_TRUE(*back == text) << name;
  }
}

TEST_F(AtomicOutputTest, TwoOutputsForOneTargetUseDifferentTemporaryFiles) {
  auto first = AtomicOutput::Create(*fs_, dir_.Join("out.jsonl"));
  auto second = AtomicOutput::Create(*fs_, dir_.Join("out.jsonl"));
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_THAT(dir_.List(), SizeIs(2));
  ASSERT_TRUE((*first)->sink().Write("first").ok());
  ASSERT_TRUE((*second)->sink().Write("second").ok());
  ASSERT_TRUE((*first)->Commit().ok());
  ASSERT_TRUE((*second)->Commit().ok());
  EXPECT_THAT(dir_.List(), ElementsAre("out.jsonl"));
  EXPECT_EQ(dir_.ReadFile("out.jsonl"), "second");
}

TEST_F(AtomicOutputTest, MissingFolderNamesTheTarget) {
  std::string target = dir_.Join("nope/out.jsonl");
  auto output = AtomicOutput::Create(*fs_, target);
  ASSERT_FALSE(output.has_value());
  EXPECT_EQ(output.error().code(), StatusCode::kNotFound);
  EXPECT_THAT(output.error().message(), StartsWith(target + ": cannot create output: "));
}

TEST_F(AtomicOutputTest, DashWritesToStdout) {
  {
    RedirectFd redirect(1, dir_.Join("captured"), O_WRONLY | O_CREAT | O_TRUNC);
    auto output = AtomicOutput::Create(*fs_, "-");
    ASSERT_TRUE(output.has_value());
    EXPECT_EQ((*output)->path(), "-");
    ASSERT_TRUE((*output)->sink().Write("line 1\n").ok());
    ASSERT_TRUE((*output)->sink().Write("line 2\n").ok());
    ASSERT_TRUE((*output)->Commit().ok());
    EXPECT_TRUE((*output)->Commit().ok());
  }
  EXPECT_EQ(dir_.ReadFile("captured"), "line 1\nline 2\n");
  EXPECT_THAT(dir_.List(), ElementsAre("captured")) << "no temporary file for stdout";
}

TEST(AtomicOutputMemoryTest, CommitAndAbortOnTheMemoryFileSystem) {
  auto fs = NewMemoryFileSystem();
  {
    auto kept = AtomicOutput::Create(*fs, "out/kept.jsonl");
    auto dropped = AtomicOutput::Create(*fs, "out/dropped.jsonl");
    ASSERT_TRUE(kept.has_value() && dropped.has_value());
    ASSERT_TRUE((*kept)->sink().Write("kept\n").ok());
    ASSERT_TRUE((*dropped)->sink().Write("dropped\n").ok());
    EXPECT_THAT(fs->ListAll(), SizeIs(2));
    ASSERT_TRUE((*kept)->Commit().ok());
  }
  EXPECT_THAT(fs->ListAll(), ElementsAre("out/kept.jsonl"));
  EXPECT_EQ(*fs->ReadFile("out/kept.jsonl"), "kept\n");
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// -o /dev/null must write to the device, not rename a temp file over it (which, as root, would
// replace /dev/null with a regular file).
TEST(AtomicOutputSpecialFileTest, WritesDevicesInPlace) {
  auto fs = NewLocalFileSystem();
  auto output = AtomicOutput::Create(*fs, "/dev/null");
  ASSERT_TRUE(output.has_value()) << output.error().message();
  ASSERT_TRUE((*output)->sink().Write("discarded\n").ok());
  ASSERT_TRUE((*output)->Commit().ok());
  auto info = fs->Stat("/dev/null");
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(info->is_special);
  EXPECT_FALSE(fs->Stat("/dev/null.tmp").has_value());
}

}  // namespace
}  // namespace winnow
