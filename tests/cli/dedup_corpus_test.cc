// MinHash dedup against ground truth: a corpus with planted exact and near copies made by
// ../shared/tools/make_corpus.py from real English text, scored by score_clusters.py. Runs when
// ../shared (tools and text pool) and python3 are there; skipped otherwise.

#include <cstdlib>
#include <filesystem>
#include <string>

#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

std::string ToolsDir() { return std::string(WINNOW_SHARED_DATA_DIR) + "/../tools"; }

bool CorpusToolsPresent() {
  return std::filesystem::exists(ToolsDir() + "/make_corpus.py") &&
         std::filesystem::exists(ToolsDir() + "/score_clusters.py") &&
         std::filesystem::is_directory(std::string(WINNOW_SHARED_DATA_DIR) + "/text_pool") &&
         std::system("python3 -c pass >/dev/null 2>&1") == 0;
}

// Runs a shell command; returns its stdout.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, got);
  ::pclose(pipe);
  return out;
}

// A field of score_clusters.py's JSON output, as text.
std::string ScoreField(const std::string& score, const std::string& key) {
  const size_t at = score.find("\"" + key + "\":");
  if (at == std::string::npos) return "";
  size_t begin = at + key.size() + 3;
  while (begin < score.size() && score[begin] == ' ') ++begin;
  return score.substr(begin, score.find_first_of(",\n}", begin) - begin);
}

TEST(DedupCorpus, DefaultSettingsFindThePlantedCopiesWithoutFalseMerges) {
  if (!CorpusToolsPresent()) GTEST_SKIP() << "../shared/tools, its text pool or python3 is absent";
  TempDir dir;
  const std::string corpus = dir.path() + "/corpus.jsonl";
  ASSERT_EQ(std::system(("python3 " + ToolsDir() + "/make_corpus.py --out " + corpus +
                         " --size-mb 3 --seed 11 >/dev/null")
                            .c_str()),
            0);
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--threshold", "0.8", "--verify"}}) {
    const std::string clusters = dir.path() + "/clusters.jsonl";
    std::vector<std::string> args = {
        "dedup", "minhash", corpus, "-o", dir.path() + "/kept.jsonl", "--clusters", clusters, "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    CommandResult result = RunWinnow(args);
    ASSERT_EQ(result.exit_code, 0) << Describe(result);
    const std::string score = Shell("python3 " + ToolsDir() + "/score_clusters.py " + clusters +
                                    " " + corpus + ".truth.jsonl");
    const double recall = std::atof(ScoreField(score, "recall_exact_plus_near_ge_0.8").c_str());
    EXPECT_GE(recall, 0.98) << score;
    EXPECT_EQ(ScoreField(score, "false_positive_docs"), "0") << score;
    EXPECT_EQ(ScoreField(score, "clusters_merging_different_truth_groups"), "0") << score;
  }
}

}  // namespace
}  // namespace winnow::cli_test
