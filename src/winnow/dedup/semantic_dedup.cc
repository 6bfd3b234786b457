#include "winnow/dedup/semantic_dedup.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "winnow/dedup/cluster_similarity.h"
#include "winnow/exec/parallel_for.h"

namespace winnow {
namespace {

// Rounding slack on float dot products of unit vectors (see SemanticDedupOptions::eps).
constexpr double kSimilaritySlack = 1e-5;
// Rows whose norm differs from 1 by more than this are rejected as not normalised.
constexpr double kNormTolerance = 1e-3;

Status ValidateInput(std::span<const float> embeddings, size_t rows, size_t dim,
                     const SemanticDedupOptions& options) {
  if (!(options.eps >= 0 && options.eps < 1)) {
    return Status::InvalidArgument(
        fmt::format("semantic dedup: eps must be in [0, 1), got {}", options.eps));
  }
  if (options.exact_cluster_limit == 0) {
    return Status::InvalidArgument("semantic dedup: exact_cluster_limit must be >= 1");
  }
  if (options.hnsw_m < 2 || options.hnsw_ef_construction == 0 || options.hnsw_ef_search == 0) {
    return Status::InvalidArgument(
        "semantic dedup: hnsw_m must be >= 2 and the hnsw ef values >= 1");
  }
  if (dim == 0) return Status::InvalidArgument("semantic dedup: embedding dimension must be > 0");
  if (embeddings.size() != rows * dim) {
    return Status::InvalidArgument(
        fmt::format("semantic dedup: {} floats given for {} rows of dimension {} (expected {})",
                    embeddings.size(), rows, dim, rows * dim));
  }
  for (size_t r = 0; r < rows; ++r) {
    double sum = 0;
    for (size_t i = 0; i < dim; ++i)
      sum += static_cast<double>(embeddings[r * dim + i]) * embeddings[r * dim + i];
    const double norm = std::sqrt(sum);
    if (norm != 0 && !(std::abs(norm - 1) <= kNormTolerance)) {
      return Status::InvalidArgument(fmt::format(
          "semantic dedup: embedding row {} has L2 norm {:.6g}; rows must be L2-normalised", r,
          norm));
    }
  }
  return Status::OK();
}

// Orders a cluster's members (row indices) for SemDeDup: the first of each duplicate group wins.
void RankMembers(const SemanticDedupOptions& options, uint32_t topic,
                 const std::vector<float>& centroid_similarity, std::vector<size_t>* members) {
  auto sim = [&](size_t row) { return centroid_similarity[row]; };
  switch (options.ranking) {
    case SemanticRanking::kHard:
      std::sort(members->begin(), members->end(),
                [&](size_t a, size_t b) { return sim(a) != sim(b) ? sim(a) < sim(b) : a < b; });
      break;
    case SemanticRanking::kEasy:
      std::sort(members->begin(), members->end(),
                [&](size_t a, size_t b) { return sim(a) != sim(b) ? sim(a) > sim(b) : a < b; });
      break;
    case SemanticRanking::kRandom: {
      // Fisher-Yates by hand: std::shuffle's output differs between standard libraries.
      std::mt19937_64 rng(options.ranking_seed ^ (0x9e3779b97f4a7c15ULL * (topic + 1)));
      for (size_t i = members->size(); i > 1; --i)
        std::swap((*members)[i - 1], (*members)[rng() % i]);
      break;
    }
  }
}

// Keeps the keep_per_cluster surviving members nearest the centroid.
void SelectRepresentatives(size_t keep, const std::vector<size_t>& members,
                           std::vector<SemanticDecision>* decisions) {
  std::vector<size_t> survivors;
  for (size_t row : members) {
    if ((*decisions)[row].verdict == SemanticVerdict::kKept) survivors.push_back(row);
  }
  if (survivors.size() <= keep) return;
  auto sim = [&](size_t row) { return (*decisions)[row].centroid_similarity; };
  std::sort(survivors.begin(), survivors.end(),
            [&](size_t a, size_t b) { return sim(a) != sim(b) ? sim(a) > sim(b) : a < b; });
  for (size_t k = keep; k < survivors.size(); ++k) {
    (*decisions)[survivors[k]].verdict = SemanticVerdict::kNotRepresentative;
  }
}

// Runs SemDeDup inside one cluster; writes the decisions of its members only.
Status DedupCluster(std::span<const float> embeddings, size_t dim, uint32_t topic,
                    const SemanticDedupOptions& options, const KMeansResult& clustering,
                    std::vector<size_t> members, std::vector<SemanticDecision>* decisions) {
  RankMembers(options, topic, clustering.similarity, &members);
  const size_t n = members.size();
  std::vector<float> ranked(n * dim);
  for (size_t k = 0; k < n; ++k) {
    std::copy_n(embeddings.data() + members[k] * dim, dim, ranked.data() + k * dim);
  }
  std::vector<EarlierNeighbour> neighbours;
  if (n <= options.exact_cluster_limit) {
    neighbours = ExactEarlierNeighbours(ranked, n, dim);
  } else {
    HnswOptions hnsw{options.hnsw_m, options.hnsw_ef_construction, options.hnsw_ef_search, 100};
    WINNOW_ASSIGN_OR_RETURN(neighbours, HnswEarlierNeighbours(ranked, n, dim, hnsw));
  }
  const double threshold = 1.0 - options.eps - kSimilaritySlack;
  for (size_t k = 0; k < n; ++k) {
    SemanticDecision& decision = (*decisions)[members[k]];
    decision.duplicate_similarity = neighbours[k].similarity;
    if (neighbours[k].index >= 0 && neighbours[k].similarity >= threshold) {
      decision.verdict = SemanticVerdict::kNearDuplicate;
      decision.duplicate_of = static_cast<int64_t>(members[neighbours[k].index]);
    }
  }
  if (options.keep_per_cluster > 0)
    SelectRepresentatives(options.keep_per_cluster, members, decisions);
  return Status::OK();
}

}  // namespace

std::optional<SemanticRanking> ParseSemanticRanking(std::string_view name) {
  if (name == "hard") return SemanticRanking::kHard;
  if (name == "easy") return SemanticRanking::kEasy;
  if (name == "random") return SemanticRanking::kRandom;
  return std::nullopt;
}

std::string_view SemanticVerdictName(SemanticVerdict verdict) {
  switch (verdict) {
    case SemanticVerdict::kKept:
      return "kept";
    case SemanticVerdict::kNearDuplicate:
      return "near duplicate";
    case SemanticVerdict::kNotRepresentative:
      return "not representative";
  }
  return "unknown";
}

Result<SemanticDedupResult> RunSemanticDedup(std::span<const float> embeddings, size_t rows,
                                             size_t dim, const SemanticDedupOptions& options) {
  WINNOW_RETURN_IF_ERROR(ValidateInput(embeddings, rows, dim, options));
  WINNOW_ASSIGN_OR_RETURN(KMeansResult clustering,
                          RunKMeans(embeddings, rows, dim, options.kmeans));
  SemanticDedupResult result;
  result.iterations = clustering.iterations;
  result.inertia = clustering.inertia;
  result.rows.resize(rows);
  std::vector<std::vector<size_t>> members(clustering.clusters);
  for (size_t r = 0; r < rows; ++r) {
    result.rows[r].topic = clustering.assignment[r];
    result.rows[r].centroid_similarity = clustering.similarity[r];
    members[clustering.assignment[r]].push_back(r);
  }
  result.topic_sizes.resize(clustering.clusters);
  for (size_t c = 0; c < clustering.clusters; ++c) result.topic_sizes[c] = members[c].size();

  // Clusters are independent and each writes only its own members' decisions.
  std::vector<Status> statuses(clustering.clusters);
  ParallelFor(clustering.clusters, options.kmeans.threads, 1, [&](size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      statuses[c] = DedupCluster(embeddings, dim, static_cast<uint32_t>(c), options, clustering,
                                 std::move(members[c]), &result.rows);
    }
  });
  for (Status& status : statuses) WINNOW_RETURN_IF_ERROR(std::move(status));
  return result;
}

}  // namespace winnow
