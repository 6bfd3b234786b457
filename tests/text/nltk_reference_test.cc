// WordSplitter, SentenceSplitter and WordTokenizer against NLTK 3.8 with the same Punkt parameters
// (tests/data/text/make_nltk_reference.py made the expected values): the hand-written cases and
// the sample of real documents always; every document of the shared corpora (c4_demo, wiki_demo
// and two dolma files), by digest, where ../shared/data exists.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/text/sentence_splitter.h"
#include "winnow/text/word_splitter.h"
#include "winnow/text/word_tokenizer.h"

namespace winnow {
namespace {

struct Case {
  std::string source;
  std::string text;
  std::vector<std::string> sentences;
  std::vector<std::string> tokens;
  std::vector<std::string> line_tokens;  // NLTKWordTokenizer on the whole text (hand cases only)
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> SplitLines(const std::string& data) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < data.size()) {
    size_t end = data.find('\n', begin);
    if (end == std::string::npos) end = data.size();
    lines.push_back(data.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

std::vector<std::string> Strings(simdjson::dom::element array) {
  std::vector<std::string> out;
  for (simdjson::dom::element item : array.get_array()) {
    out.emplace_back(std::string_view(item.get_string()));
  }
  return out;
}

std::vector<Case> ReadCases(const std::string& name) {
  std::vector<Case> cases;
  simdjson::dom::parser parser;
  for (const std::string& line :
       SplitLines(ReadFile(std::string(WINNOW_TEST_DATA_DIR) + "/text/" + name))) {
    simdjson::dom::element row = parser.parse(line);
    Case c;
    std::string_view source;
    if (row["source"].get(source) == simdjson::SUCCESS) c.source = source;
    c.text = std::string_view(row["text"].get_string());
    c.sentences = Strings(row["sentences"]);
    c.tokens = Strings(row["tokens"]);
    simdjson::dom::element line_tokens;
    if (row["line_tokens"].get(line_tokens) == simdjson::SUCCESS) {
      c.line_tokens = Strings(line_tokens);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<std::string> Owned(const std::vector<std::string_view>& views) {
  return std::vector<std::string>(views.begin(), views.end());
}

// Checks every case; returns how many agree in full.
size_t CheckCases(const std::vector<Case>& cases, bool line_tokens) {
  SentenceSplitter sentence_splitter;
  WordSplitter word_splitter;
  WordTokenizer tokenizer;
  std::vector<std::string_view> out;
  size_t agree = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source.empty() ? c.text : c.source);
    bool ok = true;
    sentence_splitter.Split(c.text, &out);
    ok &= Owned(out) == c.sentences;
    EXPECT_EQ(Owned(out), c.sentences);
    EXPECT_EQ(sentence_splitter.Count(c.text), c.sentences.size());
    word_splitter.Split(c.text, &out);
    ok &= Owned(out) == c.tokens;
    EXPECT_EQ(Owned(out), c.tokens);
    if (line_tokens) {
      out.clear();
      tokenizer.Tokenize(c.text, &out);
      ok &= Owned(out) == c.line_tokens;
      EXPECT_EQ(Owned(out), c.line_tokens);
    }
    agree += ok;
  }
  return agree;
}

TEST(NltkReferenceTest, HandWrittenCases) {
  std::vector<Case> cases = ReadCases("nltk_hand_cases.jsonl");
  ASSERT_GT(cases.size(), 100u);
  EXPECT_EQ(CheckCases(cases, true), cases.size());
}

TEST(NltkReferenceTest, SampleOfRealDocuments) {
  std::vector<Case> cases = ReadCases("nltk_sample.jsonl");
  ASSERT_GT(cases.size(), 10u);
  EXPECT_EQ(CheckCases(cases, false), cases.size());
}

// FNV-1a over each item followed by 0xFF, as make_nltk_reference.py computes it.
std::string Digest(const std::vector<std::string_view>& items) {
  uint64_t h = 0xCBF29CE484222325ull;
  auto mix = [&h](unsigned char byte) { h = (h ^ byte) * 0x100000001B3ull; };
  for (std::string_view item : items) {
    for (char c : item) mix(static_cast<unsigned char>(c));
    mix(0xFF);
  }
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// The documents of one shared corpus, read as make_nltk_reference.py reads them.
std::vector<std::string> ReadCorpus(const std::string& name) {
  std::vector<std::string> lines =
      SplitLines(ReadFile(std::string(WINNOW_SHARED_DATA_DIR) + "/" + name));
  if (name.ends_with(".txt")) return lines;
  std::vector<std::string> texts;
  simdjson::dom::parser parser;
  for (const std::string& line : lines) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    texts.emplace_back(std::string_view(parser.parse(line)["text"].get_string()));
  }
  return texts;
}

TEST(NltkReferenceTest, SharedCorporaDigests) {
  if (!std::filesystem::is_directory(std::string(WINNOW_SHARED_DATA_DIR) + "/llamafactory")) {
    GTEST_SKIP() << WINNOW_SHARED_DATA_DIR << " is absent";
  }
  simdjson::dom::parser parser;
  SentenceSplitter sentence_splitter;
  WordSplitter word_splitter;
  std::vector<std::string_view> sentences;
  std::vector<std::string_view> tokens;
  size_t total = 0;
  size_t agree = 0;
  std::string digests =
      ReadFile(std::string(WINNOW_TEST_DATA_DIR) + "/text/nltk_corpus_digests.jsonl");
  for (const std::string& line : SplitLines(digests)) {
    simdjson::dom::element row = parser.parse(line);
    std::string source(std::string_view(row["source"].get_string()));
    std::vector<std::string> docs = ReadCorpus(source);
    simdjson::dom::array expected = row["docs"].get_array();
    ASSERT_EQ(expected.size(), docs.size()) << source;
    size_t index = 0;
    for (simdjson::dom::element doc : expected) {
      const std::string& text = docs[index];
      sentence_splitter.Split(text, &sentences);
      word_splitter.Split(text, &tokens);
      bool ok = sentences.size() == doc.at(0).get_uint64() &&
                tokens.size() == doc.at(1).get_uint64() &&
                Digest(sentences) == std::string_view(doc.at(2).get_string()) &&
                Digest(tokens) == std::string_view(doc.at(3).get_string());
      EXPECT_TRUE(ok) << source << ":" << index << " differs from NLTK (make_nltk_reference.py "
                      << "--full OUT writes NLTK's output to compare)";
      ++total;
      agree += ok;
      ++index;
    }
  }
  EXPECT_EQ(total, 350u);  // 300 c4_demo documents, 30 wiki_demo articles, 20 dolma documents
  EXPECT_EQ(agree, total);
}

}  // namespace
}  // namespace winnow
