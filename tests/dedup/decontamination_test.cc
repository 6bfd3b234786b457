// EvalIndex (the exact n-gram index of an evaluation set) and DecontaminateStep (which drops or
// marks training records sharing an n-gram with it), driven by hand-made batches.

#include "winnow/dedup/decontamination.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <xxhash.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/io/file_system.h"
#include "winnow/record/field_path.h"

namespace winnow {
namespace {

using ::testing::HasSubstr;

uint64_t Hash(std::string_view ngram) { return XXH64(ngram.data(), ngram.size(), 0); }

// ---------------------------------------------------------------------------------------------
// EvalIndex

TEST(EvalIndexTest, FindsEveryNgramOfAnItemUnderItsNormalisedSpelling) {
  EvalIndex index(3, TextNormalization::kMinHash);
  index.Add("The Quick, brown FOX jumps!", {"q1", "eval.jsonl"});
  index.Finish();
  // minhash normalisation: lowercase, punctuation gone, single spaces.
  EXPECT_EQ(index.Find(Hash("the quick brown")), 0);
  EXPECT_EQ(index.Find(Hash("quick brown fox")), 0);
  EXPECT_EQ(index.Find(Hash("brown fox jumps")), 0);
  EXPECT_EQ(index.Find(Hash("The Quick, brown")), -1);  // raw spelling is not indexed
  EXPECT_EQ(index.Find(Hash("fox jumps the")), -1);
  EXPECT_EQ(index.Find(Hash("quick brown")), -1);  // 2 words: not a 3-gram
  EXPECT_EQ(index.ngram_count(), 3u);
  EXPECT_EQ(index.too_short(), 0u);
  ASSERT_EQ(index.items().size(), 1u);
  EXPECT_EQ(index.items()[0].id, "q1");
  EXPECT_EQ(index.items()[0].source, "eval.jsonl");
  EXPECT_EQ(index.ngram(), 3u);
  EXPECT_EQ(index.normalization(), TextNormalization::kMinHash);
}

TEST(EvalIndexTest, RawNormalisationKeepsCaseAndPunctuation) {
  EvalIndex index(2, TextNormalization::kRaw);
  index.Add("Hello, World again", {"a", "e"});
  index.Finish();
  EXPECT_EQ(index.Find(Hash("Hello, World")), 0);
  EXPECT_EQ(index.Find(Hash("World again")), 0);
  EXPECT_EQ(index.Find(Hash("hello world")), -1);
}

TEST(EvalIndexTest, FirstAddedItemWinsAnNgramSharedByLaterItems) {
  EvalIndex index(3, TextNormalization::kSimple);
  index.Add("one two three four", {"first", "a.jsonl"});
  index.Add("zero one two three", {"second", "b.jsonl"});
  index.Add("x one two three y", {"third", "b.jsonl"});
  index.Finish();
  EXPECT_EQ(index.Find(Hash("one two three")), 0);
  EXPECT_EQ(index.Find(Hash("two three four")), 0);
  EXPECT_EQ(index.Find(Hash("zero one two")), 1);
  EXPECT_EQ(index.Find(Hash("x one two")), 2);
  EXPECT_EQ(index.Find(Hash("two three y")), 2);
  // The shared n-gram is stored once: 2 + 1 + 2 distinct.
  EXPECT_EQ(index.ngram_count(), 5u);
}

TEST(EvalIndexTest, TheWinnerDoesNotDependOnHashOrderWithManyItems) {
  // Many items sharing one n-gram, each with private ones: the sort must keep item 0 for the
  // shared n-gram however the entries land.
  EvalIndex index(2, TextNormalization::kSimple);
  for (int i = 0; i < 200; ++i) {
    index.Add("shared words private" + std::to_string(i) + " tail" + std::to_string(i),
              {"item" + std::to_string(i), "e"});
  }
  index.Finish();
  EXPECT_EQ(index.Find(Hash("shared words")), 0);
  EXPECT_EQ(index.Find(Hash("private57 tail57")), 57);
  EXPECT_EQ(index.Find(Hash("words private199")), 199);
  EXPECT_EQ(index.ngram_count(), 1u + 2u * 200u);
}

TEST(EvalIndexTest, ItemsShorterThanTheNgramAreCountedButKeepTheirPlace) {
  EvalIndex index(4, TextNormalization::kMinHash);
  index.Add("only three words", {"short1", "e"});
  index.Add("", {"empty", "e"});
  index.Add("...!!! ,,,", {"punct", "e"});  // no words left after normalisation
  index.Add("now we have four words", {"long", "e"});
  index.Finish();
  EXPECT_EQ(index.too_short(), 3u);
  ASSERT_EQ(index.items().size(), 4u);
  EXPECT_EQ(index.items()[3].id, "long");
  // The long item keeps its own index even though earlier ones added no n-gram.
  EXPECT_EQ(index.Find(Hash("now we have four")), 3);
  EXPECT_EQ(index.Find(Hash("we have four words")), 3);
  EXPECT_EQ(index.ngram_count(), 2u);
}

TEST(EvalIndexTest, EmptyIndexFindsNothing) {
  EvalIndex index(13, TextNormalization::kMinHash);
  index.Finish();
  EXPECT_EQ(index.Find(Hash("anything")), -1);
  EXPECT_EQ(index.Find(0), -1);
  EXPECT_EQ(index.ngram_count(), 0u);
  EXPECT_TRUE(index.items().empty());
}

// ---------------------------------------------------------------------------------------------
// BuildEvalIndex

DedupKey TextKey(TextNormalization normalization = TextNormalization::kMinHash,
                 std::vector<std::string> fields = {"text"});

TEST(BuildEvalIndexTest, ReadsEveryFileInOrderAndNamesItemsByIdOrLine) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("eval/a.jsonl",
              "{\"id\":\"a1\",\"q\":\"one two three four\"}\n{\"q\":\"five six seven\"}\n");
  fs->AddFile("eval/b.jsonl", "{\"id\":7,\"q\":\"one two three\"}\n{\"id\":\"b2\",\"q\":\"x\"}\n");
  auto path = FieldPath::Parse("id");
  ASSERT_TRUE(path.has_value());
  EvalIndex index(3, TextNormalization::kMinHash);
  Status status =
      BuildEvalIndex(*fs, {"eval"}, TextKey(TextNormalization::kMinHash, {"q"}), *path, &index);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(index.items().size(), 4u);
  EXPECT_EQ(index.items()[0].id, "a1");
  EXPECT_EQ(index.items()[0].source, "eval/a.jsonl");
  EXPECT_EQ(index.items()[1].id, "eval/a.jsonl:2");  // no id field: file:line
  EXPECT_EQ(index.items()[2].id, "7");               // a number, as JSON
  EXPECT_EQ(index.items()[2].source, "eval/b.jsonl");
  EXPECT_EQ(index.items()[3].id, "b2");
  EXPECT_EQ(index.too_short(), 1u);
  // Finished: searchable, and the shared n-gram belongs to the first file's item.
  EXPECT_EQ(index.Find(Hash("one two three")), 0);
  EXPECT_EQ(index.Find(Hash("five six seven")), 1);
  EXPECT_EQ(index.ngram_count(), 3u);
}

TEST(BuildEvalIndexTest, WithoutAnIdFieldItemsAreNamedByLine) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("e.jsonl", "{\"id\":\"x\",\"text\":\"a b c\"}\n");
  EvalIndex index(2, TextNormalization::kSimple);
  ASSERT_TRUE(BuildEvalIndex(*fs, {"e.jsonl"}, TextKey(), std::nullopt, &index).ok());
  ASSERT_EQ(index.items().size(), 1u);
  EXPECT_EQ(index.items()[0].id, "e.jsonl:1");
}

TEST(BuildEvalIndexTest, MissingOrMalformedEvalFilesAreErrorsNamingThem) {
  auto fs = NewMemoryFileSystem();
  EvalIndex index(2, TextNormalization::kSimple);
  Status missing = BuildEvalIndex(*fs, {"nope.jsonl"}, TextKey(), std::nullopt, &index);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.message(), HasSubstr("nope.jsonl"));
  fs->AddFile("bad.jsonl", "{\"text\":\"a b c\"}\n{oops\n");
  EvalIndex index2(2, TextNormalization::kSimple);
  Status bad = BuildEvalIndex(*fs, {"bad.jsonl"}, TextKey(), std::nullopt, &index2);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.message(), HasSubstr("bad.jsonl:2"));
}

// ---------------------------------------------------------------------------------------------
// DecontaminateStep

DedupKey TextKey(TextNormalization normalization, std::vector<std::string> fields) {
  DedupKeyOptions options;
  options.fields = std::move(fields);
  options.normalization = normalization;
  auto key = DedupKey::Create(options);
  EXPECT_TRUE(key.has_value());
  return std::move(*key);
}

class DecontaminateStepTest : public ::testing::Test {
 protected:
  // Parsed records with "id" and "text" (a missing text when `text` is null).
  Batch MakeBatch(const std::vector<std::pair<std::string, const char*>>& rows) {
    static const std::string source = "train.jsonl";
    Batch batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      RecordOrigin origin;
      origin.source = &source;
      origin.line = i + 1;
      std::string json = "{\"id\":\"" + rows[i].first + "\"";
      if (rows[i].second) json += std::string(",\"text\":\"") + rows[i].second + "\"";
      json += "}";
      batch.records.push_back(Record::Owned(json, origin));
      EXPECT_TRUE(batch.records.back().Parse(parser_).ok()) << json;
    }
    return batch;
  }

  Status Run(DecontaminateStep& step, Batch& batch, size_t worker = 0, size_t workers = 1) {
    StepContext ctx{worker, workers, &parser_, &step.counters(), nullptr};
    return step.Process(batch, ctx);
  }

  static std::vector<std::string> Ids(const Batch& batch) {
    std::vector<std::string> ids;
    for (const Record& record : batch.records) {
      std::string_view id;
      EXPECT_FALSE(record.Field("id").get(id));
      ids.emplace_back(id);
    }
    return ids;
  }

  // Items: e0 "alpha beta gamma delta", e1 "one two three four five", e2 too short.
  static EvalIndex MakeIndex(size_t ngram = 3,
                             TextNormalization normalization = TextNormalization::kMinHash) {
    EvalIndex index(ngram, normalization);
    index.Add("Alpha beta gamma delta", {"e0", "eval.jsonl"});
    index.Add("one two three four five", {"e1", "eval.jsonl"});
    index.Add("tiny", {"e2", "other.jsonl"});
    index.Finish();
    return index;
  }

  simdjson::dom::parser parser_;
};

TEST_F(DecontaminateStepTest, DropsContaminatedRecordsWithAReasonNamingTheItemAndNgram) {
  const EvalIndex index = MakeIndex();
  DecontaminateStep step(TextKey(), index, {});
  ASSERT_TRUE(step.Open(1).ok());
  EXPECT_EQ(step.name(), "decontaminate");
  EXPECT_TRUE(step.parallel());
  Batch batch = MakeBatch({
      {"clean", "nothing to see here at all"},
      {"hit", "Before: ALPHA, beta. Gamma and after"},  // alpha beta gamma after normalising
      {"near", "alpha beta delta gamma"},               // same words, no shared 3-gram
      {"missing", nullptr},
      {"empty", ""},
  });
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"clean", "near", "missing", "empty"}));
  ASSERT_EQ(batch.rejects.size(), 1u);
  const RejectedRecord& reject = batch.rejects[0];
  EXPECT_EQ(reject.step, "decontaminate");
  EXPECT_EQ(reject.reason, "shares 3-gram \"alpha beta gamma\" with eval item e0 (eval.jsonl)");
  std::string_view rejected_id;
  EXPECT_FALSE(reject.record.Field("id").get(rejected_id));
  EXPECT_EQ(rejected_id, "hit");

  simdjson::dom::parser details_parser;
  simdjson::dom::element details;
  ASSERT_EQ(details_parser.parse(reject.details).get(details), simdjson::SUCCESS) << reject.details;
  EXPECT_EQ(int64_t(details["matches"]), 1);
  EXPECT_EQ(int64_t(details["eval_items_hit"]), 1);
  EXPECT_EQ(std::string_view(details["ngram"]), "alpha beta gamma");
  simdjson::dom::array items = details["eval_items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(std::string_view(items.at(0)["id"]), "e0");
  EXPECT_EQ(std::string_view(items.at(0)["source"]), "eval.jsonl");

  EXPECT_EQ(step.counters().Get("dropped"), 1u);
  const ContaminationCounts counts = step.Counts();
  EXPECT_EQ(counts.checked, 5u);
  EXPECT_EQ(counts.contaminated, 1u);
  EXPECT_EQ(counts.records_per_item, (std::vector<uint64_t>{1, 0, 0}));
}

TEST_F(DecontaminateStepTest, SeveralMatchesAndItemsAreSummedInTheReason) {
  const EvalIndex index = MakeIndex();
  DecontaminateStep step(TextKey(), index, {});
  ASSERT_TRUE(step.Open(1).ok());
  // Two 3-grams of e1 and one of e0.
  Batch batch = MakeBatch({{"both", "one two three four and alpha beta gamma"}});
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_TRUE(batch.records.empty());
  ASSERT_EQ(batch.rejects.size(), 1u);
  EXPECT_EQ(batch.rejects[0].reason,
            "shares 3-gram \"one two three\" with eval item e1 (eval.jsonl); 3 shared n-grams, "
            "2 eval items");
  simdjson::dom::parser details_parser;
  simdjson::dom::element details;
  ASSERT_EQ(details_parser.parse(batch.rejects[0].details).get(details), simdjson::SUCCESS);
  EXPECT_EQ(int64_t(details["matches"]), 3);
  EXPECT_EQ(int64_t(details["eval_items_hit"]), 2);
  simdjson::dom::array items = details["eval_items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(std::string_view(items.at(0)["id"]), "e1");  // in order of first match
  EXPECT_EQ(std::string_view(items.at(1)["id"]), "e0");
  EXPECT_EQ(step.Counts().records_per_item, (std::vector<uint64_t>{1, 1, 0}));
}

TEST_F(DecontaminateStepTest, DetailsListAtMostFiveItemsButCountThemAll) {
  EvalIndex index(2, TextNormalization::kSimple);
  std::string text;
  for (int i = 0; i < 7; ++i) {
    const std::string words = "w" + std::string(1, static_cast<char>('a' + i)) + "1 w" +
                              std::string(1, static_cast<char>('a' + i)) + "2";
    index.Add(words, {"item" + std::to_string(i), "e"});
    text += words + " | ";  // simple normalisation keeps "|": no 2-gram spans two items
  }
  index.Finish();
  DecontaminateStep step(TextKey(TextNormalization::kSimple), index, {});
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch = MakeBatch({{"all", text.c_str()}});
  ASSERT_TRUE(Run(step, batch).ok());
  ASSERT_EQ(batch.rejects.size(), 1u);
  simdjson::dom::parser details_parser;
  simdjson::dom::element details;
  ASSERT_EQ(details_parser.parse(batch.rejects[0].details).get(details), simdjson::SUCCESS);
  EXPECT_EQ(int64_t(details["eval_items_hit"]), 7);
  EXPECT_EQ(int64_t(details["matches"]), 7);
  simdjson::dom::array items = details["eval_items"];
  EXPECT_EQ(items.size(), 5u);
  EXPECT_THAT(batch.rejects[0].reason, HasSubstr("7 shared n-grams, 7 eval items"));
  // Every item hit is counted for the report, not only the five listed.
  EXPECT_EQ(step.Counts().records_per_item, std::vector<uint64_t>(7, 1));
}

TEST_F(DecontaminateStepTest, MinMatchesNeedsThatManySharedNgrams) {
  const EvalIndex index = MakeIndex();
  DecontaminateOptions options;
  options.min_matches = 2;
  DecontaminateStep step(TextKey(), index, options);
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch = MakeBatch({
      {"one", "x alpha beta gamma y"},       // 1 shared 3-gram
      {"two", "x alpha beta gamma delta"},   // 2
      {"three", "one two three four five"},  // 3
  });
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"one"}));
  ASSERT_EQ(batch.rejects.size(), 2u);
  EXPECT_THAT(batch.rejects[0].reason, HasSubstr("eval item e0"));
  EXPECT_THAT(batch.rejects[0].reason, HasSubstr("2 shared n-grams, 1 eval items"));
  EXPECT_THAT(batch.rejects[1].reason, HasSubstr("eval item e1"));
  const ContaminationCounts counts = step.Counts();
  EXPECT_EQ(counts.contaminated, 2u);
  // The record below the threshold does not count against its item.
  EXPECT_EQ(counts.records_per_item, (std::vector<uint64_t>{1, 1, 0}));
}

TEST_F(DecontaminateStepTest, MinMatchesZeroStillNeedsOneMatch) {
  const EvalIndex index = MakeIndex();
  DecontaminateOptions options;
  options.min_matches = 0;
  DecontaminateStep step(TextKey(), index, options);
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch = MakeBatch({{"clean", "nothing shared here"}, {"hit", "alpha beta gamma"}});
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"clean"}));
}

TEST_F(DecontaminateStepTest, AnnotateKeepsEveryRecordWithAContaminationColumn) {
  const EvalIndex index = MakeIndex();
  DecontaminateOptions options;
  options.annotate = true;
  DecontaminateStep step(TextKey(), index, options);
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch = MakeBatch({
      {"clean", "nothing to see"},
      {"hit", "ONE two, three!"},
      {"missing", nullptr},
  });
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_TRUE(batch.rejects.empty());
  ASSERT_EQ(Ids(batch), (std::vector<std::string>{"clean", "hit", "missing"}));
  simdjson::dom::element value;
  ASSERT_FALSE(batch.records[0].Field("contamination").get(value));
  EXPECT_TRUE(value.is_null());
  ASSERT_FALSE(batch.records[2].Field("contamination").get(value));
  EXPECT_TRUE(value.is_null());
  ASSERT_FALSE(batch.records[1].Field("contamination").get(value));
  ASSERT_TRUE(value.is_object());
  EXPECT_EQ(int64_t(value["matches"]), 1);
  EXPECT_EQ(std::string_view(value["ngram"]), "one two three");
  EXPECT_EQ(std::string_view(value["eval_items"].at(0)["id"]), "e1");
  // The written record carries the column too.
  std::string json;
  batch.records[1].AppendJson(&json);
  EXPECT_THAT(json, HasSubstr("\"contamination\":{"));
  json.clear();
  batch.records[0].AppendJson(&json);
  EXPECT_THAT(json, HasSubstr("\"contamination\":null"));

  EXPECT_EQ(step.counters().Get("marked"), 1u);
  EXPECT_EQ(step.counters().Get("dropped"), 0u);
  EXPECT_EQ(step.Counts().contaminated, 1u);
  EXPECT_EQ(step.Counts().records_per_item, (std::vector<uint64_t>{0, 1, 0}));
}

TEST_F(DecontaminateStepTest, CountsAddUpOverWorkers) {
  const EvalIndex index = MakeIndex();
  DecontaminateStep step(TextKey(), index, {});
  ASSERT_TRUE(step.Open(2).ok());
  Batch a = MakeBatch({{"a1", "alpha beta gamma"}, {"a2", "clean text"}});
  Batch b = MakeBatch({{"b1", "beta gamma delta"}, {"b2", "two three four"}, {"b3", "no"}});
  Batch c = MakeBatch({{"c1", "three four five"}});
  ASSERT_TRUE(Run(step, a, 0, 2).ok());
  ASSERT_TRUE(Run(step, b, 1, 2).ok());
  ASSERT_TRUE(Run(step, c, 0, 2).ok());
  EXPECT_EQ(Ids(a), (std::vector<std::string>{"a2"}));
  EXPECT_EQ(Ids(b), (std::vector<std::string>{"b3"}));
  EXPECT_TRUE(c.records.empty());
  const ContaminationCounts counts = step.Counts();
  EXPECT_EQ(counts.checked, 6u);
  EXPECT_EQ(counts.contaminated, 4u);
  EXPECT_EQ(counts.records_per_item, (std::vector<uint64_t>{2, 2, 0}));
  EXPECT_EQ(step.counters().Get("dropped"), 4u);
}

TEST_F(DecontaminateStepTest, AStepCanOwnItsIndex) {
  auto index = std::make_unique<EvalIndex>(MakeIndex());
  DecontaminateStep step(TextKey(), std::move(index), {});
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch = MakeBatch({{"hit", "three four five"}, {"clean", "six seven"}});
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"clean"}));
  EXPECT_EQ(step.Counts().records_per_item, (std::vector<uint64_t>{0, 1, 0}));
}

TEST_F(DecontaminateStepTest, KeyOverSeveralFieldsIsChecked) {
  const EvalIndex index = MakeIndex();
  DecontaminateStep step(TextKey(TextNormalization::kMinHash, {"title", "body"}), index, {});
  ASSERT_TRUE(step.Open(1).ok());
  Batch batch;
  static const std::string source = "t.jsonl";
  RecordOrigin origin;
  origin.source = &source;
  batch.records.push_back(
      Record::Owned(R"({"id":"x","title":"Intro","body":"then alpha beta gamma"})", origin));
  batch.records.push_back(Record::Owned(R"({"id":"y","title":"alpha beta","body":"z"})", origin));
  for (auto& record : batch.records) ASSERT_TRUE(record.Parse(parser_).ok());
  ASSERT_TRUE(Run(step, batch).ok());
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"y"}));
}

}  // namespace
}  // namespace winnow
