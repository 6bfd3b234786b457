#include "winnow/exec/linear_runner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "winnow/io/file_system.h"
#include "winnow/io/input_set.h"
#include "winnow/ops/head_step.h"
#include "winnow/ops/sample_step.h"

namespace winnow {
namespace {

class CollectingSink : public RecordSink {
 public:
  Status Write(const Batch& batch) override {
    for (const auto& record : batch.records) {
      std::string json;
      record.AppendJson(&json);
      lines.push_back(json);
    }
    return Status::OK();
  }
  Status Commit() override { return Status::OK(); }
  std::vector<std::string> lines;
};

class CollectingRejects : public RejectSink {
 public:
  Status Write(const RejectedRecord& rejected) override {
    reasons.push_back(rejected.step + ": " + rejected.reason);
    return Status::OK();
  }
  Status Commit() override { return Status::OK(); }
  std::vector<std::string> reasons;
};

// Adds {"w": worker} to every record; checks that parallel workers do not disturb order.
class TagWorkerStep : public Step {
 public:
  std::string_view name() const override { return "tag"; }
  bool parallel() const override { return true; }
  Status Process(Batch& batch, StepContext& ctx) override {
    for (auto& record : batch.records) {
      WINNOW_RETURN_IF_ERROR(
          record.SetInt("w", static_cast<int64_t>(ctx.worker_index), *ctx.parser));
    }
    ctx.counters->Add("tagged", batch.records.size());
    return Status::OK();
  }
};

std::string Numbers(int count, int bad_line_a = -1, int bad_line_b = -1) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    int line = i + 1;
    if (line == bad_line_a || line == bad_line_b) {
      text += "{\"i\": " + std::to_string(i) + ",,}\n";
    } else {
      text += "{\"i\": " + std::to_string(i) + "}\n";
    }
  }
  return text;
}

class LinearRunnerTest : public ::testing::Test {
 protected:
  std::unique_ptr<DatasetReader> Open(ReaderOptions options = {}, ShardSpec shard = {}) {
    options.batch_bytes = 512;  // many small batches
    auto files = ExpandInputs(*fs_, {"in.jsonl"});
    EXPECT_TRUE(files.has_value());
    auto reader = DatasetReader::Open(*fs_, *files, shard, options);
    EXPECT_TRUE(reader.has_value());
    return std::move(*reader);
  }
  std::unique_ptr<MemoryFileSystem> fs_ = NewMemoryFileSystem();
};

TEST_F(LinearRunnerTest, KeepsInputOrderAcrossWorkers) {
  fs_->AddFile("in.jsonl", Numbers(5000));
  auto reader = Open();
  TagWorkerStep tag;
  CollectingSink sink;
  RunOptions options;
  options.workers = 4;
  std::vector<Step*> steps = {&tag};
  auto result = RunLinear(*reader, steps, &sink, nullptr, options);
  ASSERT_TRUE(result.has_value()) << result.error().message();
  ASSERT_EQ(sink.lines.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(sink.lines[i].rfind("{\"i\": " + std::to_string(i) + ",\"w\":", 0), 0u)
        << sink.lines[i];
  }
  EXPECT_EQ(result->records_read, 5000u);
  EXPECT_EQ(result->records_written, 5000u);
  EXPECT_EQ(tag.counters().Get("tagged"), 5000u);
}

TEST_F(LinearRunnerTest, FirstErrorInStreamOrderWins) {
  fs_->AddFile("in.jsonl", Numbers(5000, 100, 4000));
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto reader = Open();
    RunOptions options;
    options.workers = 3;
    auto result = RunLinear(*reader, {}, nullptr, nullptr, options);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message(), "in.jsonl:100:10: expected a quoted object key");
  }
}

TEST_F(LinearRunnerTest, SkipModeSendsBadRecordsToRejects) {
  fs_->AddFile("in.jsonl", Numbers(300, 7, 250));
  ReaderOptions reader_options;
  reader_options.on_error = OnError::kSkip;
  auto reader = Open(reader_options);
  CollectingSink sink;
  CollectingRejects rejects;
  RunOptions options;
  options.on_error = OnError::kSkip;
  auto result = RunLinear(*reader, {}, &sink, &rejects, options);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(sink.lines.size(), 298u);
  EXPECT_EQ(result->bad_records, 2u);
  EXPECT_EQ(result->records_rejected, 2u);
  ASSERT_EQ(rejects.reasons.size(), 2u);
  EXPECT_EQ(rejects.reasons[0], "reader: in.jsonl:7:9: expected a quoted object key");
  EXPECT_EQ(rejects.reasons[1], "reader: in.jsonl:250:11: expected a quoted object key");
}

TEST_F(LinearRunnerTest, FinishOutputFlowsThroughLaterSteps) {
  fs_->AddFile("in.jsonl", Numbers(1000));
  auto reader = Open();
  ReservoirSampleStep sample(10, 7);
  TagWorkerStep tag;
  CollectingSink sink;
  std::vector<Step*> steps = {&sample, &tag};
  auto result = RunLinear(*reader, steps, &sink, nullptr, RunOptions{});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(sink.lines.size(), 10u);
  EXPECT_EQ(tag.counters().Get("tagged"), 10u);
  for (const auto& line : sink.lines) EXPECT_NE(line.find("\"w\":0"), std::string::npos);
}

TEST_F(LinearRunnerTest, HeadStopsReadingEarly) {
  fs_->AddFile("in.jsonl", Numbers(100000));
  auto reader = Open();
  HeadStep head(5);
  CollectingSink sink;
  RunOptions options;
  options.workers = 2;
  std::vector<Step*> steps = {&head};
  auto result = RunLinear(*reader, steps, &sink, nullptr, options);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(sink.lines.size(), 5u);
  EXPECT_EQ(sink.lines[4], "{\"i\": 4}");
  // Only the batches already in flight when head was satisfied were read.
  EXPECT_LT(result->records_read, 1000u);
}

TEST_F(LinearRunnerTest, ShardsPartitionTheInputInOrder) {
  std::string input = "\xEF\xBB\xBF" + Numbers(997);
  fs_->AddFile("in.jsonl", input);
  CollectingSink whole;
  {
    auto reader = Open();
    ASSERT_TRUE(RunLinear(*reader, {}, &whole, nullptr, RunOptions{}).has_value());
  }
  ASSERT_EQ(whole.lines.size(), 997u);
  for (uint32_t count = 1; count <= 9; ++count) {
    std::vector<std::string> joined;
    for (uint32_t index = 0; index < count; ++index) {
      CollectingSink part;
      auto reader = Open({}, ShardSpec{index, count});
      ASSERT_TRUE(RunLinear(*reader, {}, &part, nullptr, RunOptions{}).has_value());
      joined.insert(joined.end(), part.lines.begin(), part.lines.end());
    }
    EXPECT_EQ(joined, whole.lines) << "N=" << count;
  }
}

}  // namespace
}  // namespace winnow
