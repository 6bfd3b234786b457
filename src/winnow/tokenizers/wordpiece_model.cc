#include "winnow/tokenizers/wordpiece_model.h"

#include <fmt/format.h>

#include "winnow/common/utf8.h"

namespace winnow::tokenizers {
namespace {

class WordPieceModel final : public Model {
 public:
  WordPieceModel(Vocab vocab, int32_t unk_id, std::string prefix, size_t max_chars)
      : vocab_(std::move(vocab)),
        unk_id_(unk_id),
        prefix_(std::move(prefix)),
        max_chars_(max_chars) {}

  std::string_view type_name() const override { return "WordPiece"; }

  void Tokenize(std::string_view word, std::vector<int32_t>* ids) const override {
    if (CountCodePoints(word) > max_chars_) {
      ids->push_back(unk_id_);
      return;
    }
    size_t first = ids->size();
    std::string candidate;
    for (size_t start = 0; start < word.size();) {
      size_t end = word.size();
      int32_t found = -1;
      while (start < end) {
        candidate.clear();
        if (start > 0) candidate.append(prefix_);
        candidate.append(word.substr(start, end - start));
        auto entry = vocab_.find(candidate);
        if (entry != vocab_.end()) {
          found = entry->second;
          break;
        }
        // Drop the last character, not the last byte.
        do {
          --end;
        } while (end > start && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
      }
      if (found < 0) {
        ids->resize(first);
        ids->push_back(unk_id_);
        return;
      }
      ids->push_back(found);
      start = end;
    }
  }

 private:
  Vocab vocab_;
  int32_t unk_id_;
  std::string prefix_;
  size_t max_chars_;
};

}  // namespace

Result<std::unique_ptr<Model>> ParseWordPieceModel(const JsonObjectReader& model) {
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element vocab_json, model.Required("vocab"));
  WINNOW_ASSIGN_OR_RETURN(Vocab vocab, ParseVocabObject(vocab_json, model.FieldPath("vocab")));
  WINNOW_ASSIGN_OR_RETURN(auto unk_token, model.OptionalString("unk_token"));
  std::string unk(unk_token.value_or("[UNK]"));
  auto unk_entry = vocab.find(unk);
  if (unk_entry == vocab.end()) {
    return Error(
        model.FieldError("unk_token", fmt::format("\"{}\" is not in the vocabulary", unk)));
  }
  WINNOW_ASSIGN_OR_RETURN(auto prefix, model.OptionalString("continuing_subword_prefix"));
  WINNOW_ASSIGN_OR_RETURN(uint64_t max_chars, model.Uint("max_input_chars_per_word", 100));
  int32_t unk_id = unk_entry->second;
  return std::unique_ptr<Model>(std::make_unique<WordPieceModel>(
      std::move(vocab), unk_id, std::string(prefix.value_or("##")), max_chars));
}

}  // namespace winnow::tokenizers
