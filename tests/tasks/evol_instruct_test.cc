// Evol-Instruct prompts (byte for byte WizardLM's depth.py and breadth.py), answer extraction,
// the model-free elimination rules and the equality check's parser.

#include "winnow/tasks/evol_instruct.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::tasks {
namespace {

std::optional<std::string> Eliminate(std::string_view original, std::string_view evolved,
                                     std::optional<std::string_view> response = std::nullopt) {
  return EvolEliminationReason(original, evolved, response);
}

TEST(BuildEvolPrompt, AddConstraintsIsWizardLMsTemplate) {
  // depth.py's base_instruction as Python evaluates it: "\r\n" line ends, a space before the
  // backslash continuations and the five tabs that indent the next source line.
  const std::string expected =
      "I want you act as a Prompt Rewriter.\r\n \t\t\t\t\tYour objective is to rewrite a given "
      "prompt into a more complex version to make those famous AI systems (e.g., chatgpt and GPT4) "
      "a bit harder to handle.\r\n \t\t\t\t\tBut the rewritten prompt must be reasonable and must "
      "be understood and responded by humans.\r\n \t\t\t\t\tYour rewriting cannot omit the "
      "non-text parts such as the table and code in #The Given Prompt#:. Also, please do not omit "
      "the input in #The Given Prompt#. \r\n \t\t\t\t\tYou SHOULD complicate the given prompt "
      "using "
      "the following method: \r\n\t\t\t\t\tPlease add one more constraints/requirements into #The "
      "Given Prompt#' \r\n\t\t\t\t\tYou should try your best not to make the #Rewritten Prompt# "
      "become verbose, #Rewritten Prompt# can only add 10 to 20 words into #The Given Prompt#. "
      "\r\n\t\t\t\t\t'#The Given Prompt#', '#Rewritten Prompt#', 'given prompt' and 'rewritten "
      "prompt' are not allowed to appear in #Rewritten Prompt#\r\n#The Given Prompt#: \r\n Give "
      "three tips for staying healthy. \r\n#Rewritten Prompt#:\r\n";
  EXPECT_EQ(BuildEvolPrompt(EvolMutation::kAddConstraints, "Give three tips for staying healthy."),
            expected);
}

TEST(BuildEvolPrompt, EachDepthMethod) {
  auto method_of = [](EvolMutation mutation) {
    const std::string prompt = BuildEvolPrompt(mutation, "X");
    const std::string before = "following method: \r\n\t\t\t\t\t";
    const size_t start = prompt.find(before) + before.size();
    return prompt.substr(start, prompt.find(" \r\n\t\t\t\t\tYou should try") - start);
  };
  EXPECT_EQ(method_of(EvolMutation::kDeepen),
            "If #The Given Prompt# contains inquiries about certain issues, the depth and breadth "
            "of the inquiry can be increased.");
  EXPECT_EQ(method_of(EvolMutation::kConcretize),
            "Please replace general concepts with more specific concepts.");
  EXPECT_EQ(method_of(EvolMutation::kIncreaseReasoning),
            "If #The Given Prompt# can be solved with just a few simple thinking processes, you "
            "can rewrite it to explicitly request multiple-step reasoning.");
  EXPECT_NE(method_of(EvolMutation::kComplicateInput).find("table"), std::string::npos);
}

TEST(BuildEvolPrompt, BreadthIsWizardLMsTemplate) {
  EXPECT_EQ(BuildEvolPrompt(EvolMutation::kBreadth, "Name a fruit."),
            "I want you act as a Prompt Creator.\r\nYour goal is to draw inspiration from the "
            "#Given Prompt# to create a brand new prompt.\r\nThis new prompt should belong to the "
            "same domain as the #Given Prompt# but be even more rare.\r\nThe LENGTH and complexity "
            "of the #Created Prompt# should be similar to that of the #Given Prompt#.\r\nThe "
            "#Created Prompt# must be reasonable and must be understood and responded by "
            "humans.\r\n'#Given Prompt#', '#Created Prompt#', 'given prompt' and 'created prompt' "
            "are not allowed to appear in #Created Prompt#\r\n#Given Prompt#: \r\n Name a fruit. "
            "\r\n#Created Prompt#:\r\n");
}

TEST(EvolMutationNames, RoundTrip) {
  for (EvolMutation mutation :
       {EvolMutation::kAddConstraints, EvolMutation::kDeepen, EvolMutation::kConcretize,
        EvolMutation::kIncreaseReasoning, EvolMutation::kComplicateInput, EvolMutation::kBreadth}) {
    auto parsed = ParseEvolMutation(EvolMutationName(mutation));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, mutation);
  }
  auto bad = ParseEvolMutation("widen");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("'widen'"), std::string::npos);
}

TEST(ExtractEvolvedInstruction, DropsEchoedLabels) {
  EXPECT_EQ(ExtractEvolvedInstruction("#Rewritten Prompt#:\r\nGive three tips. "),
            "Give three tips.");
  EXPECT_EQ(ExtractEvolvedInstruction("**Rewritten Prompt:** Do X"), "Do X");
  EXPECT_EQ(ExtractEvolvedInstruction("#Created Prompt#: Name a berry."), "Name a berry.");
  EXPECT_EQ(ExtractEvolvedInstruction("The Rewritten Prompt: Z"), "Z");
  EXPECT_EQ(ExtractEvolvedInstruction("rewritten prompt#\nlower case"), "lower case");
  EXPECT_EQ(ExtractEvolvedInstruction("  Just the instruction.\n"), "Just the instruction.");
  // A sentence that merely starts with the words is left alone.
  EXPECT_EQ(ExtractEvolvedInstruction("Rewritten prompts are harder."),
            "Rewritten prompts are harder.");
  EXPECT_EQ(ExtractEvolvedInstruction("#Rewritten Prompt#:"), "#Rewritten Prompt#:");
  EXPECT_EQ(ExtractEvolvedInstruction(""), "");
}

TEST(EvolEliminationReason, InstructionRules) {
  const std::string_view original = "Give three tips for staying healthy.";
  EXPECT_EQ(Eliminate(original, "  \n"), "empty");
  EXPECT_EQ(Eliminate(original, "give three  tips\nfor staying HEALTHY"), "copied_original");
  EXPECT_EQ(Eliminate(original, "Rewrite #The Given Prompt# with more tips."), "prompt_leak");
  EXPECT_EQ(Eliminate(original, "Give five tips (#Rewritten Prompt#)."), "prompt_leak");
  EXPECT_EQ(Eliminate(original, "A created prompt about health."), "prompt_leak");
  EXPECT_EQ(Eliminate(original, "Give three tips for staying healthy while travelling."),
            std::nullopt);
  // Words the original itself uses are not a leak.
  EXPECT_EQ(Eliminate("Improve the given prompt.", "Improve the given prompt in two ways."),
            std::nullopt);
}

TEST(EvolEliminationReason, ResponseRules) {
  const std::string_view original = "Name a fruit.";
  const std::string_view evolved = "Name a tropical fruit that grows on trees.";
  EXPECT_EQ(Eliminate(original, evolved, "I'm SORRY, but I cannot answer that."), "response_sorry");
  std::string long_sorry = "Sorry for the long answer:";
  for (int i = 0; i < 80; ++i) long_sorry += " mango";
  EXPECT_EQ(Eliminate(original, evolved, long_sorry), std::nullopt);  // 85 words
  EXPECT_EQ(Eliminate(original, evolved, "The, and... of it!"), "response_only_stopwords");
  EXPECT_EQ(Eliminate(original, evolved, "  "), "response_only_stopwords");
  EXPECT_EQ(Eliminate(original, evolved, "Don't."), "response_only_stopwords");  // don + t
  EXPECT_EQ(Eliminate(original, evolved, "Mango."), std::nullopt);
  EXPECT_EQ(Eliminate(original, evolved, "The mango."), std::nullopt);
  EXPECT_EQ(Eliminate(original, evolved, std::nullopt), std::nullopt);
}

TEST(BuildEvolEqualityPrompt, IsThePapersAppendixG) {
  EXPECT_EQ(BuildEvolEqualityPrompt("A", "B"),
            "Here are two Instructions to ChatGPT AI, do you think they are equal to each other, "
            "which meet the following requirements:\n1. They have same constraints and "
            "requirments.\n2. They have same depth and breadth of the inquiry.\nThe First Prompt: "
            "A\nThe Second Prompt: B\nYour Judgement (Just answer: Equal or Not Equal. No need to "
            "explain the reason.):");
}

TEST(ParseEvolEquality, AcceptsOnlyTheTwoAnswers) {
  EXPECT_EQ(ParseEvolEquality("Equal").value(), true);
  EXPECT_EQ(ParseEvolEquality(" equal.\n").value(), true);
  EXPECT_EQ(ParseEvolEquality("**Not Equal**").value(), false);
  EXPECT_EQ(ParseEvolEquality("\"Not equal.\"").value(), false);
  for (std::string_view bad : {"", "They are equal", "Equal. The second adds a constraint.",
                               "Unequal", "Equal or Not Equal", "Yes"}) {
    auto parsed = ParseEvolEquality(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message().find("expected \"Equal\" or \"Not Equal\""),
              std::string::npos);
  }
}

}  // namespace
}  // namespace winnow::tasks
