#pragma once

// SqliteDatabase: one SQLite file opened the way winnow's caches and stores want it (WAL, so
// readers never block the writer and a killed process loses nothing committed; synchronous=NORMAL;
// a 5 s busy timeout so several processes can share the file), with errors that name the file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace winnow {

// A prepared statement; Reset() makes it reusable. Binds are 1-based as in SQLite.
class SqliteStatement {
 public:
  SqliteStatement() = default;
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  sqlite3_stmt* get() const { return stmt_.get(); }
  void BindText(int index, std::string_view text);
  void BindBlob(int index, const void* data, size_t size);
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  // Clears bindings and rewinds, for the next execution.
  void Reset();
  // Column readers for the current row (SQLITE_ROW); the view lasts until the next Step/Reset.
  std::string_view ColumnText(int column) const;
  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// Thread-safety: none of its own; callers serialise access (one mutex per database).
class SqliteDatabase {
 public:
  // Opens or creates `path`. `label` starts error messages ("response cache runs/x/cache.sqlite:
  // cannot open: ...").
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                      std::string_view label);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Status Exec(const char* sql);
  Result<SqliteStatement> Prepare(const char* sql);
  // Runs a statement that returns no rows (INSERT, UPDATE) and resets it.
  Status Run(SqliteStatement& statement, std::string_view what);
  // Steps a query: true when a row is ready, false when done. Errors name `what`.
  Result<bool> Step(SqliteStatement& statement, std::string_view what);
  // An IoError naming the file, `what` and SQLite's last message.
  Status Error(std::string_view what) const;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDatabase() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::string label_;
};

}  // namespace winnow
