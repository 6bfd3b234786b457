#pragma once

// Internal to llm/: the search behind MakeExampleInstance. A value is generated for a
// conjunction of schema nodes (the schema at hand plus everything $ref and allOf add to it);
// anyOf, oneOf and if/then/else are choice points tried in turn; every candidate is checked with
// the validator, so a wrong guess costs a retry, never an invalid example. The search
// (json_schema_example.cc) and the values of each type (json_schema_example_values.cc) share
// this class.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/llm/json_schema_tree.h"

namespace winnow::llm {

class ExampleMaker {
 public:
  explicit ExampleMaker(const SchemaTree& tree) : tree_(tree) {}

  // A value valid against every node of `conjunction`, or nullopt (why() says why).
  std::optional<std::string> Generate(const std::vector<SchemaNodeId>& conjunction,
                                      uint64_t variant, int depth);
  // The first reason a generation failed, with its place in the schema.
  const std::string& why() const { return why_; }

 private:
  // An anyOf, oneOf or if of node `owner`, already resolved on the current search path.
  struct Choice {
    SchemaNodeId owner;
    int kind;  // 0 anyOf, 1 oneOf, 2 if
    bool operator==(const Choice&) const = default;
  };

  std::optional<std::string> Search(const std::vector<SchemaNodeId>& conjunction,
                                    std::vector<Choice>* made, uint64_t variant, int depth);
  // The first anyOf, oneOf or if of `flat` not in `made`, and its options: each a list of nodes
  // to add to the conjunction. False when every choice is made.
  bool NextChoice(const std::vector<SchemaNodeId>& flat, const std::vector<Choice>& made,
                  Choice* choice, std::vector<std::vector<SchemaNodeId>>* options) const;
  std::vector<SchemaNodeId> Flatten(const std::vector<SchemaNodeId>& conjunction) const;
  std::optional<std::string> GenerateFlat(const std::vector<SchemaNodeId>& flat, uint64_t variant,
                                          int depth);
  std::vector<uint8_t> TypeOrder(const std::vector<SchemaNodeId>& flat, uint8_t allowed,
                                 uint64_t variant) const;
  std::vector<std::string> Candidates(uint8_t type, const std::vector<SchemaNodeId>& flat,
                                      uint64_t variant, int depth);
  bool Valid(std::string_view json, const std::vector<SchemaNodeId>& nodes);
  // Takes one step; false (with the reason recorded) once the search has run too long.
  bool Step(std::string_view pointer);
  // Where the conjunction sits in the schema, for messages ("" for none or the root).
  std::string_view Place(const std::vector<SchemaNodeId>& flat) const {
    return flat.empty() ? std::string_view() : tree_.nodes[flat[0]].pointer;
  }
  // Records `reason` at `pointer` when it is the first failure; returns nullopt.
  std::nullopt_t Fail(std::string_view pointer, std::string_view reason);

  // json_schema_example_values.cc
  std::vector<std::string> MakeNumbers(const std::vector<SchemaNodeId>& flat, bool integer,
                                       uint64_t variant);
  std::vector<std::string> MakeStrings(const std::vector<SchemaNodeId>& flat, uint64_t variant);
  std::vector<std::string> MakeArray(const std::vector<SchemaNodeId>& flat, uint64_t variant,
                                     int depth);
  std::vector<std::string> MakeObject(const std::vector<SchemaNodeId>& flat, uint64_t variant,
                                      int depth);
  std::optional<std::string> ExtraPropertyName(const std::vector<SchemaNodeId>& flat,
                                               uint64_t variant, int depth);
  std::vector<SchemaNodeId> PropertySchemas(const std::vector<SchemaNodeId>& flat,
                                            std::string_view name) const;

  const SchemaTree& tree_;
  simdjson::dom::parser parser_;  // reused for every candidate check
  // Bounds on the search: schema evaluations over all checks, and steps (a generation, a
  // candidate check or a pattern sample each cost one). Real schemas need a few hundred steps.
  uint64_t evaluations_left_ = 2'000'000;
  uint64_t steps_left_ = 5'000;
  std::string why_;
};

// Examples nest at most this deep (a schema that requires a child of its own type has none).
inline constexpr int kMaxExampleDepth = 32;

}  // namespace winnow::llm
