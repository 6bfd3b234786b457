#include "winnow/embed/embedding_cache.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>

#include "winnow/common/hash.h"

namespace winnow {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS embeddings ("
    " embedder TEXT NOT NULL,"
    " key_high INTEGER NOT NULL,"
    " key_low INTEGER NOT NULL,"
    " vector BLOB NOT NULL,"
    " PRIMARY KEY (embedder, key_high, key_low)) WITHOUT ROWID";

XXH128_hash_t TextKey(std::string_view text) {
  return XXH3_128bits_withSeed_dispatch(text.data(), text.size(), 0);
}

// SQLite integers are signed 64-bit; the hash halves are stored bit for bit.
sqlite3_int64 AsSigned(uint64_t value) {
  sqlite3_int64 out;
  std::memcpy(&out, &value, sizeof(out));
  return out;
}

}  // namespace

void EmbeddingCache::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void EmbeddingCache::StmtFinalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Status EmbeddingCache::SqliteError(std::string_view what) const {
  return Status::IoError(
      fmt::format("embedding cache {}: {}: {}", path_, what, sqlite3_errmsg(db_.get())));
}

Status EmbeddingCache::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Status status = Status::IoError(
        fmt::format("embedding cache {}: {}: {}", path_, sql, message ? message : "error"));
    sqlite3_free(message);
    return status;
  }
  return Status::OK();
}

Result<std::unique_ptr<EmbeddingCache>> EmbeddingCache::Open(const std::string& path) {
  std::unique_ptr<EmbeddingCache> cache(new EmbeddingCache());
  cache->path_ = path;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  cache->db_.reset(db);  // sqlite3_open_v2 allocates a handle even when it fails
  if (rc != SQLITE_OK) return winnow::Error(cache->SqliteError("cannot open"));
  sqlite3_busy_timeout(db, 5000);
  WINNOW_RETURN_IF_ERROR(cache->Exec("PRAGMA journal_mode=WAL"));
  WINNOW_RETURN_IF_ERROR(cache->Exec("PRAGMA synchronous=NORMAL"));
  WINNOW_RETURN_IF_ERROR(cache->Exec(kSchema));
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT vector FROM embeddings WHERE embedder = ?1 AND key_high = ?2 "
                         "AND key_low = ?3",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    return winnow::Error(cache->SqliteError("prepare lookup"));
  }
  cache->select_.reset(stmt);
  if (sqlite3_prepare_v2(db,
                         "INSERT OR REPLACE INTO embeddings (embedder, key_high, key_low, vector) "
                         "VALUES (?1, ?2, ?3, ?4)",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    return winnow::Error(cache->SqliteError("prepare insert"));
  }
  cache->insert_.reset(stmt);
  return cache;
}

EmbeddingCache::~EmbeddingCache() {
  // Statements must be finalised before the connection closes.
  select_.reset();
  insert_.reset();
}

namespace {

// Both statements take (?1 embedder name, ?2 and ?3 the two halves of the text's XXH3-128).
void BindName(sqlite3_stmt* stmt, std::string_view embedder_name) {
  sqlite3_bind_text(stmt, 1, embedder_name.data(), static_cast<int>(embedder_name.size()),
                    SQLITE_STATIC);
}

void BindTextKey(sqlite3_stmt* stmt, std::string_view text) {
  const XXH128_hash_t key = TextKey(text);
  sqlite3_bind_int64(stmt, 2, AsSigned(key.high64));
  sqlite3_bind_int64(stmt, 3, AsSigned(key.low64));
}

}  // namespace

Status EmbeddingCache::Lookup(std::string_view embedder_name,
                              std::span<const std::string_view> texts,
                              std::vector<std::vector<float>>* vectors) {
  vectors->assign(texts.size(), {});
  std::lock_guard<std::mutex> lock(mutex_);
  WINNOW_RETURN_IF_ERROR(Exec("BEGIN"));
  sqlite3_stmt* stmt = select_.get();
  BindName(stmt, embedder_name);
  Status status;
  for (size_t i = 0; i < texts.size() && status.ok(); ++i) {
    BindTextKey(stmt, texts[i]);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const void* blob = sqlite3_column_blob(stmt, 0);
      const size_t bytes = static_cast<size_t>(sqlite3_column_bytes(stmt, 0));
      if (blob != nullptr && bytes % sizeof(float) == 0) {  // anything else is a miss
        (*vectors)[i].resize(bytes / sizeof(float));
        std::memcpy((*vectors)[i].data(), blob, bytes);
      }
    } else if (rc != SQLITE_DONE) {
      status = SqliteError("lookup");
    }
    sqlite3_reset(stmt);
  }
  sqlite3_clear_bindings(stmt);
  Status end = Exec(status.ok() ? "COMMIT" : "ROLLBACK");
  return status.ok() ? end : status;
}

Status EmbeddingCache::Insert(std::string_view embedder_name,
                              std::span<const std::string_view> texts,
                              std::span<const float> vectors, size_t dimension) {
  if (vectors.size() != texts.size() * dimension) {
    return Status::Internal(fmt::format("embedding cache insert: {} floats for {} texts of {}",
                                        vectors.size(), texts.size(), dimension));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  WINNOW_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  sqlite3_stmt* stmt = insert_.get();
  BindName(stmt, embedder_name);
  Status status;
  for (size_t i = 0; i < texts.size() && status.ok(); ++i) {
    BindTextKey(stmt, texts[i]);
    sqlite3_bind_blob(stmt, 4, vectors.data() + i * dimension,
                      static_cast<int>(dimension * sizeof(float)), SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE) status = SqliteError("insert");
    sqlite3_reset(stmt);
  }
  sqlite3_clear_bindings(stmt);
  Status end = Exec(status.ok() ? "COMMIT" : "ROLLBACK");
  return status.ok() ? end : status;
}

}  // namespace winnow
