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

Result<std::unique_ptr<EmbeddingCache>> EmbeddingCache::Open(const std::string& path) {
  std::unique_ptr<EmbeddingCache> cache(new EmbeddingCache());
  WINNOW_ASSIGN_OR_RETURN(cache->db_, SqliteDatabase::Open(path, "embedding cache"));
  WINNOW_RETURN_IF_ERROR(cache->db_->Exec(kSchema));
  WINNOW_ASSIGN_OR_RETURN(cache->select_,
                          cache->db_->Prepare("SELECT vector FROM embeddings WHERE embedder = ?1 "
                                              "AND key_high = ?2 AND key_low = ?3"));
  WINNOW_ASSIGN_OR_RETURN(
      cache->insert_, cache->db_->Prepare("INSERT OR REPLACE INTO embeddings (embedder, "
                                          "key_high, key_low, vector) VALUES (?1, ?2, ?3, ?4)"));
  return cache;
}

EmbeddingCache::~EmbeddingCache() {
  // Statements must be finalised before the connection closes.
  select_ = SqliteStatement();
  insert_ = SqliteStatement();
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
  WINNOW_RETURN_IF_ERROR(db_->Exec("BEGIN"));
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
      status = db_->Error("lookup");
    }
    sqlite3_reset(stmt);
  }
  sqlite3_clear_bindings(stmt);
  Status end = db_->Exec(status.ok() ? "COMMIT" : "ROLLBACK");
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
  WINNOW_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  sqlite3_stmt* stmt = insert_.get();
  BindName(stmt, embedder_name);
  Status status;
  for (size_t i = 0; i < texts.size() && status.ok(); ++i) {
    BindTextKey(stmt, texts[i]);
    sqlite3_bind_blob(stmt, 4, vectors.data() + i * dimension,
                      static_cast<int>(dimension * sizeof(float)), SQLITE_STATIC);
    if (sqlite3_step(stmt) != SQLITE_DONE) status = db_->Error("insert");
    sqlite3_reset(stmt);
  }
  sqlite3_clear_bindings(stmt);
  Status end = db_->Exec(status.ok() ? "COMMIT" : "ROLLBACK");
  return status.ok() ? end : status;
}

}  // namespace winnow
