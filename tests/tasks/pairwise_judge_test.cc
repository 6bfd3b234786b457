// MT-Bench pairwise prompts, the strict verdict parser and the both-orders rule.

#include "winnow/tasks/pairwise_judge.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::tasks {
namespace {

using V = PairwiseVerdict;
using O = PairwiseOutcome;

TEST(BuildPairwiseMessages, GeneralPromptIsMtBenchPairV2) {
  const auto messages = BuildPairwiseMessages("What is 2+2?", "4", "Five", std::nullopt);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].role, "system");
  EXPECT_TRUE(messages[0].content.starts_with(
      "Please act as an impartial judge and evaluate the quality of the responses provided by two "
      "AI assistants to the user question displayed below. You should choose the assistant that "
      "follows the user's instructions and answers the user's question better."));
  EXPECT_TRUE(messages[0].content.ends_with(
      "output your final verdict by strictly following this format: \"[[A]]\" if assistant A is "
      "better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie."));
  EXPECT_EQ(messages[1].content,
            "[User Question]\nWhat is 2+2?\n\n"
            "[The Start of Assistant A's Answer]\n4\n[The End of Assistant A's Answer]\n\n"
            "[The Start of Assistant B's Answer]\nFive\n[The End of Assistant B's Answer]");
}

TEST(BuildPairwiseMessages, ReferencePromptIsMtBenchPairMathV1) {
  const auto messages = BuildPairwiseMessages("Q", "a", "b", "ref");
  EXPECT_NE(messages[0].content.find("Begin your evaluation by comparing both assistants' answers "
                                     "with the reference answer. Identify and correct any "
                                     "mistakes. Avoid any positional biases"),
            std::string::npos);
  EXPECT_EQ(messages[1].content,
            "[User Question]\nQ\n\n"
            "[The Start of Reference Answer]\nref\n[The End of Reference Answer]\n\n"
            "[The Start of Assistant A's Answer]\na\n[The End of Assistant A's Answer]\n\n"
            "[The Start of Assistant B's Answer]\nb\n[The End of Assistant B's Answer]");
}

TEST(ParsePairwise, OneVerdict) {
  EXPECT_EQ(ParsePairwise("A is more accurate.\n\n[[A]]").value(), V::kA);
  EXPECT_EQ(ParsePairwise("Final verdict: [[B]]").value(), V::kB);
  EXPECT_EQ(ParsePairwise("Both are equally good. [[C]]").value(), V::kTie);
  EXPECT_EQ(ParsePairwise("[[A]] ... so again: [[A]]").value(), V::kA);  // repeated, consistent
}

TEST(ParsePairwise, NoneOrConflictingIsAnError) {
  for (std::string_view bad : {"", "A is better.", "[A]", "[[a]]", "[[D]]"}) {
    auto parsed = ParsePairwise(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message().find("no verdict"), std::string::npos);
  }
  // A judge that quotes the format and then decides.
  auto quoted = ParsePairwise("Format: \"[[A]]\" if A is better. My verdict: [[B]]");
  ASSERT_FALSE(quoted.has_value());
  EXPECT_NE(quoted.error().message().find("conflicting verdicts ([[A]] [[B]] )"),
            std::string::npos);
  EXPECT_FALSE(ParsePairwise("[[A]][[B]][[C]]").has_value());
}

TEST(CombineBothOrders, WinsOnlyWhenBothOrdersAgree) {
  // first_vs_second shows the first answer as A; second_vs_first shows it as B.
  EXPECT_EQ(CombineBothOrders(V::kA, V::kB), O::kFirstWins);
  EXPECT_EQ(CombineBothOrders(V::kB, V::kA), O::kSecondWins);
  EXPECT_EQ(CombineBothOrders(V::kTie, V::kTie), O::kTie);
  // Position bias: the judge preferred whatever came first, or last.
  EXPECT_EQ(CombineBothOrders(V::kA, V::kA), O::kInconsistent);
  EXPECT_EQ(CombineBothOrders(V::kB, V::kB), O::kInconsistent);
  // A win in one order and a tie in the other.
  EXPECT_EQ(CombineBothOrders(V::kA, V::kTie), O::kInconsistent);
  EXPECT_EQ(CombineBothOrders(V::kTie, V::kB), O::kInconsistent);
  EXPECT_EQ(CombineBothOrders(V::kB, V::kTie), O::kInconsistent);
  EXPECT_EQ(CombineBothOrders(V::kTie, V::kA), O::kInconsistent);
}

TEST(PairwiseNames, Stable) {
  EXPECT_EQ(PairwiseVerdictName(V::kA), "A");
  EXPECT_EQ(PairwiseVerdictName(V::kTie), "tie");
  EXPECT_EQ(PairwiseOutcomeName(O::kFirstWins), "first");
  EXPECT_EQ(PairwiseOutcomeName(O::kInconsistent), "inconsistent");
}

}  // namespace
}  // namespace winnow::tasks
