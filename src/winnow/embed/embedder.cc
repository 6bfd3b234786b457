#include "winnow/embed/embedder.h"

#include <cmath>

namespace winnow {

void L2Normalize(std::span<float> vector) {
  double sum = 0;
  for (float v : vector) sum += static_cast<double>(v) * v;
  if (sum <= 0) return;
  const float scale = static_cast<float>(1.0 / std::sqrt(sum));
  for (float& v : vector) v *= scale;
}

float CosineSimilarity(std::span<const float> a, std::span<const float> b) {
  double dot = 0, norm_a = 0, norm_b = 0;
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    dot += static_cast<double>(a[i]) * b[i];
    norm_a += static_cast<double>(a[i]) * a[i];
    norm_b += static_cast<double>(b[i]) * b[i];
  }
  if (norm_a <= 0 || norm_b <= 0) return 0;
  return static_cast<float>(dot / std::sqrt(norm_a * norm_b));
}

}  // namespace winnow
