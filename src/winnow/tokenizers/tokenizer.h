#pragma once

// Tokenizer: token ids and counts with a model's real tokenizer, for length bounds in tokens and
// text descriptives. Two kinds load behind one interface:
//   - a Hugging Face tokenizer.json (BPE incl. byte-level BPE, WordPiece, Unigram, with their
//     normalizers, pre-tokenizers, added tokens and post-processor), reimplemented here to give
//     the ids the `tokenizers` library gives;
//   - a SentencePiece .model file, run by libsentencepiece itself.
//
// Token counts are of the whole text: tokenizer.json's "truncation" and "padding" settings (which
// would cut or pad what the library's encode returns) are deliberately not applied, and the
// decoder is not needed to encode. Every other component is either implemented or refused at load
// with an error naming it; none is skipped silently.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/io/file_system.h"

namespace winnow {

// Immutable after loading; Encode and CountTokens may be called from any number of threads at
// once. (Word caches are per thread; see tokenizers/word_cache.h.)
class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // The token ids of `text`. Invalid UTF-8 bytes are read as U+FFFD. With `add_special_tokens`,
  // the ids the model's post-processor puts around a single text are added ([CLS] ... [SEP],
  // <|begin_of_text|> ..., <s> ...). Special tokens written in the text (<|im_start|>) are always
  // recognised, as the library does.
  virtual std::vector<int32_t> Encode(std::string_view text, bool add_special_tokens) const = 0;

  // Encode(text, add_special_tokens).size(), without keeping the ids.
  virtual size_t CountTokens(std::string_view text, bool add_special_tokens) const;

  // What was loaded: "tokenizer.json (BPE, byte-level)", "tokenizer.json (WordPiece)",
  // "SentencePiece .model"...
  virtual std::string_view name() const = 0;
};

// Loads a tokenizer from `path`: a tokenizer.json, a SentencePiece .model, or a directory holding
// either (tokenizer.json preferred). Other files are told apart by content (JSON starts with '{').
// Errors name the file and what is wrong with it, e.g.
//   model/tokenizer.json: model.type 'WordLevel' is not supported (supported: BPE, WordPiece,
//   Unigram)
Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& path, FileSystem& fs);
// The same on the local file system.
Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& path);

// From the bytes of a tokenizer.json; `origin` (a file name) prefixes error messages.
Result<std::unique_ptr<Tokenizer>> LoadTokenizerJson(std::string_view json,
                                                     const std::string& origin);
// From the bytes of a SentencePiece .model file.
Result<std::unique_ptr<Tokenizer>> LoadSentencePieceModel(std::string_view model,
                                                          const std::string& origin);

}  // namespace winnow
