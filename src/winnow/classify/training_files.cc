#include "winnow/classify/training_files.h"

#include <fstream>
#include <unordered_map>

#include "winnow/classify/fasttext_text.h"

namespace winnow {

Result<std::vector<LabelRows>> WriteSplitFiles(const std::string& all_path,
                                               const std::vector<bool>& held_out,
                                               const std::vector<uint32_t>& row_labels,
                                               const std::vector<std::string>& labels,
                                               const std::string& train_path,
                                               const std::string& valid_path) {
  std::ifstream all(all_path, std::ios::binary);
  std::ofstream train(train_path, std::ios::binary | std::ios::trunc);
  std::ofstream valid(valid_path, std::ios::binary | std::ios::trunc);
  if (!all || !train || !valid) {
    return Error(
        Status::IoError("cannot open the training files in the work folder (" + train_path + ")"));
  }
  std::vector<LabelRows> rows(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) rows[i].label = labels[i];
  std::string line;
  size_t row = 0;
  while (std::getline(all, line)) {
    if (row >= held_out.size()) return Error(Status::Internal("more training lines than rows"));
    line += '\n';
    if (held_out[row]) {
      valid.write(line.data(), static_cast<std::streamsize>(line.size()));
      ++rows[row_labels[row]].valid;
    } else {
      train.write(line.data(), static_cast<std::streamsize>(line.size()));
      ++rows[row_labels[row]].train;
    }
    ++row;
  }
  train.close();
  valid.close();
  if (all.bad() || !train || !valid || row != held_out.size()) {
    return Error(
        Status::IoError("cannot write the training files (" + train_path + "): is the disk full?"));
  }
  return rows;
}

Result<Evaluation> EvaluateOnFile(const FastTextModel& model, const std::string& valid_path,
                                  const std::vector<std::string>& labels) {
  std::ifstream valid(valid_path, std::ios::binary);
  if (!valid) return Error(Status::IoError("cannot read " + valid_path));
  std::unordered_map<std::string, size_t> number;
  for (size_t i = 0; i < labels.size(); ++i) number.emplace(labels[i], i);
  // The model's label indexes, as data label numbers.
  std::vector<int> model_to_data;
  for (const std::string& label : model.labels()) {
    auto found = number.find(label);
    model_to_data.push_back(found == number.end() ? -1 : static_cast<int>(found->second));
  }
  ConfusionCounter counter(labels);
  PredictScratch scratch;
  std::vector<float> probabilities;
  std::string line;
  while (std::getline(valid, line)) {
    const size_t space = line.find(' ');
    const std::string_view token = std::string_view(line).substr(0, space);
    auto truth = number.find(std::string(token.substr(kFastTextLabelPrefix.size())));
    if (!token.starts_with(kFastTextLabelPrefix) || truth == number.end()) {
      return Error(Status::Internal(valid_path + ": a line without a known label"));
    }
    const std::string_view text =
        space == std::string::npos ? std::string_view() : std::string_view(line).substr(space + 1);
    model.Predict(text, scratch, &probabilities);
    int best = -1;
    for (size_t i = 0; i < probabilities.size(); ++i) {
      if (probabilities[i] > 0 && (best < 0 || probabilities[i] > probabilities[best])) {
        best = static_cast<int>(i);
      }
    }
    counter.Add(truth->second, best < 0 ? -1 : model_to_data[best]);
  }
  if (valid.bad()) return Error(Status::IoError("cannot read " + valid_path));
  return counter.Finish();
}

}  // namespace winnow
