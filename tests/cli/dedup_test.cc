// `winnow dedup exact|minhash` end to end on generated corpora: which records stay (and in which
// order), rejects and annotations naming the cluster and the kept record, keep policies, the
// clusters file, JSON/HTML reports, exact Jaccard verification, chat keys, and the error cases.

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_json_util.h"
#include "cli/cli_test_util.h"
#include "winnow/dedup/shingles.h"
#include "winnow/text/normalize.h"

namespace winnow::cli_test {
namespace {

using ::testing::HasSubstr;

// ---------------------------------------------------------------------------------------------
// A seeded corpus: distinct random-word documents plus planted copies.

class WordSource {
 public:
  explicit WordSource(uint32_t seed) : random_(seed) {
    static const char* kSyllables[] = {"ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to",
                                       "vu", "da", "fe", "gi", "ho", "ju", "ka", "le", "mo",
                                       "ni", "po", "qu", "ra", "se", "ti", "zo", "wa", "ye"};
    std::set<std::string> vocabulary;
    std::uniform_int_distribution<size_t> syllable(0, std::size(kSyllables) - 1);
    while (vocabulary.size() < 4000) {
      std::string word;
      const int count = 2 + static_cast<int>(random_() % 3);
      for (int i = 0; i < count; ++i) word += kSyllables[syllable(random_)];
      vocabulary.insert(word);
    }
    words_.assign(vocabulary.begin(), vocabulary.end());
    std::shuffle(words_.begin(), words_.end(), random_);
  }
  std::vector<std::string> Words(size_t count) {
    std::uniform_int_distribution<size_t> pick(0, words_.size() - 1);
    std::vector<std::string> out;
    for (size_t i = 0; i < count; ++i) out.push_back(words_[pick(random_)]);
    return out;
  }
  std::mt19937& random() { return random_; }

 private:
  std::mt19937 random_;
  std::vector<std::string> words_;
};

std::string Join(const std::vector<std::string>& words, std::string_view separator = " ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += separator;
    out += words[i];
  }
  return out;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Punctuated(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i];
    if (i % 3 == 2) out += ',';
  }
  return out + ".";
}

std::string Spaced(const std::vector<std::string>& words) {
  std::string out = "  ";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i % 7 == 0 ? "\n\n" : (i % 2 ? "   " : "\t");
    out += words[i];
  }
  return out + " \n";
}

// Replaces `edits` words spread evenly over the text (at least 6 words apart).
std::vector<std::string> Edited(std::vector<std::string> words, size_t edits) {
  for (size_t e = 0; e < edits; ++e) {
    const size_t at = (e + 1) * words.size() / (edits + 1);
    words[at] = "zzedit" + std::string(1, static_cast<char>('a' + e));
  }
  return words;
}

struct Doc {
  std::string id;
  std::string text;
  std::string base;      // the original this is a copy of ("" for originals)
  std::string category;  // "original", "exact", "case", "punct", "space", "near", "near2"
  double order = 0;      // position in the file
};

struct Corpus {
  std::vector<Doc> docs;  // in file order
  std::string jsonl;

  std::vector<std::string> IdsWhere(const std::function<bool(const Doc&)>& keep) const {
    std::vector<std::string> ids;
    for (const Doc& doc : docs) {
      if (keep(doc)) ids.push_back(doc.id);
    }
    return ids;
  }
  const Doc& Find(const std::string& id) const {
    for (const Doc& doc : docs) {
      if (doc.id == id) return doc;
    }
    static const Doc kNone;
    ADD_FAILURE() << "no doc " << id;
    return kNone;
  }
};

// 200 originals (30-59 words; 200 words for the near-copy bases) and 10 copies of each kind:
// exact, upper-cased, punctuated, re-spaced, one word edited, two words edited; doc-060 has two
// exact copies (a cluster of 3) and carries "<script>" in its text. Copies come after their
// original, interleaved with other originals: 262 records, 61 clusters.
Corpus MakeCorpus() {
  WordSource source(20240611);
  std::vector<Doc> docs;
  std::vector<std::vector<std::string>> words(200);
  for (int i = 0; i < 200; ++i) {
    const bool near_base = i >= 40 && i < 60;
    words[i] = source.Words(near_base ? 200 : 30 + source.random()() % 30);
    char id[16];
    std::snprintf(id, sizeof id, "doc-%03d", i);
    std::string text = Join(words[i]);
    if (i == 60) text = "<script>alert(1)</script> " + text;
    docs.push_back({id, text, "", "original", static_cast<double>(i)});
  }
  auto add_copy = [&](int base, const std::string& category, const std::string& text) {
    const double order = base + 1 + source.random()() % 30 + 0.5;
    docs.push_back(
        {category + "-of-" + docs[base].id.substr(4), text, docs[base].id, category, order});
  };
  for (int i = 0; i < 10; ++i) {
    add_copy(i, "exact", docs[i].text);
    add_copy(10 + i, "case", Upper(docs[10 + i].text));
    add_copy(20 + i, "punct", Punctuated(words[20 + i]));
    add_copy(30 + i, "space", Spaced(words[30 + i]));
    add_copy(40 + i, "near", Join(Edited(words[40 + i], 1)));
    add_copy(50 + i, "near2", Join(Edited(words[50 + i], 2)));
  }
  add_copy(60, "exact", docs[60].text);
  add_copy(60, "exact", docs[60].text);
  std::stable_sort(docs.begin(), docs.end(),
                   [](const Doc& a, const Doc& b) { return a.order < b.order; });
  Corpus corpus;
  corpus.docs = docs;
  for (const Doc& doc : corpus.docs) {
    corpus.jsonl += "{\"id\":" + JsonString(doc.id) + ",\"text\":" + JsonString(doc.text) +
                    ",\"n\":" + std::to_string(static_cast<int>(doc.order)) + "}\n";
  }
  return corpus;
}

const Corpus& TheCorpus() {
  static const Corpus corpus = MakeCorpus();
  return corpus;
}

// ---------------------------------------------------------------------------------------------
// Reading the outputs

// Every line of a JSONL text parsed, each with its own parser so the rows stay valid together.
// Runs `winnow ARGS` expecting success.
// ---------------------------------------------------------------------------------------------
// Which records stay

TEST(DedupExact, RemovesExactCaseAndWhitespaceCopiesKeepingInputOrder) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  CommandResult result = Ok({"dedup", "exact", input, "-o", dir.Join("out.jsonl")});
  // simple: NFC + lowercase + whitespace; punctuation and word edits still differ.
  const auto expected = corpus.IdsWhere([](const Doc& d) {
    return d.category == "original" || d.category == "punct" || d.category == "near" ||
           d.category == "near2";
  });
  EXPECT_EQ(expected.size(), 230u);
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), expected);
  EXPECT_THAT(result.err, HasSubstr("winnow dedup exact"));
  EXPECT_THAT(result.err, HasSubstr("records 262"));
  EXPECT_THAT(result.err, HasSubstr("removed 32"));
}

TEST(DedupExact, RawNormalisationKeepsCaseOnlyCopies) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "exact", input, "--normalize", "raw", "-q", "-o", dir.Join("out.jsonl")});
  const auto expected = corpus.IdsWhere([](const Doc& d) { return d.category != "exact"; });
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), expected);
  // The case-only copies survive raw but not the default normalisation.
  EXPECT_EQ(std::count_if(expected.begin(), expected.end(),
                          [](const std::string& id) { return id.starts_with("case-"); }),
            10);
}

TEST(DedupExact, MinHashNormalisationAlsoRemovesPunctuationCopies) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "exact", input, "--normalize", "minhash", "-q", "-o", dir.Join("out.jsonl")});
  const auto expected = corpus.IdsWhere([](const Doc& d) {
    return d.category == "original" || d.category == "near" || d.category == "near2";
  });
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), expected);
}

TEST(DedupMinHash, RemovesEveryPlantedCopyIncludingNearOnes) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  CommandResult result = Ok({"dedup", "minhash", input, "-o", dir.Join("out.jsonl")});
  const auto originals = corpus.IdsWhere([](const Doc& d) { return d.category == "original"; });
  ASSERT_EQ(originals.size(), 200u);
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), originals);
  EXPECT_THAT(result.err, HasSubstr("winnow dedup minhash"));
  EXPECT_THAT(result.err, HasSubstr("14 x 8"));
}

TEST(DedupMinHash, SpillingToATinyMemoryBudgetGivesTheSameOutput) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  const std::string spill = dir.MakeDir("spill");
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("memory.jsonl"), "--clusters",
      dir.Join("memory-clusters.jsonl")});
  Ok({"dedup", "minhash", input, "-q", "--memory", "4KiB", "--tmp-dir", spill, "-o",
      dir.Join("spilled.jsonl"), "--clusters", dir.Join("spilled-clusters.jsonl")});
  EXPECT_EQ(dir.Read("spilled.jsonl"), dir.Read("memory.jsonl"));
  EXPECT_EQ(dir.Read("spilled-clusters.jsonl"), dir.Read("memory-clusters.jsonl"));
  EXPECT_TRUE(dir.List("spill").empty());  // spill files never outlive the run
}

TEST(DedupMinHash, TextsShorterThanOneShingleAreNeverRemoved) {
  TempDir dir;
  const std::string input = dir.Write("short.jsonl",
                                      "{\"id\":\"a\",\"text\":\"hello there world\"}\n"
                                      "{\"id\":\"b\",\"text\":\"hello there world\"}\n"
                                      "{\"id\":\"c\",\"text\":\"\"}\n"
                                      "{\"id\":\"d\",\"text\":\"\"}\n"
                                      "{\"id\":\"e\"}\n");
  CommandResult result = Ok({"dedup", "minhash", input, "-o", dir.Join("out.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_THAT(result.err, HasSubstr("5 records had no fingerprint"));
  // exact removes the repeated short text, but never empty or missing keys.
  Ok({"dedup", "exact", input, "-q", "-o", dir.Join("exact.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("exact.jsonl")), (std::vector<std::string>{"a", "c", "d", "e"}));
}

// ---------------------------------------------------------------------------------------------
// Rejects, annotations, clusters

TEST(DedupMinHash, RejectsNameTheStepClusterAndKeptRecord) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("out.jsonl"), "--reject",
      dir.Join("rejects.jsonl")});
  const auto rejects = ParseLines(dir.Read("rejects.jsonl"));
  const auto copies = corpus.IdsWhere([](const Doc& d) { return d.category != "original"; });
  ASSERT_EQ(rejects.size(), copies.size());
  std::map<std::string, int64_t> cluster_of_base;
  for (size_t i = 0; i < rejects.size(); ++i) {
    const auto& reject = rejects[i];
    const Doc& doc = corpus.Find(copies[i]);  // rejects come in input order too
    SCOPED_TRACE(doc.id + ": " + simdjson::minify(reject));
    EXPECT_EQ(Str(reject["step"]), "dedup_minhash");
    EXPECT_THAT(Str(reject["reason"]), HasSubstr("duplicate of " + doc.base));
    EXPECT_EQ(Str(reject["details"]["duplicate_of"]), doc.base);
    EXPECT_EQ(Str(reject["details"]["id"]), doc.id);
    // The record itself: as "record", or as its text in "raw" (see the DISABLED test below).
    simdjson::dom::element record;
    simdjson::dom::parser raw_parser;
    std::string_view raw;
    if (reject["raw"].get(raw) == simdjson::SUCCESS) {
      ASSERT_EQ(raw_parser.parse(raw).get(record), simdjson::SUCCESS);
    } else {
      ASSERT_EQ(reject["record"].get(record), simdjson::SUCCESS);
    }
    EXPECT_EQ(Str(record["id"]), doc.id);
    EXPECT_EQ(Str(record["text"]), doc.text);
    const int64_t cluster = Int(reject["details"]["cluster_id"]);
    EXPECT_GE(cluster, 0);
    EXPECT_EQ(Int(reject["details"]["cluster_size"]), doc.base == "doc-060" ? 3 : 2);
    // One cluster per original, whichever copy names it.
    auto [it, inserted] = cluster_of_base.emplace(doc.base, cluster);
    EXPECT_EQ(it->second, cluster);
  }
  EXPECT_EQ(cluster_of_base.size(), 61u);
  std::set<int64_t> distinct;
  for (const auto& [base, cluster] : cluster_of_base) distinct.insert(cluster);
  EXPECT_EQ(distinct.size(), 61u);
  EXPECT_EQ(*distinct.rbegin(), 60);  // numbered 0..60
}

// Every dedup reject carries the record as an object, parsed or not by the dropping pass.
TEST(DedupMinHash, EveryRejectCarriesTheRecordAsAnObject) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("out.jsonl"), "--reject",
      dir.Join("rejects.jsonl")});
  const auto rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 62u);
  int raw = 0;
  for (const auto& reject : rejects) {
    simdjson::dom::object record;
    EXPECT_EQ(reject["record"].get(record), simdjson::SUCCESS) << simdjson::minify(reject);
    raw += reject["raw"].error() == simdjson::SUCCESS;
  }
  EXPECT_EQ(raw, 0);
}

TEST(DedupMinHash, AnnotateKeepsEveryRowAndAddsClusterColumns) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  CommandResult result = Ok({"dedup", "minhash", input, "--annotate", "-o", dir.Join("out.jsonl")});
  EXPECT_THAT(result.err, HasSubstr("marked as duplicates"));
  const auto rows = ParseLines(dir.Read("out.jsonl"));
  ASSERT_EQ(rows.size(), corpus.docs.size());
  std::set<std::string> bases;
  for (const Doc& doc : corpus.docs) {
    if (!doc.base.empty()) bases.insert(doc.base);
  }
  std::map<std::string, int64_t> cluster_of;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Doc& doc = corpus.docs[i];
    const auto& row = rows[i];
    SCOPED_TRACE(doc.id);
    ASSERT_EQ(Str(row["id"]), doc.id);
    EXPECT_EQ(Str(row["text"]), doc.text);  // the original fields are untouched
    if (doc.category == "original" && !bases.count(doc.id)) {
      EXPECT_TRUE(IsNull(row["cluster_id"]));
      EXPECT_EQ(Int(row["cluster_size"]), 1);
      EXPECT_TRUE(IsNull(row["duplicate_of"]));
    } else if (doc.category == "original") {
      cluster_of[doc.id] = Int(row["cluster_id"]);
      EXPECT_GE(cluster_of[doc.id], 0);
      EXPECT_EQ(Int(row["cluster_size"]), doc.id == "doc-060" ? 3 : 2);
      EXPECT_TRUE(IsNull(row["duplicate_of"]));  // the kept member
    } else {
      EXPECT_EQ(Str(row["duplicate_of"]), doc.base);
      EXPECT_EQ(Int(row["cluster_id"]), cluster_of.at(doc.base));  // its original came first
      EXPECT_EQ(Int(row["cluster_size"]), doc.base == "doc-060" ? 3 : 2);
    }
  }
}

TEST(DedupMinHash, ClustersFileListsEveryClusterWithItsMembers) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("out.jsonl"), "--clusters",
      dir.Join("clusters.jsonl")});
  // Expected: each base with its copies, in file order; clusters numbered by first member.
  std::map<std::string, std::vector<std::string>> members;
  std::vector<std::string> order;
  for (const Doc& doc : corpus.docs) {
    if (!doc.base.empty()) members[doc.base].push_back(doc.id);
  }
  for (const Doc& doc : corpus.docs) {
    if (members.count(doc.id)) order.push_back(doc.id);
  }
  const auto clusters = ParseLines(dir.Read("clusters.jsonl"));
  ASSERT_EQ(clusters.size(), order.size());
  for (size_t i = 0; i < clusters.size(); ++i) {
    const std::string& base = order[i];
    SCOPED_TRACE(base);
    EXPECT_EQ(Int(clusters[i]["cluster_id"]), static_cast<int64_t>(i));
    EXPECT_EQ(Str(clusters[i]["kept"]), base);
    std::vector<std::string> listed;
    simdjson::dom::array array;
    ASSERT_EQ(clusters[i]["cluster"].get(array), simdjson::SUCCESS);
    for (auto member : array) listed.emplace_back(std::string_view(member.get_string().value()));
    std::vector<std::string> expected = {base};
    for (const auto& id : members[base]) expected.push_back(id);
    EXPECT_EQ(listed, expected);
    EXPECT_EQ(Int(clusters[i]["size"]), static_cast<int64_t>(expected.size()));
  }
}

TEST(DedupMinHash, JsonAndHtmlReports) {
  const Corpus& corpus = TheCorpus();
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("out.jsonl"), "--report",
      dir.Join("report.json")});
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("out2.jsonl"), "--report",
      dir.Join("report.html")});
  const std::string json = dir.Read("report.json");
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_EQ(parser.parse(json).get(report), simdjson::SUCCESS) << json;
  EXPECT_EQ(Str(report["method"]), "minhash");
  EXPECT_EQ(Str(report["settings"]["field"]), "text");
  EXPECT_EQ(Str(report["settings"]["normalize"]), "minhash");
  EXPECT_EQ(Str(report["settings"]["keep"]), "first");
  EXPECT_EQ(Str(report["settings"]["bands_x_rows"]), "14 x 8");
  EXPECT_EQ(Int(report["records"]), static_cast<int64_t>(corpus.docs.size()));
  EXPECT_EQ(Int(report["clusters"]), 61);
  EXPECT_EQ(Int(report["records_in_clusters"]), 123);
  EXPECT_EQ(Int(report["removed"]), 62);
  EXPECT_EQ(Int(report["largest_cluster"]), 3);
  EXPECT_EQ(Int(report["cluster_sizes"]["2"]), 60);
  EXPECT_EQ(Int(report["cluster_sizes"]["3"]), 1);
  EXPECT_EQ(Int(report["input_bytes"]), static_cast<int64_t>(corpus.jsonl.size()));
  simdjson::dom::array samples;
  ASSERT_EQ(report["sample_clusters"].get(samples), simdjson::SUCCESS);
  ASSERT_GT(samples.size(), 0u);
  // The largest cluster (doc-060's) is shown first, its kept member marked.
  simdjson::dom::element first = samples.at(0).value();
  EXPECT_EQ(Int(first["size"]), 3);
  EXPECT_EQ(Str(first["why_shown"]), "largest");
  EXPECT_EQ(Str(first["members"].at(0)["id"]), "doc-060");
  EXPECT_TRUE(bool(first["members"].at(0)["kept"].get_bool().value()));
  EXPECT_THAT(Str(first["members"].at(0)["text"]), HasSubstr("<script>alert(1)</script>"));

  const std::string html = dir.Read("report.html");
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("doc-060"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_EQ(html.find("<script>alert"), std::string::npos) << "record text reached the page raw";
  // The output is the same whatever the report's format.
  EXPECT_EQ(dir.Read("out.jsonl"), dir.Read("out2.jsonl"));
}

// ---------------------------------------------------------------------------------------------
// Keep policies

// Three copies of one text (the same under `simple`): k2 the longest (extra spaces), k1 and k3
// equally short; scores 1/5/"3"; sources c/b/a; plus an unrelated record in between.
constexpr char kKeepData[] =
    "{\"id\":\"k1\",\"text\":\"alpha beta gamma delta epsilon zeta eta\",\"score\":1,"
    "\"source\":\"c\"}\n"
    "{\"id\":\"u\",\"text\":\"something else entirely here\",\"score\":100,\"source\":\"a\"}\n"
    "{\"id\":\"k2\",\"text\":\"  Alpha  beta  gamma  delta  epsilon  zeta  eta  \",\"score\":5,"
    "\"source\":\"b\"}\n"
    "{\"id\":\"k3\",\"text\":\"ALPHA BETA GAMMA DELTA EPSILON ZETA ETA\",\"score\":\"3\","
    "\"source\":\"a\"}\n";

std::vector<std::string> KeptWith(const std::string& keep, std::string* duplicate_of = nullptr) {
  TempDir dir;
  const std::string input = dir.Write("keep.jsonl", kKeepData);
  CommandResult result = Ok({"dedup", "exact", input, "-q", "--keep", keep, "-o",
                             dir.Join("out.jsonl"), "--reject", dir.Join("rejects.jsonl")});
  if (duplicate_of) {
    const auto rejects = ParseLines(dir.Read("rejects.jsonl"));
    duplicate_of->clear();
    for (const auto& reject : rejects) {
      *duplicate_of += Str(reject["details"]["duplicate_of"]) + ";";
    }
  }
  return IdsOf(dir.Read("out.jsonl"));
}

TEST(DedupKeep, FirstLongestShortestMaxMinPriority) {
  using Ids = std::vector<std::string>;
  std::string duplicate_of;
  EXPECT_EQ(KeptWith("first", &duplicate_of), (Ids{"k1", "u"}));
  EXPECT_EQ(duplicate_of, "k1;k1;");
  EXPECT_EQ(KeptWith("longest", &duplicate_of), (Ids{"u", "k2"}));  // kept stays in place
  EXPECT_EQ(duplicate_of, "k2;k2;");
  EXPECT_EQ(KeptWith("shortest"), (Ids{"k1", "u"}));  // k1 and k3 tie: the earlier stays
  EXPECT_EQ(KeptWith("max:score", &duplicate_of), (Ids{"u", "k2"}));
  EXPECT_EQ(duplicate_of, "k2;k2;");
  EXPECT_EQ(KeptWith("min:score"), (Ids{"k1", "u"}));
  EXPECT_EQ(KeptWith("priority:source=a,b", &duplicate_of), (Ids{"u", "k3"}));
  EXPECT_EQ(duplicate_of, "k3;k3;");
  EXPECT_EQ(KeptWith("priority:source=b,a"), (Ids{"u", "k2"}));
  // A field no record has: every rank is missing, the first stays.
  EXPECT_EQ(KeptWith("max:nothing"), (Ids{"k1", "u"}));
}

TEST(DedupKeep, NumericStringsCountAndMissingValuesLose) {
  TempDir dir;
  const std::string input =
      dir.Write("keep.jsonl",
                "{\"id\":\"a\",\"text\":\"one two three four five six\"}\n"
                "{\"id\":\"b\",\"text\":\"one two three four five six\",\"score\":\"n/a\"}\n"
                "{\"id\":\"c\",\"text\":\"one two three four five six\",\"score\":\"0.5\"}\n"
                "{\"id\":\"d\",\"text\":\"one two three four five six\",\"score\":-2}\n");
  Ok({"dedup", "minhash", input, "-q", "--keep", "max:score", "-o", dir.Join("max.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("max.jsonl")), (std::vector<std::string>{"c"}));
  Ok({"dedup", "minhash", input, "-q", "--keep", "min:score", "-o", dir.Join("min.jsonl")});
  EXPECT_EQ(IdsOf(dir.Read("min.jsonl")), (std::vector<std::string>{"d"}));
}

// ---------------------------------------------------------------------------------------------
// Exact Jaccard verification

// Pairs of 200-word documents at known Jaccard similarities (of word 5-grams): copies with 7
// edits (about 0.70), 4 edits (about 0.81) and 1 edit (about 0.95), 15 of each.
Corpus MakeVerifyCorpus() {
  WordSource source(77);
  Corpus corpus;
  int n = 0;
  for (size_t edits : {7u, 4u, 1u}) {
    for (int i = 0; i < 15; ++i) {
      const auto words = source.Words(200);
      const std::string base = "b" + std::to_string(edits) + "-" + std::to_string(i);
      corpus.docs.push_back({base, Join(words), "", "original", double(n++)});
      corpus.docs.push_back({"e" + std::to_string(edits) + "-" + std::to_string(i),
                             Join(Edited(words, edits)), base, "edit" + std::to_string(edits),
                             double(n++)});
    }
  }
  for (const Doc& doc : corpus.docs) {
    corpus.jsonl += "{\"id\":" + JsonString(doc.id) + ",\"text\":" + JsonString(doc.text) + "}\n";
  }
  return corpus;
}

double ExactJaccard(const std::string& a, const std::string& b) {
  auto set_of = [](const std::string& text) {
    std::string normalized;
    NormalizeText(text, TextNormalization::kMinHash, &normalized);
    std::vector<uint64_t> hashes;
    HashShingles(normalized, ShingleOptions{}, &hashes);
    MakeShingleSet(&hashes);
    return hashes;
  };
  return JaccardOfSets(set_of(a), set_of(b));
}

// Cluster id -> member ids, from an annotated output.
std::map<int64_t, std::vector<std::string>> ClustersOf(const std::string& annotated) {
  std::map<int64_t, std::vector<std::string>> clusters;
  const auto rows = ParseLines(annotated);
  for (const auto& row : rows) {
    if (!IsNull(row["cluster_id"])) clusters[Int(row["cluster_id"])].push_back(Str(row["id"]));
  }
  return clusters;
}

TEST(DedupMinHash, VerifyNeverClustersPairsBelowTheThreshold) {
  const Corpus corpus = MakeVerifyCorpus();
  // The planted similarities are what the test intends.
  for (size_t i = 0; i < corpus.docs.size(); i += 2) {
    const double j = ExactJaccard(corpus.docs[i].text, corpus.docs[i + 1].text);
    const std::string& category = corpus.docs[i + 1].category;
    SCOPED_TRACE(corpus.docs[i].id);
    if (category == "edit7") {
      EXPECT_LT(j, 0.75);
    } else if (category == "edit4") {
      EXPECT_GT(j, 0.8);
      EXPECT_LT(j, 0.85);
    } else {
      EXPECT_GT(j, 0.9);
    }
  }
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", corpus.jsonl);
  Ok({"dedup", "minhash", input, "-q", "--annotate", "-o", dir.Join("plain.jsonl")});
  CommandResult verified =
      Ok({"dedup", "minhash", input, "--annotate", "--verify", "--threshold", "0.8", "-o",
          dir.Join("verified.jsonl"), "--report", dir.Join("report.json")});

  auto count_category = [&](const std::map<int64_t, std::vector<std::string>>& clusters,
                            const std::string& prefix) {
    int count = 0;
    for (const auto& [id, members] : clusters) {
      for (const auto& member : members) count += member.starts_with(prefix);
    }
    return count;
  };
  const auto plain = ClustersOf(dir.Read("plain.jsonl"));
  const auto checked = ClustersOf(dir.Read("verified.jsonl"));
  // Without the check, LSH (14 x 8) catches some of the ~0.70 pairs (each with p ~ 0.5).
  EXPECT_GT(count_category(plain, "e7-"), 0);
  // With it, none of them; every pair in a cluster of the verified run is >= 0.8.
  EXPECT_EQ(count_category(checked, "e7-"), 0);
  std::map<std::string, std::string> text_of;
  for (const Doc& doc : corpus.docs) text_of[doc.id] = doc.text;
  for (const auto& [id, members] : checked) {
    ASSERT_EQ(members.size(), 2u) << id;
    EXPECT_GE(ExactJaccard(text_of[members[0]], text_of[members[1]]), 0.8)
        << members[0] << " ~ " << members[1];
  }
  // The ~0.95 copies are all still found.
  EXPECT_EQ(count_category(checked, "e1-"), 15);
  EXPECT_THAT(verified.err, HasSubstr("verification:"));
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  const std::string json = dir.Read("report.json");
  ASSERT_EQ(parser.parse(json).get(report), simdjson::SUCCESS) << json;
  EXPECT_EQ(Str(report["settings"]["verify_jaccard"]), "0.80");
  EXPECT_EQ(Int(report["verification"]["candidate_pairs"]),
            Int(report["verification"]["confirmed_pairs"]) +
                Int(report["verification"]["rejected_pairs"]));
  EXPECT_EQ(Int(report["verification"]["confirmed_pairs"]), static_cast<int64_t>(checked.size()));
}

// ---------------------------------------------------------------------------------------------
// Chat keys

constexpr char kChats[] =
    R"({"id":"c1","messages":[{"role":"user","content":"What is the capital of France?"},{"role":"assistant","content":"Paris."}]})"
    "\n"
    R"({"id":"c2","messages":[{"role":"user","content":"what is the capital of  France?"},{"role":"assistant","content":"It is Paris, of course."}]})"
    "\n"
    R"({"id":"c3","messages":[{"role":"user","content":"Name a large city."},{"role":"assistant","content":"Paris."}]})"
    "\n"
    R"({"id":"c4","messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"What is the capital of France?"},{"role":"assistant","content":"Paris."}]})"
    "\n";

std::vector<std::string> ChatKept(const std::vector<std::string>& extra,
                                  const std::string& data = kChats) {
  TempDir dir;
  const std::string input = dir.Write("chats.jsonl", data);
  std::vector<std::string> args = {"dedup", "exact", input, "-q", "-o", dir.Join("out.jsonl")};
  args.insert(args.end(), extra.begin(), extra.end());
  Ok(args);
  return IdsOf(dir.Read("out.jsonl"));
}

TEST(DedupChat, KeyIsThePromptTheResponseOrTheWholeConversation) {
  using Ids = std::vector<std::string>;
  // Same prompt (up to case and spaces): c2 goes; c4 has a system turn, a different prompt.
  EXPECT_EQ(ChatKept({"--field", "messages", "--part", "prompt"}), (Ids{"c1", "c3", "c4"}));
  // Same response: c3 goes (duplicate of c1), and c4.
  EXPECT_EQ(ChatKept({"--field", "messages", "--part", "response"}), (Ids{"c1", "c2"}));
  // The whole conversation: all differ.
  EXPECT_EQ(ChatKept({"--field", "messages"}), (Ids{"c1", "c2", "c3", "c4"}));
  EXPECT_EQ(ChatKept({"--field", "messages", "--part", "conversation"}),
            (Ids{"c1", "c2", "c3", "c4"}));
}

TEST(DedupChat, ShareGptConversationsAndRolePrefix) {
  const std::string data =
      R"({"id":"s1","conversations":[{"from":"human","value":"hello there"},{"from":"gpt","value":"hi"}]})"
      "\n"
      R"({"id":"s2","conversations":[{"from":"human","value":"Hello there"},{"from":"gpt","value":"hey"}]})"
      "\n"
      R"({"id":"s3","conversations":[{"from":"gpt","value":"hello there"},{"from":"human","value":"hi"}]})"
      "\n";
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ChatKept({"--field", "conversations", "--part", "prompt"}, data), (Ids{"s1", "s3"}));
  // Without role prefixes s3 (the roles swapped) is the same conversation text as s1.
  EXPECT_EQ(ChatKept({"--field", "conversations"}, data), (Ids{"s1", "s2"}));
  EXPECT_EQ(ChatKept({"--field", "conversations", "--role-prefix"}, data), (Ids{"s1", "s2", "s3"}));
}

TEST(DedupFields, SeveralKeyFieldsAreCombined) {
  const std::string data =
      "{\"id\":\"1\",\"q\":\"ab\",\"a\":\"c\"}\n"
      "{\"id\":\"2\",\"q\":\"a\",\"a\":\"bc\"}\n"
      "{\"id\":\"3\",\"q\":\"AB\",\"a\":\"C\"}\n"
      "{\"id\":\"4\",\"q\":\"ab\",\"a\":\"d\"}\n";
  EXPECT_EQ(ChatKept({"--field", "q", "--field", "a"}, data),
            (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(ChatKept({"--field", "q"}, data), (std::vector<std::string>{"1", "2"}));
}

// Combined keys keep field boundaries through every normalisation.
TEST(DedupFields, FieldBoundariesSurviveNormalisation) {
  const std::string data =
      "{\"id\":\"1\",\"q\":\"what is x\",\"a\":\"y\"}\n"
      "{\"id\":\"2\",\"q\":\"what is\",\"a\":\"x y\"}\n"
      "{\"id\":\"3\",\"q\":\"what\",\"a\":\"is x y\"}\n";
  EXPECT_EQ(ChatKept({"--field", "q", "--field", "a"}, data),
            (std::vector<std::string>{"1", "2", "3"}));
}

TEST(DedupIds, WithoutAnIdFieldRecordsAreNamedByFileAndLine) {
  TempDir dir;
  const std::string input = dir.Write("noid.jsonl",
                                      "{\"text\":\"the same words here\"}\n"
                                      "{\"text\":\"other words\"}\n"
                                      "{\"text\":\"The same  words here\"}\n");
  Ok({"dedup", "exact", input, "-q", "-o", dir.Join("out.jsonl"), "--reject",
      dir.Join("rejects.jsonl")});
  const auto rejects = ParseLines(dir.Read("rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_THAT(Str(rejects[0]["details"]["duplicate_of"]), HasSubstr("noid.jsonl:1"));
  EXPECT_THAT(Str(rejects[0]["details"]["id"]), HasSubstr("noid.jsonl:3"));
  EXPECT_EQ(SplitLines(dir.Read("out.jsonl")).size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Errors and edge cases

TEST(DedupErrors, StandardInputIsRefused) {
  for (const char* method : {"exact", "minhash"}) {
    CommandResult result = RunWinnow({"dedup", method, "-"},
                                     "{\"text\":\"a b c d e f\"}\n{\"text\":\"a b c d e f\"}\n");
    EXPECT_NE(result.exit_code, 0) << Describe(result);
    EXPECT_THAT(result.err, HasSubstr("winnow: "));
    EXPECT_THAT(result.err, HasSubstr("standard input")) << result.err;
    EXPECT_EQ(result.out, "");
  }
}

TEST(DedupErrors, UnknownKeepPolicyNamesIt) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", "{\"text\":\"a\"}\n");
  CommandResult result =
      RunWinnow({"dedup", "exact", input, "--keep", "loudest", "-o", dir.Join("out.jsonl")});
  EXPECT_TRUE(result.exit_code == 1 || result.exit_code == 2) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("\"loudest\""));
  EXPECT_THAT(result.err, HasSubstr("keep"));
  EXPECT_FALSE(std::filesystem::exists(dir.Join("out.jsonl")));
  CommandResult missing =
      RunWinnow({"dedup", "minhash", input, "--keep", "max:", "-o", dir.Join("out.jsonl")});
  EXPECT_NE(missing.exit_code, 0) << Describe(missing);
  EXPECT_THAT(missing.err, HasSubstr("no field"));
}

TEST(DedupErrors, UnknownNormalisationNamesIt) {
  TempDir dir;
  const std::string input = dir.Write("data.jsonl", "{\"text\":\"a\"}\n");
  CommandResult result = RunWinnow({"dedup", "exact", input, "--normalize", "lowercase"});
  EXPECT_NE(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("\"lowercase\""));
}

TEST(DedupErrors, BadJsonLineNamesFileAndLineAndLeavesNoOutput) {
  for (const char* method : {"exact", "minhash"}) {
    SCOPED_TRACE(method);
    TempDir dir;
    const std::string input = dir.Write("data.jsonl",
                                        "{\"id\":1,\"text\":\"one two three four five\"}\n"
                                        "{\"id\":2,\"text\":\"one two three four five\"}\n"
                                        "{\"id\":3,\"text\":\"six seven\"}\n"
                                        "{\"id\":4,\"text\":\"broken\n"
                                        "{\"id\":5,\"text\":\"eight nine\"}\n");
    CommandResult result =
        RunWinnow({"dedup", method, input, "-o", dir.Join("out.jsonl"), "--clusters",
                   dir.Join("clusters.jsonl"), "--report", dir.Join("report.json")});
    EXPECT_NE(result.exit_code, 0) << Describe(result);
    EXPECT_THAT(result.err, HasSubstr("data.jsonl:4")) << result.err;
    const auto names = dir.List();
    EXPECT_EQ(names, (std::vector<std::string>{"data.jsonl"})) << ::testing::PrintToString(names);
    ExpectNoTempFiles(names);
  }
}

TEST(DedupErrors, MissingInputFileIsAnError) {
  TempDir dir;
  CommandResult result =
      RunWinnow({"dedup", "exact", dir.Join("nope.jsonl"), "-o", dir.Join("out.jsonl")});
  EXPECT_NE(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("nope.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(dir.Join("out.jsonl")));
}

TEST(DedupEdgeCases, EmptyInputGivesAnEmptyOutput) {
  for (const char* method : {"exact", "minhash"}) {
    SCOPED_TRACE(method);
    TempDir dir;
    const std::string input = dir.Write("empty.jsonl", "");
    CommandResult result =
        RunWinnow({"dedup", method, input, "-o", dir.Join("out.jsonl"), "--clusters",
                   dir.Join("clusters.jsonl"), "--report", dir.Join("report.json")});
    EXPECT_EQ(result.exit_code, 0) << Describe(result);
    ASSERT_TRUE(std::filesystem::exists(dir.Join("out.jsonl")));
    EXPECT_EQ(dir.Read("out.jsonl"), "");
    EXPECT_EQ(dir.Read("clusters.jsonl"), "");
    simdjson::dom::parser parser;
    simdjson::dom::element report;
    const std::string json = dir.Read("report.json");
    ASSERT_EQ(parser.parse(json).get(report), simdjson::SUCCESS) << json;
    EXPECT_EQ(Int(report["records"]), 0);
    EXPECT_EQ(Int(report["clusters"]), 0);
  }
}

TEST(DedupEdgeCases, NoDuplicatesLeavesTheInputAsItWas) {
  TempDir dir;
  const std::string data =
      "{\"id\":\"a\",\"text\":\"the first record has its own words\"}\n"
      "{\"id\":\"b\",\"text\":\"while this second one says something else\",\"x\":[1,2]}\n";
  const std::string input = dir.Write("data.jsonl", data);
  Ok({"dedup", "exact", input, "-q", "-o", dir.Join("exact.jsonl")});
  Ok({"dedup", "minhash", input, "-q", "-o", dir.Join("minhash.jsonl")});
  EXPECT_EQ(dir.Read("exact.jsonl"), data);
  EXPECT_EQ(dir.Read("minhash.jsonl"), data);
}

}  // namespace
}  // namespace winnow::cli_test

namespace winnow::cli_test {
namespace {

TEST(DedupParts, APartOfAPlainStringFieldIsComparedWholeWithAWarning) {
  TempDir dir;
  const std::string input =
      dir.Write("data.jsonl",
                "{\"id\":\"1\",\"chosen\":\"Human: hi there friend\\n\\nAssistant: hello\"}\n"
                "{\"id\":\"2\",\"chosen\":\"Human: hi there friend\\n\\nAssistant: hello\"}\n");
  CommandResult result = RunWinnow({"dedup", "exact", input, "--field", "chosen", "--part",
                                    "prompt", "-o", dir.Join("out.jsonl")});
  ASSERT_EQ(result.exit_code, 0) << Describe(result);
  EXPECT_THAT(result.err, HasSubstr("--part prompt applies to message lists; 2 records"));
  EXPECT_EQ(IdsOf(dir.Read("out.jsonl")), (std::vector<std::string>{"1"}));
}

}  // namespace
}  // namespace winnow::cli_test
