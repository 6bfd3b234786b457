// Throughput of CountTokens with byte-level BPE on English text (Gutenberg books from the shared
// data folder), single-threaded, in MB of text per second of the thread's CPU time. Disabled by
// default: speed is measured, not tested. Run with
//   build/tokenizers_tests --gtest_filter='*Throughput*' --gtest_also_run_disabled_tests
// The vocabulary is trained here (plain byte-level BPE, GPT-2 pre-tokenization, 8,000 merges), so
// the merge work per word is like a real model's.

#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <queue>
#include <unordered_map>

#include "tokenizers/tokenizer_test_util.h"
#include "winnow/io/byte_stream.h"
#include "winnow/io/file_system.h"
#include "winnow/tokenizers/split_pattern.h"

namespace winnow::tokenizer_test {
namespace {

std::string ReadGzip(const std::string& path) {
  auto fs = NewLocalFileSystem();
  auto raw = fs->OpenRead(path);
  if (!raw) return "";
  auto source = OpenDecompressed(std::move(raw).value());
  if (!source) return "";
  auto text = ReadToString(**source, size_t{1} << 30);
  return text ? *text : "";
}

// Trains `merges` byte-level BPE merges on `text`; returns the vocab and merges JSON members.
// Pair counts are updated only for the words a merge touches, and the most frequent pair comes
// from a max-heap whose outdated entries are skipped.
std::string TrainByteLevelBpe(const std::string& text, int merges) {
  std::unordered_map<std::string, int64_t> word_counts;
  std::vector<tokenizers::Span> spans;
  tokenizers::NewGpt2Pattern()->FindMatches(text, &spans);
  for (const auto& span : spans) ++word_counts[text.substr(span.begin, span.end - span.begin)];
  std::vector<std::string> tokens;  // id -> byte-level spelling
  for (int byte = 0; byte < 256; ++byte) tokens.push_back(ByteLevelSpelling(byte));
  std::vector<std::vector<int>> words;
  std::vector<int64_t> counts;
  for (const auto& [word, count] : word_counts) {
    std::vector<int> symbols;
    for (char c : word) symbols.push_back(static_cast<unsigned char>(c));
    words.push_back(std::move(symbols));
    counts.push_back(count);
  }
  auto key = [](int left, int right) { return (static_cast<uint64_t>(left) << 32) | right; };
  std::unordered_map<uint64_t, int64_t> pair_counts;
  std::unordered_map<uint64_t, std::vector<size_t>> pair_words;
  std::priority_queue<std::pair<int64_t, uint64_t>> heap;
  auto add_pairs = [&](size_t w, int64_t sign) {
    const auto& symbols = words[w];
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      uint64_t pair = key(symbols[i], symbols[i + 1]);
      int64_t& count = pair_counts[pair];
      count += sign * counts[w];
      heap.push({count, pair});
      if (sign > 0) pair_words[pair].push_back(w);
    }
  };
  for (size_t w = 0; w < words.size(); ++w) add_pairs(w, 1);
  std::vector<int> last_touched(words.size(), -1);
  std::string merges_json;
  for (int m = 0; m < merges && !heap.empty();) {
    auto [count, pair] = heap.top();
    heap.pop();
    if (count <= 0 || pair_counts[pair] != count) continue;  // outdated entry
    int left = static_cast<int>(pair >> 32);
    int right = static_cast<int>(pair & 0xFFFFFFFF);
    int merged = static_cast<int>(tokens.size());
    tokens.push_back(tokens[left] + tokens[right]);
    merges_json += (m ? ", " : "") + JsonString(tokens[left] + " " + tokens[right]);
    std::vector<size_t> touched = std::move(pair_words[pair]);
    for (size_t w : touched) {
      if (last_touched[w] == m) continue;
      last_touched[w] = m;
      add_pairs(w, -1);
      std::vector<int> out;
      const auto& symbols = words[w];
      for (size_t i = 0; i < symbols.size(); ++i) {
        if (i + 1 < symbols.size() && symbols[i] == left && symbols[i + 1] == right) {
          out.push_back(merged);
          ++i;
        } else {
          out.push_back(symbols[i]);
        }
      }
      words[w].swap(out);
      add_pairs(w, 1);
    }
    ++m;
  }
  std::string vocab;
  for (size_t id = 0; id < tokens.size(); ++id) {
    vocab += (id ? ", " : "") + JsonString(tokens[id]) + ": " + std::to_string(id);
  }
  return R"("vocab": {)" + vocab + R"(}, "merges": [)" + merges_json + "]";
}

struct Speed {
  double cpu_mb_per_s = 0;   // MB of text per second of the thread's CPU time
  double wall_mb_per_s = 0;  // per second of wall time (lower when the machine is busy)
};

Speed Measure(const Tokenizer& tokenizer, const std::vector<std::string>& documents,
              size_t* tokens) {
  size_t bytes = 0;
  for (const auto& document : documents) bytes += document.size();
  for (const auto& document : documents) tokenizer.CountTokens(document, false);  // warm-up
  // The thread's CPU time, not wall time: the machine is shared, and this measures what one core
  // does. Best of three rounds.
  auto cpu_seconds = [] {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  };
  Speed best;
  for (int round = 0; round < 3; ++round) {
    double start = cpu_seconds();
    auto wall_start = std::chrono::steady_clock::now();
    *tokens = 0;
    for (const auto& document : documents) *tokens += tokenizer.CountTokens(document, false);
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    best.cpu_mb_per_s =
        std::max(best.cpu_mb_per_s, static_cast<double>(bytes) / (cpu_seconds() - start) / 1e6);
    best.wall_mb_per_s = std::max(best.wall_mb_per_s, static_cast<double>(bytes) / wall / 1e6);
  }
  return best;
}

TEST(TokenizerSpeed, DISABLED_ByteLevelBpeThroughput) {
  std::string dir = std::string(WINNOW_SHARED_DATA_DIR) + "/text_pool/gutenberg/";
  std::string text;
  for (const char* book : {"melville-moby_dick", "austen-emma", "austen-sense",
                           "chesterton-thursday", "whitman-leaves", "milton-paradise"}) {
    text += ReadGzip(dir + book + ".txt.gz");
  }
  if (text.empty()) GTEST_SKIP() << "no Gutenberg texts under " << dir;
  std::string model = TrainByteLevelBpe(text.substr(0, 1'500'000), 8000);
  // ~2 KB documents, cut at line ends, like records of a dataset.
  std::vector<std::string> documents;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', std::min(text.size(), pos + 2000));
    end = end == std::string::npos ? text.size() : end + 1;
    documents.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  std::string llama3_split = JsonString(tokenizers::kLlama3Pattern);
  // The same regex, wrapped so that it is not recognised: ICU runs it.
  std::string llama3_icu = JsonString("(?:" + std::string(tokenizers::kLlama3Pattern) + ")");
  auto sequence = [](const std::string& pattern) {
    return R"({"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": )" +
           pattern + R"(}, "behavior": "Isolated", "invert": false}, {"type": "ByteLevel",
           "add_prefix_space": false, "use_regex": false}]})";
  };
  struct Case {
    const char* name;
    std::string pre_tokenizer;
  };
  for (const Case& test :
       {Case{"GPT-2 ByteLevel(use_regex)", R"({"type": "ByteLevel", "add_prefix_space": false})"},
        Case{"Llama-3 Split (fast scanner)", sequence(llama3_split)},
        Case{"Llama-3 Split (ICU regex)", sequence(llama3_icu)}}) {
    auto tokenizer =
        LoadJsonOrFail(R"({"pre_tokenizer": )" + test.pre_tokenizer +
                       R"(, "model": {"type": "BPE", "ignore_merges": true, )" + model + "}}");
    ASSERT_NE(tokenizer, nullptr);
    size_t tokens = 0;
    Speed speed = Measure(*tokenizer, documents, &tokens);
    printf("%-30s %6.1f MB/s CPU, %6.1f MB/s wall (%zu bytes, %zu documents, %zu tokens)\n",
           test.name, speed.cpu_mb_per_s, speed.wall_mb_per_s, text.size(), documents.size(),
           tokens);
  }
}

}  // namespace
}  // namespace winnow::tokenizer_test
