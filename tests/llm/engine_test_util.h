#pragma once

// Submitting calls to an LLM engine (or any backend) from a test and waiting for every result.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "winnow/llm/llm_backend.h"

namespace winnow::testutil {

// Submits `calls` and waits for all their results, in call order (bounded: 20 s).
inline std::vector<llm::LlmResult> RunCalls(llm::LlmBackend& backend,
                                            std::vector<llm::LlmCall> calls) {
  std::mutex mutex;
  std::condition_variable done;
  std::vector<llm::LlmResult> results(calls.size());
  size_t left = calls.size();
  for (size_t i = 0; i < calls.size(); ++i) {
    backend.Submit(std::move(calls[i]), [&, i](llm::LlmResult result) {
      std::lock_guard<std::mutex> lock(mutex);
      results[i] = std::move(result);
      if (--left == 0) done.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(mutex);
  EXPECT_TRUE(done.wait_for(lock, std::chrono::seconds(20), [&] { return left == 0; }));
  return results;
}

}  // namespace winnow::testutil
