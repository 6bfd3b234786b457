#include "winnow/dedup/cluster_similarity.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>

#include "winnow/dedup/vector_ops.h"

namespace winnow {

namespace {
// 64 rows of 1024 floats is 256 KiB: two tiles stay in L2 while their pairs are compared.
constexpr size_t kTile = 64;
}  // namespace

std::vector<EarlierNeighbour> ExactEarlierNeighbours(std::span<const float> vectors, size_t n,
                                                     size_t dim) {
  std::vector<EarlierNeighbour> best(n);
  std::vector<float> best_sim(n, -INFINITY);
  for (size_t row_tile = 0; row_tile < n; row_tile += kTile) {
    const size_t row_end = std::min(n, row_tile + kTile);
    // Earlier tiles first, so for each member candidates are seen in rank order and a strict
    // '>' keeps the earliest of equally similar members.
    for (size_t col_tile = 0; col_tile <= row_tile; col_tile += kTile) {
      for (size_t i = row_tile; i < row_end; ++i) {
        const float* a = vectors.data() + i * dim;
        const size_t col_end = std::min(i, col_tile + kTile);
        for (size_t j = col_tile; j < col_end; ++j) {
          const float sim = Dot(a, vectors.data() + j * dim, dim);
          if (sim > best_sim[i]) {
            best_sim[i] = sim;
            best[i].index = static_cast<int64_t>(j);
          }
        }
      }
    }
  }
  for (size_t i = 1; i < n; ++i) best[i].similarity = best_sim[i];
  return best;
}

Result<std::vector<EarlierNeighbour>> HnswEarlierNeighbours(std::span<const float> vectors,
                                                            size_t n, size_t dim,
                                                            const HnswOptions& options) {
  std::vector<EarlierNeighbour> best(n);
  if (n == 0) return best;
  // hnswlib reports failures by throwing; they stop here.
  try {
    hnswlib::InnerProductSpace space(dim);
    hnswlib::HierarchicalNSW<float> index(&space, n, options.m, options.ef_construction,
                                          options.seed);
    index.setEf(options.ef_search);
    for (size_t i = 0; i < n; ++i) {
      const float* vector = vectors.data() + i * dim;
      if (i > 0) {
        auto found = index.searchKnn(vector, 1);
        if (!found.empty()) {
          // The inner-product space's distance is 1 - dot; recompute the dot exactly.
          const size_t j = found.top().second;
          best[i].index = static_cast<int64_t>(j);
          best[i].similarity = Dot(vector, vectors.data() + j * dim, dim);
        }
      }
      index.addPoint(vector, i);
    }
  } catch (const std::exception& e) {
    return Error(Status::Internal(std::string("hnswlib: ") + e.what()));
  }
  return best;
}

}  // namespace winnow
