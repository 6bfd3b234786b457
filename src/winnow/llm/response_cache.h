#pragma once

// ResponseCache: every successful LLM answer, keyed by the request's content (RequestCacheKey:
// model, messages, sampling parameters, output constraint), in one SQLite file. A crash, a re-run
// or an edit of a later pipeline step never pays for the same request twice. Each answer is
// committed as it arrives (WAL), so `kill -9` loses at most the answers still on the wire.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/common/status.h"
#include "winnow/io/sqlite_database.h"
#include "winnow/llm/llm_request.h"

namespace winnow::llm {

struct CachedResponse {
  std::string text;
  std::string finish_reason;
  TokenUsage usage;
};

// Thread-safety: all methods may be called concurrently (one mutex). Several processes may share
// the file.
class ResponseCache {
 public:
  static Result<std::unique_ptr<ResponseCache>> Open(const std::string& path);

  // The cached answer for `key`, or nullopt.
  Result<std::optional<CachedResponse>> Lookup(std::string_view key);

  // Stores an answer; `request_json` (the canonical request) is kept for inspection.
  Status Insert(std::string_view key, std::string_view model, std::string_view request_json,
                const CachedResponse& response);

  const std::string& path() const { return db_->path(); }

 private:
  ResponseCache() = default;
  std::mutex mutex_;
  std::unique_ptr<SqliteDatabase> db_;
  SqliteStatement select_;
  SqliteStatement insert_;
};

}  // namespace winnow::llm
