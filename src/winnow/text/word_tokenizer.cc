#include "winnow/text/word_tokenizer.h"

#include <cstring>

#include "winnow/common/assert.h"
#include "winnow/common/utf8.h"
#include "winnow/text/word_tokenizer_passes.h"

namespace winnow {
namespace {
constexpr uint64_t kHighBits = 0x8080808080808080ull;
}  // namespace

using word_tokenizer_internal::ClassifyNonAscii;
using word_tokenizer_internal::IsSpaceSymbol;
using word_tokenizer_internal::kInsertedSpace;
using word_tokenizer_internal::kRewrittenQuote;
using word_tokenizer_internal::kSymbolTables;
using word_tokenizer_internal::RunNltkPasses;

void WordTokenizer::Tokenize(std::string_view text, std::vector<std::string_view>* tokens) {
  WINNOW_ASSERT(text.size() < kInsertedSpace);
  if (cells_.symbols.size() < text.size()) {
    cells_.symbols.resize(text.size());
    cells_.offsets.resize(text.size());
  }
  uint8_t* symbols = cells_.symbols.data();
  uint32_t* offsets = cells_.offsets.data();
  size_t count = 0;
  uint32_t triggers = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  for (size_t i = 0; i < text.size();) {
    uint64_t block;
    if (i + 8 <= text.size() && (std::memcpy(&block, bytes + i, 8), (block & kHighBits) == 0)) {
      std::memcpy(symbols + count, bytes + i, 8);  // eight ASCII characters at once
      for (size_t k = 0; k < 8; ++k) {
        offsets[count + k] = static_cast<uint32_t>(i + k);
        triggers |= kSymbolTables.triggers[bytes[i + k]];
      }
      count += 8;
      i += 8;
      continue;
    }
    uint8_t symbol = bytes[i];
    size_t start = i;
    if (symbol < 0x80) {
      ++i;
    } else {
      symbol = ClassifyNonAscii(DecodeUtf8(text, &i));
    }
    symbols[count] = symbol;
    offsets[count] = static_cast<uint32_t>(start);
    triggers |= kSymbolTables.triggers[symbol];
    ++count;
  }
  cells_.size = count;

  RunNltkPasses(triggers, &cells_, &scratch_);

  // text.split(): runs of non-space cells. Every rewritten quote was padded with spaces, so it
  // is a run of its own: checking the first and last cell of each run is enough.
  static constexpr std::string_view kRewrittenOpen = "``";
  static constexpr std::string_view kRewrittenClose = "''";
  symbols = cells_.symbols.data();
  offsets = cells_.offsets.data();
  for (size_t i = 0, n = cells_.size; i < n;) {
    if (IsSpaceSymbol(symbols[i])) {
      ++i;
      continue;
    }
    size_t begin = i;
    while (i < n && !IsSpaceSymbol(symbols[i])) ++i;
    if (offsets[begin] == kRewrittenQuote || offsets[i - 1] == kRewrittenQuote) {
      WINNOW_ASSERT(i - begin == 2 && offsets[begin] == kRewrittenQuote &&
                    offsets[begin + 1] == kRewrittenQuote);
      tokens->push_back(symbols[begin] == '`' ? kRewrittenOpen : kRewrittenClose);
      continue;
    }
    size_t end = offsets[i - 1];
    if (symbols[i - 1] < 0x80) {
      ++end;
    } else {
      DecodeUtf8(text, &end);
    }
    tokens->push_back(text.substr(offsets[begin], end - offsets[begin]));
  }
}

}  // namespace winnow
