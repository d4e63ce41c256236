// A small RAII face on SQLite (Debian's libsqlite3) for `tessera insights`: an in-memory database, scripts,
// prepared inserts and whole tables read back. Errors are exceptions inside, turned into messages by the caller.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::cli {

// A value as SQLite stores it: NULL, an integer, a real or text.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// What SQLite said went wrong, with the statement or script it was running.
class SqlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A table read back whole: its column names and rows.
struct SqlTable {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
};

class SqliteDb;

// One prepared statement, bound by position (1-based) and run again and again.
class SqlStatement {
 public:
  SqlStatement(SqliteDb& db, std::string_view sql);
  void bind(int index, const SqlValue& value);
  void bind_all(const std::vector<SqlValue>& values);  // 1, 2, 3, … in order
  void run();                                          // step to the end, then reset for the next bindings

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const;
  };
  SqliteDb* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> statement_;
};

class SqliteDb {
 public:
  // A private temporary database: in memory up to SQLite's page cache (set by the caller), then a file that
  // SQLite deletes when it is closed, so a large cohort does not have to fit in memory.
  SqliteDb();
  void exec(std::string_view script, std::string_view name = "SQL");
  [[nodiscard]] SqlTable query(std::string_view sql);
  [[nodiscard]] std::string message() const;  // SQLite's last error message
  [[nodiscard]] sqlite3* handle() const { return db_.get(); }

 private:
  struct Close {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Close> db_;
};

}  // namespace tessera::cli
