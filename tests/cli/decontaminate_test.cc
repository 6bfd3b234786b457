// `winnow decontaminate` end to end: training records sharing a word n-gram with an evaluation set
// are dropped (or marked), naming the eval item and the n-gram; --ngram, --min-matches,
// --annotate, --report, several --eval-field, chat data by conversation part, and the errors.

#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------------------------------------
// Data: made-up words (letters only, so no normalisation merges two of them).

std::string Word(int i) {
  static const char* kSyllables[] = {"ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to", "vu",
                                     "da", "fe", "gi", "ho", "ju", "ka", "le", "mo", "ni", "po"};
  return std::string(kSyllables[i % 20]) + kSyllables[(i / 20) % 20] + "x" +
         kSyllables[(i / 400) % 20];
}

// Words [from, from + count) joined with spaces.
std::string Words(int from, int count) {
  std::string out;
  for (int i = from; i < from + count; ++i) out += (i > from ? " " : "") + Word(i);
  return out;
}

// Words [from, from + count) in another spelling: capitalised, with punctuation between.
std::string Shouted(int from, int count) {
  std::string out;
  for (int i = from; i < from + count; ++i) {
    std::string word = Word(i);
    if (i % 2 == 0) {
      for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    }
    out += (i > from ? (i % 3 == 0 ? ", " : (i % 5 == 0 ? "; " : " ")) : "") + word;
  }
  return out + "!";
}

// Eval items: q-long (question: words 0..19), q-two (question 100..119, answer 200..219),
// q-short (a 5-word question: too short for 13-grams).
std::string EvalJsonl() {
  return "{\"id\":\"q-long\",\"question\":\"" + Words(0, 20) + "?\",\"answer\":\"" + Words(300, 3) +
         "\"}\n" + "{\"id\":\"q-two\",\"question\":\"" + Words(100, 20) + "\",\"answer\":\"" +
         Words(200, 20) + "\"}\n" + "{\"id\":\"q-short\",\"question\":\"" + Words(400, 5) +
         "\",\"answer\":\"" + Words(410, 2) + "\"}\n";
}

// Training records (ids say what they share):
//   span13  13 words of q-long's question, re-cased and punctuated, inside other words
//   span12  only 12 consecutive words of q-long's question
//   clean   nothing shared
//   span15  15 words of q-two's question (three 13-grams)
//   answer  13 words of q-two's answer
//   notext  no text field
std::string TrainJsonl() {
  return "{\"id\":\"span13\",\"text\":\"Intro " + Words(500, 3) + ". " + Shouted(4, 13) + " " +
         Words(510, 4) + "\"}\n" + "{\"id\":\"span12\",\"text\":\"" + Words(520, 5) + " " +
         Words(2, 12) + " " + Words(530, 5) + "\"}\n" + "{\"id\":\"clean\",\"text\":\"" +
         Words(540, 30) + "\"}\n" + "{\"id\":\"span15\",\"text\":\"" + Words(560, 2) + " " +
         Words(103, 15) + "\"}\n" + "{\"id\":\"answer\",\"text\":\"" + Words(205, 13) + " " +
         Words(570, 2) + "\"}\n" + "{\"id\":\"notext\",\"other\":1}\n";
}

struct Files {
  TempDir dir;
  std::string train;
  std::string eval;
  Files() {
    train = dir.Write("train.jsonl", TrainJsonl());
    eval = dir.Write("eval.jsonl", EvalJsonl());
  }
};

// ---------------------------------------------------------------------------------------------
// Reading outputs

// The ids of the records inside reject lines.
std::vector<std::string> RejectedIds(const std::string& jsonl) {
  std::vector<std::string> ids;
  const ParsedLines lines = ParseLines(jsonl);
  for (const auto& row : lines.rows) ids.push_back(Str(row["record"]["id"]));
  return ids;
}

using Ids = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------

TEST(Decontaminate, DropsA13WordSpanInAnotherSpellingAndNamesTheEvalItem) {
  Files f;
  CommandResult result =
      Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "-o",
          f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span12", "clean", "answer", "notext"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 2u);

  EXPECT_EQ(Str(rejects[0]["step"]), "decontaminate");
  EXPECT_EQ(Str(rejects[0]["record"]["id"]), "span13");
  // The n-gram is given normalised: lowercase, no punctuation.
  const std::string ngram = Words(4, 13);
  EXPECT_EQ(Str(rejects[0]["reason"]),
            "shares 13-gram \"" + ngram + "\" with eval item q-long (" + f.eval + ")");
  EXPECT_EQ(Int(rejects[0]["details"]["matches"]), 1);
  EXPECT_EQ(Int(rejects[0]["details"]["eval_items_hit"]), 1);
  EXPECT_EQ(Str(rejects[0]["details"]["ngram"]), ngram);
  EXPECT_EQ(Str(rejects[0]["details"]["eval_items"].at(0)["id"]), "q-long");
  EXPECT_EQ(Str(rejects[0]["details"]["eval_items"].at(0)["source"]), f.eval);
  // The record in the reject file is the original, unnormalised one.
  EXPECT_THAT(Str(rejects[0]["record"]["text"]), HasSubstr(Shouted(4, 13)));

  EXPECT_EQ(Str(rejects[1]["record"]["id"]), "span15");
  EXPECT_THAT(Str(rejects[1]["reason"]), HasSubstr("with eval item q-two"));
  EXPECT_THAT(Str(rejects[1]["reason"]), HasSubstr("3 shared n-grams, 1 eval items"));
  EXPECT_EQ(Int(rejects[1]["details"]["matches"]), 3);

  // The summary on stderr.
  EXPECT_THAT(result.err, HasSubstr("winnow decontaminate: 13-grams, normalize=minhash"));
  EXPECT_THAT(result.err, HasSubstr("eval: 3 items"));
  EXPECT_THAT(result.err, HasSubstr("1 eval items have fewer than 13 words"));
  EXPECT_THAT(result.err, HasSubstr("checked 6"));
  EXPECT_THAT(result.err, HasSubstr("contaminated 2"));
  EXPECT_THAT(result.err, HasSubstr("match eval item q-long"));
  EXPECT_THAT(result.err, HasSubstr("match eval item q-two"));
}

TEST(Decontaminate, ShorterNgramsCatchShorterSpans) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--ngram", "8",
      "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"clean", "answer", "notext"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(Str(rejects[1]["record"]["id"]), "span12");
  EXPECT_THAT(Str(rejects[1]["reason"]), HasSubstr("shares 8-gram \"" + Words(2, 8) + "\""));
  EXPECT_EQ(Int(rejects[1]["details"]["matches"]), 5);  // 12 words hold five 8-grams
}

TEST(Decontaminate, MinMatchesNeedsThatManySharedNgrams) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--min-matches",
      "3", "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span13", "span12", "clean", "answer", "notext"}));
  EXPECT_EQ(RejectedIds(f.dir.Read("rejects.jsonl")), (Ids{"span15"}));
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--min-matches",
      "4", "-q", "-o", f.dir.Join("out4.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out4.jsonl")).size(), 6u);
}

TEST(Decontaminate, AnnotateKeepsEveryRecordWithAContaminationColumn) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--annotate", "-q",
      "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  const ParsedLines rows = ParseLines(f.dir.Read("out.jsonl"));
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(f.dir.Read("rejects.jsonl"), "");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string id = Str(rows[i]["id"]);
    SCOPED_TRACE(id);
    simdjson::dom::element contamination;
    ASSERT_EQ(rows[i]["contamination"].get(contamination), simdjson::SUCCESS);
    if (id == "span13" || id == "span15") {
      ASSERT_TRUE(contamination.is_object());
      EXPECT_EQ(Str(contamination["eval_items"].at(0)["id"]), id == "span13" ? "q-long" : "q-two");
      EXPECT_EQ(Int(contamination["matches"]), id == "span13" ? 1 : 3);
      EXPECT_EQ(Str(contamination["ngram"]), id == "span13" ? Words(4, 13) : Words(103, 13));
    } else {
      EXPECT_TRUE(contamination.is_null());
    }
  }
  // Other fields are untouched.
  EXPECT_EQ(Int(rows[5]["other"]), 1);
}

TEST(Decontaminate, ReportListsTheEvalItemsHitAndTheTooShortOnes) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "-q", "-o",
      f.dir.Join("out.jsonl"), "--report", f.dir.Join("report.json")});
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  const std::string text = f.dir.Read("report.json");
  ASSERT_EQ(parser.parse(text).get(report), simdjson::SUCCESS) << text;
  EXPECT_EQ(Int(report["ngram"]), 13);
  EXPECT_EQ(Str(report["normalize"]), "minhash");
  EXPECT_EQ(Int(report["eval_items"]), 3);
  EXPECT_EQ(Int(report["eval_items_too_short"]), 1);
  EXPECT_EQ(Int(report["checked"]), 6);
  EXPECT_EQ(Int(report["contaminated"]), 2);
  simdjson::dom::array hit;
  ASSERT_EQ(report["eval_items_hit"].get(hit), simdjson::SUCCESS);
  ASSERT_EQ(hit.size(), 2u);
  EXPECT_EQ(Str(hit.at(0)["id"]), "q-long");
  EXPECT_EQ(Str(hit.at(0)["source"]), f.eval);
  EXPECT_EQ(Int(hit.at(0)["training_records"]), 1);
  EXPECT_EQ(Str(hit.at(1)["id"]), "q-two");
  EXPECT_EQ(Int(hit.at(1)["training_records"]), 1);

  // Several records hitting one item are counted; a lower --ngram leaves no item too short.
  const std::string train2 =
      f.dir.Write("train2.jsonl", "{\"id\":\"a\",\"text\":\"" + Words(100, 13) + "\"}\n" +
                                      "{\"id\":\"b\",\"text\":\"x " + Words(105, 13) + "\"}\n" +
                                      "{\"id\":\"c\",\"text\":\"" + Words(400, 5) + "\"}\n");
  Ok({"decontaminate", train2, "--against", f.eval, "--eval-field", "question", "--ngram", "5",
      "-q", "-o", f.dir.Join("out2.jsonl"), "--report", f.dir.Join("report2.json")});
  simdjson::dom::parser parser2;
  simdjson::dom::element report2;
  ASSERT_EQ(parser2.parse(f.dir.Read("report2.json")).get(report2), simdjson::SUCCESS);
  EXPECT_EQ(Int(report2["eval_items_too_short"]), 0);
  EXPECT_EQ(Int(report2["contaminated"]), 3);
  simdjson::dom::array hit2;
  ASSERT_EQ(report2["eval_items_hit"].get(hit2), simdjson::SUCCESS);
  ASSERT_EQ(hit2.size(), 2u);
  EXPECT_EQ(Str(hit2.at(0)["id"]), "q-two");
  EXPECT_EQ(Int(hit2.at(0)["training_records"]), 2);
  EXPECT_EQ(Str(hit2.at(1)["id"]), "q-short");
  EXPECT_EQ(Int(hit2.at(1)["training_records"]), 1);
  EXPECT_EQ(f.dir.Read("out2.jsonl"), "");
}

TEST(Decontaminate, SeveralEvalFieldsAreAllChecked) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--eval-field",
      "answer", "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span12", "clean", "notext"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(Str(rejects[2]["record"]["id"]), "answer");
  EXPECT_THAT(Str(rejects[2]["reason"]), HasSubstr("with eval item q-two"));
  EXPECT_THAT(Str(rejects[2]["reason"]), HasSubstr(Words(205, 13)));

  // Only the answer field: the question spans pass.
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "answer", "-q", "-o",
      f.dir.Join("answers.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("answers.jsonl")),
            (Ids{"span13", "span12", "clean", "span15", "notext"}));
}

TEST(Decontaminate, WithoutEvalFieldTheTrainingFieldIsUsedForBoth) {
  Files f;
  // The eval file has no "text": nothing to match, every item too short.
  CommandResult result = Ok({"decontaminate", f.train, "--against", f.eval, "-o",
                             f.dir.Join("out.jsonl"), "--report", f.dir.Join("r.json")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")).size(), 6u);
  EXPECT_THAT(result.err, HasSubstr("3 eval items have fewer than 13 words"));
  // --field question on both sides.
  const std::string train = f.dir.Write(
      "q.jsonl", "{\"id\":\"x\",\"question\":\"" + Words(0, 13) + "\"}\n{\"id\":\"y\"}\n");
  Ok({"decontaminate", train, "--against", f.eval, "--field", "question", "-q", "-o",
      f.dir.Join("q-out.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("q-out.jsonl")), (Ids{"y"}));
}

TEST(Decontaminate, EvalItemsWithoutAnIdAreNamedByFileAndLine) {
  Files f;
  const std::string eval = f.dir.Write(
      "noid.jsonl", "{\"question\":\"short\"}\n{\"question\":\"" + Words(0, 20) + "\"}\n");
  Ok({"decontaminate", f.train, "--against", eval, "--eval-field", "question", "-q", "-o",
      f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_THAT(Str(rejects[0]["reason"]), HasSubstr("with eval item " + eval + ":2"));
}

TEST(Decontaminate, SeveralEvalFilesAreOneIndex) {
  Files f;
  const std::string more =
      f.dir.Write("more.jsonl", "{\"id\":\"m1\",\"question\":\"" + Words(540, 13) + "\"}\n");
  Ok({"decontaminate", f.train, "--against", f.eval, "--against", more, "--eval-field", "question",
      "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span12", "answer", "notext"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(Str(rejects[1]["record"]["id"]), "clean");
  EXPECT_EQ(Str(rejects[1]["details"]["eval_items"].at(0)["source"]), more);
}

TEST(Decontaminate, ShardingTheTrainingDataNeverShardsTheEvalSet) {
  Files f;
  std::string jsonl;
  for (int i = 0; i < 6; ++i) {
    jsonl +=
        "{\"id\":\"c" + std::to_string(i) + "\",\"text\":\"" + Words(700 + 20 * i, 20) + "\"}\n";
  }
  jsonl += "{\"id\":\"hit\",\"text\":\"" + Words(0, 13) + "\"}\n";  // q-long: eval line 1
  const std::string train = f.dir.Write("sharded.jsonl", jsonl);
  Ok({"decontaminate", train, "--shard", "1/2", "--against", f.eval, "--eval-field", "question",
      "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  const Ids kept = IdsOf(f.dir.Read("out.jsonl"));
  EXPECT_FALSE(kept.empty());
  EXPECT_LT(kept.size(), 6u);  // the shard is only part of the file
  EXPECT_THAT(kept, Not(::testing::Contains("hit")));
  EXPECT_EQ(RejectedIds(f.dir.Read("rejects.jsonl")), (Ids{"hit"}));
}

TEST(Decontaminate, EvalIdFieldNamesTheItems) {
  Files f;
  const std::string eval =
      f.dir.Write("named.jsonl", "{\"id\":\"ignored\",\"meta\":{\"qid\":\"Q-7\"},\"question\":\"" +
                                     Words(0, 20) + "\"}\n");
  Ok({"decontaminate", f.train, "--against", eval, "--eval-field", "question", "--eval-id-field",
      "meta.qid", "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_THAT(Str(rejects[0]["reason"]), HasSubstr("with eval item Q-7 ("));
}

TEST(Decontaminate, ChatTrainingDataByConversationPart) {
  Files f;
  auto chat = [](const std::string& id, const std::string& user, const std::string& assistant) {
    return "{\"id\":\"" + id +
           "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
           "\"content\":\"" +
           user + "\"},{\"role\":\"assistant\",\"content\":\"" + assistant + "\"}]}\n";
  };
  const std::string train = f.dir.Write(
      "chat.jsonl", chat("in-prompt", "Please answer: " + Shouted(3, 14), Words(600, 10)) +
                        chat("in-response", Words(610, 10), "Sure. " + Words(5, 13)) +
                        chat("clean", Words(620, 10), Words(630, 10)));
  Ok({"decontaminate", train, "--against", f.eval, "--field", "messages", "--part", "prompt",
      "--eval-field", "question", "-q", "-o", f.dir.Join("prompt.jsonl"), "--reject",
      f.dir.Join("prompt-rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("prompt.jsonl")), (Ids{"in-response", "clean"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("prompt-rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_THAT(Str(rejects[0]["reason"]), HasSubstr("eval item q-long"));
  EXPECT_EQ(Int(rejects[0]["details"]["matches"]), 2);

  Ok({"decontaminate", train, "--against", f.eval, "--field", "messages", "--part", "response",
      "--eval-field", "question", "-q", "-o", f.dir.Join("response.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("response.jsonl")), (Ids{"in-prompt", "clean"}));

  Ok({"decontaminate", train, "--against", f.eval, "--field", "messages", "--eval-field",
      "question", "-q", "-o", f.dir.Join("all.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("all.jsonl")), (Ids{"clean"}));
}

TEST(Decontaminate, MissingAgainstIsAUsageError) {
  Files f;
  CommandResult result = RunWinnow({"decontaminate", f.train, "-o", f.dir.Join("out.jsonl")});
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("--against"));
  EXPECT_EQ(f.dir.List(), (std::vector<std::string>{"eval.jsonl", "train.jsonl"}));
}

TEST(Decontaminate, AMissingEvalFileIsAnErrorNamingIt) {
  Files f;
  const std::string missing = f.dir.Join("no-such-eval.jsonl");
  CommandResult result =
      RunWinnow({"decontaminate", f.train, "--against", missing, "-o", f.dir.Join("out.jsonl")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(missing));
  // No output written.
  EXPECT_EQ(f.dir.List(), (std::vector<std::string>{"eval.jsonl", "train.jsonl"}));
}

TEST(Decontaminate, AMalformedEvalLineIsAnErrorNamingItsLine) {
  Files f;
  const std::string eval = f.dir.Write("bad-eval.jsonl", EvalJsonl() + "{not json\n");
  CommandResult result = RunWinnow({"decontaminate", f.train, "--against", eval, "--eval-field",
                                    "question", "-o", f.dir.Join("out.jsonl")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr(eval + ":4"));
  EXPECT_THAT(f.dir.List(), Not(::testing::Contains("out.jsonl")));
}

TEST(Decontaminate, MalformedTrainingLinesCanBeSkippedToTheRejectFile) {
  Files f;
  const std::string train = f.dir.Write("bad-train.jsonl", "{oops\n" + TrainJsonl());
  Ok({"decontaminate", train, "--against", f.eval, "--eval-field", "question", "--on-error", "skip",
      "-q", "-o", f.dir.Join("out.jsonl"), "--reject", f.dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span12", "clean", "answer", "notext"}));
  const ParsedLines rejects = ParseLines(f.dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(Str(rejects[0]["step"]), "reader");
  EXPECT_EQ(Str(rejects[1]["step"]), "decontaminate");
}

TEST(Decontaminate, BadOptionsAreUsageErrors) {
  Files f;
  CommandResult zero = RunWinnow({"decontaminate", f.train, "--against", f.eval, "--ngram", "0",
                                  "-o", f.dir.Join("out.jsonl")});
  ExpectOneLineError(zero, 2);
  EXPECT_THAT(zero.err, HasSubstr("--ngram"));
  CommandResult part = RunWinnow({"decontaminate", f.train, "--against", f.eval, "--part", "middle",
                                  "-o", f.dir.Join("out.jsonl")});
  EXPECT_EQ(part.exit_code, 2) << Describe(part);
  CommandResult normalize = RunWinnow({"decontaminate", f.train, "--against", f.eval, "--normalize",
                                       "loud", "-o", f.dir.Join("out.jsonl")});
  EXPECT_NE(normalize.exit_code, 0) << Describe(normalize);
  EXPECT_THAT(normalize.err, HasSubstr("loud"));
  EXPECT_THAT(f.dir.List(), Not(::testing::Contains("out.jsonl")));
}

TEST(Decontaminate, RawNormalisationNeedsTheSameSpelling) {
  Files f;
  Ok({"decontaminate", f.train, "--against", f.eval, "--eval-field", "question", "--normalize",
      "raw", "-q", "-o", f.dir.Join("out.jsonl")});
  // The re-cased, punctuated span no longer matches; the verbatim one still does.
  EXPECT_EQ(IdsOf(f.dir.Read("out.jsonl")), (Ids{"span13", "span12", "clean", "answer", "notext"}));
}

}  // namespace
}  // namespace winnow::cli_test
