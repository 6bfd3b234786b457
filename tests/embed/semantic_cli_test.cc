// `winnow dedup semantic` end to end (the real binary): with the built-in hashing embedder on
// generated texts with planted near-verbatim copies (rejects, annotations, topic-wise selection,
// records without text, rankings, determinism), and with the openai embedder against the
// in-process TestEmbeddingServer (batching, the cache, retried faults, a server that keeps failing,
// the API key).

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <simdjson.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"
#include "embed/test_embedding_server.h"

extern char** environ;

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// ---------------------------------------------------------------------------------------------
// Reading outputs

using Ids = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Corpora

class Vocabulary {
 public:
  Vocabulary(uint32_t seed, size_t size) : random_(seed) {
    static const char* kSyllables[] = {"ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to",
                                       "vu", "da", "fe", "gi", "ho", "ju", "ka", "le", "mo"};
    std::set<std::string> words;
    while (words.size() < size) {
      std::string word;
      const uint32_t count = 2 + random_() % 3;
      for (uint32_t i = 0; i < count; ++i) word += kSyllables[random_() % std::size(kSyllables)];
      words.insert(word);
    }
    words_.assign(words.begin(), words.end());
  }
  std::vector<std::string> Take(size_t count) {
    std::vector<std::string> out;
    for (size_t i = 0; i < count; ++i) out.push_back(words_[random_() % words_.size()]);
    return out;
  }

 private:
  std::mt19937 random_;
  std::vector<std::string> words_;
};

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

std::string Line(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"n\":1}\n";
}

// 30 distinct 60-word texts doc-00..doc-29; copy-00..copy-05 repeat doc-00, doc-05, ... doc-25
// with word 30 changed, each placed three records after its original; "empty" has an empty text
// and "no-text" none.
struct NearCorpus {
  std::string jsonl;
  std::map<std::string, std::string> pair_of;  // both directions
  Ids all_ids;
};

const NearCorpus& TheNearCorpus() {
  static const NearCorpus corpus = [] {
    NearCorpus c;
    Vocabulary vocabulary(4242, 3000);
    std::vector<std::pair<std::string, std::string>> ordered, copies;
    for (int i = 0; i < 30; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "doc-%02d", i);
      std::vector<std::string> words = vocabulary.Take(60);
      ordered.emplace_back(id, Join(words));
      if (i % 5 == 0) {
        words[30] = "zzchanged";
        char copy[16];
        std::snprintf(copy, sizeof copy, "copy-%02d", i / 5);
        copies.emplace_back(copy, Join(words));
        c.pair_of[id] = copy;
        c.pair_of[copy] = id;
      }
    }
    // Copy k goes three records after doc-(5k); inserting the last first keeps the positions.
    for (int k = 5; k >= 0; --k) ordered.insert(ordered.begin() + 5 * k + 4, copies[k]);
    ordered.insert(ordered.begin() + 7, {"empty", ""});
    for (const auto& [id, text] : ordered) {
      c.jsonl += Line(id, text);
      c.all_ids.push_back(id);
    }
    c.jsonl += "{\"id\":\"no-text\",\"n\":2}\n";
    c.all_ids.push_back("no-text");
    return c;
  }();
  return corpus;
}

// Three topics with their own 40-word vocabularies, 8 texts each: alpha-0..7, beta-0..7,
// gamma-0..7, interleaved.
std::string TopicCorpus() {
  Vocabulary alpha(1, 40), beta(2, 40), gamma(3, 40);
  std::string jsonl;
  for (int i = 0; i < 8; ++i) {
    jsonl += Line("alpha-" + std::to_string(i), Join(alpha.Take(40)));
    jsonl += Line("beta-" + std::to_string(i), Join(beta.Take(40)));
    jsonl += Line("gamma-" + std::to_string(i), Join(gamma.Take(40)));
  }
  return jsonl;
}

const std::vector<std::string> kHashing = {"--embedder", "hashing", "--topics", "4",
                                           "--eps",      "0.05",    "-q"};

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// ---------------------------------------------------------------------------------------------
// Hashing embedder

TEST(SemanticCliHashing, RemovesOneOfEachPlantedPairAndKeepsDistinctTexts) {
  const NearCorpus& corpus = TheNearCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok(Concat({"dedup", "semantic", input, "-o", dir.Join("out.jsonl"), "--reject",
             dir.Join("rejects.jsonl")},
            kHashing));
  const Ids kept = IdsOf(dir.Read("out.jsonl"));
  const ParsedLines rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 6u);
  EXPECT_EQ(kept.size(), corpus.all_ids.size() - 6);
  // Every record that is not in a pair stays, in input order.
  Ids expected_unpaired, kept_unpaired;
  for (const std::string& id : corpus.all_ids) {
    if (!corpus.pair_of.count(id)) expected_unpaired.push_back(id);
  }
  for (const std::string& id : kept) {
    if (!corpus.pair_of.count(id)) kept_unpaired.push_back(id);
  }
  EXPECT_EQ(kept_unpaired, expected_unpaired);
  EXPECT_THAT(kept, ::testing::Contains("empty"));
  EXPECT_THAT(kept, ::testing::Contains("no-text"));

  std::set<std::string> removed;
  for (size_t i = 0; i < rejects.size(); ++i) {
    const auto& reject = rejects[i];
    const std::string id = Str(reject["record"]["id"]);
    SCOPED_TRACE(id + ": " + simdjson::minify(reject));
    ASSERT_TRUE(corpus.pair_of.count(id));
    const std::string other = corpus.pair_of.at(id);
    removed.insert(id);
    EXPECT_EQ(Str(reject["step"]), "dedup_semantic");
    EXPECT_THAT(Str(reject["reason"]), StartsWith("near duplicate of " + other + " (cosine "));
    EXPECT_THAT(Str(reject["reason"]), HasSubstr(">= 0.9500, topic "));
    EXPECT_EQ(Str(reject["details"]["duplicate_of"]), other);
    EXPECT_EQ(Str(reject["details"]["id"]), id);
    EXPECT_EQ(Str(reject["details"]["verdict"]), "near duplicate");
    double similarity = 0;
    ASSERT_EQ(reject["details"]["similarity"].get(similarity), simdjson::SUCCESS);
    EXPECT_GE(similarity, 0.95);
    EXPECT_LE(similarity, 1.0 + 1e-6);
    const int64_t topic = Int(reject["details"]["topic"]);
    EXPECT_GE(topic, 0);
    EXPECT_LT(topic, 4);
    EXPECT_GE(Int(reject["details"]["topic_size"]), 2);
    // The kept member of the pair is in the output.
    EXPECT_THAT(kept, ::testing::Contains(other));
    EXPECT_THAT(kept, ::testing::Not(::testing::Contains(id)));
  }
  EXPECT_EQ(removed.size(), 6u);  // one per pair
}

TEST(SemanticCliHashing, SummaryCountsRecordsWithoutText) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", TheNearCorpus().jsonl);
  CommandResult result = Ok(
      {"dedup", "semantic", input, "--topics", "4", "--eps", "0.05", "-o", dir.Join("out.jsonl")});
  EXPECT_THAT(result.err, HasSubstr("winnow dedup semantic"));
  EXPECT_THAT(result.err, HasSubstr("embedder=hashing-256"));
  EXPECT_THAT(result.err, HasSubstr("records 38"));
  EXPECT_THAT(result.err, HasSubstr("removed 6"));
  EXPECT_THAT(result.err, HasSubstr("near_duplicates=6"));
  EXPECT_THAT(result.err, HasSubstr("2 records had no fingerprint"));
}

TEST(SemanticCliHashing, AnnotateKeepsEveryRowWithClusterColumns) {
  const NearCorpus& corpus = TheNearCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok(Concat({"dedup", "semantic", input, "--annotate", "-o", dir.Join("out.jsonl"), "--reject",
             dir.Join("rejects.jsonl")},
            kHashing));
  EXPECT_EQ(dir.Read("rejects.jsonl"), "");
  const ParsedLines rows = ParseLines(dir.Read("out.jsonl"));
  ASSERT_EQ(rows.size(), corpus.all_ids.size());
  std::map<int64_t, int64_t> members, sizes;
  int marked = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string id = Str(rows[i]["id"]);
    SCOPED_TRACE(simdjson::minify(rows[i]));
    EXPECT_EQ(id, corpus.all_ids[i]);
    EXPECT_EQ(Int(rows[i]["n"]), id == "no-text" ? 2 : 1);  // original fields kept
    if (id == "empty" || id == "no-text") {
      EXPECT_TRUE(IsNull(rows[i]["cluster_id"]));
      EXPECT_EQ(Int(rows[i]["cluster_size"]), 1);
      EXPECT_TRUE(IsNull(rows[i]["duplicate_of"]));
      continue;
    }
    const int64_t cluster = Int(rows[i]["cluster_id"]);
    ASSERT_GE(cluster, 0);
    ASSERT_LT(cluster, 4);
    ++members[cluster];
    sizes[cluster] = Int(rows[i]["cluster_size"]);
    if (IsNull(rows[i]["duplicate_of"])) continue;
    ++marked;
    ASSERT_TRUE(corpus.pair_of.count(id));
    EXPECT_EQ(Str(rows[i]["duplicate_of"]), corpus.pair_of.at(id));
  }
  EXPECT_EQ(marked, 6);
  // cluster_size is the topic's size: the number of rows that carry its id.
  EXPECT_EQ(members, sizes);
  EXPECT_EQ(members.size(), 4u);
}

TEST(SemanticCliHashing, KeepPerClusterKeepsTheMostRepresentativeRecordOfEachTopic) {
  TempDir dir;
  const std::string input = dir.Write("topics.jsonl", TopicCorpus());
  Ok({"dedup", "semantic", input, "--topics", "3", "--keep-per-cluster", "1", "-q", "-o",
      dir.Join("out.jsonl"), "--reject", dir.Join("rejects.jsonl")});
  const Ids kept = IdsOf(dir.Read("out.jsonl"));
  ASSERT_EQ(kept.size(), 3u);
  std::set<std::string> topics;
  for (const std::string& id : kept) topics.insert(id.substr(0, id.find('-')));
  EXPECT_EQ(topics, (std::set<std::string>{"alpha", "beta", "gamma"}));
  const ParsedLines rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 21u);
  std::map<std::string, int64_t> topic_of_kind;
  for (size_t i = 0; i < rejects.size(); ++i) {
    SCOPED_TRACE(simdjson::minify(rejects[i]));
    EXPECT_THAT(Str(rejects[i]["reason"]),
                StartsWith("not among the 1 most representative of topic "));
    EXPECT_EQ(Str(rejects[i]["details"]["verdict"]), "not representative");
    EXPECT_EQ(Int(rejects[i]["details"]["topic_size"]), 8);
    EXPECT_EQ(rejects[i]["details"]["duplicate_of"].error(), simdjson::NO_SUCH_FIELD);
    // Each planted topic is one k-means topic.
    const std::string id = Str(rejects[i]["record"]["id"]);
    const std::string kind = id.substr(0, id.find('-'));
    const int64_t topic = Int(rejects[i]["details"]["topic"]);
    auto [it, inserted] = topic_of_kind.emplace(kind, topic);
    EXPECT_EQ(it->second, topic);
  }
  EXPECT_EQ(topic_of_kind.size(), 3u);
}

TEST(SemanticCliHashing, KeepPerClusterAlsoDropsNearDuplicates) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", TheNearCorpus().jsonl);
  Ok(Concat({"dedup", "semantic", input, "--keep-per-cluster", "2", "-o", dir.Join("out.jsonl"),
             "--reject", dir.Join("rejects.jsonl")},
            kHashing));
  // 4 topics x 2 kept, plus the two records without text.
  const Ids kept = IdsOf(dir.Read("out.jsonl"));
  EXPECT_EQ(kept.size(), 10u);
  EXPECT_THAT(kept, ::testing::Contains("empty"));
  EXPECT_THAT(kept, ::testing::Contains("no-text"));
  const ParsedLines rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 28u);
  int near = 0, not_representative = 0;
  for (size_t i = 0; i < rejects.size(); ++i) {
    const std::string verdict = Str(rejects[i]["details"]["verdict"]);
    near += verdict == "near duplicate";
    not_representative += verdict == "not representative";
  }
  EXPECT_EQ(near, 6);
  EXPECT_EQ(not_representative, 22);
}

TEST(SemanticCliHashing, RecordsWithoutTextAreKeptAndNeverCompared) {
  TempDir dir;
  // Empty and missing texts would be exact duplicates of one another if they were embedded.
  const std::string input =
      dir.Write("empty.jsonl", Line("a", "") + Line("b", "") +
                                   "{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":null}\n" +
                                   Line("e", "") + Line("f", "one lonely text with words"));
  Ok({"dedup", "semantic", input, "--eps", "0.5", "-q", "-o", dir.Join("out.jsonl"), "--reject",
      dir.Join("rejects.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), (Ids{"a", "b", "c", "d", "e", "f"}));
  EXPECT_EQ(dir.Read("rejects.jsonl"), "");
  // Only records without text at all.
  const std::string none = dir.Write("none.jsonl", Line("a", "") + "{\"id\":\"b\"}\n");
  CommandResult result = Ok({"dedup", "semantic", none, "-o", dir.Join("none-out.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("none-out.jsonl")), (Ids{"a", "b"}));
  EXPECT_THAT(result.err, HasSubstr("records 2"));
  // No records.
  const std::string empty = dir.Write("zero.jsonl", "");
  Ok({"dedup", "semantic", empty, "-q", "-o", dir.Join("zero-out.jsonl")});
  EXPECT_EQ(dir.Read("zero-out.jsonl"), "");
}

TEST(SemanticCliHashing, EasyRankingKeepsTheOtherMemberOfEachPair) {
  const NearCorpus& corpus = TheNearCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok(Concat({"dedup", "semantic", input, "--ranking", "hard", "-o", dir.Join("hard.jsonl")},
            kHashing));
  Ok(Concat({"dedup", "semantic", input, "--ranking", "easy", "-o", dir.Join("easy.jsonl")},
            kHashing));
  Ok(Concat({"dedup", "semantic", input, "--ranking", "random", "-o", dir.Join("random.jsonl")},
            kHashing));
  const Ids hard = IdsOf(dir.Read("hard.jsonl"));
  const Ids easy = IdsOf(dir.Read("easy.jsonl"));
  ASSERT_EQ(hard.size(), corpus.all_ids.size() - 6);
  ASSERT_EQ(easy.size(), hard.size());
  EXPECT_EQ(IdsOf(dir.Read("random.jsonl")).size(), hard.size());
  // In a topic, the pair's two members sit at different distances from the centroid: hard keeps
  // the farther one, easy the nearer one.
  int differ = 0;
  for (const std::string& id : hard) {
    if (!corpus.pair_of.count(id)) continue;
    EXPECT_THAT(easy, ::testing::Not(::testing::Contains(id))) << id;
    EXPECT_THAT(easy, ::testing::Contains(corpus.pair_of.at(id))) << id;
    ++differ;
  }
  EXPECT_EQ(differ, 6);
  CommandResult bad = RunWinnow(
      Concat({"dedup", "semantic", input, "--ranking", "sideways", "-o", dir.Join("bad.jsonl")},
             kHashing));
  EXPECT_EQ(bad.exit_code, 2) << Describe(bad);
  EXPECT_FALSE(dir.Exists("bad.jsonl"));
}

TEST(SemanticCliHashing, OutputIsTheSameOnEveryRun) {
  const NearCorpus& corpus = TheNearCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  for (const char* run : {"1", "2"}) {
    Ok(Concat({"dedup", "semantic", input, "--annotate", "-o",
               dir.Join(std::string("annotated") + run + ".jsonl")},
              kHashing));
    Ok(Concat({"dedup", "semantic", input, "--ranking", "random", "-o",
               dir.Join(std::string("out") + run + ".jsonl"), "--reject",
               dir.Join(std::string("rejects") + run + ".jsonl")},
              kHashing));
  }
  EXPECT_EQ(dir.Read("annotated1.jsonl"), dir.Read("annotated2.jsonl"));
  EXPECT_EQ(dir.Read("out1.jsonl"), dir.Read("out2.jsonl"));
  EXPECT_EQ(dir.Read("rejects1.jsonl"), dir.Read("rejects2.jsonl"));
  EXPECT_FALSE(dir.Read("rejects1.jsonl").empty());
}

TEST(SemanticCliHashing, EpsZeroKeepsNearCopiesAndDropsExactOnes) {
  TempDir dir;
  Vocabulary vocabulary(9, 500);
  std::vector<std::string> words = vocabulary.Take(60);
  const std::string text = Join(words);
  words[10] = "zzother";
  const std::string input =
      dir.Write("data.jsonl", Line("a", text) + Line("b", Join(words)) + Line("c", text) +
                                  Line("d", Join(vocabulary.Take(60))));
  Ok({"dedup", "semantic", input, "--topics", "2", "--eps", "0", "-q", "-o", dir.Join("out.jsonl"),
      "--reject", dir.Join("rejects.jsonl")});
  const ParsedLines rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1u);
  const std::string removed = Str(rejects[0]["record"]["id"]);
  ASSERT_TRUE(removed == "a" || removed == "c") << removed;
  EXPECT_EQ(Str(rejects[0]["details"]["duplicate_of"]), removed == "a" ? "c" : "a");
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")).size(), 3u);
}

// With --on-error skip, a malformed line is skipped by the embedding pass and the final pass.
TEST(SemanticCliHashing, OnErrorSkipWithAMalformedLine) {
  TempDir dir;
  const std::string input = dir.Write(
      "bad.jsonl", Line("a", "hello world foo bar") + "{bad json\n" +
                       Line("b", "hello world foo bar") + Line("c", "something else entirely"));
  CommandResult result =
      RunWinnow({"dedup", "semantic", input, "--on-error", "skip", "--topics", "2", "-q", "-o",
                 dir.Join("out.jsonl"), "--reject", dir.Join("rejects.jsonl")});
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), (Ids{"a", "c"}));
  const ParsedLines rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(Str(rejects[0]["step"]), "reader");
  EXPECT_EQ(Str(rejects[1]["details"]["duplicate_of"]), "a");
}

// Records removed as "not representative" duplicate nothing: duplicate_of is null.
TEST(SemanticCliHashing, AnnotateNeverWritesAnEmptyDuplicateOf) {
  TempDir dir;
  const std::string input = dir.Write("topics.jsonl", TopicCorpus());
  Ok({"dedup", "semantic", input, "--topics", "3", "--keep-per-cluster", "1", "--annotate", "-q",
      "-o", dir.Join("out.jsonl")});
  const ParsedLines rows = ParseLines(dir.Read("out.jsonl"));
  ASSERT_EQ(rows.size(), 24u);
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string_view duplicate_of;
    if (rows[i]["duplicate_of"].get(duplicate_of) == simdjson::SUCCESS) {
      EXPECT_FALSE(duplicate_of.empty()) << simdjson::minify(rows[i]);
    }
  }
}

TEST(SemanticCliHashing, StandardInputIsRefused) {
  TempDir dir;
  CommandResult result = RunWinnow({"dedup", "semantic", "-", "-o", dir.Join("out.jsonl")});
  EXPECT_EQ(result.exit_code, 2) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("standard input"));
}

// ---------------------------------------------------------------------------------------------
// OpenAI-compatible embedder against the in-process server

// 10 distinct texts, 3 exact copies (the server's vectors depend on the text only), one empty.
struct ServerCorpus {
  std::string jsonl;
  size_t with_text = 0;
};

ServerCorpus MakeServerCorpus() {
  ServerCorpus c;
  Vocabulary vocabulary(31, 800);
  std::vector<std::string> texts;
  for (int i = 0; i < 10; ++i) texts.push_back(Join(vocabulary.Take(12)));
  for (int i = 0; i < 10; ++i) {
    c.jsonl += Line("t" + std::to_string(i), texts[i]);
    if (i % 3 == 2) c.jsonl += Line("copy-of-t" + std::to_string(i - 2), texts[i - 2]);
  }
  c.jsonl += Line("empty", "");
  c.with_text = 13;
  return c;
}

class SemanticCliServer : public ::testing::Test {
 protected:
  std::vector<std::string> Args(const std::string& input, const std::string& out,
                                std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"dedup",
                                     "semantic",
                                     input,
                                     "--embedder",
                                     "openai",
                                     "--url",
                                     server_.base_url(),
                                     "--model",
                                     "m",
                                     "--batch-size",
                                     "4",
                                     "--concurrency",
                                     "2",
                                     "--cache",
                                     dir_.Join("cache.sqlite"),
                                     "--topics",
                                     "2",
                                     "-q",
                                     "-o",
                                     out};
    return Concat(args, extra);
  }

  // The same arguments with the vector cache at `cache` ("" for none).
  static std::vector<std::string> WithCache(std::vector<std::string> args,
                                            const std::string& cache) {
    auto it = std::find(args.begin(), args.end(), "--cache");
    if (cache.empty()) {
      args.erase(it, it + 2);
    } else {
      *(it + 1) = cache;
    }
    return args;
  }

  testutil::TestEmbeddingServer server_{8};
  TempDir dir_;
};

TEST_F(SemanticCliServer, EmbedsInBatchesAndTheCacheMakesReRunsFree) {
  const ServerCorpus corpus = MakeServerCorpus();
  const std::string input = dir_.Write("data.jsonl", corpus.jsonl);
  Ok(Args(input, dir_.Join("out.jsonl"), {"--reject", dir_.Join("rejects.jsonl")}));
  const size_t first = server_.embedding_requests();
  EXPECT_GE(first, (corpus.with_text + 3) / 4);  // at least ceil(13 / 4)
  EXPECT_LE(server_.max_batch(), 4u);
  EXPECT_GE(server_.max_batch(), 1u);
  EXPECT_THAT(server_.last_body(), HasSubstr("\"model\":\"m\""));

  // Each exact copy (or its original) goes; the empty record stays.
  const Ids kept = IdsOf(dir_.Read("out.jsonl"));
  EXPECT_EQ(kept.size(), 11u);
  EXPECT_THAT(kept, ::testing::Contains("empty"));
  const ParsedLines rejects = ParseLines(dir_.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 3u);
  for (size_t i = 0; i < rejects.size(); ++i) {
    const std::string id = Str(rejects[i]["record"]["id"]);
    const std::string other = Str(rejects[i]["details"]["duplicate_of"]);
    SCOPED_TRACE(simdjson::minify(rejects[i]));
    // copy-of-tN and tN name each other.
    EXPECT_TRUE(id == "copy-of-" + other || other == "copy-of-" + id);
    EXPECT_THAT(Str(rejects[i]["reason"]), HasSubstr("near duplicate of " + other));
  }

  // The same run again: every vector comes from the cache, and the output is identical.
  Ok(Args(input, dir_.Join("out2.jsonl"), {"--reject", dir_.Join("rejects2.jsonl")}));
  EXPECT_EQ(server_.embedding_requests(), first);
  EXPECT_EQ(dir_.Read("out2.jsonl"), dir_.Read("out.jsonl"));
  EXPECT_EQ(dir_.Read("rejects2.jsonl"), dir_.Read("rejects.jsonl"));

  // A new text costs exactly one more request.
  const std::string more =
      dir_.Write("more.jsonl", corpus.jsonl + Line("new", "a text never seen before"));
  Ok(Args(more, dir_.Join("out3.jsonl")));
  EXPECT_EQ(server_.embedding_requests(), first + 1);
  EXPECT_EQ(IdsOf(dir_.Read("out3.jsonl")).size(), 12u);
}

TEST_F(SemanticCliServer, RetriedFaultsDoNotChangeTheResult) {
  const ServerCorpus corpus = MakeServerCorpus();
  const std::string input = dir_.Write("data.jsonl", corpus.jsonl);
  // A clean run without a cache as the reference.
  Ok(WithCache(Args(input, dir_.Join("clean.jsonl")), ""));
  const size_t clean_requests = server_.embedding_requests();
  server_.Add429(1, "0");
  server_.Add500(1);
  Ok(WithCache(Args(input, dir_.Join("faulty.jsonl")), ""));
  // The two failed requests were sent again.
  EXPECT_EQ(server_.embedding_requests(), 2 * clean_requests + 2);
  EXPECT_EQ(dir_.Read("faulty.jsonl"), dir_.Read("clean.jsonl"));
  EXPECT_EQ(IdsOf(dir_.Read("faulty.jsonl")).size(), 11u);
}

TEST_F(SemanticCliServer, AServerThatKeepsFailingIsAnErrorNamingTheUrlAndLeavesNoOutput) {
  const ServerCorpus corpus = MakeServerCorpus();
  const std::string input = dir_.Write("data.jsonl", corpus.jsonl);
  server_.Add500(100);
  CommandResult result = RunWinnow(Args(
      input, dir_.Join("out.jsonl"), {"--attempts", "2", "--reject", dir_.Join("rejects.jsonl")}));
  EXPECT_EQ(result.exit_code, 1) << Describe(result);
  EXPECT_THAT(result.err, StartsWith("winnow: "));
  EXPECT_THAT(result.err, HasSubstr(server_.base_url() + "/v1/embeddings"));
  EXPECT_THAT(result.err, HasSubstr("500"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(dir_.Exists("out.jsonl"));
  EXPECT_FALSE(dir_.Exists("rejects.jsonl"));
  for (const std::string& name : dir_.List()) {
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << "temp file left: " << name;
  }
  // Tried again before giving up.
  EXPECT_GE(server_.embedding_requests(), 2u);
}

TEST_F(SemanticCliServer, TheApiKeyComesFromTheNamedEnvironmentVariable) {
  const ServerCorpus corpus = MakeServerCorpus();
  const std::string input = dir_.Write("data.jsonl", corpus.jsonl);
  ::setenv("WINNOW_SEMANTIC_TEST_KEY", "sk-test-1234", 1);
  CommandResult result =
      RunWinnow(Args(input, dir_.Join("out.jsonl"), {"--api-key-env", "WINNOW_SEMANTIC_TEST_KEY"}));
  ::unsetenv("WINNOW_SEMANTIC_TEST_KEY");
  EXPECT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_EQ(server_.last_authorization(), "Bearer sk-test-1234");
  // Without a key option: no header.
  Ok(WithCache(Args(input, dir_.Join("out-nokey.jsonl")), dir_.Join("other-cache.sqlite")));
  EXPECT_EQ(server_.last_authorization(), "");
  // A variable that is not set is an error naming it, before any request.
  const size_t before = server_.embedding_requests();
  CommandResult unset = RunWinnow(
      Args(input, dir_.Join("out-unset.jsonl"), {"--api-key-env", "WINNOW_SEMANTIC_UNSET_KEY"}));
  EXPECT_NE(unset.exit_code, 0) << Describe(unset);
  EXPECT_THAT(unset.err, HasSubstr("WINNOW_SEMANTIC_UNSET_KEY"));
  EXPECT_EQ(server_.embedding_requests(), before);
  EXPECT_FALSE(dir_.Exists("out-unset.jsonl"));
}

TEST_F(SemanticCliServer, OpenAiNeedsAUrl) {
  const std::string input = dir_.Write("data.jsonl", MakeServerCorpus().jsonl);
  CommandResult result = RunWinnow({"dedup", "semantic", input, "--embedder", "openai", "--model",
                                    "m", "-o", dir_.Join("out.jsonl")});
  EXPECT_EQ(result.exit_code, 2) << Describe(result);
  EXPECT_THAT(result.err, StartsWith("winnow: "));
  EXPECT_FALSE(dir_.Exists("out.jsonl"));
  EXPECT_EQ(server_.embedding_requests(), 0u);
}

TEST(SemanticCliFlags, FlagsThatDoNotApplyAreUsageErrors) {
  TempDir dir;
  const std::string input = dir.Write("in.jsonl", "{\"id\":\"a\",\"text\":\"x y z\"}\n");
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--keep", "longest"},
        std::vector<std::string>{"--normalize", "raw"},
        std::vector<std::string>{"--clusters", dir.Join("c.jsonl")}}) {
    std::vector<std::string> args = {"dedup", "semantic", input, "-o", dir.Join("out.jsonl")};
    args.insert(args.end(), extra.begin(), extra.end());
    CommandResult result = RunWinnow(args);
    EXPECT_EQ(result.exit_code, 2) << Describe(result);
    EXPECT_THAT(result.err, HasSubstr(extra[0] + " does not apply to dedup semantic"));
    EXPECT_FALSE(dir.Exists("out.jsonl"));
  }
}

}  // namespace
}  // namespace winnow::cli_test
