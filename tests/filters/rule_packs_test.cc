// The built-in packs: the embedded copies are the files users read, every phrase of every pack is
// caught, and ordinary good responses are not.

#include "winnow/filters/rule_packs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "filters/filter_test_util.h"
#include "filters/record_test_util.h"
#include "winnow/filters/rules_file.h"
#include "winnow/filters/rules_filter.h"

namespace winnow {
namespace {

std::string ReadRepoFile(const std::string& relative) {
  std::ifstream in(std::string(WINNOW_TEST_DATA_DIR) + "/../../" + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::unique_ptr<RulesFilter> PackFilter(std::string_view pack) {
  const RulePack* found = FindRulePack(pack);
  EXPECT_NE(found, nullptr) << pack;
  auto rules = ParseRules(found->yaml, "pack:" + std::string(pack), {}, nullptr);
  EXPECT_TRUE(rules.has_value()) << (rules ? "" : rules.error().message());
  auto filter = RulesFilter::Create(std::move(*rules));
  EXPECT_TRUE(filter.has_value()) << (filter ? "" : filter.error().message());
  return std::move(*filter);
}

TEST(RulePacksTest, EmbeddedPacksAreTheFilesInRules) {
  ASSERT_EQ(RulePacks().size(), 2u);
  for (const RulePack& pack : RulePacks()) {
    SCOPED_TRACE(pack.name);
    EXPECT_EQ(pack.yaml, ReadRepoFile("rules/" + std::string(pack.name) + ".yaml"));
  }
  EXPECT_EQ(FindRulePack("nope"), nullptr);
}

TEST(RulePacksTest, EveryPhraseOfEveryPackIsCaught) {
  size_t phrases = 0;
  for (const RulePack& pack : RulePacks()) {
    auto filter = PackFilter(pack.name);
    for (const Rule& rule : filter->rules()) {
      for (const RulePattern& pattern : rule.patterns) {
        std::string phrase = pattern.text;
        if (phrase.starts_with('*')) phrase.erase(0, 1);
        if (phrase.ends_with('*')) phrase.pop_back();
        // In a sentence, upper-cased at the start, with a curly apostrophe as models write it.
        std::string text = "Well. " + phrase + " here, and again: " + phrase + " here.";
        for (size_t pos = text.find('\''); pos != std::string::npos; pos = text.find('\'', pos)) {
          text.replace(pos, 1, "\u2019");
        }
        text[6] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[6])));
        SCOPED_TRACE(std::string(pack.name) + " / " + rule.name + " / " + pattern.text);
        FilterResult result;
        EXPECT_EQ(testing::Verdict(*filter, text, true, &result), rule.name);
        // Some phrases contain others ("my knowledge cutoff"): at least the two written.
        EXPECT_GE(testing::Measured(result, rule.name + "_matches"), 2);
        ++phrases;
      }
    }
  }
  // The packs hold a maintained list of the well-known phrases, not a handful.
  EXPECT_GE(phrases, 100u);
}

TEST(RulePacksTest, CleanResponsesPass) {
  const char* const kClean[] = {
      "To make a basic vinaigrette, whisk three parts olive oil with one part vinegar, add a "
      "pinch of salt and a little mustard, and taste before dressing the salad.",
      "The function returns early when the list is empty. Otherwise it sorts the items in place "
      "and returns the median; for an even count it averages the two middle values.",
      "Photosynthesis turns light, water and carbon dioxide into glucose and oxygen. It happens "
      "in the chloroplasts, mostly in the leaves.",
      "Sure, here is a short poem:\n\nThe river bends, the willows lean,\nthe evening light is "
      "soft and green.",
      "The French Revolution began in 1789. Causes included a fiscal crisis, food shortages and "
      "new ideas about popular sovereignty; the storming of the Bastille became its symbol.",
      "You can install the package with `pip install requests`, then call requests.get(url) "
      "and read response.json().",
      "Yes. A prime number has exactly two divisors, 1 and itself, so 2 is prime and 1 is not.",
      "The tapestry room in the castle is closed on Mondays.",  // one style word alone is fine
      "I'm not sure the second formula is right: the exponent should be negative.",
      "Your code fails because the loop index starts at 1; arrays in Python start at 0.",
  };
  auto isms = PackFilter("llm_isms");
  auto refusals = PackFilter("refusals");
  for (const char* text : kClean) {
    SCOPED_TRACE(text);
    EXPECT_EQ(testing::Verdict(*isms, text), "kept");
    EXPECT_EQ(testing::Verdict(*refusals, text), "kept");
  }
}

}  // namespace
}  // namespace winnow
