// `winnow classify train|apply` through the real binary: held-out figures on a separable data set,
// the report JSON, skipped rows, the single-label error; apply with a threshold and with keep-top
// (an exact count, ties to earlier rows), model errors naming the file.

#include <simdjson.h>

#include <string>
#include <vector>

#include "classify/synthetic_topics.h"
#include "cli/cli_json_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

// 200 rows per topic as JSONL with "id", "text", "label"; plus two unusable rows.
std::string TopicsJsonl(size_t rows_per_topic = 200) {
  std::string out;
  int id = 0;
  for (const auto& row : testing::SyntheticTopics(rows_per_topic)) {
    out += "{\"id\":" + std::to_string(id++) + ",\"text\":" + JsonString(row.text) +
           ",\"label\":" + JsonString(row.label) + "}\n";
  }
  out += "{\"id\":" + std::to_string(id++) + ",\"text\":\"no label here\"}\n";
  out += "{\"id\":" + std::to_string(id++) + ",\"text\":\"  \",\"label\":\"cooking\"}\n";
  return out;
}

// Trains on TopicsJsonl into dir/model.bin; returns the run.
CommandResult Train(const TempDir& dir, std::vector<std::string> extra = {}) {
  const std::string input = dir.Write("topics.jsonl", TopicsJsonl());
  std::vector<std::string> args = {
      "classify", "train", input,     "--label", "label", "-o", dir.Join("model.bin"),
      "--dim",    "16",    "--epoch", "20",      "--lr",  "0.5"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunWinnow(args);
}

TEST(ClassifyTrain, HighHeldOutF1AndTheReport) {
  TempDir dir;
  CommandResult result = Train(dir, {"--report", dir.Join("report.json"), "--reject",
                                     dir.Join("rejects.jsonl"), "--seed", "3"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("402 rows read, 400 used, 1 no_label, 1 empty_text"));
  EXPECT_THAT(result.err, HasSubstr("held out: 40 rows"));
  EXPECT_TRUE(dir.Exists("model.bin"));
  ExpectNoTempFiles(dir.List());
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_EQ(parser.parse(dir.Read("report.json")).get(report), simdjson::SUCCESS);
  EXPECT_EQ(Int(report["validation_rows"]), 40);
  EXPECT_EQ(Int(report["rows"]["skipped"]["no_label"]), 1);
  EXPECT_EQ(Int(report["rows"]["skipped"]["empty_text"]), 1);
  double macro_f1 = 0, micro_f1 = 0, accuracy = 0;
  ASSERT_EQ(report["macro"]["f1"].get(macro_f1), simdjson::SUCCESS);
  ASSERT_EQ(report["micro"]["f1"].get(micro_f1), simdjson::SUCCESS);
  ASSERT_EQ(report["accuracy"].get(accuracy), simdjson::SUCCESS);
  EXPECT_GT(macro_f1, 0.9);
  EXPECT_GT(micro_f1, 0.9);
  EXPECT_DOUBLE_EQ(micro_f1, accuracy);
  simdjson::dom::array labels;
  ASSERT_EQ(report["labels"].get(labels), simdjson::SUCCESS);
  ASSERT_EQ(labels.size(), 2u);
  for (simdjson::dom::element label : labels) {
    EXPECT_EQ(Int(label["train"]), 180);
    EXPECT_EQ(Int(label["valid"]), 20);
    double f1 = 0;
    ASSERT_EQ(label["f1"].get(f1), simdjson::SUCCESS);
    EXPECT_GT(f1, 0.9);
    for (const char* key : {"precision", "recall", "predicted", "correct"}) {
      EXPECT_EQ(label[key].error(), simdjson::SUCCESS) << key;
    }
  }
  EXPECT_EQ(report["deterministic"].get_bool().value(), true);
  EXPECT_EQ(Int(report["settings"]["seed"]), 3);
  const std::string rejects = dir.Read("rejects.jsonl");
  EXPECT_THAT(rejects, HasSubstr("no label in field 'label'"));
  EXPECT_THAT(rejects, HasSubstr("empty text in 'text'"));
}

TEST(ClassifyTrain, OneThreadIsReproducible) {
  TempDir a, b;
  ASSERT_EQ(Train(a, {"-q"}).exit_code, 0);
  ASSERT_EQ(Train(b, {"-q"}).exit_code, 0);
  EXPECT_EQ(a.Read("model.bin"), b.Read("model.bin"));
}

TEST(ClassifyTrain, BoolAndNumberLabelsAndTheWorkDir) {
  TempDir dir;
  std::string input;
  int id = 0;
  for (const auto& row : testing::SyntheticTopics(30)) {
    input += "{\"text\":" + JsonString(row.text) +
             ",\"good\":" + (row.label == "cooking" ? "true" : "false") +
             ",\"stars\":" + (id++ % 2 == 0 ? "5" : "1.0") + "}\n";
  }
  dir.Write("bools.jsonl", input);
  CommandResult result =
      RunWinnow({"classify", "train", dir.Join("bools.jsonl"), "--label", "good", "-o",
                 dir.Join("m.bin"), "--work-dir", dir.Join("work"), "--valid-fraction", "0"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("nothing held out"));
  const std::string train = dir.Read("work/train.txt");
  EXPECT_THAT(train, HasSubstr("__label__true "));
  EXPECT_THAT(train, HasSubstr("__label__false "));
  result = RunWinnow({"classify", "train", dir.Join("bools.jsonl"), "--label", "stars", "-o",
                      dir.Join("m2.bin"), "--work-dir", dir.Join("work2"), "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(dir.Read("work2/train.txt"), HasSubstr("__label__1 "));
}

TEST(ClassifyTrain, SingleLabelIsRefused) {
  TempDir dir;
  const std::string input =
      dir.Write("one.jsonl",
                "{\"text\":\"a b c\",\"label\":\"hq\"}\n{\"text\":\"d e f\",\"label\":\"hq\"}\n");
  CommandResult result =
      RunWinnow({"classify", "train", input, "--label", "label", "-o", dir.Join("m.bin")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("every row has the label 'hq' (2 rows)"));
  EXPECT_FALSE(dir.Exists("m.bin"));
}

TEST(ClassifyTrain, NoLabelFieldAtAll) {
  TempDir dir;
  const std::string input = dir.Write("none.jsonl", "{\"text\":\"a b c\"}\n");
  CommandResult result =
      RunWinnow({"classify", "train", input, "--label", "label", "-o", dir.Join("m.bin")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("no row has both a label in 'label' and a text"));
}

class ClassifyApply : public ::testing::Test {
 protected:
  void SetUp() override {
    CommandResult result = Train(dir_, {"-q"});
    ASSERT_EQ(result.exit_code, 0) << Describe(result);
  }
  TempDir dir_;
};

TEST_F(ClassifyApply, ThresholdKeepsOneTopic) {
  CommandResult result =
      RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model", dir_.Join("model.bin"),
                 "--label", "cooking", "--threshold", "0.5", "-o", dir_.Join("out.jsonl"),
                 "--reject", dir_.Join("rejects.jsonl")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines kept = ParseLines(dir_.Read("out.jsonl"));
  EXPECT_GE(kept.size(), 190u);
  EXPECT_LE(kept.size(), 210u);
  size_t cooking = 0;
  for (const auto& row : kept) {
    if (Str(row["label"]) == "cooking") ++cooking;
    EXPECT_EQ(Str(row["classify_label"]), "cooking");
    double score = 0;
    ASSERT_EQ(row["classify_score_cooking"].get(score), simdjson::SUCCESS);
    EXPECT_GE(score, 0.5);
  }
  EXPECT_GE(cooking, 195u);
  EXPECT_THAT(result.err, HasSubstr("winnow: classify: kept "));
  const std::string rejects = dir_.Read("rejects.jsonl");
  EXPECT_THAT(rejects, HasSubstr("classify: score_cooking 0."));
  EXPECT_THAT(rejects, HasSubstr("< 0.5"));
  EXPECT_THAT(rejects, HasSubstr("classify: empty: no text"));
}

TEST_F(ClassifyApply, KeepTopKeepsAnExactCount) {
  // 402 rows, one without text: 10% of 401 scored rows = ceil(40.1) = 41.
  CommandResult result = RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model",
                                    dir_.Join("model.bin"), "--label", "football", "--keep-top",
                                    "10%", "-o", dir_.Join("top.jsonl"), "--prefix", "q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines kept = ParseLines(dir_.Read("top.jsonl"));
  EXPECT_EQ(kept.size(), 41u);
  for (const auto& row : kept) EXPECT_EQ(Str(row["q_label"]), "football");
  EXPECT_THAT(result.err, HasSubstr("keep top 10% of 401 scored records = 41: score_football >= "));
  // The same run again gives the same records (deterministic across worker schedules).
  CommandResult again = RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model",
                                   dir_.Join("model.bin"), "--label", "football", "--keep-top",
                                   "10%", "--prefix", "q", "--workers", "3", "-q"});
  EXPECT_EQ(again.out, dir_.Read("top.jsonl"));
}

TEST_F(ClassifyApply, KeepTopTiesGoToEarlierRows) {
  std::string input;
  for (int i = 0; i < 10; ++i) {
    input += "{\"id\":" + std::to_string(i) + ",\"text\":\"" +
             (i % 5 == 0 ? "the referee gave a penalty" : "simmer the onion and garlic sauce") +
             "\"}\n";
  }
  const std::string path = dir_.Write("ties.jsonl", input);
  CommandResult result =
      RunWinnow({"classify", "apply", path, "--model", dir_.Join("model.bin"), "--label", "cooking",
                 "--keep-top", "50", "--workers", "2", "--reject", dir_.Join("rejects.jsonl")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  // Eight identical cooking texts tie; five fit: the first five of them.
  std::vector<int64_t> ids;
  for (const auto& row : ParseLines(result.out)) ids.push_back(Int(row["id"]));
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3, 4, 6}));
  EXPECT_THAT(dir_.Read("rejects.jsonl"),
              HasSubstr("ties the cut-off; earlier rows filled the top 50%"));
}

TEST_F(ClassifyApply, AnnotateKeepsEveryRecord) {
  CommandResult result =
      RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model", dir_.Join("model.bin"),
                 "--label", "cooking", "--keep-top", "10%", "--annotate", "-q"});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  const ParsedLines rows = ParseLines(result.out);
  ASSERT_EQ(rows.size(), 402u);
  size_t kept = 0;
  for (const auto& row : rows) kept += IsNull(row["classify_reason"]) ? 1 : 0;
  EXPECT_EQ(kept, 41u);
}

TEST_F(ClassifyApply, KeepTopRefusesStdin) {
  CommandResult result = RunWinnow({"classify", "apply", "-", "--model", dir_.Join("model.bin"),
                                    "--label", "cooking", "--keep-top", "10%"},
                                   "{\"text\":\"x\"}\n");
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("reads the input twice"));
}

TEST_F(ClassifyApply, UnknownLabelAndMissingLabel) {
  CommandResult result = RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model",
                                    dir_.Join("model.bin"), "--label", "hq", "--threshold", "0.5"});
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("no label 'hq' (its labels: "));
  result = RunWinnow({"classify", "apply", dir_.Join("topics.jsonl"), "--model",
                      dir_.Join("model.bin"), "--threshold", "0.5"});
  ExpectOneLineError(result, 2);
}

TEST(ClassifyApplyModel, MissingAndCorruptModelsAreNamed) {
  TempDir dir;
  const std::string input = dir.Write("in.jsonl", "{\"text\":\"a\"}\n");
  CommandResult result =
      RunWinnow({"classify", "apply", input, "--model", dir.Join("missing.bin")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(dir.Join("missing.bin")));
  dir.Write("corrupt.bin", std::string("\xba\x16\x4f\x2f\x0c\x00\x00\x00garbage", 15));
  result = RunWinnow({"classify", "apply", input, "--model", dir.Join("corrupt.bin")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(dir.Join("corrupt.bin") + ": not a usable fastText model"));
}

}  // namespace
}  // namespace winnow::cli_test
