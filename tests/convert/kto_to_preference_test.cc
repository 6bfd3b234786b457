// kto_to_preference (winnow convert --to preference --from kto): KTO rows grouped by prompt; a
// prompt with a true and a false completion gives preference pairs. Basic behaviour only; the
// property test runs it over perturbed data.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "convert/convert_test_util.h"

namespace winnow {
namespace {

using convert_test::Convert;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(KtoToPreferenceTest, OnePairPerPrompt) {
  auto run = Convert("kto_to_preference", {},
                     {R"({"prompt":"The sky is","completion":" blue.","label":true})",
                      R"({"prompt":"2+2=","completion":"4","label":true})",
                      R"({"prompt":"The sky is","completion":" green.","label":false})",
                      R"({"prompt":"2+2=","completion":"5","label":false})"});
  EXPECT_THAT(run.reasons, IsEmpty());
  EXPECT_THAT(run.out,
              ElementsAre(R"({"prompt":"The sky is","chosen":" blue.","rejected":" green."})",
                          R"({"prompt":"2+2=","chosen":"4","rejected":"5"})"));
}

TEST(KtoToPreferenceTest, AllPairs) {
  auto run = Convert("kto_to_preference", {{"pairs", "all"}},
                     {R"({"prompt":"p","completion":" a","label":true})",
                      R"({"prompt":"p","completion":" b","label":true})",
                      R"({"prompt":"p","completion":" c","label":false})"});
  EXPECT_THAT(run.out, UnorderedElementsAre(R"({"prompt":"p","chosen":" a","rejected":" c"})",
                                            R"({"prompt":"p","chosen":" b","rejected":" c"})"));
}

TEST(KtoToPreferenceTest, PromptsWithOneLabelOnlyAreRejected) {
  auto run = Convert("kto_to_preference", {},
                     {R"({"prompt":"p","completion":" a","label":true})",
                      R"({"prompt":"p","completion":" b","label":true})",
                      R"({"prompt":"q","completion":" c","label":"yes"})"});
  EXPECT_THAT(run.out, IsEmpty());
  ASSERT_EQ(run.reasons.size(), 3u);
  EXPECT_EQ(run.reasons[0], "label must be a JSON bool");
  EXPECT_THAT(run.reasons[1], HasSubstr("only desirable or only undesirable"));
}

// Regression: an empty completion is rejected on its own; the prompt's valid pairs survive.
TEST(KtoToPreferenceTest, OneUnpairableCompletionDoesNotLoseThePromptsPairs) {
  auto run = Convert("kto_to_preference", {{"pairs", "all"}},
                     {R"({"prompt":"p","completion":" a","label":true})",
                      R"({"prompt":"p","completion":"","label":true})",
                      R"({"prompt":"p","completion":" c","label":false})"});
  EXPECT_THAT(run.out, ElementsAre(R"({"prompt":"p","chosen":" a","rejected":" c"})"));
}

}  // namespace
}  // namespace winnow
