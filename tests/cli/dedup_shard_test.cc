// Sharded `winnow dedup exact|minhash` end to end: stage 1 (--shard i/N --signatures DIR) on every
// shard, stage 2 (`dedup merge DIR`), stage 3 (`dedup apply --shard i/N`), compared with the
// one-machine run on the same input; and the errors for missing, mismatched and truncated shard
// files.

#include <simdjson.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------------------------------------
// A seeded corpus: distinct documents of made-up words plus exact, re-cased and one-word-edited
// copies placed after their originals.

class Words {
 public:
  explicit Words(uint32_t seed) : random_(seed) {
    static const char* kSyllables[] = {"ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to",
                                       "vu", "da", "fe", "gi", "ho", "ju", "ka", "le", "mo"};
    std::set<std::string> vocabulary;
    while (vocabulary.size() < 3000) {
      std::string word;
      const uint32_t count = 2 + random_() % 3;
      for (uint32_t i = 0; i < count; ++i) word += kSyllables[random_() % std::size(kSyllables)];
      vocabulary.insert(word);
    }
    words_.assign(vocabulary.begin(), vocabulary.end());
  }
  std::vector<std::string> Take(size_t count) {
    std::vector<std::string> out;
    for (size_t i = 0; i < count; ++i) out.push_back(words_[random_() % words_.size()]);
    return out;
  }
  uint32_t Next() { return random_(); }

 private:
  std::mt19937 random_;
  std::vector<std::string> words_;
};

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

struct Row {
  std::string id;  // empty: the record has no id field
  std::string text;
  double order;
};

// 80 originals (40 of them 120 words long for the edited copies), 8 exact copies, 6 upper-cased,
// 8 with one word edited, one triple, and two records without text.
std::string MakeCorpus(bool with_ids = true) {
  Words words(777);
  std::vector<Row> rows;
  std::vector<std::vector<std::string>> texts;
  for (int i = 0; i < 80; ++i) {
    texts.push_back(words.Take(i < 40 ? 120 : 30 + words.Next() % 30));
    rows.push_back({"doc-" + std::to_string(i), Join(texts.back()), static_cast<double>(i)});
  }
  auto copy = [&](int base, const std::string& kind, std::string text) {
    rows.push_back({kind + "-of-" + std::to_string(base), std::move(text),
                    base + 1 + words.Next() % 25 + 0.5});
  };
  for (int i = 0; i < 8; ++i) copy(40 + i * 4, "exact", rows[40 + i * 4].text);
  for (int i = 0; i < 6; ++i) {
    std::string upper = rows[41 + i * 4].text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    copy(41 + i * 4, "case", upper);
  }
  for (int i = 0; i < 8; ++i) {
    std::vector<std::string> edited = texts[i * 3];
    edited[60] = "zzedited";
    copy(i * 3, "near", Join(edited));
  }
  copy(70, "exact", rows[70].text);
  copy(70, "again", rows[70].text);
  rows.push_back({"empty", "", 10.25});
  rows.push_back({"no-text", "", 50.75});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.order < b.order; });
  std::string jsonl;
  for (const Row& row : rows) {
    jsonl += "{";
    if (with_ids) jsonl += "\"id\":\"" + row.id + "\",";
    if (row.id == "no-text") {
      jsonl += "\"n\":0}\n";
    } else {
      jsonl += "\"text\":\"" + row.text + "\"}\n";
    }
  }
  return jsonl;
}

// ---------------------------------------------------------------------------------------------
// Running the stages

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Outputs {
  std::string kept;
  std::string rejects;
  std::string clusters;
};

// The one-machine run: `dedup METHOD IN ARGS...`.
Outputs OneMachine(const TempDir& dir, const std::string& input, const std::string& method,
                   const std::vector<std::string>& args, bool annotate = false) {
  std::vector<std::string> command = {"dedup",      method,
                                      input,        "-q",
                                      "-o",         dir.Join("one.jsonl"),
                                      "--clusters", dir.Join("one-clusters.jsonl")};
  if (annotate) {
    command.push_back("--annotate");
  } else {
    command.push_back("--reject");
    command.push_back(dir.Join("one-rejects.jsonl"));
  }
  Ok(Concat(command, args));
  return {dir.Read("one.jsonl"), annotate ? "" : dir.Read("one-rejects.jsonl"),
          dir.Read("one-clusters.jsonl")};
}

// Stage 1 for every shard, then merge.
void Fingerprint(const std::string& input, const std::string& method,
                 const std::vector<std::string>& args, int shards, const std::string& sig) {
  for (int i = 0; i < shards; ++i) {
    const std::string shard = std::to_string(i) + "/" + std::to_string(shards);
    CommandResult result =
        Ok(Concat({"dedup", method, input, "--shard", shard, "--signatures", sig}, args));
    EXPECT_THAT(result.err, HasSubstr("of shard " + shard)) << Describe(result);
  }
}

// The three stages; parts and reject files concatenated in shard order.
// `apply_args` go to stage 3 only.
Outputs Sharded(const TempDir& dir, const std::string& input, const std::string& method,
                const std::vector<std::string>& args, int shards, bool annotate = false,
                const std::vector<std::string>& apply_args = {}) {
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, method, args, shards, sig);
  Ok({"dedup", "merge", sig, "-q", "--clusters", dir.Join("clusters.jsonl")});
  Outputs out;
  for (int i = 0; i < shards; ++i) {
    const std::string n = std::to_string(i);
    std::vector<std::string> command = {
        "dedup",        "apply", input, "--shard", n + "/" + std::to_string(shards),
        "--signatures", sig,     "-q",  "-o",      dir.Join("part_" + n + ".jsonl")};
    if (annotate) {
      command.push_back("--annotate");
    } else {
      command.push_back("--reject");
      command.push_back(dir.Join("r_" + n + ".jsonl"));
    }
    Ok(Concat(command, apply_args));
    out.kept += dir.Read("part_" + n + ".jsonl");
    if (!annotate) out.rejects += dir.Read("r_" + n + ".jsonl");
  }
  out.clusters = dir.Read("clusters.jsonl");
  ExpectNoTempFiles(dir.List("sig"));
  return out;
}

// Reject lines without "step" (the apply stage names its step "dedup", not "dedup_minhash") and
// without "line"/"byte_offset" (a shard that starts mid-file knows byte offsets, not lines).
std::vector<std::string> Comparable(const std::string& jsonl) {
  std::vector<std::string> out;
  simdjson::dom::parser parser;
  for (const std::string& line : SplitLines(jsonl)) {
    if (line.empty()) continue;
    simdjson::dom::object object;
    if (parser.parse(line).get(object) != simdjson::SUCCESS) {
      ADD_FAILURE() << "not JSON: " << line;
      continue;
    }
    EXPECT_TRUE(object["line"].error() == simdjson::SUCCESS ||
                object["byte_offset"].error() == simdjson::SUCCESS)
        << "no position: " << line;
    std::string text;
    for (auto field : object) {
      if (field.key == "step" || field.key == "line" || field.key == "byte_offset") continue;
      text += std::string(field.key) + "=" + simdjson::minify(field.value) + ";";
    }
    out.push_back(text);
  }
  return out;
}

size_t LineCount(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

// ---------------------------------------------------------------------------------------------
// Sharded equals one machine

TEST(DedupShard, MinHashShardedRunEqualsTheOneMachineRun) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const Outputs one = OneMachine(dir, input, "minhash", {});
  const Outputs sharded = Sharded(dir, input, "minhash", {}, 3);
  // 80 originals + 2 without text; every planted copy removed.
  EXPECT_EQ(LineCount(one.kept), 82u);
  EXPECT_EQ(LineCount(one.rejects), 24u);
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(sharded.clusters, one.clusters);
  EXPECT_EQ(Comparable(sharded.rejects), Comparable(one.rejects));
  // Each shard did some of the work.
  for (int i = 0; i < 3; ++i) {
    EXPECT_GT(dir.Read("part_" + std::to_string(i) + ".jsonl").size(), 0u) << i;
  }
}

TEST(DedupShard, ExactShardedRunEqualsTheOneMachineRun) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const Outputs one = OneMachine(dir, input, "exact", {});
  const Outputs sharded = Sharded(dir, input, "exact", {}, 3);
  // simple normalisation: exact and re-cased copies go, edited ones stay.
  EXPECT_EQ(LineCount(one.rejects), 16u);
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(sharded.clusters, one.clusters);
  EXPECT_EQ(Comparable(sharded.rejects), Comparable(one.rejects));
}

TEST(DedupShard, KeepPolicyAndOptionsCarryThroughTheShards) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::vector<std::string> args = {"--keep", "longest", "--normalize", "raw"};
  const Outputs one = OneMachine(dir, input, "exact", args);
  const Outputs sharded = Sharded(dir, input, "exact", args, 2);
  EXPECT_EQ(LineCount(one.rejects), 10u);  // raw: the re-cased copies stay
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(sharded.clusters, one.clusters);
}

TEST(DedupShard, MinHashWithOtherBandsAndShinglesShardedEqualsOneMachine) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::vector<std::string> args = {"--ngram", "3", "--bands", "10", "--rows", "5"};
  const Outputs one = OneMachine(dir, input, "minhash", args);
  const Outputs sharded = Sharded(dir, input, "minhash", args, 4);
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(sharded.clusters, one.clusters);
}

TEST(DedupShard, ApplyAnnotateEqualsTheOneMachineAnnotate) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const Outputs one = OneMachine(dir, input, "minhash", {}, /*annotate=*/true);
  const Outputs sharded = Sharded(dir, input, "minhash", {}, 3, /*annotate=*/true);
  EXPECT_EQ(LineCount(sharded.kept), 106u);  // every record
  EXPECT_EQ(sharded.kept, one.kept);
  // The annotations name the cluster and the kept record.
  simdjson::dom::parser parser;
  int marked = 0;
  for (const std::string& line : SplitLines(sharded.kept)) {
    if (line.empty()) continue;
    simdjson::dom::element row;
    ASSERT_EQ(parser.parse(line).get(row), simdjson::SUCCESS);
    std::string_view id, duplicate_of;
    ASSERT_EQ(row["id"].get(id), simdjson::SUCCESS);
    if (row["duplicate_of"].get(duplicate_of) == simdjson::SUCCESS) {
      ++marked;
      EXPECT_TRUE(id.ends_with("-of-" + std::string(duplicate_of.substr(4)))) << line;
      EXPECT_GE(int64_t(row["cluster_size"]), 2);
    } else {
      EXPECT_TRUE(row["duplicate_of"].is_null()) << line;
    }
  }
  EXPECT_EQ(marked, 24);
}

TEST(DedupShard, RecordsWithoutIdsAreStillDecidedAsOnOneMachine) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus(/*with_ids=*/false));
  const Outputs one = OneMachine(dir, input, "minhash", {});
  const Outputs sharded = Sharded(dir, input, "minhash", {}, 3);
  EXPECT_THAT(one.clusters, HasSubstr("\"kept\":\"" + input + ":"));
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(LineCount(sharded.clusters), LineCount(one.clusters));
  EXPECT_EQ(LineCount(sharded.rejects), LineCount(one.rejects));
}

// Records without an id field are "file:line" where the line is known; a shard that starts
// mid-file names them "file:@byte N" instead, so a byte offset never passes for a line number.
TEST(DedupShard, RecordsWithoutIdsAreNamedByByteOffsetInLaterShards) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus(/*with_ids=*/false));
  const Outputs one = OneMachine(dir, input, "minhash", {});
  const Outputs sharded = Sharded(dir, input, "minhash", {}, 3);
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(LineCount(sharded.clusters), LineCount(one.clusters));
  EXPECT_THAT(sharded.clusters, HasSubstr(input + ":@byte "));
  EXPECT_THAT(one.clusters, Not(HasSubstr("@byte")));
}

TEST(DedupShard, MoreShardsThanRecordsStillWorks) {
  TempDir dir;
  const std::string input =
      dir.Write("tiny.jsonl",
                "{\"id\":\"a\",\"text\":\"one two three four five six\"}\n"
                "{\"id\":\"b\",\"text\":\"One two three  four five six\"}\n"
                "{\"id\":\"c\",\"text\":\"something else entirely here now\"}\n");
  const Outputs one = OneMachine(dir, input, "exact", {});
  const Outputs sharded = Sharded(dir, input, "exact", {}, 7);
  EXPECT_EQ(one.kept,
            "{\"id\":\"a\",\"text\":\"one two three four five six\"}\n"
            "{\"id\":\"c\",\"text\":\"something else entirely here now\"}\n");
  EXPECT_EQ(sharded.kept, one.kept);
  EXPECT_EQ(sharded.clusters, one.clusters);
}

TEST(DedupShard, MergeWritesAReport) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "minhash", {}, 2, sig);
  CommandResult result = Ok({"dedup", "merge", sig, "--report", dir.Join("report.json")});
  EXPECT_THAT(result.err, HasSubstr("merge of 2 shards"));
  EXPECT_THAT(result.err, HasSubstr("records 106"));
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_EQ(parser.parse(dir.Read("report.json")).get(report), simdjson::SUCCESS);
  // One decisions file per shard, beside the signatures.
  EXPECT_EQ(
      dir.List("sig"),
      (std::vector<std::string>{"decisions-00000-of-00002.bin", "decisions-00001-of-00002.bin",
                                "signatures-00000-of-00002.bin", "signatures-00001-of-00002.bin"}));
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(DedupShard, MergeWithAMissingShardFails) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "minhash", {}, 3, sig);
  std::filesystem::remove(dir.Join("sig/signatures-00001-of-00003.bin"));
  CommandResult result = RunWinnow({"dedup", "merge", sig, "-q"});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("missing"));
  EXPECT_THAT(result.err, HasSubstr("of 3"));
  // No decisions written.
  EXPECT_EQ(dir.List("sig"), (std::vector<std::string>{"signatures-00000-of-00003.bin",
                                                       "signatures-00002-of-00003.bin"}));
}

// A missing shard is named in the merge error, so the user knows which machine to rerun.
TEST(DedupShard, MergeErrorNamesTheMissingShard) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "minhash", {}, 3, sig);
  std::filesystem::remove(dir.Join("sig/signatures-00001-of-00003.bin"));
  CommandResult result = RunWinnow({"dedup", "merge", sig, "-q"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("signatures-00001-of-00003.bin")) << result.err;
}

TEST(DedupShard, MergeOfShardsMadeWithOtherSettingsFails) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Ok({"dedup", "minhash", input, "--shard", "0/2", "--signatures", sig, "-q"});
  Ok({"dedup", "minhash", input, "--shard", "1/2", "--signatures", sig, "-q", "--ngram", "4"});
  CommandResult result = RunWinnow({"dedup", "merge", sig, "-q"});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("other settings"));
  EXPECT_THAT(result.err, HasSubstr("signatures-00001-of-00002.bin"));
  EXPECT_THAT(result.err, HasSubstr("shingles=4 words"));
  EXPECT_THAT(result.err, HasSubstr("shingles=5 words"));

  // Another key field is another setting too, and so is another method.
  const std::string sig2 = dir.MakeDir("sig2");
  Ok({"dedup", "exact", input, "--shard", "0/2", "--signatures", sig2, "-q"});
  Ok({"dedup", "exact", input, "--shard", "1/2", "--signatures", sig2, "-q", "--keep", "longest"});
  CommandResult keep = RunWinnow({"dedup", "merge", sig2, "-q"});
  EXPECT_EQ(keep.exit_code, 1) << Describe(keep);
  EXPECT_THAT(keep.err, HasSubstr("other settings"));
  const std::string sig3 = dir.MakeDir("sig3");
  Ok({"dedup", "exact", input, "--shard", "0/2", "--signatures", sig3, "-q"});
  Ok({"dedup", "minhash", input, "--shard", "1/2", "--signatures", sig3, "-q"});
  CommandResult mixed = RunWinnow({"dedup", "merge", sig3, "-q"});
  EXPECT_EQ(mixed.exit_code, 1) << Describe(mixed);
  EXPECT_THAT(mixed.err, HasSubstr("other settings"));
}

TEST(DedupShard, MergeOfATruncatedSignatureFileFails) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "minhash", {}, 2, sig);
  const std::string path = dir.Join("sig/signatures-00001-of-00002.bin");
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  CommandResult result = RunWinnow({"dedup", "merge", sig, "-q"});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("truncated"));
  EXPECT_THAT(result.err, HasSubstr("signatures-00001-of-00002.bin"));
  // Only the trailer cut off: still truncated.
  Fingerprint(input, "minhash", {}, 2, sig);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);
  CommandResult trailer = RunWinnow({"dedup", "merge", sig, "-q"});
  EXPECT_EQ(trailer.exit_code, 1);
  EXPECT_THAT(trailer.err, HasSubstr("truncated"));
}

TEST(DedupShard, VerifyCannotRunSharded) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  CommandResult result = RunWinnow(
      {"dedup", "minhash", input, "--verify", "--shard", "0/2", "--signatures", sig, "-q"});
  ExpectOneLineError(result, 2);
  EXPECT_THAT(result.err, HasSubstr("--verify"));
  EXPECT_TRUE(dir.List("sig").empty());
}

TEST(DedupShard, ShardedRunsNeedFilesNotStandardInput) {
  TempDir dir;
  const std::string sig = dir.MakeDir("sig");
  CommandResult result = RunWinnow(
      {"dedup", "exact", "-", "--shard", "0/2", "--signatures", sig, "-q"}, "{\"text\":\"a\"}\n");
  EXPECT_NE(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("standard input"));
  EXPECT_TRUE(dir.List("sig").empty());
}

TEST(DedupShard, MergeOfAnEmptyFolderFails) {
  TempDir dir;
  const std::string sig = dir.MakeDir("sig");
  CommandResult result = RunWinnow({"dedup", "merge", sig, "-q"});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("no signature files in " + sig));
}

TEST(DedupShard, ApplyWithoutAMergeFailsNamingTheDecisionsFile) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "exact", {}, 2, sig);
  CommandResult result = RunWinnow({"dedup", "apply", input, "--shard", "0/2", "--signatures", sig,
                                    "-q", "-o", dir.Join("part.jsonl")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("decisions-00000-of-00002.bin"));
  EXPECT_THAT(dir.List(), Not(::testing::Contains("part.jsonl")));
  // Applying with another shard count than the merge's: no such decisions file either.
  Ok({"dedup", "merge", sig, "-q"});
  CommandResult other = RunWinnow({"dedup", "apply", input, "--shard", "0/3", "--signatures", sig,
                                   "-q", "-o", dir.Join("part.jsonl")});
  EXPECT_EQ(other.exit_code, 1) << Describe(other);
  EXPECT_THAT(other.err, HasSubstr("decisions-00000-of-00003.bin"));
}

TEST(DedupShard, ApplyToAChangedInputFails) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const std::string sig = dir.MakeDir("sig");
  Fingerprint(input, "exact", {}, 1, sig);
  Ok({"dedup", "merge", sig, "-q"});
  const std::string longer = dir.Write("longer.jsonl", MakeCorpus() + "{\"id\":\"x\"}\n");
  CommandResult result = RunWinnow(
      {"dedup", "apply", longer, "--signatures", sig, "-q", "-o", dir.Join("part.jsonl")});
  ExpectOneLineError(result, 1);
  EXPECT_THAT(result.err, HasSubstr("did it change"));
  EXPECT_THAT(dir.List(), Not(::testing::Contains("part.jsonl")));
  const std::string corpus = MakeCorpus();
  const std::string shorter =
      dir.Write("shorter.jsonl", corpus.substr(0, corpus.rfind('\n', corpus.size() - 2) + 1));
  CommandResult fewer = RunWinnow(
      {"dedup", "apply", shorter, "--signatures", sig, "-q", "-o", dir.Join("part.jsonl")});
  EXPECT_EQ(fewer.exit_code, 1) << Describe(fewer);
  EXPECT_THAT(fewer.err, HasSubstr("did it change"));
}

// With --on-error skip, a malformed line is skipped (to the reject file) by every pass.
TEST(DedupShard, OnErrorSkipWithAMalformedLineWorksSharded) {
  TempDir dir;
  const std::string input = dir.Write("bad.jsonl",
                                      "{\"id\":\"a\",\"text\":\"hello world foo\"}\n"
                                      "{bad json\n"
                                      "{\"id\":\"b\",\"text\":\"hello world foo\"}\n"
                                      "{\"id\":\"c\",\"text\":\"zzz\"}\n");
  const std::vector<std::string> args = {"--on-error", "skip"};
  const Outputs sharded = Sharded(dir, input, "exact", args, 2, false, args);
  EXPECT_EQ(sharded.kept,
            "{\"id\":\"a\",\"text\":\"hello world foo\"}\n{\"id\":\"c\",\"text\":\"zzz\"}\n");
  CommandResult one = RunWinnow({"dedup", "exact", input, "--on-error", "skip", "-q", "-o",
                                 dir.Join("one.jsonl"), "--reject", dir.Join("one-r.jsonl")});
  EXPECT_EQ(one.exit_code, 0) << Describe(one);
  EXPECT_EQ(dir.Read("one.jsonl"), sharded.kept);
}

TEST(DedupShard, WithoutShardFlagsTheRunIsOneShardOfOne) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", MakeCorpus());
  const Outputs one = OneMachine(dir, input, "minhash", {});
  const std::string sig = dir.MakeDir("sig");
  Ok({"dedup", "minhash", input, "--signatures", sig, "-q"});
  EXPECT_EQ(dir.List("sig"), (std::vector<std::string>{"signatures-00000-of-00001.bin"}));
  Ok({"dedup", "merge", sig, "-q", "--clusters", dir.Join("clusters.jsonl")});
  Ok({"dedup", "apply", input, "--signatures", sig, "-q", "-o", dir.Join("all.jsonl")});
  EXPECT_EQ(dir.Read("all.jsonl"), one.kept);
  EXPECT_EQ(dir.Read("clusters.jsonl"), one.clusters);
}

}  // namespace
}  // namespace winnow::cli_test
