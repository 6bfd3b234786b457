#pragma once

// A minimal fork-join loop for the compute kernels of semantic dedup (k-means, pairwise
// similarity). Pipeline steps never start threads; these kernels are called once per dataset
// and need every core. Results never depend on the thread count: each index is computed by
// exactly one call of `fn`, and callers combine per-index results in index order.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace winnow {

// Number of threads to use for `requested` (0: one per hardware thread).
inline size_t ResolveThreads(size_t requested) {
  if (requested > 0) return requested;
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

// Calls fn(begin, end) over [0, n) in chunks of `grain` indices, on up to `threads` threads
// (the caller's included); returns when all chunks are done. `fn` must not throw.
template <typename Fn>
void ParallelFor(size_t n, size_t threads, size_t grain, const Fn& fn) {
  if (n == 0) return;
  grain = std::max<size_t>(1, grain);
  const size_t chunks = (n + grain - 1) / grain;
  threads = std::min(ResolveThreads(threads), chunks);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      fn(c * grain, std::min(n, (c + 1) * grain));
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace winnow
