// SentencePiece .model files through libsentencepiece (the winnow::LoadSentencePieceModel entry
// point). The library does all the work; this adapts it to Tokenizer and turns its errors (and
// any exception from its protobuf parsing) into Status.

#include <fmt/format.h>
#include <sentencepiece_processor.h>

#include <exception>

#include "winnow/tokenizers/tokenizer.h"

namespace winnow {
namespace {

// SentencePieceProcessor's Encode is const and thread-safe once loaded.
class SentencePieceTokenizer final : public Tokenizer {
 public:
  explicit SentencePieceTokenizer(std::unique_ptr<sentencepiece::SentencePieceProcessor> processor)
      : processor_(std::move(processor)) {}

  // add_special_tokens adds what the usual Hugging Face wrappers of a bare .model add: the BOS
  // piece when the model has one (Llama, Gemma), else the EOS piece (T5).
  std::vector<int32_t> Encode(std::string_view text, bool add_special_tokens) const override {
    std::vector<int> pieces;
    // Encode fails only on an unloaded model, which Load rules out.
    (void)processor_->Encode(absl::string_view(text.data(), text.size()), &pieces);
    std::vector<int32_t> ids;
    ids.reserve(pieces.size() + 1);
    bool bos = add_special_tokens && processor_->bos_id() >= 0;
    bool eos = add_special_tokens && !bos && processor_->eos_id() >= 0;
    if (bos) ids.push_back(processor_->bos_id());
    ids.insert(ids.end(), pieces.begin(), pieces.end());
    if (eos) ids.push_back(processor_->eos_id());
    return ids;
  }

  std::string_view name() const override { return "SentencePiece .model"; }

 private:
  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
};

}  // namespace

Result<std::unique_ptr<Tokenizer>> LoadSentencePieceModel(std::string_view model,
                                                          const std::string& origin) {
  auto processor = std::make_unique<sentencepiece::SentencePieceProcessor>();
  std::string message;
  try {
    sentencepiece::util::Status status =
        processor->LoadFromSerializedProto(absl::string_view(model.data(), model.size()));
    if (status.ok()) {
      return std::unique_ptr<Tokenizer>(
          std::make_unique<SentencePieceTokenizer>(std::move(processor)));
    }
    message = status.ToString();
  } catch (const std::exception& e) {
    message = e.what();
  }
  return Error(Status::InvalidInput(
      fmt::format("{}: not a valid SentencePiece model ({})", origin, message)));
}

}  // namespace winnow
