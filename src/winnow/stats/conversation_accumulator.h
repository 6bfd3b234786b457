#pragma once

// ConversationAccumulator: statistics of one message-list column (OpenAI {role, content} or
// ShareGPT {from, value}): turns, roles, characters per role, the final turn, alternation, and
// conversations that end in short filler ("thank you" / "you're welcome").

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/record/record.h"
#include "winnow/stats/column_accumulator.h"
#include "winnow/stats/profile.h"
#include "winnow/stats/summary.h"

namespace winnow {

// True when `text` is a short closing pleasantry: at most 80 characters and, lowercased and
// stripped of punctuation, it is or starts with a phrase such as "thanks", "thank you",
// "you're welcome", "ok", "great", "bye", "glad i could help".
bool IsFillerTurn(std::string_view text);

class ConversationAccumulator {
 public:
  static constexpr size_t kExamples = 3;
  explicit ConversationAccumulator(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  void Add(simdjson::dom::array messages, const RecordOrigin& origin);
  void Merge(const ConversationAccumulator& other);
  ConversationProfile Finish() const;

 private:
  struct Example {
    uint64_t row;
    RowRef ref;
  };
  std::string path_;
  uint64_t conversations_ = 0;
  IntegerAccumulator turns_;
  std::map<std::string, uint64_t, std::less<>> role_messages_;
  std::map<std::string, IntegerAccumulator, std::less<>> role_chars_;
  IntegerAccumulator last_turn_chars_;
  std::map<std::string, uint64_t, std::less<>> first_roles_;
  std::map<std::string, uint64_t, std::less<>> last_roles_;
  uint64_t with_system_ = 0;
  uint64_t not_alternating_ = 0;
  uint64_t empty_messages_ = 0;
  uint64_t filler_endings_ = 0;
  std::vector<Example> filler_examples_;  // earliest rows first
  bool role_content_ = false;
  bool from_value_ = false;
};

}  // namespace winnow
