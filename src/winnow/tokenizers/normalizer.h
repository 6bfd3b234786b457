#pragma once

// Normalizer: rewrites text before it is cut into words, as the Hugging Face library's normalizers
// do (Unicode forms, lowercasing, accent stripping, BERT's cleaning, SentencePiece's charsmap...).
// Only the normalised text matters for token ids, so no alignment with the original is kept.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/tokenizers/split_pattern.h"

namespace winnow::tokenizers {

// Immutable and thread-safe.
class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // Writes the normalised form of `text` (valid UTF-8) to *out, replacing its contents; the result
  // is valid UTF-8. `out` must not alias `text`.
  virtual void Normalize(std::string_view text, std::string* out) const = 0;
};

enum class UnicodeForm { kNfc, kNfd, kNfkc, kNfkd };

std::unique_ptr<Normalizer> NewUnicodeNormalizer(UnicodeForm form);
std::unique_ptr<Normalizer> NewLowercaseNormalizer();
// Drops combining marks (General_Category M*); meant to follow NFD or NFKD.
std::unique_ptr<Normalizer> NewStripAccentsNormalizer();
// Strips whitespace (White_Space) from the left and/or right end.
std::unique_ptr<Normalizer> NewStripNormalizer(bool left, bool right);
// Replaces every match of `pattern` with `content`.
std::unique_ptr<Normalizer> NewReplaceNormalizer(std::unique_ptr<SplitPattern> pattern,
                                                 std::string content);
// Prepends `prefix` to non-empty text.
std::unique_ptr<Normalizer> NewPrependNormalizer(std::string prefix);

struct BertNormalizerOptions {
  bool clean_text = true;            // drop controls and U+FFFD, every whitespace becomes ' '
  bool handle_chinese_chars = true;  // put spaces around CJK ideographs
  bool strip_accents = true;         // NFD, then drop nonspacing marks (Mn)
  bool lowercase = true;
};
std::unique_ptr<Normalizer> NewBertNormalizer(BertNormalizerOptions options);

std::unique_ptr<Normalizer> NewSequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps);

// SentencePiece's precompiled charsmap (the decoded bytes of tokenizer.json's base64
// `precompiled_charsmap`). InvalidInput when the blob is malformed.
Result<std::unique_ptr<Normalizer>> NewPrecompiledNormalizer(std::string_view charsmap);

}  // namespace winnow::tokenizers
