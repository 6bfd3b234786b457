#include "winnow/embed/hashing_embedder.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "winnow/common/hash.h"
#include "winnow/common/utf8.h"
#include "winnow/text/python_chars.h"

namespace winnow {
namespace {

// Features are hashed into a 2^20-bucket space first (signed feature hashing), then each bucket
// is spread over `projection_nonzeros` output coordinates by a fixed random projection.
constexpr int kHashedSpaceBits = 20;
constexpr uint64_t kCharSeed = 0x6368617267726d73ULL;
constexpr uint64_t kWordSeed = 0x776f726473656564ULL;
constexpr uint64_t kBigramSeed = 0x626967726d736564ULL;
constexpr uint64_t kProjectionSeed = 0x70726f6a65637421ULL;
// Layout of a 64-bit feature key: bits 0-23 are dropped (the count's place in the table),
// bit 24 is the group, bit 25 the sign, and the top kHashedSpaceBits the hashed-space bucket.
constexpr uint64_t kCountMask = (uint64_t{1} << 24) - 1;
constexpr int kGroupBit = 24;
constexpr int kSignBit = 25;
constexpr std::string_view kEmptyFeature = "\x01<empty text>";

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

bool IsWordCodePoint(uint32_t cp) { return IsLetterMarkOrNumber(cp); }

bool IsSpaceCodePoint(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP || cp == 0x85;
}

// Per-call working memory, reused across the texts of one Embed call.
struct Scratch {
  std::string text;               // lowercased, whitespace collapsed
  std::vector<uint32_t> offsets;  // byte offset of each code point in `text`, plus the end
  std::vector<uint32_t> words;    // [begin, end) byte offsets of each word, flattened
  // Open addressing with linear probing. A slot packs a feature key's top 40 bits (its
  // identity) with a 24-bit count, so the table is half the size and probes touch one word;
  // 0 marks an empty slot.
  std::vector<uint64_t> slots;
  std::vector<uint32_t> used_slots;
  std::vector<float> group[2];  // 0: character features, 1: word features

  void Normalise(std::string_view input);
  inline void Count(uint64_t key);
  void ClearCounts();
};

// Lowercases, collapses whitespace runs to one space, trims, and records code point and word
// boundaries in one pass.
void Scratch::Normalise(std::string_view input) {
  text.clear();
  offsets.clear();
  words.clear();
  bool pending_space = false;
  bool in_word = false;
  size_t pos = 0;
  while (pos < input.size()) {
    const auto before = static_cast<uint32_t>(text.size());
    uint32_t cp = static_cast<unsigned char>(input[pos]);
    if (cp < 0x80) {
      ++pos;
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    } else {
      cp = DecodeUtf8(input, &pos);
      if (cp == kInvalidCodePoint) cp = 0xFFFD;
      cp = static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    }
    if (IsSpaceCodePoint(cp)) {
      pending_space = !text.empty();
    } else {
      if (pending_space) {
        offsets.push_back(static_cast<uint32_t>(text.size()));
        text.push_back(' ');
        pending_space = false;
      }
      offsets.push_back(static_cast<uint32_t>(text.size()));
      if (cp < 0x80) {
        text.push_back(static_cast<char>(cp));
      } else {
        AppendUtf8(cp, &text);
      }
    }
    bool word_char = IsWordCodePoint(cp);
    if (word_char && !in_word) words.push_back(offsets.back());
    if (!word_char && in_word) words.push_back(before);
    in_word = word_char;
  }
  if (in_word) words.push_back(static_cast<uint32_t>(text.size()));
  offsets.push_back(static_cast<uint32_t>(text.size()));
}

inline void Scratch::Count(uint64_t key) {
  key &= ~kCountMask;
  if (key == 0) key = uint64_t{1} << 40;  // 0 marks an empty slot; bit 40 is not a bucket bit
  const size_t mask = slots.size() - 1;
  size_t slot = (key ^ (key >> 37)) & mask;
  while (slots[slot] != 0 && (slots[slot] & ~kCountMask) != key) slot = (slot + 1) & mask;
  if (slots[slot] == 0) {
    slots[slot] = key;
    used_slots.push_back(static_cast<uint32_t>(slot));
  }
  if ((slots[slot] & kCountMask) != kCountMask) ++slots[slot];
}

void Scratch::ClearCounts() {
  for (uint32_t slot : used_slots) slots[slot] = 0;
  used_slots.clear();
}

size_t NextPowerOfTwo(size_t n) {
  size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

Result<std::unique_ptr<HashingEmbedder>> HashingEmbedder::Create(
    const HashingEmbedderOptions& options) {
  if (options.dimension == 0 || options.dimension > 32768) {
    return Error(Status::InvalidArgument(
        fmt::format("hashing embedder: dimension must be in 1..32768, got {}", options.dimension)));
  }
  bool chars_off = options.char_ngram_min == 0 && options.char_ngram_max == 0;
  if (!chars_off &&
      (options.char_ngram_min == 0 || options.char_ngram_min > options.char_ngram_max)) {
    return Error(Status::InvalidArgument(fmt::format(
        "hashing embedder: char_ngram_min ({}) must be >= 1 and <= char_ngram_max ({}), or both 0",
        options.char_ngram_min, options.char_ngram_max)));
  }
  if (chars_off && !options.word_unigrams && !options.word_bigrams) {
    return Error(Status::InvalidArgument(
        "hashing embedder: every feature is turned off (character n-grams, word unigrams and "
        "bigrams); enable at least one"));
  }
  if (options.projection_nonzeros == 0 || options.projection_nonzeros > options.dimension) {
    return Error(Status::InvalidArgument(
        fmt::format("hashing embedder: projection_nonzeros ({}) must be in 1..dimension ({})",
                    options.projection_nonzeros, options.dimension)));
  }
  if (!(options.word_weight >= 0)) {
    return Error(Status::InvalidArgument("hashing embedder: word_weight must be >= 0"));
  }
  return std::unique_ptr<HashingEmbedder>(new HashingEmbedder(options));
}

HashingEmbedder::HashingEmbedder(const HashingEmbedderOptions& options) : options_(options) {
  const HashingEmbedderOptions defaults;
  bool is_default = options.char_ngram_min == defaults.char_ngram_min &&
                    options.char_ngram_max == defaults.char_ngram_max &&
                    options.word_unigrams == defaults.word_unigrams &&
                    options.word_bigrams == defaults.word_bigrams &&
                    options.word_weight == defaults.word_weight &&
                    options.projection_nonzeros == defaults.projection_nonzeros &&
                    options.seed == defaults.seed;
  name_ = fmt::format("hashing-{}", options.dimension);
  if (!is_default) {
    // Distinct settings give distinct vectors, so they must not share a cache key.
    name_ +=
        fmt::format("-c{}-{}-w{}{}-x{}-p{}-s{}", options.char_ngram_min, options.char_ngram_max,
                    options.word_unigrams ? 1 : 0, options.word_bigrams ? 1 : 0,
                    options.word_weight, options.projection_nonzeros, options.seed);
  }
}

namespace {

// Flips the sign of `value` when `negative` is 1, without a branch (signs are random, so a
// branch would be mispredicted half the time).
inline float WithSign(float value, uint64_t negative) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(value) ^
                              (static_cast<uint32_t>(negative) << 31));
}

// Adds each counted feature, weighted by sublinear TF (1 + log tf), to its group's vector
// through the signed hash and the sparse random projection. Each nonzero of a bucket's
// projection column takes 16 bits of a SplitMix64 draw: 1 sign bit and 15 bits that pick the
// coordinate by multiply-shift (no division).
void Project(const HashingEmbedderOptions& options, Scratch* scratch) {
  const uint64_t dim = options.dimension;
  const float scale = 1.0f / std::sqrt(static_cast<float>(options.projection_nonzeros));
  for (auto& g : scratch->group) g.assign(dim, 0.0f);
  for (uint32_t slot : scratch->used_slots) {
    const uint64_t key = scratch->slots[slot] & ~kCountMask;
    const auto count = static_cast<uint32_t>(scratch->slots[slot] & kCountMask);
    const float weight = count == 1 ? scale : scale * (1.0f + std::log(static_cast<float>(count)));
    const float signed_weight = WithSign(weight, (key >> kSignBit) & 1);
    float* acc = scratch->group[(key >> kGroupBit) & 1].data();
    uint64_t state = (key >> (64 - kHashedSpaceBits)) ^ options.seed ^ kProjectionSeed;
    uint64_t bits = 0;
    for (size_t k = 0; k < options.projection_nonzeros; ++k) {
      if (k % 4 == 0) bits = SplitMix64(&state);
      const uint64_t chunk = (bits >> (16 * (k % 4))) & 0xFFFF;
      acc[((chunk >> 1) * dim) >> 15] += WithSign(signed_weight, chunk & 1);
    }
  }
}

// Feature keys carry their group in kGroupBit (0: character, 1: word).
uint64_t CharKey(uint64_t hash) { return hash & ~(uint64_t{1} << kGroupBit); }
uint64_t WordKey(uint64_t hash) { return hash | (uint64_t{1} << kGroupBit); }

void CountCharNgrams(const HashingEmbedderOptions& options, Scratch* s) {
  if (options.char_ngram_max == 0 || s->text.empty()) return;
  const size_t code_points = s->offsets.size() - 1;
  const uint64_t seed = options.seed ^ kCharSeed;
  if (code_points < options.char_ngram_min) {  // a text shorter than any n-gram is one feature
    s->Count(CharKey(Hash64(s->text, seed)));
    return;
  }
  for (size_t n = options.char_ngram_min; n <= options.char_ngram_max; ++n) {
    for (size_t i = 0; i + n <= code_points; ++i) {
      std::string_view gram(s->text.data() + s->offsets[i], s->offsets[i + n] - s->offsets[i]);
      s->Count(CharKey(Hash64(gram, seed)));
    }
  }
}

void CountWords(const HashingEmbedderOptions& options, Scratch* s) {
  uint64_t previous = 0;
  for (size_t w = 0; w + 1 < s->words.size(); w += 2) {
    std::string_view word(s->text.data() + s->words[w], s->words[w + 1] - s->words[w]);
    const uint64_t hash = Hash64(word, options.seed ^ kWordSeed);
    if (options.word_unigrams) s->Count(WordKey(hash));
    if (options.word_bigrams && w > 0) {
      const uint64_t pair[2] = {previous, hash};
      s->Count(
          WordKey(XXH3_64bits_withSeed_dispatch(pair, sizeof(pair), options.seed ^ kBigramSeed)));
    }
    previous = hash;
  }
}

}  // namespace

Status HashingEmbedder::Embed(std::span<const std::string_view> texts, std::vector<float>* out) {
  const size_t dim = options_.dimension;
  const size_t start = out->size();
  out->resize(start + texts.size() * dim);
  Scratch scratch;
  const size_t char_lengths =
      options_.char_ngram_max == 0 ? 0 : options_.char_ngram_max - options_.char_ngram_min + 1;
  for (size_t t = 0; t < texts.size(); ++t) {
    scratch.Normalise(texts[t]);
    // Load factor at most 1/2; the table only grows, and is cleared slot by slot.
    const size_t max_features = scratch.offsets.size() * char_lengths + scratch.words.size() + 4;
    const size_t capacity = NextPowerOfTwo(2 * max_features);
    if (scratch.slots.size() < capacity) scratch.slots.assign(capacity, 0);
    CountCharNgrams(options_, &scratch);
    CountWords(options_, &scratch);
    if (scratch.used_slots.empty()) {
      scratch.Count(CharKey(Hash64(kEmptyFeature, options_.seed ^ kCharSeed)));
    }
    Project(options_, &scratch);
    scratch.ClearCounts();
    std::span<float> vector(out->data() + start + t * dim, dim);
    L2Normalize(scratch.group[0]);
    L2Normalize(scratch.group[1]);
    for (size_t i = 0; i < dim; ++i) {
      vector[i] = scratch.group[0][i] + options_.word_weight * scratch.group[1][i];
    }
    L2Normalize(vector);
  }
  return Status::OK();
}

}  // namespace winnow
