#include "winnow/classify/fasttext_model.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "winnow/classify/fasttext_model_layout.h"
#include "winnow/classify/fasttext_text.h"
#include "winnow/common/interrupt.h"

namespace winnow {
namespace {

// FastText::checkModel (the magic number and version, which loadModel(std::istream&) relies on
// having been read) is protected.
class CheckedFastText : public fasttext::FastText {
 public:
  bool ReadHeader(std::istream& in) { return checkModel(in); }
};

std::string DescribeException(const std::exception& error) {
  std::string message = error.what();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  return message;
}

bool AllFinite(const fasttext::DenseMatrix& matrix) {
  const fasttext::real* data = matrix.data();
  const int64_t count = matrix.rows() * matrix.cols();
  for (int64_t i = 0; i < count; ++i) {
    if (!std::isfinite(data[i])) return false;
  }
  return true;
}

}  // namespace

struct FastTextModel::Impl {
  CheckedFastText model;
  std::shared_ptr<const fasttext::Dictionary> dictionary;  // fastText hands it out shared
};

FastTextModel::FastTextModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->dictionary = impl_->model.getDictionary();
  const int32_t count = impl_->dictionary->nlabels();
  for (int32_t i = 0; i < count; ++i) {
    std::string label = impl_->dictionary->getLabel(i);
    if (label.starts_with(kFastTextLabelPrefix)) label.erase(0, kFastTextLabelPrefix.size());
    labels_.push_back(std::move(label));
  }
}

FastTextModel::~FastTextModel() = default;

Result<std::unique_ptr<FastTextModel>> FastTextModel::Load(const std::string& path) {
  std::error_code error;
  const uint64_t size = std::filesystem::file_size(path, error);
  if (error) {
    return Error(Status::NotFound(path + ": cannot read the model: " + error.message()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(Status::IoError(path + ": cannot open the model"));
  return Read(in, size, path);
}

Result<std::unique_ptr<FastTextModel>> FastTextModel::Read(std::istream& in, uint64_t size,
                                                           const std::string& name) {
  auto shape = CheckFastTextModelLayout(in, size);
  if (!shape) return Error(shape.error().WithPrefix(name));
  in.clear();
  in.seekg(0);
  auto impl = std::make_unique<Impl>();
  try {
    if (!impl->model.ReadHeader(in)) {
      return Error(Status::InvalidInput(name + ": not a fastText model"));
    }
    impl->model.loadModel(in);
  } catch (const std::exception& e) {
    return Error(
        Status::InvalidInput(name + ": fastText cannot load the model: " + DescribeException(e)));
  }
  if (!in) return Error(Status::IoError(name + ": read error while loading the model"));
  // fastText's predict throws on NaN scores; a damaged weight shows up here, not per record.
  if (!AllFinite(*impl->model.getInputMatrix()) || !AllFinite(*impl->model.getOutputMatrix())) {
    return Error(Status::InvalidInput(name + ": not a usable fastText model: its weights hold " +
                                      "NaN or infinite values"));
  }
  return std::unique_ptr<FastTextModel>(new FastTextModel(std::move(impl)));
}

Result<std::unique_ptr<FastTextModel>> FastTextModel::Train(
    const std::string& train_file, const FastTextTrainOptions& options,
    const std::function<void(double progress)>& on_progress) {
  fasttext::Args args;
  // What `fasttext supervised` sets before parsing flags.
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minn = 0;
  args.maxn = 0;
  args.input = train_file;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dim;
  args.minCount = options.min_count;
  // As fastText's flag parser does: unigrams without subwords hash nothing, so no buckets (which
  // would otherwise add bucket x dim floats to the model).
  args.bucket = options.word_ngrams <= 1 ? 0 : static_cast<int>(options.bucket);
  args.thread = options.threads;
  args.seed = options.seed;
  args.verbose = 0;
  auto impl = std::make_unique<Impl>();
  fasttext::FastText& model = impl->model;
  std::once_flag abort_once;
  auto callback = [&](float progress, float, double, double, int64_t) {
    if (InterruptRequested()) std::call_once(abort_once, [&] { model.abort(); });
    if (on_progress) on_progress(progress);
  };
  try {
    model.train(args, callback);
  } catch (const fasttext::FastText::AbortError&) {
    return Error(Status::Cancelled("interrupted"));
  } catch (const std::exception& e) {
    return Error(Status::InvalidInput("fastText training failed: " + DescribeException(e)));
  }
  return std::unique_ptr<FastTextModel>(new FastTextModel(std::move(impl)));
}

Status FastTextModel::Save(const std::string& path) const {
  // As AtomicOutput names its temporaries: beside the target (rename stays on one file system),
  // unique within the process by a counter that only ever increases.
  static std::atomic<uint64_t> counter{0};
  const std::string temp =
      path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::error_code ignored;
  try {
    impl_->model.saveModel(temp);
  } catch (const std::exception& e) {
    std::filesystem::remove(temp, ignored);
    return Status::IoError(path + ": cannot write the model: " + DescribeException(e));
  }
  // fastText does not check its writes: read the file back (structure and size only) so a full
  // disk fails here instead of leaving a truncated model.
  std::error_code error;
  const uint64_t size = std::filesystem::file_size(temp, error);
  std::ifstream in(temp, std::ios::binary);
  auto shape = error || !in ? Result<FastTextModelShape>(Error(Status::IoError("unreadable")))
                            : CheckFastTextModelLayout(in, size);
  in.close();
  if (!shape) {
    std::filesystem::remove(temp, ignored);
    return Status::IoError(path + ": the model was not written completely (" +
                           shape.error().message() + ")");
  }
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::filesystem::remove(temp, ignored);
    return Status::IoError(path + ": cannot move the model into place: " + error.message());
  }
  return Status::OK();
}

std::optional<size_t> FastTextModel::FindLabel(std::string_view label) const {
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i] == label) return i;
  }
  return std::nullopt;
}

void FastTextModel::Predict(std::string_view text, PredictScratch& scratch,
                            std::vector<float>* probabilities) const {
  probabilities->assign(labels_.size(), 0.0f);
  scratch.line.clear();
  AppendFastTextText(text, &scratch.line);
  // fastText's own predict (the Python binding) ends the line, so the end-of-line token every
  // training line carries is seen here too.
  scratch.line.push_back('\n');
  scratch.stream.clear();
  scratch.stream.str(scratch.line);
  impl_->dictionary->getLine(scratch.stream, scratch.words, scratch.labels);
  scratch.predictions.clear();
  if (scratch.words.empty()) return;
  try {
    impl_->model.predict(fasttext::Model::kUnlimitedPredictions, scratch.words, scratch.predictions,
                         0.0f);
  } catch (const std::exception&) {
    // Finite weights can still overflow to a NaN score ("Encountered NaN."): no prediction.
    return;
  }
  for (const auto& [log_probability, label] : scratch.predictions) {
    if (label >= 0 && static_cast<size_t>(label) < labels_.size()) {
      (*probabilities)[label] = std::exp(log_probability);
    }
  }
}

}  // namespace winnow
