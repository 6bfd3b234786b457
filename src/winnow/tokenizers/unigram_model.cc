#include "winnow/tokenizers/unigram_model.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

#include "winnow/tokenizers/piece_trie.h"
#include "winnow/tokenizers/split_pattern.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

constexpr double kUnknownPenalty = 10.0;

class UnigramModel final : public Model {
 public:
  UnigramModel(std::vector<double> scores, Vocab ids, std::optional<int32_t> unk_id,
               bool byte_fallback)
      : scores_(std::move(scores)),
        ids_(std::move(ids)),
        unk_id_(unk_id),
        byte_fallback_(byte_fallback),
        byte_ids_(FindByteFallbackIds(ids_)) {
    for (const auto& [piece, id] : ids_) {
      if (!piece.empty()) trie_.Insert(piece, id);
    }
    min_score_ = std::numeric_limits<double>::infinity();
    for (double score : scores_) min_score_ = std::min(min_score_, score);
  }

  std::string_view type_name() const override { return "Unigram"; }

  void Tokenize(std::string_view word, std::vector<int32_t>* ids) const override {
    std::vector<Node> best = BestPath(word);
    // Backtrack, then emit left to right; runs of unknown nodes fuse into one token.
    std::vector<Span> pieces;
    std::vector<bool> unknown;
    for (size_t end = word.size(); end > 0;) {
      const Node& node = best[end];
      bool is_unknown = node.id == kUnknown;
      if (is_unknown && !unknown.empty() && unknown.back()) {
        pieces.back().begin = node.start;
      } else {
        pieces.push_back({node.start, end});
        unknown.push_back(is_unknown);
      }
      end = node.start;
    }
    for (size_t i = pieces.size(); i-- > 0;) {
      std::string_view text = word.substr(pieces[i].begin, pieces[i].end - pieces[i].begin);
      if (!unknown[i]) {
        ids->push_back(best[pieces[i].end].id);
      } else {
        AppendUnknown(text, ids);
      }
    }
  }

 private:
  static constexpr int32_t kUnknown = -1;
  struct Node {
    double score = 0;
    int32_t id = kUnknown;
    size_t start = 0;
    bool reached = false;
  };

  // best[end] = the best-scoring segmentation of word[0, end) by its last piece.
  std::vector<Node> BestPath(std::string_view word) const {
    std::vector<Node> best(word.size() + 1);
    best[0].reached = true;
    double unknown_score = min_score_ - kUnknownPenalty;
    for (size_t start = 0; start < word.size();) {
      size_t next = start;
      NextCodePoint(word, &next);
      size_t char_length = next - start;
      double base = best[start].score;
      bool has_single_char_piece = false;
      auto offer = [&](size_t end, int32_t id, double score) {
        Node& node = best[end];
        if (!node.reached || base + score > node.score) node = Node{base + score, id, start, true};
      };
      trie_.ForEachPrefix(word.substr(start), [&](size_t length, int32_t id) {
        offer(start + length, id, scores_[id]);
        if (length == char_length) has_single_char_piece = true;
      });
      if (!has_single_char_piece) offer(next, kUnknown, unknown_score);
      start = next;
    }
    return best;
  }

  // A fused run of unknown characters: the piece itself if the vocabulary has it (the library
  // looks every output string up), else byte tokens, else the unknown token.
  void AppendUnknown(std::string_view text, std::vector<int32_t>* ids) const {
    auto found = ids_.find(text);
    if (found != ids_.end()) {
      ids->push_back(found->second);
      return;
    }
    if (byte_fallback_) {
      bool complete = true;
      for (unsigned char byte : text) complete = complete && byte_ids_[byte] >= 0;
      if (complete) {
        for (unsigned char byte : text) ids->push_back(byte_ids_[byte]);
        return;
      }
    }
    if (unk_id_) ids->push_back(*unk_id_);
  }

  std::vector<double> scores_;  // by id
  Vocab ids_;                   // piece -> id; a piece listed twice keeps its last id
  std::optional<int32_t> unk_id_;
  bool byte_fallback_;
  std::vector<int32_t> byte_ids_;
  PieceTrie trie_;
  double min_score_;
};

}  // namespace

Result<std::unique_ptr<Model>> ParseUnigramModel(const JsonObjectReader& model) {
  std::string path = model.FieldPath("vocab");
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::element vocab_json, model.Required("vocab"));
  WINNOW_ASSIGN_OR_RETURN(simdjson::dom::array entries, ExpectArray(vocab_json, path));
  std::vector<double> scores;
  Vocab ids;
  scores.reserve(entries.size());
  for (simdjson::dom::element entry : entries) {
    simdjson::dom::array pair;
    std::string_view piece;
    double score = 0;
    if (entry.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
        pair.at(0).get_string().get(piece) != simdjson::SUCCESS ||
        pair.at(1).get_double().get(score) != simdjson::SUCCESS) {
      return Error(Status::InvalidInput(fmt::format("{}: expected [piece, score], got {}",
                                                    IndexPath(path, scores.size()),
                                                    DescribeJsonValue(entry))));
    }
    if (scores.size() >= static_cast<size_t>(INT32_MAX)) {
      return Error(Status::InvalidInput(path + ": too many pieces"));
    }
    ids.insert_or_assign(std::string(piece), static_cast<int32_t>(scores.size()));
    scores.push_back(score);
  }
  WINNOW_ASSIGN_OR_RETURN(std::optional<int64_t> unk, model.OptionalInt("unk_id"));
  std::optional<int32_t> unk_id;
  if (unk) {
    if (*unk < 0 || static_cast<uint64_t>(*unk) >= scores.size()) {
      return Error(model.FieldError(
          "unk_id", fmt::format("{} is outside the vocabulary (size {})", *unk, scores.size())));
    }
    unk_id = static_cast<int32_t>(*unk);
  }
  WINNOW_ASSIGN_OR_RETURN(bool byte_fallback, model.Bool("byte_fallback", false));
  return std::unique_ptr<Model>(
      std::make_unique<UnigramModel>(std::move(scores), std::move(ids), unk_id, byte_fallback));
}

}  // namespace winnow::tokenizers
