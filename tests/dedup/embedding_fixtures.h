#pragma once

// Synthetic L2-normalised embeddings for the k-means and SemDeDup tests.

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace winnow::testutil {

inline void Normalise(std::vector<float>* v) {
  double sum = 0;
  for (float x : *v) sum += static_cast<double>(x) * x;
  for (float& x : *v) x = static_cast<float>(x / std::sqrt(sum));
}

// Builds rows one at a time with a fixed-seed generator.
class EmbeddingBuilder {
 public:
  explicit EmbeddingBuilder(size_t dim, uint64_t seed = 7) : dim_(dim), rng_(seed) {}

  std::vector<float> RandomUnit() {
    std::vector<float> v(dim_);
    for (float& x : v) x = static_cast<float>(normal_(rng_));
    Normalise(&v);
    return v;
  }

  // center + Gaussian noise of the given scale per coordinate, normalised.
  std::vector<float> Around(const std::vector<float>& center, double noise) {
    std::vector<float> v(center);
    for (float& x : v) x += static_cast<float>(noise * normal_(rng_));
    Normalise(&v);
    return v;
  }

  // A unit vector whose cosine with `v` is about 1 / sqrt(1 + step^2) (0.999 for step 0.045).
  std::vector<float> NearCopy(const std::vector<float>& v, double step = 0.045) {
    std::vector<float> direction = RandomUnit();
    double along = 0;
    for (size_t i = 0; i < dim_; ++i) along += direction[i] * v[i];
    for (size_t i = 0; i < dim_; ++i) direction[i] -= static_cast<float>(along * v[i]);
    Normalise(&direction);
    std::vector<float> out(v);
    for (size_t i = 0; i < dim_; ++i) out[i] += static_cast<float>(step * direction[i]);
    Normalise(&out);
    return out;
  }

  size_t Add(const std::vector<float>& v) {
    data.insert(data.end(), v.begin(), v.end());
    return rows++;
  }
  std::vector<float> Row(size_t r) const {
    return std::vector<float>(data.begin() + r * dim_, data.begin() + (r + 1) * dim_);
  }

  std::vector<float> data;
  size_t rows = 0;

 private:
  size_t dim_;
  std::mt19937_64 rng_;
  std::normal_distribution<double> normal_{0.0, 1.0};
};

}  // namespace winnow::testutil
