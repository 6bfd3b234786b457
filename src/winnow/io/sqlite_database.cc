#include "winnow/io/sqlite_database.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace winnow {

void SqliteStatement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

void SqliteStatement::BindText(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void SqliteStatement::BindBlob(int index, const void* data, size_t size) {
  sqlite3_bind_blob(stmt_.get(), index, data, static_cast<int>(size), SQLITE_TRANSIENT);
}

void SqliteStatement::BindInt(int index, int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
}

void SqliteStatement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_.get(), index, value);
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string_view SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

int64_t SqliteStatement::ColumnInt(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

double SqliteStatement::ColumnDouble(int column) const {
  return sqlite3_column_double(stmt_.get(), column);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

Status SqliteDatabase::Error(std::string_view what) const {
  return Status::IoError(fmt::format("{} {}: {}: {}", label_, path_, what,
                                     db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             std::string_view label) {
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase());
  database->path_ = path;
  database->label_ = std::string(label);
  int rc =
      sqlite3_open_v2(path.c_str(), &database->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  // sqlite3_open_v2 allocates a handle even when it fails; the destructor closes it.
  if (rc != SQLITE_OK) return winnow::Error(database->Error("cannot open"));
  sqlite3_busy_timeout(database->db_, 5000);
  WINNOW_RETURN_IF_ERROR(database->Exec("PRAGMA journal_mode=WAL"));
  WINNOW_RETURN_IF_ERROR(database->Exec("PRAGMA synchronous=NORMAL"));
  return database;
}

Status SqliteDatabase::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    Status status = Status::IoError(
        fmt::format("{} {}: {}: {}", label_, path_, sql, message ? message : "error"));
    sqlite3_free(message);
    return status;
  }
  return Status::OK();
}

Result<SqliteStatement> SqliteDatabase::Prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return winnow::Error(Error(fmt::format("prepare '{}'", sql)));
  }
  return SqliteStatement(stmt);
}

Status SqliteDatabase::Run(SqliteStatement& statement, std::string_view what) {
  int rc = sqlite3_step(statement.get());
  Status status = rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::OK() : Error(what);
  statement.Reset();
  return status;
}

Result<bool> SqliteDatabase::Step(SqliteStatement& statement, std::string_view what) {
  int rc = sqlite3_step(statement.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return winnow::Error(Error(what));
}

}  // namespace winnow
