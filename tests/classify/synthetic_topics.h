#pragma once

// A labelled data set a classifier must get right: sentences about cooking or about football,
// drawn from disjoint vocabularies (plus shared filler words) by a seeded generator, so every run
// of a test sees the same rows.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace winnow::testing {

struct TopicRow {
  std::string label;  // "cooking" or "football"
  std::string text;
};

inline std::vector<TopicRow> SyntheticTopics(size_t rows_per_topic, uint64_t seed = 7) {
  const std::vector<std::string> cooking = {
      "oven",   "flour",  "butter",  "simmer", "garlic", "recipe", "bake", "sauce",
      "onion",  "pepper", "boil",    "pan",    "whisk",  "dough",  "salt", "roast",
      "tomato", "cheese", "kitchen", "spoon",  "knead",  "stew",   "fry",  "herbs"};
  const std::vector<std::string> football = {
      "goal",   "striker",  "referee", "penalty", "match",   "league",  "keeper", "pitch",
      "coach",  "defender", "offside", "corner",  "stadium", "fans",    "score",  "midfield",
      "tackle", "transfer", "season",  "kick",    "header",  "captain", "derby",  "foul"};
  const std::vector<std::string> filler = {"the",  "a",   "and",  "with", "then",
                                           "very", "our", "this", "was",  "after"};
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<std::string>& words) {
    return words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(rng)];
  };
  std::vector<TopicRow> rows;
  for (size_t i = 0; i < 2 * rows_per_topic; ++i) {
    const bool is_cooking = i % 2 == 0;
    const auto& topic = is_cooking ? cooking : football;
    std::string text;
    const size_t words = 8 + i % 7;
    for (size_t w = 0; w < words; ++w) {
      if (!text.empty()) text += ' ';
      text += w % 3 == 1 ? pick(filler) : pick(topic);
    }
    rows.push_back({is_cooking ? "cooking" : "football", text + "."});
  }
  return rows;
}

}  // namespace winnow::testing
