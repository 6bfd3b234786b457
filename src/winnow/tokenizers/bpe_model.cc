#include "winnow/tokenizers/bpe_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "winnow/tokenizers/byte_level.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

// The byte-level character that stands for `byte`, as UTF-8.
std::string ByteLevelSpelling(int byte) {
  char raw = static_cast<char>(byte);
  std::string spelling;
  AppendByteLevel(std::string_view(&raw, 1), &spelling);
  return spelling;
}

// (left id, right id) -> (rank, merged id), open addressing with linear probing: the merge loop
// looks pairs up many times per word, and a flat table beats std::unordered_map's node chasing.
class MergeTable {
 public:
  struct Merge {
    uint32_t rank;
    int32_t merged_id;
  };

  explicit MergeTable(size_t count) {
    size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    slots_.assign(capacity, Slot{kEmpty, {0, 0}});
    mask_ = capacity - 1;
  }

  // A pair listed twice keeps its later rank, as the library's HashMap collect does.
  void Insert(int32_t left, int32_t right, Merge merge) {
    uint64_t key = Key(left, right);
    for (size_t i = Hash(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == kEmpty || slots_[i].key == key) {
        slots_[i] = Slot{key, merge};
        return;
      }
    }
  }

  const Merge* Find(int32_t left, int32_t right) const {
    uint64_t key = Key(left, right);
    for (size_t i = Hash(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].merge;
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // ids are < 2^31, so no pair has this key
  struct Slot {
    uint64_t key;
    Merge merge;
  };
  static uint64_t Key(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) |
           static_cast<uint32_t>(right);
  }
  size_t Hash(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask_;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

class BpeModelImpl final : public Model {
 public:
  BpeModelImpl(BpeConfig config, MergeTable merges, std::optional<int32_t> unk_id, bool raw_bytes)
      : config_(std::move(config)),
        merges_(std::move(merges)),
        unk_id_(unk_id),
        raw_bytes_(raw_bytes),
        byte_fallback_ids_(FindByteFallbackIds(config_.vocab)) {
    if (raw_bytes_) BuildRawBytes();
  }

  std::string_view type_name() const override { return "BPE"; }

  void Tokenize(std::string_view word, std::vector<int32_t>* ids) const override {
    if (config_.ignore_merges) {
      const Vocab& vocab = raw_bytes_ ? raw_vocab_ : config_.vocab;
      auto found = vocab.find(word);
      if (found != vocab.end()) {
        ids->push_back(found->second);
        return;
      }
    }
    size_t first = ids->size();
    if (raw_bytes_) {
      for (unsigned char byte : word) ids->push_back(raw_byte_ids_[byte]);
    } else {
      AppendCharacterSymbols(word, ids);
    }
    ApplyMerges(ids, first);
  }

 private:
  void BuildRawBytes() {
    std::string raw;
    for (const auto& [token, id] : config_.vocab) {
      if (DecodeByteLevel(token, &raw)) raw_vocab_.insert_or_assign(raw, id);
    }
    for (int byte = 0; byte < 256; ++byte) {
      // CanTakeRawBytes checked that every byte's character is there.
      raw_byte_ids_[byte] = config_.vocab.find(ByteLevelSpelling(byte))->second;
    }
  }

  // The library's BPE::merge_word, up to the merging.
  void AppendCharacterSymbols(std::string_view word, std::vector<int32_t>* ids) const {
    std::optional<int32_t> pending_unk;
    std::string symbol;
    for (size_t pos = 0; pos < word.size();) {
      size_t begin = pos;
      NextCodePoint(word, &pos);
      symbol.clear();
      if (begin > 0) symbol.append(config_.continuing_subword_prefix);
      symbol.append(word.substr(begin, pos - begin));
      if (pos == word.size()) symbol.append(config_.end_of_word_suffix);
      auto found = config_.vocab.find(symbol);
      if (found != config_.vocab.end()) {
        if (pending_unk) ids->push_back(*pending_unk);
        pending_unk.reset();
        ids->push_back(found->second);
        continue;
      }
      // As in the library, byte tokens go out before an unknown token still pending.
      if (config_.byte_fallback && AppendByteFallback(symbol, ids)) continue;
      if (!unk_id_) continue;
      if (pending_unk && !config_.fuse_unk) ids->push_back(*pending_unk);
      pending_unk = unk_id_;
    }
    if (pending_unk) ids->push_back(*pending_unk);
  }

  bool AppendByteFallback(std::string_view symbol, std::vector<int32_t>* ids) const {
    for (unsigned char byte : symbol) {
      if (byte_fallback_ids_[byte] < 0) return false;
    }
    for (unsigned char byte : symbol) ids->push_back(byte_fallback_ids_[byte]);
    return true;
  }

  // Merges the symbols in (*ids)[first..] in place: repeatedly the adjacent pair with the lowest
  // rank, leftmost on ties (the library's priority queue ordered by rank, then position).
  void ApplyMerges(std::vector<int32_t>* ids, size_t first) const {
    size_t count = ids->size() - first;
    if (count < 2) return;
    int32_t* symbols = ids->data() + first;
    if (count <= kShortWord) {
      MergeShortWord(symbols, count);
    } else {
      MergeLongWord(symbols, count);
    }
    auto end = std::remove(ids->begin() + static_cast<ptrdiff_t>(first), ids->end(), kRemoved);
    ids->erase(end, ids->end());
  }

  static constexpr size_t kShortWord = 64;
  static constexpr int32_t kRemoved = -1;
  static constexpr uint32_t kNoMerge = UINT32_MAX;

  // Most words are short: keep each live pair's rank in an array and scan it for the minimum.
  // Only the two pairs around a merge are looked up again, and nothing is allocated.
  void MergeShortWord(int32_t* symbols, size_t count) const {
    std::array<uint32_t, kShortWord> rank;
    std::array<int32_t, kShortWord> merged;
    std::array<int16_t, kShortWord> next;
    std::array<int16_t, kShortWord> prev;
    auto look_up = [&](int pos) {
      rank[pos] = kNoMerge;
      if (next[pos] < 0) return;
      if (const MergeTable::Merge* merge = merges_.Find(symbols[pos], symbols[next[pos]])) {
        rank[pos] = merge->rank;
        merged[pos] = merge->merged_id;
      }
    };
    for (size_t i = 0; i < count; ++i) {
      next[i] = static_cast<int16_t>(i + 1 < count ? i + 1 : -1);
      prev[i] = static_cast<int16_t>(static_cast<int>(i) - 1);
    }
    for (size_t i = 0; i < count; ++i) look_up(static_cast<int>(i));
    for (;;) {
      int best = -1;
      for (int pos = 0; pos >= 0; pos = next[pos]) {
        if (rank[pos] != kNoMerge && (best < 0 || rank[pos] < rank[best])) best = pos;
      }
      if (best < 0) return;
      int right = next[best];
      symbols[best] = merged[best];
      symbols[right] = kRemoved;
      next[best] = next[right];
      if (next[right] >= 0) prev[next[right]] = static_cast<int16_t>(best);
      look_up(best);
      if (prev[best] >= 0) look_up(prev[best]);
    }
  }

  // Long words (runs of one character no regex splits) use the library's priority queue, which
  // stays O(n log n).
  void MergeLongWord(int32_t* symbols, size_t count) const {
    std::vector<int32_t> next(count);
    std::vector<int32_t> prev(count);
    for (size_t i = 0; i < count; ++i) {
      next[i] = i + 1 < count ? static_cast<int32_t>(i + 1) : -1;
      prev[i] = static_cast<int32_t>(i) - 1;
    }
    struct Candidate {
      uint32_t rank;
      int32_t pos;
      int32_t merged_id;
      bool operator>(const Candidate& other) const {
        return rank != other.rank ? rank > other.rank : pos > other.pos;
      }
    };
    std::vector<Candidate> heap;
    auto push = [&](int32_t pos) {
      if (pos < 0 || next[pos] < 0) return;
      if (const MergeTable::Merge* merge = merges_.Find(symbols[pos], symbols[next[pos]])) {
        heap.push_back({merge->rank, pos, merge->merged_id});
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
      }
    };
    for (size_t i = 0; i + 1 < count; ++i) push(static_cast<int32_t>(i));
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      Candidate top = heap.back();
      heap.pop_back();
      int32_t right = next[top.pos];
      if (symbols[top.pos] == kRemoved || right < 0) continue;
      const MergeTable::Merge* merge = merges_.Find(symbols[top.pos], symbols[right]);
      if (merge == nullptr || merge->merged_id != top.merged_id) continue;  // stale entry
      symbols[top.pos] = top.merged_id;
      symbols[right] = kRemoved;
      next[top.pos] = next[right];
      if (next[right] >= 0) prev[next[right]] = top.pos;
      push(prev[top.pos]);
      push(top.pos);
    }
  }

  BpeConfig config_;
  MergeTable merges_;
  std::optional<int32_t> unk_id_;
  bool raw_bytes_;
  std::vector<int32_t> byte_fallback_ids_;
  Vocab raw_vocab_;                          // raw-bytes spelling -> id (raw_bytes_ only)
  std::array<int32_t, 256> raw_byte_ids_{};  // id of each byte's character (raw_bytes_ only)
};

Result<std::pair<std::string, std::string>> ParseMerge(simdjson::dom::element element,
                                                       const std::string& path) {
  std::string_view line;
  if (element.get_string().get(line) == simdjson::SUCCESS) {
    size_t space = line.find(' ');
    if (space == std::string_view::npos || line.find(' ', space + 1) != std::string_view::npos) {
      return Error(Status::InvalidInput(
          fmt::format("{}: \"{}\" is not two tokens separated by one space", path, line)));
    }
    return std::make_pair(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
  }
  simdjson::dom::array pair;
  std::string_view left;
  std::string_view right;
  if (element.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
      pair.at(0).get_string().get(left) != simdjson::SUCCESS ||
      pair.at(1).get_string().get(right) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(
        fmt::format("{}: expected \"left right\" or [\"left\", \"right\"], got {}", path,
                    DescribeJsonValue(element))));
  }
  return std::make_pair(std::string(left), std::string(right));
}

}  // namespace

Result<BpeConfig> ParseBpeConfig(const JsonObjectReader& model) {
  BpeConfig config;
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element vocab, model.Required("vocab"));
  WINNOW_ASSIGN_OR_RETURN(config.vocab, ParseVocabObject(vocab, model.FieldPath("vocab")));
  if (std::optional<simdjson::dom::element> merges = model.Find("merges")) {
    std::string path = model.FieldPath("merges");
    WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array list, ExpectArray(*merges, path));
    config.merges.reserve(list.size());
    size_t index = 0;
    for (simdjson::dom::element element : list) {
      std::string_view line;
      bool version_line =
          element.get_string().get(line) == simdjson::SUCCESS && line.starts_with("#version");
      if (!version_line) {
        WINNOW_ASSIGN_OR_RETURN(auto merge, ParseMerge(element, IndexPath(path, index)));
        config.merges.push_back(std::move(merge));
      }
      ++index;
    }
  }
  WINNOW_ASSIGN_OR_RETURN(auto unk_token, model.OptionalString("unk_token"));
  if (unk_token) config.unk_token = std::string(*unk_token);
  WINNOW_ASSIGN_OR_RETURN(auto prefix, model.OptionalString("continuing_subword_prefix"));
  config.continuing_subword_prefix = std::string(prefix.value_or(""));
  WINNOW_ASSIGN_OR_RETURN(auto suffix, model.OptionalString("end_of_word_suffix"));
  config.end_of_word_suffix = std::string(suffix.value_or(""));
  WINNOW_ASSIGN_OR_RETURN(config.fuse_unk, model.Bool("fuse_unk", false));
  WINNOW_ASSIGN_OR_RETURN(config.byte_fallback, model.Bool("byte_fallback", false));
  WINNOW_ASSIGN_OR_RETURN(config.ignore_merges, model.Bool("ignore_merges", false));
  return config;
}

bool CanTakeRawBytes(const BpeConfig& config) {
  if (!config.continuing_subword_prefix.empty() || !config.end_of_word_suffix.empty()) {
    return false;
  }
  for (int byte = 0; byte < 256; ++byte) {
    if (!config.vocab.contains(ByteLevelSpelling(byte))) return false;
  }
  return true;
}

Result<std::unique_ptr<Model>> MakeBpeModel(BpeConfig config, bool raw_bytes) {
  std::optional<int32_t> unk_id;
  if (config.unk_token) {
    auto found = config.vocab.find(*config.unk_token);
    if (found == config.vocab.end()) {
      return Error(Status::InvalidInput(
          fmt::format("model.unk_token \"{}\" is not in model.vocab", *config.unk_token)));
    }
    unk_id = found->second;
  }
  MergeTable table(config.merges.size());
  size_t prefix_length = config.continuing_subword_prefix.size();
  std::string merged;
  for (size_t rank = 0; rank < config.merges.size(); ++rank) {
    const auto& [left, right] = config.merges[rank];
    // The merged token drops the right part's continuing_subword_prefix ("a" + "##b" -> "ab").
    std::string_view right_rest = right;
    if (prefix_length > 0 && right_rest.starts_with(config.continuing_subword_prefix)) {
      right_rest.remove_prefix(prefix_length);
    }
    merged.assign(left).append(right_rest);
    for (std::string_view part :
         {std::string_view(left), std::string_view(right), std::string_view(merged)}) {
      if (!config.vocab.contains(part)) {
        return Error(Status::InvalidInput(
            fmt::format("model.merges[{}]: token \"{}\" is not in model.vocab", rank, part)));
      }
    }
    auto left_id = config.vocab.find(left);
    auto right_id = config.vocab.find(right);
    auto merged_id = config.vocab.find(merged);
    table.Insert(left_id->second, right_id->second,
                 {static_cast<uint32_t>(rank), merged_id->second});
  }
  // The table holds the merges from here on; the strings would only take memory.
  config.merges = {};
  return std::unique_ptr<Model>(
      std::make_unique<BpeModelImpl>(std::move(config), std::move(table), unk_id, raw_bytes));
}

}  // namespace winnow::tokenizers
