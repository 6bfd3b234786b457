// SentencePiece's precompiled charsmap as the Hugging Face library applies it (the Precompiled
// normalizer, from the spm_precompiled crate). The blob is a little-endian uint32 trie size, a
// darts-clone double-array trie over UTF-8 byte strings, then a pool of NUL-terminated
// replacements the trie's values point into.
//
// The library's walk is not SentencePiece's own longest-match normaliser: it visits extended
// grapheme clusters; a cluster shorter than 6 bytes is looked up whole, and when a rule matches a
// prefix of it the *shortest* such rule replaces the whole cluster; otherwise each character is
// looked up alone. That is what models converted to tokenizer.json were checked against, so it is
// reproduced here, with ICU's grapheme cluster boundaries.

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstring>
#include <optional>

#include "winnow/common/utf8.h"
#include "winnow/tokenizers/normalizer.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

class PrecompiledNormalizer final : public Normalizer {
 public:
  PrecompiledNormalizer(std::vector<uint32_t> units, std::string pool)
      : units_(std::move(units)), pool_(std::move(pool)) {}

  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    out->reserve(text.size());
    if (IsAscii(text)) {
      // Every ASCII character is its own cluster, except CR LF.
      for (size_t pos = 0; pos < text.size();) {
        size_t length = text.compare(pos, 2, "\r\n") == 0 ? 2 : 1;
        AppendCluster(text.substr(pos, length), out);
        pos += length;
      }
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
    std::unique_ptr<icu::BreakIterator> clusters(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_SUCCESS(status)) clusters->setText(&utext, status);
    if (U_FAILURE(status)) {
      // Without ICU's break data, character by character is the closest safe answer.
      for (size_t pos = 0; pos < text.size();) {
        size_t begin = pos;
        NextCodePoint(text, &pos);
        AppendCluster(text.substr(begin, pos - begin), out);
      }
    } else {
      int32_t begin = clusters->first();
      for (int32_t end = clusters->next(); end != icu::BreakIterator::DONE;
           begin = end, end = clusters->next()) {
        AppendCluster(text.substr(begin, end - begin), out);
      }
    }
    clusters.reset();
    utext_close(&utext);
  }

 private:
  static bool IsAscii(std::string_view text) {
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
  }

  void AppendCluster(std::string_view cluster, std::string* out) const {
    if (cluster.size() < 6) {
      if (std::optional<std::string_view> replacement = Transform(cluster)) {
        out->append(*replacement);
        return;
      }
    }
    for (size_t pos = 0; pos < cluster.size();) {
      size_t begin = pos;
      NextCodePoint(cluster, &pos);
      std::string_view character = cluster.substr(begin, pos - begin);
      std::optional<std::string_view> replacement = Transform(character);
      out->append(replacement ? *replacement : character);
    }
  }

  // The replacement of the shortest rule whose key is a prefix of `chunk`.
  std::optional<std::string_view> Transform(std::string_view chunk) const {
    if (units_.empty()) return std::nullopt;
    size_t pos = Offset(units_[0]);
    for (unsigned char byte : chunk) {
      if (byte == 0) break;
      pos ^= byte;
      if (pos >= units_.size()) return std::nullopt;
      uint32_t unit = units_[pos];
      if (Label(unit) != byte) return std::nullopt;
      pos ^= Offset(unit);
      if (HasLeaf(unit)) {
        if (pos >= units_.size()) return std::nullopt;
        return Replacement(units_[pos] & 0x7FFFFFFFu);
      }
    }
    return std::nullopt;
  }

  std::optional<std::string_view> Replacement(size_t offset) const {
    if (offset >= pool_.size()) return std::nullopt;
    size_t end = pool_.find('\0', offset);
    if (end == std::string::npos) end = pool_.size();
    std::string_view replacement(pool_.data() + offset, end - offset);
    // A value pointing into the middle of a character would produce invalid UTF-8.
    if (!IsValidUtf8(replacement)) return std::nullopt;
    return replacement;
  }

  // darts-clone's unit layout.
  static uint32_t Offset(uint32_t unit) { return (unit >> 10) << ((unit & (1u << 9)) >> 6); }
  static uint32_t Label(uint32_t unit) { return unit & ((1u << 31) | 0xFFu); }
  static bool HasLeaf(uint32_t unit) { return ((unit >> 8) & 1u) != 0; }

  std::vector<uint32_t> units_;
  std::string pool_;
};

}  // namespace

Result<std::unique_ptr<Normalizer>> NewPrecompiledNormalizer(std::string_view charsmap) {
  if (charsmap.size() < 4) {
    return Error(Status::InvalidInput("precompiled_charsmap is shorter than its 4-byte header"));
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(charsmap.data());
  uint32_t trie_size =
      bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (static_cast<uint32_t>(bytes[3]) << 24);
  if (trie_size % 4 != 0 || trie_size > charsmap.size() - 4) {
    return Error(Status::InvalidInput("precompiled_charsmap: trie size " +
                                      std::to_string(trie_size) + " does not fit the " +
                                      std::to_string(charsmap.size()) + "-byte blob"));
  }
  std::vector<uint32_t> units(trie_size / 4);
  for (size_t i = 0; i < units.size(); ++i) {
    const unsigned char* unit = bytes + 4 + 4 * i;
    units[i] = unit[0] | (unit[1] << 8) | (unit[2] << 16) | (static_cast<uint32_t>(unit[3]) << 24);
  }
  std::string pool(charsmap.substr(4 + trie_size));
  if (!IsValidUtf8(pool)) {
    return Error(Status::InvalidInput("precompiled_charsmap: the replacement pool is not UTF-8"));
  }
  return std::unique_ptr<Normalizer>(
      std::make_unique<PrecompiledNormalizer>(std::move(units), std::move(pool)));
}

}  // namespace winnow::tokenizers
