#pragma once

// An on-disk cache of embeddings in one SQLite file, so re-running a pipeline does not pay for
// the same texts twice. Keyed by (embedder name, XXH3-128 of the text); vectors are stored as
// little-endian float32 blobs.

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/io/sqlite_database.h"

namespace winnow {

// Thread-safety: all methods may be called concurrently; one mutex serialises database access.
// Several processes may share the file (WAL mode, 5 s busy timeout).
class EmbeddingCache {
 public:
  // Opens or creates the cache file. IoError names the path and SQLite's message.
  static Result<std::unique_ptr<EmbeddingCache>> Open(const std::string& path);
  ~EmbeddingCache();
  EmbeddingCache(const EmbeddingCache&) = delete;
  EmbeddingCache& operator=(const EmbeddingCache&) = delete;

  // Resizes *vectors to texts.size(); (*vectors)[i] is the cached vector of texts[i], or empty
  // when there is none. One read transaction for the whole batch.
  Status Lookup(std::string_view embedder_name, std::span<const std::string_view> texts,
                std::vector<std::vector<float>>* vectors);

  // Stores texts.size() vectors of `dimension` floats (vectors.size() == texts.size() *
  // dimension), replacing older entries, in one transaction.
  Status Insert(std::string_view embedder_name, std::span<const std::string_view> texts,
                std::span<const float> vectors, size_t dimension);

 private:
  EmbeddingCache() = default;

  std::mutex mutex_;
  std::unique_ptr<SqliteDatabase> db_;
  SqliteStatement select_;
  SqliteStatement insert_;
};

}  // namespace winnow
