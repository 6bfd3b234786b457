#include "winnow/tasks/pairwise_judge.h"

#include <fmt/format.h>

#include <string>

#include "winnow/tasks/answer_text.h"

namespace winnow::tasks {
namespace {

// The instructions both MT-Bench prompts end with.
constexpr std::string_view kUnbiased =
    "Avoid any positional biases and ensure that the order in which the responses were presented "
    "does not influence your decision. Do not allow the length of the responses to influence your "
    "evaluation. Do not favor certain names of the assistants. Be as objective as possible. After "
    "providing your explanation, output your final verdict by strictly following this format: "
    "\"[[A]]\" if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a "
    "tie.";

constexpr std::string_view kGeneralSystem =
    "Please act as an impartial judge and evaluate the quality of the responses provided by two "
    "AI assistants to the user question displayed below. You should choose the assistant that "
    "follows the user's instructions and answers the user's question better. Your evaluation "
    "should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and "
    "level of detail of their responses. Begin your evaluation by comparing the two responses and "
    "provide a short explanation. ";

constexpr std::string_view kReferenceSystem =
    "Please act as an impartial judge and evaluate the quality of the responses provided by two "
    "AI assistants to the user question displayed below. Your evaluation should consider "
    "correctness and helpfulness. You will be given a reference answer, assistant A's answer, and "
    "assistant B's answer. Your job is to evaluate which assistant's answer is better. Begin your "
    "evaluation by comparing both assistants' answers with the reference answer. Identify and "
    "correct any mistakes. ";

}  // namespace

std::string_view PairwiseVerdictName(PairwiseVerdict verdict) {
  switch (verdict) {
    case PairwiseVerdict::kA:
      return "A";
    case PairwiseVerdict::kB:
      return "B";
    case PairwiseVerdict::kTie:
      break;
  }
  return "tie";
}

std::vector<llm::Message> BuildPairwiseMessages(std::string_view question,
                                                std::string_view answer_a,
                                                std::string_view answer_b,
                                                std::optional<std::string_view> reference) {
  std::string system(reference.has_value() ? kReferenceSystem : kGeneralSystem);
  system.append(kUnbiased);
  std::string user = "[User Question]\n";
  user.append(question).append("\n\n");
  if (reference.has_value()) {
    user.append("[The Start of Reference Answer]\n").append(*reference);
    user.append("\n[The End of Reference Answer]\n\n");
  }
  user.append("[The Start of Assistant A's Answer]\n").append(answer_a);
  user.append("\n[The End of Assistant A's Answer]\n\n");
  user.append("[The Start of Assistant B's Answer]\n").append(answer_b);
  user.append("\n[The End of Assistant B's Answer]");
  return {llm::Message{"system", std::move(system)}, llm::Message{"user", std::move(user)}};
}

Result<PairwiseVerdict> ParsePairwise(std::string_view answer) {
  const bool a = answer.find("[[A]]") != std::string_view::npos;
  const bool b = answer.find("[[B]]") != std::string_view::npos;
  const bool c = answer.find("[[C]]") != std::string_view::npos;
  const int found = int{a} + int{b} + int{c};
  if (found == 1) return a ? PairwiseVerdict::kA : b ? PairwiseVerdict::kB : PairwiseVerdict::kTie;
  if (found == 0) {
    return Error(Status::InvalidInput(
        fmt::format("pairwise judge answer has no verdict \"[[A]]\", \"[[B]]\" or \"[[C]]\": {}",
                    QuoteForError(answer))));
  }
  return Error(Status::InvalidInput(
      fmt::format("pairwise judge answer has conflicting verdicts ({}{}{}): {}", a ? "[[A]] " : "",
                  b ? "[[B]] " : "", c ? "[[C]] " : "", QuoteForError(answer))));
}

std::string_view PairwiseOutcomeName(PairwiseOutcome outcome) {
  switch (outcome) {
    case PairwiseOutcome::kFirstWins:
      return "first";
    case PairwiseOutcome::kSecondWins:
      return "second";
    case PairwiseOutcome::kTie:
      return "tie";
    case PairwiseOutcome::kInconsistent:
      break;
  }
  return "inconsistent";
}

PairwiseOutcome CombineBothOrders(PairwiseVerdict first_vs_second,
                                  PairwiseVerdict second_vs_first) {
  // Read the swapped call in the first call's terms: its A is the second answer.
  PairwiseVerdict swapped_back = PairwiseVerdict::kTie;
  if (second_vs_first == PairwiseVerdict::kA) swapped_back = PairwiseVerdict::kB;
  if (second_vs_first == PairwiseVerdict::kB) swapped_back = PairwiseVerdict::kA;
  if (first_vs_second != swapped_back) return PairwiseOutcome::kInconsistent;
  switch (first_vs_second) {
    case PairwiseVerdict::kA:
      return PairwiseOutcome::kFirstWins;
    case PairwiseVerdict::kB:
      return PairwiseOutcome::kSecondWins;
    case PairwiseVerdict::kTie:
      break;
  }
  return PairwiseOutcome::kTie;
}

}  // namespace winnow::tasks
