#pragma once

// HfTokenizer: the encoding pipeline of a Hugging Face tokenizer.json, in the library's order:
//   1. added tokens with normalized=false are cut out of the raw text;
//   2. each remaining stretch is normalised, and added tokens with normalized=true are cut out;
//   3. the pre-tokenizer splits what is left into words;
//   4. the model turns each word into ids (through a per-thread cache of recent words);
//   5. with add_special_tokens, the post-processor's tokens go around the result.

#include <memory>
#include <string>

#include "winnow/tokenizers/added_tokens.h"
#include "winnow/tokenizers/model.h"
#include "winnow/tokenizers/normalizer.h"
#include "winnow/tokenizers/post_processor.h"
#include "winnow/tokenizers/pre_tokenizer.h"
#include "winnow/tokenizers/tokenizer.h"
#include "winnow/tokenizers/word_cache.h"

namespace winnow::tokenizers {

struct HfTokenizerParts {
  std::unique_ptr<Normalizer> normalizer;       // may be null
  std::unique_ptr<PreTokenizer> pre_tokenizer;  // may be null: the whole stretch is one word
  std::unique_ptr<Model> model;                 // required
  AddedTokenMatcher raw_added_tokens;           // normalized: false
  AddedTokenMatcher normalized_added_tokens;    // normalized: true (patterns normalised)
  SpecialTokenFrame special_tokens;
  std::string name;
};

class HfTokenizer final : public Tokenizer {
 public:
  explicit HfTokenizer(HfTokenizerParts parts) : parts_(std::move(parts)) {}

  std::vector<int32_t> Encode(std::string_view text, bool add_special_tokens) const override;
  size_t CountTokens(std::string_view text, bool add_special_tokens) const override;
  std::string_view name() const override { return parts_.name; }

 private:
  class Output;
  void Run(std::string_view text, bool add_special_tokens, Output* output) const;
  void EncodeStretch(std::string_view text, bool at_text_start, Output* output) const;
  void EncodeWord(std::string_view word, Output* output) const;

  HfTokenizerParts parts_;
  WordCache cache_;
};

}  // namespace winnow::tokenizers
