#include "winnow/cli/dedup_flags.h"

namespace winnow::cli {

void AddDedupFlags(CLI::App* command, DedupFlags* flags, const char* default_normalization) {
  AddInputFlags(command, &flags->input);
  AddOutputFlags(command, &flags->output, false);
  command
      ->add_option("--field", flags->fields,
                   "Field path of the key text (repeat to combine several fields); a message "
                   "list is its turns' text")
      ->capture_default_str();
  command
      ->add_option("--part", flags->part,
                   "For conversations: the whole conversation, the prompt (system/user/tool "
                   "turns) or the response (assistant turns)")
      ->check(CLI::IsMember({"all", "conversation", "prompt", "response"}))
      ->capture_default_str();
  command->add_flag("--role-prefix", flags->role_prefix,
                    "Prefix each turn with its role, so the same words from another role differ");
  command->add_option("--normalize", flags->normalize,
                      std::string("Key normalisation: raw, simple (NFC, lowercase, whitespace) or "
                                  "minhash (datatrove's: also digits, punctuation, accents); "
                                  "default ") +
                          default_normalization);
  command
      ->add_option("--keep", flags->keep,
                   "Which record of a cluster stays: first, longest, shortest, max:FIELD, "
                   "min:FIELD or priority:FIELD=a,b,c")
      ->capture_default_str();
  command
      ->add_option("--id-field", flags->id_field,
                   "Field that names a record in reports and duplicate_of (file:line when "
                   "missing)")
      ->capture_default_str();
  command->add_flag("--annotate", flags->annotate,
                    "Keep every record and add cluster_id, cluster_size and duplicate_of");
  command->add_option("--report", flags->report_path,
                      "Write the cluster report: .json, or .html for a page with sample clusters");
  command->add_option("--clusters", flags->clusters_path,
                      "Write every cluster as JSONL: {\"cluster_id\", \"kept\", \"cluster\": "
                      "[ids]}");
  command
      ->add_option("--memory", flags->memory,
                   "Fingerprint memory before spilling to --tmp-dir (e.g. 512MiB, 4GiB)")
      ->capture_default_str();
  command->add_option("--tmp-dir", flags->tmp_dir, "Where spill files go (default $TMPDIR)");
  command->add_option("--signatures", flags->signatures_dir,
                      "Sharded run, stage 1: write this --shard's fingerprints to this folder "
                      "(then `winnow dedup merge`, then `winnow dedup apply`)");
  command->add_option("--sample-seed", flags->seed, "Seed for the report's random sample clusters");
}

void AddMinHashFlags(CLI::App* command, MinHashFlags* flags) {
  command->add_option("--ngram", flags->ngram, "Shingle size (default 5 words, 24 characters)");
  command->add_flag("--char-ngrams", flags->char_ngrams,
                    "Character n-grams instead of word n-grams (NeMo Curator style)");
  command
      ->add_option("--num-perm", flags->num_perm,
                   "Number of hashes when bands x rows come from --threshold")
      ->capture_default_str();
  command->add_option("--bands", flags->bands, "LSH bands (default 14)");
  command->add_option("--rows", flags->rows, "Rows per band (default 8)");
  command
      ->add_option("--threshold", flags->threshold,
                   "Jaccard threshold: picks bands x rows as datasketch does, and is the "
                   "--verify threshold")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--seed", flags->seed, "Permutation seed (datatrove: 1)")
      ->capture_default_str();
  command->add_flag("--verify", flags->verify,
                    "Check candidate pairs' exact Jaccard (>= --threshold, default 0.8) before "
                    "merging; reads the input once more");
}

}  // namespace winnow::cli

namespace winnow::cli {

void AddSemanticFlags(CLI::App* command, SemanticFlags* flags) {
  command
      ->add_option("--embedder", flags->embedder,
                   "hashing (built in: word and character n-grams, no model) or openai (any "
                   "OpenAI-compatible /v1/embeddings server: TEI, vLLM, Ollama, llama.cpp, OpenAI)")
      ->check(CLI::IsMember({"hashing", "openai"}))
      ->capture_default_str();
  command->add_option("--url", flags->url, "Embeddings server root, e.g. http://127.0.0.1:8080");
  command->add_option("--model", flags->model, "Embedding model name sent to the server");
  command->add_option("--api-key-env", flags->api_key_env,
                      "Environment variable holding the API key (e.g. OPENAI_API_KEY)");
  command->add_option("--dimensions", flags->dimensions,
                      "Vector size (hashing: default 256; openai: the dimensions parameter)");
  command->add_option("--batch-size", flags->batch_size, "Texts per request")
      ->capture_default_str();
  command->add_option("--concurrency", flags->concurrency, "Requests in flight per worker")
      ->capture_default_str();
  command->add_option("--timeout", flags->timeout, "Seconds per request")->capture_default_str();
  command->add_option("--attempts", flags->attempts, "Tries per request (429/5xx/timeouts)")
      ->capture_default_str();
  command->add_option("--cache", flags->cache_path,
                      "SQLite file caching vectors by model and text (reruns send no request)");
  command->add_option("--topics", flags->topics, "k-means clusters (NeMo Curator: 100)")
      ->capture_default_str();
  command->add_option("--kmeans-iterations", flags->iterations, "Most k-means iterations")
      ->capture_default_str();
  command->add_option("--seed", flags->seed, "k-means and random-ranking seed")
      ->capture_default_str();
  command
      ->add_option("--eps", flags->eps,
                   "Drop a record whose cosine similarity to an earlier-ranked one in its topic "
                   "is >= 1 - eps")
      ->check(CLI::Range(0.0, 0.999999))
      ->capture_default_str();
  command
      ->add_option("--ranking", flags->ranking,
                   "Order within a topic: hard (farthest from the centroid first: keeps "
                   "outliers), easy (nearest first: keeps prototypes) or random")
      ->check(CLI::IsMember({"hard", "easy", "random"}))
      ->capture_default_str();
  command->add_option("--keep-per-cluster", flags->keep_per_cluster,
                      "Topic-wise selection: keep only the K most representative (nearest the "
                      "centroid) records of each topic");
}

}  // namespace winnow::cli
