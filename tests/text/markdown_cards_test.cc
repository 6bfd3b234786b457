// markdown_clean over real dataset cards (Hugging Face datasets 2.5.0): the four in
// tests/data/cards always, the 87 in ../shared/data/cards where that folder exists. Checks that
// the YAML front matter comes out as columns (same keys as yaml-cpp sees) and that the prose
// survives: every heading, the first sentence of every paragraph, no URL of a [text](url) link.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/record/json_writer.h"
#include "winnow/text/front_matter.h"

namespace winnow {
namespace {

struct Card {
  std::string name;
  std::string markdown;
  std::string cleaned_json;  // the record after the step
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<Card> CleanCards(const std::string& dir) {
  std::vector<Card> cards;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "SOURCES.md") continue;
    cards.push_back({entry.path().filename().string(), ReadFile(entry.path()), ""});
  }
  std::sort(cards.begin(), cards.end(),
            [](const Card& a, const Card& b) { return a.name < b.name; });
  auto step = CreateStep("markdown_clean", StepOptions("markdown_clean", {}));
  EXPECT_TRUE(step.has_value());
  simdjson::dom::parser parser;
  Batch batch;
  for (const Card& card : cards) {
    std::string json = "{\"text\":";
    AppendJsonString(card.markdown, &json);
    json += ",\"path\":";
    AppendJsonString(card.name, &json);
    json += "}";
    batch.records.push_back(Record::Owned(json, RecordOrigin{}));
    EXPECT_TRUE(batch.records.back().Parse(parser).ok());
  }
  StepContext ctx{0, 1, &parser, &(*step)->counters(), nullptr};
  EXPECT_TRUE((*step)->Process(batch, ctx).ok());
  EXPECT_TRUE(batch.rejects.empty()) << batch.rejects.front().reason;
  EXPECT_EQ(batch.records.size(), cards.size());
  for (size_t i = 0; i < cards.size() && i < batch.records.size(); ++i) {
    batch.records[i].AppendJson(&cards[i].cleaned_json);
  }
  return cards;
}

std::set<std::string> YamlKeys(const std::string& markdown) {
  std::set<std::string> keys;
  auto block = SplitFrontMatter(markdown);
  if (!block) return keys;
  YAML::Node root = YAML::Load(std::string(block->yaml));
  for (const auto& entry : root) keys.insert(entry.first.Scalar());
  return keys;
}

// Words: runs of letters, digits and non-ASCII bytes.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// What a line should read as once cleaned: images gone, links reduced to their text. (A
// destination with spaces makes no link: "[CC BY 4.0](Creative Commons ...)" stays as written.)
std::string WithoutLinkSyntax(const std::string& line) {
  static const std::regex kImage(R"(!\[[^\]]*\]\([^)\s]*\))");
  static const std::regex kLink(R"(\[([^\]]*)\]\([^)\s]*\))");
  return std::regex_replace(std::regex_replace(line, kImage, ""), kLink, "$1");
}

// Lines of the card body outside fenced code blocks.
std::vector<std::string> ProseLines(const std::string& markdown) {
  auto block = SplitFrontMatter(markdown);
  std::string_view body = block ? block->body : std::string_view(markdown);
  std::vector<std::string> lines;
  bool in_fence = false;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string line(body.substr(start, end - start));
    start = end + 1;
    if (line.find_first_not_of(' ') != std::string::npos &&
        line.substr(line.find_first_not_of(' ')).starts_with("```")) {
      in_fence = !in_fence;
      continue;
    }
    lines.push_back(in_fence ? std::string() : line);  // code lines count as breaks
  }
  return lines;
}

bool ContainsWords(const std::vector<std::string>& haystack,
                   const std::vector<std::string>& words) {
  return std::search(haystack.begin(), haystack.end(), words.begin(), words.end()) !=
         haystack.end();
}

size_t Count(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

void CheckCard(const Card& card) {
  SCOPED_TRACE(card.name);
  simdjson::dom::parser parser;
  simdjson::dom::object record;
  ASSERT_EQ(parser.parse(card.cleaned_json).get(record), simdjson::SUCCESS);
  std::string_view text = record["text"].get_string().value();
  EXPECT_TRUE(IsValidUtf8(text));

  std::set<std::string> columns;
  for (auto field : record) columns.insert(std::string(field.key));
  for (const char* own : {"text", "path", "md_removed_bytes", "md_removed_fraction"}) {
    EXPECT_EQ(columns.erase(own), 1u) << own;
  }
  EXPECT_EQ(columns, YamlKeys(card.markdown));

  // The body loses about half at most: link URLs are most of it (card templates link every
  // "More Information Needed" to a 100-byte URL), then syntax and spacing.
  auto block = SplitFrontMatter(card.markdown);
  const int64_t removed = record["md_removed_bytes"].get_int64().value();
  const int64_t body_bytes = card.markdown.size() - (block ? block->block_bytes : 0);
  const int64_t body_removed = removed - (block ? block->block_bytes : 0);
  EXPECT_LT(static_cast<double>(body_removed) / body_bytes, 0.55);
  EXPECT_LT(record["md_removed_fraction"].get_double().value(), 0.7);

  std::vector<std::string> output_words = Words(text);
  std::vector<std::string> lines = ProseLines(card.markdown);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    bool starts_paragraph = (i == 0 || lines[i - 1].find_first_not_of(" \t") == std::string::npos);
    if (line.starts_with("#")) {
      EXPECT_TRUE(ContainsWords(output_words, Words(WithoutLinkSyntax(line)))) << line;
    } else if (starts_paragraph && !line.empty() &&
               std::isalpha(static_cast<unsigned char>(line[0])) &&
               line.find_first_of("<`|") == std::string::npos) {
      std::string first_sentence = WithoutLinkSyntax(line.substr(0, line.find(". ")));
      EXPECT_TRUE(ContainsWords(output_words, Words(first_sentence))) << first_sentence;
    }
  }

  static const std::regex kLinkUrl(R"(\]\((https?://[^)\s]+))");
  std::string body(block ? block->body : std::string_view(card.markdown));
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kLinkUrl);
       it != std::sregex_iterator(); ++it) {
    std::string url = (*it)[1].str();
    // A URL that also appears outside link syntax (as text, in code) may rightly stay.
    if (Count(body, url) != Count(body, "](" + url)) continue;
    EXPECT_EQ(text.find(url), std::string_view::npos) << url;
  }
}

TEST(MarkdownCardsTest, FixtureCards) {
  std::vector<Card> cards = CleanCards(std::string(WINNOW_TEST_DATA_DIR) + "/cards");
  ASSERT_EQ(cards.size(), 4u);
  for (const Card& card : cards) CheckCard(card);
}

TEST(MarkdownCardsTest, FixtureCardsKeepPlaceholdersAndHtmlInCode) {
  std::vector<Card> cards = CleanCards(std::string(WINNOW_TEST_DATA_DIR) + "/cards");
  std::string all;
  for (const Card& card : cards) all += card.cleaned_json;
  EXPECT_THAT(all, ::testing::HasSubstr("replaced with <unk> token"));         // ptb_text_only
  EXPECT_THAT(all, ::testing::HasSubstr("<html><body><h1>Google Inc.</h1>"));  // natural_questions
  EXPECT_THAT(all, ::testing::HasSubstr("available at https://github.com/deepmind/rc-data."));
  EXPECT_THAT(all, ::testing::HasSubstr("| enwik8 | 1128024 |"));  // enwik8's table
}

TEST(MarkdownCardsTest, SharedCards) {
  const std::string dir = std::string(WINNOW_SHARED_DATA_DIR) + "/cards";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " is absent";
  std::vector<Card> cards = CleanCards(dir);
  EXPECT_EQ(cards.size(), 87u);
  for (const Card& card : cards) CheckCard(card);
}

}  // namespace
}  // namespace winnow
