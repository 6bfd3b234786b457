#pragma once

// Flags the dedup commands share (key, keep policy, annotate, report), parsed in one place.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "winnow/cli/io_options.h"

namespace winnow::cli {

struct DedupFlags {
  InputFlags input;
  OutputFlags output;
  std::vector<std::string> fields = {"text"};
  std::string part = "all";  // conversation part: all | prompt | response
  bool role_prefix = false;
  std::string normalize;  // "" = the method's default
  std::string keep = "first";
  std::string id_field = "id";
  bool annotate = false;
  std::string report_path;
  std::string clusters_path;  // JSONL: one {"cluster_id", "kept", "members"} per cluster
  std::string memory = "2GiB";
  std::string tmp_dir;
  std::string signatures_dir;  // stage 1 of a sharded run: write this shard's signatures here
  uint64_t seed = 0;           // sample clusters in the report
};

struct MinHashFlags {
  size_t ngram = 0;  // 0 = 5 words or 24 characters
  bool char_ngrams = false;
  size_t num_perm = 112;
  size_t bands = 0;
  size_t rows = 0;
  double threshold = 0;  // > 0: derive bands x rows (datasketch) and the --verify threshold
  uint32_t seed = 1;
  bool verify = false;
};

struct SemanticFlags {
  std::string embedder = "hashing";  // hashing | openai
  std::string url;
  std::string model;
  std::string api_key_env;
  size_t dimensions = 0;
  size_t batch_size = 64;
  size_t concurrency = 8;
  double timeout = 60;
  size_t attempts = 5;
  std::string cache_path;
  size_t topics = 100;
  size_t iterations = 300;
  uint64_t seed = 42;
  double eps = 0.01;
  std::string ranking = "hard";
  size_t keep_per_cluster = 0;
};

void AddSemanticFlags(CLI::App* command, SemanticFlags* flags);

void AddDedupFlags(CLI::App* command, DedupFlags* flags, const char* default_normalization);
void AddMinHashFlags(CLI::App* command, MinHashFlags* flags);

}  // namespace winnow::cli
