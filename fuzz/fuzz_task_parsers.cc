// Fuzzes every parser of a model's answer in tasks/ (and the Self-Instruct split and filters):
// any input must parse or fail with a message, never crash, and parsed values must respect the
// ranges the parsers promise.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/tasks/classify_judge.h"
#include "winnow/tasks/evol_instruct.h"
#include "winnow/tasks/pairwise_judge.h"
#include "winnow/tasks/rating_judge.h"
#include "winnow/tasks/rouge_l.h"
#include "winnow/tasks/rubric_judge.h"
#include "winnow/tasks/self_instruct.h"
#include "winnow/tasks/ultrafeedback.h"

namespace {

using winnow::tasks::UltraFeedbackAspect;

template <typename T>
void CheckFailureHasMessage(const T& result) {
  if (!result.has_value() && result.error().message().empty()) __builtin_trap();
}

void FuzzSelfInstruct(std::string_view text) {
  static const winnow::tasks::RougePool kPool = [] {
    winnow::tasks::RougePool pool;
    pool.Add(winnow::tasks::RougeTokenize("Give three tips for staying healthy."));
    pool.Add(winnow::tasks::RougeTokenize("Write a poem about the sea."));
    return pool;
  }();
  for (const std::string& instruction : winnow::tasks::SplitSelfInstructResponse(text)) {
    (void)winnow::tasks::SelfInstructRejectReason(instruction, kPool);
  }
  (void)winnow::tasks::SelfInstructRejectReason(text, kPool);
}

void FuzzUltraFeedback(std::string_view text, size_t n) {
  for (UltraFeedbackAspect aspect :
       {UltraFeedbackAspect::kInstructionFollowing, UltraFeedbackAspect::kHonesty,
        UltraFeedbackAspect::kTruthfulness, UltraFeedbackAspect::kHelpfulness,
        UltraFeedbackAspect::kOverall}) {
    auto ratings = winnow::tasks::ParseUltraFeedback(aspect, text, n);
    CheckFailureHasMessage(ratings);
    if (!ratings.has_value()) continue;
    if (ratings->size() != n) __builtin_trap();
    for (const auto& rating : *ratings) {
      if (!rating.rating.has_value() && aspect != UltraFeedbackAspect::kHonesty) __builtin_trap();
      if (rating.rating.has_value() &&
          (*rating.rating < 1 || *rating.rating > winnow::tasks::UltraFeedbackMaxRating(aspect))) {
        __builtin_trap();
      }
    }
  }
}

void FuzzJudges(std::string_view text) {
  CheckFailureHasMessage(winnow::tasks::ParsePairwise(text));
  auto rubric = winnow::tasks::ParseRubric(text, 1, 5);
  CheckFailureHasMessage(rubric);
  if (rubric.has_value() && (rubric->score < 1 || rubric->score > 5)) __builtin_trap();
  auto rating = winnow::tasks::ParseJudgeRating(text, 1, 10);
  CheckFailureHasMessage(rating);
  if (rating.has_value() && (rating->rating < 1 || rating->rating > 10)) __builtin_trap();
  static const std::vector<std::string> kLabels = {"positive", "negative", "neutral"};
  for (bool multi_label : {false, true}) {
    auto classified = winnow::tasks::ParseClassify(text, kLabels, multi_label);
    CheckFailureHasMessage(classified);
    if (classified.has_value() && !multi_label && classified->labels.size() != 1) {
      __builtin_trap();
    }
  }
}

void FuzzEvol(std::string_view text) {
  const std::string evolved = winnow::tasks::ExtractEvolvedInstruction(text);
  (void)winnow::tasks::EvolEliminationReason("Give three tips for staying healthy.", evolved, text);
  CheckFailureHasMessage(winnow::tasks::ParseEvolEquality(text));
  (void)winnow::tasks::RougeTokenize(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzSelfInstruct(text);
  for (size_t n = 1; n <= 4; ++n) FuzzUltraFeedback(text, n);
  FuzzJudges(text);
  FuzzEvol(text);
  return 0;
}
