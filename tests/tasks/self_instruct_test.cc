// Self-Instruct's prompt, split and filters. Expected decisions agree with a Python run of the
// original post_process_gpt3_response() and rouge_score on the same strings.

#include "winnow/tasks/self_instruct.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace winnow::tasks {
namespace {

using Strings = std::vector<std::string>;

std::optional<std::string> Reason(std::string_view instruction, const RougePool& pool = {},
                                  const SelfInstructFilterOptions& options = {}) {
  return SelfInstructRejectReason(NormalizeSelfInstructInstruction(instruction), pool, options);
}

std::string Words(size_t n) {
  std::string text = "Write";
  for (size_t i = 1; i < n; ++i) text += " word";
  return text;
}

Strings ReadSeedInstructions(const std::string& path) {
  std::ifstream in(path);
  Strings instructions;
  simdjson::dom::parser parser;
  for (std::string line; std::getline(in, line);) {
    std::string_view instruction;
    EXPECT_FALSE(parser.parse(line).at_key("instruction").get(instruction)) << line;
    instructions.emplace_back(instruction);
  }
  return instructions;
}

TEST(BuildSelfInstructPrompt, NumbersCollapsesAndEndsWithTheNextNumber) {
  const Strings instructions = {"Write a  poem\nabout cats:", "Tell me a joke::", "  Plan a trip. ",
                                "Do this :"};
  EXPECT_EQ(BuildSelfInstructPrompt(instructions),
            "Come up with a series of tasks:\n"
            "1. Write a poem about cats\n"
            "2. Tell me a joke\n"
            "3. Plan a trip.\n"
            "4. Do this \n"  // strip() runs before rstrip(":"), so this space stays
            "5.");
  EXPECT_EQ(BuildSelfInstructPrompt(Strings{"Is it spam?"}, /*classification=*/true),
            "Come up with a series of classification tasks. Try to specify the possible output "
            "labels when possible.\n1. Is it spam?\n2.");
  EXPECT_EQ(BuildSelfInstructPrompt(Strings{}), "Come up with a series of tasks:\n1.");
}

TEST(BuildSelfInstructPrompt, SeedTasksAsTheOriginalShowsThem) {
  const Strings seeds =
      ReadSeedInstructions(std::string(WINNOW_TEST_DATA_DIR) + "/tasks/seed_tasks_head.jsonl");
  ASSERT_EQ(seeds.size(), 8u);
  const std::string prompt = BuildSelfInstructPrompt(seeds);
  EXPECT_TRUE(prompt.starts_with(
      "Come up with a series of tasks:\n1. Is there anything I can eat for a breakfast that "
      "doesn't include eggs, yet includes protein, and has roughly 700-1000 calories?\n2. What is "
      "the relation between the given pairs?\n"));
  // Seed 5 ends in ':' in the data, which the prompt drops.
  EXPECT_NE(prompt.find("\n5. Generate an appropriate subjective title for the following email\n"),
            std::string::npos);
  EXPECT_TRUE(prompt.ends_with("to me, and try to give me some examples.\n9."));
}

TEST(SplitSelfInstructResponse, SplitsACompletionAtNumberMarkers) {
  // A completion model continues after the prompt's "9.".
  const std::string answer =
      " Generate a list of five healthy breakfast ideas.\n"
      "10. Explain why the sky is blue to a CHILD.\n"
      "11 . Translate the sentence into French.\n"
      "12. write a program to sort numbers.\n"
      "13.No space after the dot, so no split here";
  EXPECT_EQ(
      SplitSelfInstructResponse(answer),
      (Strings{"Generate a list of five healthy breakfast ideas.",
               "Explain why the sky is blue to a child.", "Translate the sentence into french.",
               "Write a program to sort numbers. 13.no space after the dot, so no split "
               "here"}));
}

TEST(SplitSelfInstructResponse, DropsANumberTheAnswerStartsWith) {
  // Chat models restate the number the prompt ended with.
  EXPECT_EQ(SplitSelfInstructResponse("9. Write a haiku about autumn.\n10. Summarize this text."),
            (Strings{"Write a haiku about autumn.", "Summarize this text."}));
  EXPECT_EQ(SplitSelfInstructResponse("\n\n 9. Write a haiku."), Strings{"Write a haiku."});
}

TEST(SplitSelfInstructResponse, DigitsAndSpacesInTheirUnicodeSense) {
  EXPECT_EQ(SplitSelfInstructResponse("First task here\n\u0661\u0662. Arabic digits split too\n"
                                      "7\n. A newline counts as the optional space\n"
                                      "8\u00a0. So does a no-break space"),
            (Strings{"First task here", "Arabic digits split too",
                     "A newline counts as the optional space", "So does a no-break space"}));
}

TEST(SplitSelfInstructResponse, EmptyPiecesAreDropped) {
  EXPECT_EQ(SplitSelfInstructResponse(""), Strings{});
  EXPECT_EQ(SplitSelfInstructResponse("  \n10. \n11. Keep me"), Strings{"Keep me"});
}

TEST(NormalizeSelfInstructInstruction, CollapsesStripsAndCapitalizes) {
  EXPECT_EQ(NormalizeSelfInstructInstruction("  tell ME\t\na  Joke \u3000"), "Tell me a joke");
  EXPECT_EQ(NormalizeSelfInstructInstruction(" \n "), "");
}

TEST(SelfInstructRejectReason, Length) {
  EXPECT_EQ(Reason(""), "empty");
  EXPECT_EQ(Reason("Tell me jokes"), "too_short");
  EXPECT_EQ(Reason("Tell me a joke"), std::nullopt);  // 4 words is enough
  EXPECT_EQ(Reason(Words(150)), std::nullopt);
  EXPECT_EQ(Reason(Words(151)), "too_long");
  SelfInstructFilterOptions options;
  options.min_words = 2;
  options.max_words = 3;
  EXPECT_EQ(Reason("Tell jokes", {}, options), std::nullopt);
  EXPECT_EQ(Reason("Tell me a joke", {}, options), "too_long");
}

TEST(SelfInstructRejectReason, BlocklistMatchesWholeWordsIgnoringCase) {
  EXPECT_EQ(Reason("Describe the image below in detail."), "blocklist:image");
  EXPECT_EQ(Reason("Describe these IMAGES in detail."), "blocklist:images");
  EXPECT_EQ(Reason("Explain how to go to the store."), "blocklist:go to");
  EXPECT_EQ(Reason("Explain how to go\n  to the store."), "blocklist:go to");
  // The original rejects this one too: "plot" is a whole word.
  EXPECT_EQ(Reason("Summarize the plot of Hamlet."), "blocklist:plot");
  EXPECT_EQ(Reason("Describe the imagery of the poem."), std::nullopt);
  EXPECT_EQ(Reason("Make a mapping from keys to values."), std::nullopt);
  EXPECT_EQ(Reason("Rename the_file in this code."), std::nullopt);  // '_' is a word character
  // re.IGNORECASE lets the dotless ı match i.
  EXPECT_EQ(Reason("Open the f\u0131le and read it."), "blocklist:file");
}

TEST(SelfInstructRejectReason, BlocklistIsAnOption) {
  SelfInstructFilterOptions options;
  options.blocklist = {"video", "C++"};
  EXPECT_EQ(Reason("Describe the image below in detail.", {}, options), std::nullopt);
  EXPECT_EQ(Reason("Summarize this Video for me.", {}, options), "blocklist:video");
  // Taken literally, not as a regex; "\b" after '+' needs a word character to follow.
  EXPECT_EQ(Reason("Write c++ code for sorting.", {}, options), std::nullopt);
  EXPECT_EQ(Reason("Write c++code for sorting.", {}, options), "blocklist:C++");
}

TEST(SelfInstructRejectReason, StartRules) {
  EXPECT_EQ(Reason("write a program that prints hello world"), "write_a_program");
  EXPECT_EQ(Reason("Write a poem that prints hello world"), std::nullopt);
  EXPECT_EQ(Reason("\"Quote this sentence for me please"), "starts_with_punctuation");
  EXPECT_EQ(Reason("- list three colors of the rainbow"), "starts_with_punctuation");
  EXPECT_EQ(Reason("Élaborate on the history of France."), "non_ascii_start");
  EXPECT_EQ(Reason("¿Qué hora es ahora mismo?"), "non_ascii_start");
  // capitalize() turns ß into "Ss", so this one starts with ASCII, as in Python.
  EXPECT_EQ(Reason("ßome words here now"), std::nullopt);
}

TEST(SelfInstructRejectReason, SimilarityAboveThreshold) {
  RougePool pool;
  pool.Add(RougeTokenize("Give three tips for staying healthy."));
  pool.Add(RougeTokenize("Translate the sentence into French."));
  // LCS 6 of 8 and 6: F = 0.857.
  EXPECT_EQ(Reason("Give three tips for staying healthy and happy.", pool), "similar:0.86");
  EXPECT_EQ(Reason("Translate the sentence into French.", pool), "similar:1.00");
  EXPECT_EQ(Reason("Give three reasons why cats purr loudly.", pool), std::nullopt);
  SelfInstructFilterOptions options;
  options.max_similarity = 0.9;
  EXPECT_EQ(Reason("Give three tips for staying healthy and happy.", pool, options), std::nullopt);
}

TEST(SampleSelfInstructExamples, TakesUpToTwoMachineInstructionsAndFillsWithHuman) {
  Strings human;
  for (int i = 0; i < 175; ++i) human.push_back("h" + std::to_string(i));
  auto count_machine = [](const Strings& examples) {
    return std::count_if(examples.begin(), examples.end(),
                         [](const std::string& s) { return s[0] == 'm'; });
  };
  for (size_t machine_count : {0, 1, 2, 5}) {
    Strings machine;
    for (size_t i = 0; i < machine_count; ++i) machine.push_back("m" + std::to_string(i));
    std::mt19937_64 rng(42);
    const Strings examples = SampleSelfInstructExamples(human, machine, rng);
    ASSERT_EQ(examples.size(), 8u);
    EXPECT_EQ(count_machine(examples), static_cast<long>(std::min<size_t>(machine_count, 2)));
    EXPECT_EQ(std::set<std::string>(examples.begin(), examples.end()).size(), 8u);  // distinct
  }
}

TEST(SampleSelfInstructExamples, SeededAndShuffled) {
  Strings human;
  for (int i = 0; i < 175; ++i) human.push_back("h" + std::to_string(i));
  const Strings machine = {"m0", "m1", "m2"};
  std::mt19937_64 a(1);
  std::mt19937_64 b(1);
  EXPECT_EQ(SampleSelfInstructExamples(human, machine, a),
            SampleSelfInstructExamples(human, machine, b));
  // Machine instructions land anywhere, not only in the first two places.
  std::set<size_t> positions;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    std::mt19937_64 rng(seed);
    const Strings examples = SampleSelfInstructExamples(human, machine, rng);
    for (size_t i = 0; i < examples.size(); ++i) {
      if (examples[i][0] == 'm') positions.insert(i);
    }
  }
  EXPECT_EQ(positions.size(), 8u);
}

TEST(SampleSelfInstructExamples, TooFewHumanInstructionsGivesWhatThereIs) {
  std::mt19937_64 rng(3);
  const Strings examples =
      SampleSelfInstructExamples(Strings{"h0", "h1", "h2"}, Strings{"m0"}, rng);
  EXPECT_EQ(examples.size(), 4u);
}

TEST(SelfInstructSeeds, EverySeedIsSimilarToItselfInTheFullPool) {
  const std::string path = std::string(WINNOW_SHARED_DATA_DIR) + "/selfinstruct/seed_tasks.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  const Strings seeds = ReadSeedInstructions(path);
  ASSERT_EQ(seeds.size(), 175u);
  RougePool pool;
  for (const std::string& seed : seeds) pool.Add(RougeTokenize(seed));
  for (const std::string& seed : seeds) {
    EXPECT_GT(pool.MaxScore(RougeTokenize(seed), 0.7), 0.7) << seed;
  }
}

}  // namespace
}  // namespace winnow::tasks
