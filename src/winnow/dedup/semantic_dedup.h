#pragma once

// Semantic dedup (SemDeDup, Abbas et al. 2023, with NeMo Curator's defaults) and topic-wise
// selection over precomputed embeddings. See docs/semantic-dedup.md and the dedup spec.
//
// 1. Spherical k-means clusters the (L2-normalised) embeddings.
// 2. Within each cluster, members are ranked by similarity to the centroid (see
//    SemanticRanking); a member is a near-duplicate when its highest cosine similarity to any
//    earlier-ranked member (kept or not) is >= 1 - eps.
// 3. Optionally only the keep_per_cluster survivors nearest the centroid are kept per cluster.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/dedup/kmeans.h"

namespace winnow {

// Which member of a group of near-duplicates survives: the first in rank order.
enum class SemanticRanking {
  kHard,    // farthest from the centroid first: keeps outliers (SemDeDup's default)
  kEasy,    // nearest to the centroid first: keeps prototypes
  kRandom,  // seeded shuffle
};

// "hard", "easy", "random"; nullopt for anything else.
std::optional<SemanticRanking> ParseSemanticRanking(std::string_view name);

struct SemanticDedupOptions {
  // Clustering (clusters default 100, max_iterations 300, tolerance 1e-4, seed 42, threads).
  KMeansOptions kmeans;
  // Members with similarity >= 1 - eps to an earlier member are dropped. In [0, 1); default
  // 0.01. Similarities are float dot products, so 1e-5 of slack absorbs rounding: eps = 0
  // drops exact duplicates only.
  double eps = 0.01;
  SemanticRanking ranking = SemanticRanking::kHard;
  // Seeds kRandom's shuffle (per cluster). Default 42.
  uint64_t ranking_seed = 42;
  // Topic-wise selection: when > 0, only this many near-duplicate-free members nearest to their
  // centroid are kept per cluster; the rest become kNotRepresentative. Default 0 (off).
  size_t keep_per_cluster = 0;
  // Clusters with at most this many members are compared exactly (all pairs); larger ones use
  // an approximate HNSW index, which can miss some duplicates. >= 1; default 4096.
  size_t exact_cluster_limit = 4096;
  // HNSW settings for large clusters: graph degree, build and query candidate lists.
  size_t hnsw_m = 16;
  size_t hnsw_ef_construction = 200;
  size_t hnsw_ef_search = 128;
};

enum class SemanticVerdict { kKept, kNearDuplicate, kNotRepresentative };

// "kept", "near duplicate", "not representative" (the reject reason).
std::string_view SemanticVerdictName(SemanticVerdict verdict);

struct SemanticDecision {
  uint32_t topic = 0;             // cluster index
  float centroid_similarity = 0;  // cosine similarity to the cluster centroid
  SemanticVerdict verdict = SemanticVerdict::kKept;
  int64_t duplicate_of = -1;  // kNearDuplicate: row of the most similar earlier member
  // Highest similarity to any earlier-ranked member of the cluster (0 for the first); for a
  // near-duplicate, its similarity to duplicate_of.
  float duplicate_similarity = 0;
};

struct SemanticDedupResult {
  std::vector<SemanticDecision> rows;  // one per input row
  std::vector<size_t> topic_sizes;     // members per cluster, before any removal
  size_t iterations = 0;               // k-means centroid updates
  double inertia = 0;                  // k-means: sum of (1 - centroid_similarity)
};

// `embeddings` holds rows * dim floats, row-major, each row L2-normalised (or all zeros).
// InvalidArgument for a bad option, dim == 0, a size mismatch, or a row whose norm is not 1
// (the message names the row). Uses options.kmeans.threads threads; the result does not depend
// on the thread count.
Result<SemanticDedupResult> RunSemanticDedup(std::span<const float> embeddings, size_t rows,
                                             size_t dim, const SemanticDedupOptions& options);

}  // namespace winnow
