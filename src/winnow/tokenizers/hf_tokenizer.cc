#include "winnow/tokenizers/hf_tokenizer.h"

#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {

// Where ids go. When only counting, ids are tallied and dropped every so often, so counting a
// long text keeps memory flat.
class HfTokenizer::Output {
 public:
  explicit Output(bool count_only) : count_only_(count_only) {}

  std::vector<int32_t>* Ids() { return &ids_; }
  void Append(const std::vector<int32_t>& ids) { ids_.insert(ids_.end(), ids.begin(), ids.end()); }
  void WordDone() {
    if (count_only_ && ids_.size() >= 4096) {
      dropped_ += ids_.size();
      ids_.clear();
    }
  }
  size_t Count() const { return dropped_ + ids_.size(); }
  std::vector<int32_t> TakeIds() { return std::move(ids_); }

 private:
  bool count_only_;
  std::vector<int32_t> ids_;
  size_t dropped_ = 0;
};

std::vector<int32_t> HfTokenizer::Encode(std::string_view text, bool add_special_tokens) const {
  Output output(false);
  Run(text, add_special_tokens, &output);
  return output.TakeIds();
}

size_t HfTokenizer::CountTokens(std::string_view text, bool add_special_tokens) const {
  Output output(true);
  Run(text, add_special_tokens, &output);
  return output.Count();
}

void HfTokenizer::Run(std::string_view input, bool add_special_tokens, Output* output) const {
  std::string valid_copy;
  std::string_view text = ToValidUtf8(input, &valid_copy);
  if (add_special_tokens) output->Append(parts_.special_tokens.prefix);
  std::vector<TextSegment> segments;
  if (parts_.raw_added_tokens.empty()) {
    segments.push_back({0, text.size(), -1});
  } else {
    parts_.raw_added_tokens.Split(text, &segments);
  }
  std::string normalized;
  std::vector<TextSegment> normalized_segments;
  for (const TextSegment& segment : segments) {
    if (segment.id >= 0) {
      output->Ids()->push_back(segment.id);
      continue;
    }
    std::string_view stretch = text.substr(segment.begin, segment.end - segment.begin);
    if (parts_.normalizer != nullptr) {
      parts_.normalizer->Normalize(stretch, &normalized);
      stretch = normalized;
    }
    bool at_text_start = segment.begin == 0;
    if (parts_.normalized_added_tokens.empty()) {
      EncodeStretch(stretch, at_text_start, output);
      continue;
    }
    normalized_segments.clear();
    parts_.normalized_added_tokens.Split(stretch, &normalized_segments);
    for (const TextSegment& inner : normalized_segments) {
      if (inner.id >= 0) {
        output->Ids()->push_back(inner.id);
      } else {
        EncodeStretch(stretch.substr(inner.begin, inner.end - inner.begin),
                      at_text_start && inner.begin == 0, output);
      }
    }
  }
  if (add_special_tokens) output->Append(parts_.special_tokens.suffix);
}

void HfTokenizer::EncodeStretch(std::string_view text, bool at_text_start, Output* output) const {
  if (text.empty()) return;
  if (parts_.pre_tokenizer == nullptr) return EncodeWord(text, output);
  auto encode_word = [&](std::string_view word, bool) { EncodeWord(word, output); };
  parts_.pre_tokenizer->PreTokenize(text, at_text_start, PieceSink(encode_word));
}

void HfTokenizer::EncodeWord(std::string_view word, Output* output) const {
  std::vector<int32_t>* ids = output->Ids();
  if (!cache_.Find(word, ids)) {
    size_t first = ids->size();
    parts_.model->Tokenize(word, ids);
    cache_.Insert(word, ids->data() + first, ids->size() - first);
  }
  output->WordDone();
}

}  // namespace winnow::tokenizers
