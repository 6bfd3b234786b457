#pragma once

// For each member of a ranked cluster: its most similar EARLIER member. This is the inner loop of
// SemDeDup; exact (blocked pairwise dot products) for small clusters, approximate (HNSW) for
// large ones.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

struct EarlierNeighbour {
  int64_t index = -1;    // position (in rank order) of the most similar earlier member
  float similarity = 0;  // its cosine similarity; 0 for the first member
};

// `vectors` holds n rows of `dim` floats in rank order, L2-normalised. Exact: compares every
// pair, n*(n-1)/2 dot products, cache-blocked; ties go to the earliest member.
std::vector<EarlierNeighbour> ExactEarlierNeighbours(std::span<const float> vectors, size_t n,
                                                     size_t dim);

struct HnswOptions {
  size_t m = 16;                 // graph degree (hnswlib M)
  size_t ef_construction = 200;  // build-time candidate list
  size_t ef_search = 128;        // query-time candidate list
  uint64_t seed = 100;           // hnswlib's level generator
};

// Approximate: adds members to an inner-product HNSW index in rank order, querying each one
// before it is added. It may miss the true nearest earlier member (and so keep a duplicate);
// it never reports a similarity that is not real. Internal error if hnswlib throws.
Result<std::vector<EarlierNeighbour>> HnswEarlierNeighbours(std::span<const float> vectors,
                                                            size_t n, size_t dim,
                                                            const HnswOptions& options);

}  // namespace winnow
