#pragma once

// Byte-pair encoding as the Hugging Face library runs it: a word starts as one symbol per
// character (with `continuing_subword_prefix` on all but the first and `end_of_word_suffix` on the
// last), characters missing from the vocabulary become `<0xNN>` byte tokens (byte_fallback) or the
// unknown token (fused into one with fuse_unk), then the adjacent pair with the lowest merge rank
// is merged, leftmost first, until no pair has a merge. With ignore_merges (Llama-3), a word that
// is itself in the vocabulary is one token without merging.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "winnow/tokenizers/model.h"

namespace winnow::tokenizers {

// The "model" object of a tokenizer.json whose type is BPE.
struct BpeConfig {
  Vocab vocab;
  std::vector<std::pair<std::string, std::string>> merges;  // in rank order
  std::optional<std::string> unk_token;
  std::string continuing_subword_prefix;
  std::string end_of_word_suffix;
  bool fuse_unk = false;
  bool byte_fallback = false;
  bool ignore_merges = false;
};

// Reads vocab, merges (either "a b" strings or ["a", "b"] pairs; "#version" lines skipped) and
// options. `dropout` is accepted and ignored: token counts want the deterministic segmentation.
Result<BpeConfig> ParseBpeConfig(const JsonObjectReader& model);

// True when a byte-level BPE can take raw bytes instead of byte-level characters (see
// BpeModel::Make): every one of the 256 byte characters is in the vocabulary (so no byte is ever
// unknown) and there is no subword prefix or suffix.
bool CanTakeRawBytes(const BpeConfig& config);

class BpeModel;
// Fails when a merge or the unknown token is not in the vocabulary. With `raw_bytes` (requires
// CanTakeRawBytes) the model expects words as raw bytes although its vocabulary is spelled in the
// byte-level alphabet: the ByteLevel pre-tokenizer then skips spelling every piece, and the merges,
// which work on ids, are the same.
Result<std::unique_ptr<Model>> MakeBpeModel(BpeConfig config, bool raw_bytes);

}  // namespace winnow::tokenizers
