// FastTextModel: trains, saves atomically, loads, predicts the same from many threads, and turns
// every broken model file into an error naming the file (never a crash, hang or huge allocation).

#include "winnow/classify/fasttext_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "classify/trained_model.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Result<std::unique_ptr<FastTextModel>> FromBytes(const std::string& bytes) {
  std::istringstream in(bytes);
  return FastTextModel::Read(in, bytes.size(), "model.bin");
}

float ProbabilityOf(const FastTextModel& model, std::string_view text, std::string_view label) {
  PredictScratch scratch;
  std::vector<float> probabilities;
  model.Predict(text, scratch, &probabilities);
  return probabilities[*model.FindLabel(label)];
}

TEST(FastTextModel, TrainsSavesAndLoads) {
  auto model = testing::TrainedModel();
  ASSERT_NE(model, nullptr);
  EXPECT_THAT(model->labels(), ::testing::UnorderedElementsAre("cooking", "football"));
  EXPECT_GT(ProbabilityOf(*model, "simmer the garlic sauce in butter", "cooking"), 0.9f);
  EXPECT_GT(ProbabilityOf(*model, "the striker scored a penalty goal", "football"), 0.9f);
  // Newlines are normalised as in training; probabilities add up to 1 (softmax).
  PredictScratch scratch;
  std::vector<float> probabilities;
  model->Predict("bake the\ndough", scratch, &probabilities);
  EXPECT_NEAR(probabilities[0] + probabilities[1], 1.0f, 1e-4);
}

TEST(FastTextModel, SaveLeavesNoTemporaryFile) {
  const std::string dir = ::testing::TempDir() + "/classify-save";
  std::filesystem::create_directories(dir);
  auto model = testing::TrainedModel();
  ASSERT_TRUE(model->Save(dir + "/m.bin").ok());
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"m.bin"});
  Status status = model->Save(dir + "/missing-folder/m.bin");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("missing-folder/m.bin"));
}

TEST(FastTextModel, PredictIsTheSameFromManyThreads) {
  auto model = testing::TrainedModel();
  const std::vector<testing::TopicRow> rows = testing::SyntheticTopics(100, 99);
  std::vector<float> expected;
  for (const auto& row : rows) expected.push_back(ProbabilityOf(*model, row.text, "cooking"));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      PredictScratch scratch;
      std::vector<float> probabilities;
      const size_t cooking = *model->FindLabel("cooking");
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < rows.size(); ++i) {
          model->Predict(rows[i].text, scratch, &probabilities);
          if (probabilities[cooking] != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(8, 0));
}

TEST(FastTextModel, SingleThreadTrainingIsReproducible) {
  const std::string train = testing::WriteTrainingFile(testing::SyntheticTopics(50), "repro.txt");
  auto a = FastTextModel::Train(train, testing::SmallModelOptions(), {});
  auto b = FastTextModel::Train(train, testing::SmallModelOptions(), {});
  ASSERT_TRUE(a && b);
  const std::string dir = ::testing::TempDir();
  ASSERT_TRUE((*a)->Save(dir + "/repro-a.bin").ok());
  ASSERT_TRUE((*b)->Save(dir + "/repro-b.bin").ok());
  EXPECT_EQ(ReadBytes(dir + "/repro-a.bin"), ReadBytes(dir + "/repro-b.bin"));
}

TEST(FastTextModel, MissingFileIsNamed) {
  auto model = FastTextModel::Load("/nonexistent/quality.bin");
  ASSERT_FALSE(model.has_value());
  EXPECT_THAT(model.error().message(), HasSubstr("/nonexistent/quality.bin"));
  EXPECT_EQ(model.error().code(), StatusCode::kNotFound);
}

TEST(FastTextModel, WrongFilesAreErrors) {
  for (const std::string& bytes : {std::string(), std::string("not a model"),
                                   std::string(1000, '\0'), std::string(100000, '\xff')}) {
    auto model = FromBytes(bytes);
    ASSERT_FALSE(model.has_value());
    EXPECT_THAT(model.error().message(), HasSubstr("model.bin: not a usable fastText model"));
  }
}

TEST(FastTextModel, EveryTruncationIsAnError) {
  const std::string bytes = ReadBytes(testing::TrainedModelPath());
  ASSERT_TRUE(FromBytes(bytes).has_value());
  // Every cut inside the header and dictionary, then every 997th byte through the matrices.
  for (size_t size = 0; size < bytes.size(); size += size < 4096 ? 1 : 997) {
    auto model = FromBytes(bytes.substr(0, size));
    ASSERT_FALSE(model.has_value()) << "truncated to " << size;
  }
  auto longer = FromBytes(bytes + "x");
  ASSERT_FALSE(longer.has_value());
  EXPECT_THAT(longer.error().message(), HasSubstr("bytes follow the output matrix"));
}

constexpr int kTrials = 20000;

TEST(FastTextModel, CorruptBytesNeverCrash) {
  const std::string bytes = ReadBytes(testing::TrainedModelPath());
  std::mt19937 rng(3);
  size_t loaded = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    std::string corrupt = bytes;
    // Mostly the header and dictionary, where sizes and types live.
    const size_t limit = trial % 2 == 0 ? std::min<size_t>(bytes.size(), 2048) : bytes.size();
    auto position = [&] { return std::uniform_int_distribution<size_t>(0, limit - 1)(rng); };
    for (int flips = 0; flips < 1 + trial % 4; ++flips) {
      corrupt[position()] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    }
    // Some trials also shift everything after a point: bytes inserted or removed.
    if (trial % 5 == 1) corrupt.insert(position(), std::string(1 + trial % 7, '\x01'));
    if (trial % 5 == 3) corrupt.erase(position(), 1 + trial % 9);
    auto model = FromBytes(corrupt);
    if (!model) continue;
    ++loaded;
    // What loads must predict without crashing.
    PredictScratch scratch;
    std::vector<float> probabilities;
    (*model)->Predict("the striker and the oven", scratch, &probabilities);
  }
  EXPECT_GT(loaded, 0u);  // flips inside the float matrices still load
}

TEST(FastTextModel, WordVectorModelsAreRefused) {
  std::string bytes = ReadBytes(testing::TrainedModelPath());
  // The settings: magic, version, then 12 int32 fields; model (sup = 3) is the 8th.
  std::string vectors = bytes;
  vectors[8 + 7 * 4] = 2;  // skipgram
  auto model = FromBytes(vectors);
  ASSERT_FALSE(model.has_value());
  EXPECT_THAT(model.error().message(), HasSubstr("word-vector model"));
}

TEST(FastTextModel, TrainingErrorsAreStatuses) {
  const std::string path = ::testing::TempDir() + "/empty-train.txt";
  std::ofstream(path) << "";
  auto model = FastTextModel::Train(path, testing::SmallModelOptions(), {});
  ASSERT_FALSE(model.has_value());
  EXPECT_THAT(model.error().message(), HasSubstr("fastText training failed"));
  auto missing = FastTextModel::Train("/nonexistent/train.txt", testing::SmallModelOptions(), {});
  ASSERT_FALSE(missing.has_value());
}

}  // namespace
}  // namespace winnow
