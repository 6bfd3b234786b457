// The dedup steps of the step table, as a pipeline would use them: dedup_signatures on shards,
// the merge, dedup_apply, and decontaminate built from options alone.

#include "winnow/dedup/dedup_steps.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "winnow/dedup/shard_merge.h"
#include "winnow/exec/linear_runner.h"
#include "winnow/formats/dataset_reader.h"
#include "winnow/io/input_set.h"
#include "winnow/pipeline/step_registry.h"

namespace winnow {
namespace {

class CollectingSink : public RecordSink {
 public:
  Status Write(const Batch& batch) override {
    for (const Record& record : batch.records) texts.emplace_back(record.text());
    return Status::OK();
  }
  Status Commit() override { return Status::OK(); }
  std::vector<std::string> texts;
};

class CountingRejects : public RejectSink {
 public:
  Status Write(const RejectedRecord& rejected) override {
    reasons.push_back(rejected.step + ": " + rejected.reason);
    return Status::OK();
  }
  Status Commit() override { return Status::OK(); }
  std::vector<std::string> reasons;
};

class DedupStepsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/winnow-dedup-steps-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    data_ = dir_ + "/data.jsonl";
    std::ofstream out(data_);
    for (int i = 0; i < 40; ++i) {
      // Records 0..29 are distinct word sequences; 30..39 repeat 0..9 in upper case with
      // punctuation, which the MinHash normalisation removes.
      const int n = i < 30 ? i : i - 30;
      std::string text;
      for (int w = 0; w < 20; ++w) text += Word(n * 131 + w * 17) + " ";
      if (i >= 30) {
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        text += "!!";
      }
      out << "{\"id\":\"r" << i << "\",\"text\":\"" << text << "\"}\n";
    }
  }
  // A letters-only word for `n` (digits would all normalise to "0").
  static std::string Word(int n) {
    std::string word = "w";
    for (n = n * 7 + 3; n > 0; n /= 26) word.push_back(static_cast<char>('a' + n % 26));
    return word;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Result<RunResult> Run(Step& step, ShardSpec shard, RecordSink* sink, RejectSink* rejects) {
    auto fs = NewLocalFileSystem();
    WINNOW_ASSIGN_OR_RETURN(auto files, ExpandInputs(*fs, {data_}));
    WINNOW_ASSIGN_OR_RETURN(auto reader,
                            DatasetReader::Open(*fs, std::move(files), shard, ReaderOptions{}));
    return RunLinear(*reader, {&step}, sink, rejects, RunOptions{});
  }

  std::string dir_, data_;
};

TEST_F(DedupStepsTest, ShardedSignaturesMergeAndApplyRemoveTheCopies) {
  const std::string sig = dir_ + "/sig";
  std::filesystem::create_directories(sig);
  for (int shard = 0; shard < 2; ++shard) {
    const std::string spec = std::to_string(shard) + "/2";
    auto step = CreateStep(
        "dedup_signatures",
        StepOptions("dedup_signatures",
                    {{"dir", sig}, {"shard", spec}, {"method", "minhash"}, {"ngram", "3"}}));
    ASSERT_TRUE(step.has_value()) << step.error().ToString();
    CollectingSink passed;
    auto result = Run(**step, ShardSpec{static_cast<uint32_t>(shard), 2}, &passed, nullptr);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(passed.texts.size(), result->records_read);  // records pass through stage 1
  }
  auto fs = NewLocalFileSystem();
  auto merge = MergeShardSignatures(*fs, sig, BandIndexOptions{});
  ASSERT_TRUE(merge.has_value()) << merge.error().ToString();
  EXPECT_EQ(merge->plan.cluster_count(), 10u);
  EXPECT_EQ(merge->plan.removed, 10u);

  size_t kept = 0;
  std::vector<std::string> reasons;
  for (int shard = 0; shard < 2; ++shard) {
    auto step = CreateStep(
        "dedup_apply",
        StepOptions("dedup_apply", {{"dir", sig}, {"shard", std::to_string(shard) + "/2"}}));
    ASSERT_TRUE(step.has_value()) << step.error().ToString();
    CollectingSink sink;
    CountingRejects rejects;
    auto result = Run(**step, ShardSpec{static_cast<uint32_t>(shard), 2}, &sink, &rejects);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    kept += sink.texts.size();
    reasons.insert(reasons.end(), rejects.reasons.begin(), rejects.reasons.end());
  }
  EXPECT_EQ(kept, 30u);
  ASSERT_EQ(reasons.size(), 10u);
  EXPECT_NE(reasons[0].find("dedup_apply: duplicate of r"), std::string::npos) << reasons[0];
}

TEST_F(DedupStepsTest, SignaturesNeedADir) {
  auto step = CreateStep("dedup_signatures", StepOptions("dedup_signatures", {}));
  ASSERT_FALSE(step.has_value());
  EXPECT_NE(step.error().message().find("dir"), std::string::npos);
}

TEST_F(DedupStepsTest, ApplyWithoutDecisionsNamesTheFile) {
  auto step = CreateStep("dedup_apply", StepOptions("dedup_apply", {{"dir", dir_ + "/nothing"}}));
  ASSERT_FALSE(step.has_value());
  EXPECT_NE(step.error().message().find("decisions-00000-of-00001.bin"), std::string::npos)
      << step.error().ToString();
}

TEST_F(DedupStepsTest, DecontaminateStepBuildsItsIndexFromOptions) {
  const std::string eval = dir_ + "/eval.jsonl";
  std::string question;
  for (int w = 2; w < 16; ++w) question += Word(5 * 131 + w * 17) + " ";  // 14 words of r5
  std::ofstream(eval) << "{\"id\":\"q1\",\"question\":\"" << question << "\"}\n";
  auto step =
      CreateStep("decontaminate",
                 StepOptions("decontaminate",
                             {{"against", eval}, {"eval_field", "question"}, {"ngram", "13"}}));
  ASSERT_TRUE(step.has_value()) << step.error().ToString();
  CollectingSink sink;
  CountingRejects rejects;
  auto result = Run(**step, ShardSpec{}, &sink, &rejects);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  // r5 and its upper-case copy r35 contain the question's words.
  ASSERT_EQ(rejects.reasons.size(), 2u);
  EXPECT_EQ(sink.texts.size(), 38u);
  EXPECT_NE(rejects.reasons[0].find("eval item q1"), std::string::npos) << rejects.reasons[0];
}

}  // namespace
}  // namespace winnow
