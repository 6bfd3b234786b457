// Agreement with datatrove v0.3.0's own decisions on real corpora (specs/filters.md): for each
// filter, the share of documents that get the same keep/drop and the same reason must reach
// 99.5 %, and the rules that do not depend on word tokenisation (lines, paragraphs) must agree
// on every document. Runs when ../shared/data is present; skipped otherwise.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "filters/filter_test_util.h"

namespace winnow {
namespace {

const std::string kShared = WINNOW_SHARED_DATA_DIR;

struct Decision {
  std::string id, filter;
  bool kept = true;
  std::string reason;
};

std::string OurFilterName(std::string_view name) {
  if (name == "gopher_rep") return "gopher_repetition";
  if (name == "c4") return "c4_quality";
  if (name == "fineweb") return "fineweb_quality";
  return std::string(name);
}

// Rules decided on lines and paragraphs only: these must agree everywhere.
const std::set<std::string> kLineRules = {
    "dup_para_frac",      "dup_para_char_frac",      "dup_line_frac",
    "dup_line_char_frac", "line_punct_ratio",        "short_line_ratio",
    "char_dup_ratio",     "gopher_too_many_bullets", "gopher_too_many_end_ellipsis"};

std::vector<Decision> LoadDecisions(const std::string& path) {
  std::vector<Decision> out;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  EXPECT_FALSE(parser.load_many(path).get(stream));
  for (auto doc : stream) {
    simdjson::dom::element e = doc.value();
    Decision d;
    d.id = std::string(e["id"].get_string().value());
    d.filter = OurFilterName(e["filter"].get_string().value());
    d.kept = e["kept"].get_bool().value();
    std::string_view reason;
    if (!e["reason"].get_string().get(reason)) d.reason = std::string(reason);
    out.push_back(std::move(d));
  }
  return out;
}

// id -> text for the corpus; `line_ids`: ids are 0-based line numbers (c4_demo has no id field).
std::map<std::string, std::string> LoadTexts(const std::vector<std::string>& paths, bool line_ids) {
  std::map<std::string, std::string> texts;
  simdjson::dom::parser parser;
  size_t line = 0;
  for (const std::string& path : paths) {
    simdjson::dom::document_stream stream;
    EXPECT_FALSE(parser.load_many(path).get(stream)) << path;
    for (auto doc : stream) {
      simdjson::dom::element e = doc.value();
      std::string id = line_ids ? std::to_string(line) : std::string(e["id"].get_string().value());
      texts[id] = std::string(e["text"].get_string().value());
      ++line;
    }
  }
  return texts;
}

void CheckAgreement(const std::string& corpus, const std::vector<Decision>& decisions,
                    const std::map<std::string, std::string>& texts) {
  std::map<std::string, std::unique_ptr<Filter>> filters;
  struct Tally {
    size_t docs = 0, agree = 0, line_rule_docs = 0, line_rule_agree = 0;
  };
  std::map<std::string, Tally> tallies;
  for (const Decision& d : decisions) {
    auto text = texts.find(d.id);
    ASSERT_NE(text, texts.end()) << "no text for " << d.id;
    auto& filter = filters[d.filter];
    if (!filter) filter = testing::MakeFilter(d.filter);
    std::string ours = testing::Verdict(*filter, text->second);
    std::string theirs = d.kept ? "kept" : d.reason;
    Tally& t = tallies[d.filter];
    ++t.docs;
    if (ours == theirs) {
      ++t.agree;
    } else {
      std::printf("  [%s] %s: %s: datatrove %s, winnow %s\n", corpus.c_str(), d.filter.c_str(),
                  d.id.c_str(), theirs.c_str(), ours.c_str());
    }
    if (kLineRules.count(ours) || kLineRules.count(theirs)) {
      ++t.line_rule_docs;
      if (ours == theirs) ++t.line_rule_agree;
    }
  }
  for (const auto& [filter, t] : tallies) {
    const double agreement = 100.0 * t.agree / t.docs;
    std::printf("[%s] %-18s agreement %6.2f%% (%zu/%zu); line/paragraph rules %zu/%zu\n",
                corpus.c_str(), filter.c_str(), agreement, t.agree, t.docs, t.line_rule_agree,
                t.line_rule_docs);
    EXPECT_GE(agreement, 99.5) << corpus << " " << filter;
    EXPECT_EQ(t.line_rule_agree, t.line_rule_docs) << corpus << " " << filter;
  }
}

TEST(AgreementTest, LlamaFactoryC4Demo) {
  const std::string decisions = kShared + "/datatrove/decisions_v0.3.0_llamafactory_c4_demo.jsonl";
  if (!std::filesystem::exists(decisions)) GTEST_SKIP() << "../shared/data is not present";
  CheckAgreement("c4_demo", LoadDecisions(decisions),
                 LoadTexts({kShared + "/llamafactory/c4_demo.jsonl"}, true));
}

TEST(AgreementTest, DolmaCcEnHead) {
  const std::string decisions = kShared + "/datatrove/decisions_v0.3.0_dolma_cc_en_head.jsonl";
  if (!std::filesystem::exists(decisions)) GTEST_SKIP() << "../shared/data is not present";
  const std::string dir = kShared + "/dolma/tests/data/multiple_files/";
  CheckAgreement("dolma", LoadDecisions(decisions),
                 LoadTexts({dir + "cc_en_head-0091.jsonl", dir + "cc_en_head-0174.jsonl"}, false));
}

}  // namespace
}  // namespace winnow
