#include "winnow/dedup/kmeans.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <random>

#include "winnow/dedup/vector_ops.h"
#include "winnow/exec/parallel_for.h"

namespace winnow {
namespace {

constexpr size_t kRowGrain = 256;

// Shared state of one run; every per-row or per-cluster result is written by one thread only.
struct KMeansRun {
  std::span<const float> data;
  size_t rows = 0;
  size_t dim = 0;
  size_t clusters = 0;
  size_t threads = 1;
  std::vector<float> centroids;
  std::vector<uint32_t> assignment;
  std::vector<float> similarity;

  const float* Row(size_t r) const { return data.data() + r * dim; }
  float* Centroid(size_t c) { return centroids.data() + c * dim; }

  size_t Assign();
  double Update();
  void SeedPlusPlus(uint64_t seed);
  void ReseedEmpty(const std::vector<size_t>& empty);
};

// Uniform double in [0, 1) from 53 random bits: std::uniform_real_distribution's output is
// implementation-defined, this is the same everywhere.
double Uniform01(std::mt19937_64* rng) { return static_cast<double>((*rng)() >> 11) * 0x1.0p-53; }

// A row index drawn with probability weight[r] / total (rows of weight 0 are never drawn).
size_t SampleByWeight(const std::vector<double>& weight, double total, std::mt19937_64* rng) {
  double target = Uniform01(rng) * total;
  size_t pick = 0;
  for (size_t r = 0; r < weight.size(); ++r) {
    if (weight[r] <= 0) continue;
    pick = r;
    target -= weight[r];
    if (target < 0) break;
  }
  return pick;
}

void NormaliseInPlace(float* v, size_t dim) {
  double sum = 0;
  for (size_t i = 0; i < dim; ++i) sum += static_cast<double>(v[i]) * v[i];
  if (sum <= 0) return;
  const float scale = static_cast<float>(1.0 / std::sqrt(sum));
  for (size_t i = 0; i < dim; ++i) v[i] *= scale;
}

// Points every row at its most similar centroid; returns how many rows changed cluster.
size_t KMeansRun::Assign() {
  std::atomic<size_t> changed{0};
  ParallelFor(rows, threads, kRowGrain, [&](size_t begin, size_t end) {
    size_t local_changed = 0;
    for (size_t r = begin; r < end; ++r) {
      uint32_t best = 0;
      float best_sim = Dot(Row(r), centroids.data(), dim);
      for (size_t c = 1; c < clusters; ++c) {
        float sim = Dot(Row(r), centroids.data() + c * dim, dim);
        if (sim > best_sim) {
          best_sim = sim;
          best = static_cast<uint32_t>(c);
        }
      }
      if (assignment[r] != best) ++local_changed;
      assignment[r] = best;
      similarity[r] = best_sim;
    }
    changed += local_changed;
  });
  return changed.load();
}

// Recomputes each centroid as the normalised mean of its rows (summed in row order, in double);
// returns the largest distance any centroid moved.
double KMeansRun::Update() {
  std::vector<size_t> start(clusters + 1, 0);
  for (uint32_t c : assignment) ++start[c + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<size_t> members(rows);
  std::vector<size_t> fill(start.begin(), start.end() - 1);
  for (size_t r = 0; r < rows; ++r) members[fill[assignment[r]]++] = r;

  std::vector<double> shift(clusters, 0.0);
  std::vector<size_t> empty;
  for (size_t c = 0; c < clusters; ++c) {
    if (start[c] == start[c + 1]) empty.push_back(c);
  }
  ParallelFor(clusters, threads, 1, [&](size_t begin, size_t end) {
    std::vector<double> sum(dim);
    std::vector<float> mean(dim);
    for (size_t c = begin; c < end; ++c) {
      if (start[c] == start[c + 1]) continue;
      std::fill(sum.begin(), sum.end(), 0.0);
      for (size_t m = start[c]; m < start[c + 1]; ++m) {
        const float* row = Row(members[m]);
        for (size_t i = 0; i < dim; ++i) sum[i] += row[i];
      }
      for (size_t i = 0; i < dim; ++i) mean[i] = static_cast<float>(sum[i]);
      NormaliseInPlace(mean.data(), dim);
      double moved = 0;
      for (size_t i = 0; i < dim; ++i) {
        double d = static_cast<double>(mean[i]) - Centroid(c)[i];
        moved += d * d;
      }
      shift[c] = std::sqrt(moved);
      std::copy(mean.begin(), mean.end(), Centroid(c));
    }
  });
  if (!empty.empty()) {
    ReseedEmpty(empty);
    return INFINITY;  // a re-seeded centroid jumped: not converged
  }
  return *std::max_element(shift.begin(), shift.end());
}

// Empty clusters restart at the rows worst served by their centroids (lowest similarity; lowest
// row index on ties), one distinct row each.
void KMeansRun::ReseedEmpty(const std::vector<size_t>& empty) {
  std::vector<size_t> order(rows);
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t take = std::min(empty.size(), rows);
  std::partial_sort(order.begin(), order.begin() + take, order.end(), [&](size_t a, size_t b) {
    return similarity[a] != similarity[b] ? similarity[a] < similarity[b] : a < b;
  });
  for (size_t k = 0; k < take; ++k) {
    std::copy(Row(order[k]), Row(order[k]) + dim, Centroid(empty[k]));
    NormaliseInPlace(Centroid(empty[k]), dim);
  }
}

// Greedy k-means++ (as in scikit-learn): each next centroid is the best, by total squared
// distance, of 2 + ln(k) rows drawn with probability proportional to their squared distance
// (2 - 2 cos for unit vectors) to the nearest centroid so far. Plain k-means++ more often
// starts two centroids in one true cluster, which Lloyd iterations cannot undo.
void KMeansRun::SeedPlusPlus(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const size_t trials = 2 + static_cast<size_t>(std::log(static_cast<double>(clusters)));
  std::vector<double> nearest(rows, INFINITY), candidate(rows);
  std::vector<bool> chosen(rows, false);
  // Fills *out with min(nearest, distance to row `pick`); chosen rows count as distance 0.
  auto distances_with = [&](size_t pick, std::vector<double>* out) {
    const float* center = Row(pick);
    ParallelFor(rows, threads, kRowGrain, [&](size_t begin, size_t end) {
      for (size_t r = begin; r < end; ++r) {
        double d = std::max(0.0, 2.0 - 2.0 * Dot(Row(r), center, dim));
        (*out)[r] = (chosen[r] || r == pick) ? 0.0 : std::min(nearest[r], d);
      }
    });
    return std::accumulate(out->begin(), out->end(), 0.0);  // in row order: deterministic
  };
  size_t pick = rng() % rows;
  for (size_t c = 0; c < clusters; ++c) {
    chosen[pick] = true;
    std::copy(Row(pick), Row(pick) + dim, Centroid(c));
    NormaliseInPlace(Centroid(c), dim);
    if (c + 1 == clusters) break;
    distances_with(pick, &nearest);
    const double total = std::accumulate(nearest.begin(), nearest.end(), 0.0);
    if (total <= 0) {  // fewer distinct rows than clusters: take unchosen rows in order
      pick = std::find(chosen.begin(), chosen.end(), false) - chosen.begin();
      continue;
    }
    double best_potential = INFINITY;
    for (size_t t = 0; t < trials; ++t) {
      const size_t candidate_row = SampleByWeight(nearest, total, &rng);
      const double potential = distances_with(candidate_row, &candidate);
      if (potential < best_potential) {
        best_potential = potential;
        pick = candidate_row;
      }
    }
  }
}

Status Validate(std::span<const float> data, size_t rows, size_t dim,
                const KMeansOptions& options) {
  if (dim == 0) return Status::InvalidArgument("k-means: dimension must be > 0");
  if (data.size() != rows * dim) {
    return Status::InvalidArgument(
        fmt::format("k-means: {} floats given for {} rows of dimension {} (expected {})",
                    data.size(), rows, dim, rows * dim));
  }
  if (options.clusters == 0) return Status::InvalidArgument("k-means: clusters must be >= 1");
  if (options.max_iterations == 0) {
    return Status::InvalidArgument("k-means: max_iterations must be >= 1");
  }
  if (!(options.tolerance >= 0)) return Status::InvalidArgument("k-means: tolerance must be >= 0");
  return Status::OK();
}

}  // namespace

Result<KMeansResult> RunKMeans(std::span<const float> data, size_t rows, size_t dim,
                               const KMeansOptions& options) {
  WINNOW_RETURN_IF_ERROR(Validate(data, rows, dim, options));
  KMeansResult result;
  if (rows == 0) return result;
  KMeansRun run;
  run.data = data;
  run.rows = rows;
  run.dim = dim;
  run.clusters = std::min(options.clusters, rows);
  run.threads = ResolveThreads(options.threads);
  run.centroids.assign(run.clusters * dim, 0.0f);
  run.assignment.assign(rows, UINT32_MAX);
  run.similarity.assign(rows, 0.0f);
  run.SeedPlusPlus(options.seed);

  bool assignment_current = false;
  for (size_t iteration = 0; iteration < options.max_iterations; ++iteration) {
    const size_t changed = run.Assign();
    if (iteration > 0 && changed == 0) {
      assignment_current = true;
      result.converged = true;
      break;
    }
    const double shift = run.Update();
    ++result.iterations;
    if (shift <= options.tolerance) {
      result.converged = true;
      break;
    }
  }
  if (!assignment_current) run.Assign();  // report similarities to the returned centroids
  result.clusters = run.clusters;
  result.inertia = 0;
  for (float s : run.similarity) result.inertia += 1.0 - s;
  result.centroids = std::move(run.centroids);
  result.assignment = std::move(run.assignment);
  result.similarity = std::move(run.similarity);
  return result;
}

}  // namespace winnow
