#pragma once

// Spherical k-means (cosine similarity) over L2-normalised rows: the clustering step of semantic
// dedup. k-means++ seeding and Lloyd iterations; deterministic for a given seed, on any machine
// and with any thread count.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct KMeansOptions {
  // Clusters wanted; >= 1. Clamped to the number of rows. Default 100 (NeMo Curator's).
  size_t clusters = 100;
  // Upper bound on centroid updates; >= 1. Default 300.
  size_t max_iterations = 300;
  // Converged when no centroid moves farther than this (Euclidean distance between unit
  // vectors), or when no row changes cluster. >= 0; default 1e-4.
  double tolerance = 1e-4;
  // Seeds k-means++. Default 42.
  uint64_t seed = 42;
  // Worker threads; 0 (default) means one per hardware thread. Results do not depend on it.
  size_t threads = 0;
};

struct KMeansResult {
  size_t clusters = 0;               // after clamping to the number of rows
  std::vector<float> centroids;      // clusters * dim, unit vectors
  std::vector<uint32_t> assignment;  // per row: its nearest centroid (lowest index on ties)
  std::vector<float> similarity;     // per row: cosine similarity to that centroid
  size_t iterations = 0;             // centroid updates performed
  double inertia = 0;                // sum over rows of (1 - similarity)
  bool converged = false;            // false when max_iterations ran out
};

// `data` holds rows * dim floats, row-major; rows should be L2-normalised (the similarity is a
// plain dot product). Empty clusters are re-seeded with the rows farthest from their centroids.
// InvalidArgument when dim == 0, data.size() != rows * dim, or an option is out of range.
// `data` is only read during the call.
Result<KMeansResult> RunKMeans(std::span<const float> data, size_t rows, size_t dim,
                               const KMeansOptions& options);

}  // namespace winnow
