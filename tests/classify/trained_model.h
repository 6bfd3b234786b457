#pragma once

// A small fastText model trained once per test binary on SyntheticTopics, saved to a temporary
// file: what the model, step and evaluation tests classify with.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "classify/synthetic_topics.h"
#include "winnow/classify/fasttext_model.h"
#include "winnow/classify/fasttext_text.h"

namespace winnow::testing {

// Writes rows as a fastText training file; returns its path.
inline std::string WriteTrainingFile(const std::vector<TopicRow>& rows, const std::string& name) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const TopicRow& row : rows) {
    std::string line = std::string(kFastTextLabelPrefix) + row.label + " ";
    AppendFastTextText(row.text, &line);
    out << line << '\n';
  }
  return path;
}

inline FastTextTrainOptions SmallModelOptions() {
  FastTextTrainOptions options;
  options.dim = 16;
  options.epoch = 25;
  options.lr = 0.5;
  return options;
}

// The path of a saved model trained on 150 rows per topic.
inline const std::string& TrainedModelPath() {
  static const std::string path = [] {
    const std::string train = WriteTrainingFile(SyntheticTopics(150), "classify-train.txt");
    auto model = FastTextModel::Train(train, SmallModelOptions(), {});
    EXPECT_TRUE(model.has_value()) << (model ? "" : model.error().message());
    const std::string saved = ::testing::TempDir() + "/classify-topics.bin";
    if (model) {
      Status status = (*model)->Save(saved);
      EXPECT_TRUE(status.ok()) << status.message();
    }
    return saved;
  }();
  return path;
}

inline std::shared_ptr<const FastTextModel> TrainedModel() {
  auto model = FastTextModel::Load(TrainedModelPath());
  EXPECT_TRUE(model.has_value()) << (model ? "" : model.error().message());
  return model ? std::shared_ptr<const FastTextModel>(std::move(*model)) : nullptr;
}

}  // namespace winnow::testing
