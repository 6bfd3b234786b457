#pragma once

// ProfileWorker: one worker's share of `inspect` — column accumulators keyed by path, conversation
// accumulators, and duplicate counters. Not thread-safe; one per worker thread.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "winnow/record/record.h"
#include "winnow/stats/column_accumulator.h"
#include "winnow/stats/conversation_accumulator.h"
#include "winnow/stats/hash_counter.h"
#include "winnow/stats/profile_step.h"

namespace winnow {

class ProfileWorker {
 public:
  explicit ProfileWorker(const ProfileOptions& options) : options_(options) {}

  void Add(const Record& record);
  void Merge(ProfileWorker& other);
  void FinishInto(DatasetProfile* profile) const;

 private:
  // Duplicate groups remember a snippet of their text (taken at the second sighting).
  struct DuplicateTracker {
    HashCounter counter;
    std::unordered_map<uint64_t, RowRef> examples;  // hash -> example, for repeated values
    void Add(uint64_t hash, std::string_view text, const RecordOrigin& origin);
    void Merge(DuplicateTracker& other);
    DuplicateProfile Finish(std::string what) const;
  };

  ColumnAccumulator& Column(std::string_view path, uint64_t row);
  void AddValue(std::string_view path, simdjson::dom::element value, const RecordOrigin& origin,
                size_t depth);
  void AddPromptKey(const Record& record);

  ProfileOptions options_;
  uint64_t rows_ = 0;
  std::vector<std::unique_ptr<ColumnAccumulator>> columns_;
  std::unordered_map<std::string, size_t, StringViewHash, std::equal_to<>> column_index_;
  std::vector<std::unique_ptr<ConversationAccumulator>> conversations_;
  std::unordered_map<std::string, size_t, StringViewHash, std::equal_to<>> conversation_index_;
  DuplicateTracker record_duplicates_;
  DuplicateTracker prompt_duplicates_;
  std::string prompt_what_;  // describes the prompt key the first record used
  std::string scratch_;
  std::string path_scratch_;
};

}  // namespace winnow
