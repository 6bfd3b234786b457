#include "winnow/llm/response_cache.h"

#include <ctime>

namespace winnow::llm {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS responses ("
    " key TEXT PRIMARY KEY,"
    " model TEXT NOT NULL,"
    " request TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " finish_reason TEXT NOT NULL,"
    " prompt_tokens INTEGER NOT NULL,"
    " completion_tokens INTEGER NOT NULL,"
    " created INTEGER NOT NULL) WITHOUT ROWID";

}  // namespace

Result<std::unique_ptr<ResponseCache>> ResponseCache::Open(const std::string& path) {
  std::unique_ptr<ResponseCache> cache(new ResponseCache());
  WINNOW_ASSIGN_OR_RETURN(cache->db_, SqliteDatabase::Open(path, "response cache"));
  WINNOW_RETURN_IF_ERROR(cache->db_->Exec(kSchema));
  WINNOW_ASSIGN_OR_RETURN(cache->select_,
                          cache->db_->Prepare("SELECT text, finish_reason, prompt_tokens, "
                                              "completion_tokens FROM responses WHERE key = ?1"));
  WINNOW_ASSIGN_OR_RETURN(
      cache->insert_,
      cache->db_->Prepare("INSERT OR REPLACE INTO responses (key, model, request, text, "
                          "finish_reason, prompt_tokens, completion_tokens, created) VALUES "
                          "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  return cache;
}

Result<std::optional<CachedResponse>> ResponseCache::Lookup(std::string_view key) {
  std::lock_guard<std::mutex> lock(mutex_);
  select_.BindText(1, key);
  Result<bool> row = db_->Step(select_, "lookup");
  std::optional<CachedResponse> found;
  if (row.has_value() && *row) {
    CachedResponse response;
    response.text = std::string(select_.ColumnText(0));
    response.finish_reason = std::string(select_.ColumnText(1));
    response.usage.prompt_tokens = select_.ColumnInt(2);
    response.usage.completion_tokens = select_.ColumnInt(3);
    found = std::move(response);
  }
  select_.Reset();
  if (!row.has_value()) return Error(row.error());
  return found;
}

Status ResponseCache::Insert(std::string_view key, std::string_view model,
                             std::string_view request_json, const CachedResponse& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  insert_.BindText(1, key);
  insert_.BindText(2, model);
  insert_.BindText(3, request_json);
  insert_.BindText(4, response.text);
  insert_.BindText(5, response.finish_reason);
  insert_.BindInt(6, response.usage.prompt_tokens);
  insert_.BindInt(7, response.usage.completion_tokens);
  insert_.BindInt(8, static_cast<int64_t>(std::time(nullptr)));
  return db_->Run(insert_, "insert");
}

}  // namespace winnow::llm
