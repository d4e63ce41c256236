// SQLite through a small RAII face (see sqlite_db.hpp).
#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <limits>

namespace tessera::cli {

void SqliteDb::Close::operator()(sqlite3* db) const { sqlite3_close(db); }
void SqlStatement::Finalize::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

SqliteDb::SqliteDb() {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open("", &raw);
  db_.reset(raw);
  if (opened != SQLITE_OK) throw SqlError("SQLite could not open a temporary database: " + message());
}

std::string SqliteDb::message() const { return db_ ? sqlite3_errmsg(db_.get()) : "out of memory"; }

void SqliteDb::exec(std::string_view script, std::string_view name) {
  const std::string text(script);
  char* error = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : message();
    sqlite3_free(error);
    throw SqlError(std::string(name) + ": " + why);
  }
}

namespace {

SqlValue column_value(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_NULL:
      return std::monostate{};
    default: {
      const auto* text = sqlite3_column_text(statement, column);
      const int bytes = sqlite3_column_bytes(statement, column);
      return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
    }
  }
}

}  // namespace

SqlTable SqliteDb::query(std::string_view sql) {
  SqlTable table;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
    throw SqlError(message());
  const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> owned(raw, &sqlite3_finalize);
  const int columns = sqlite3_column_count(raw);
  for (int c = 0; c < columns; ++c) table.columns.emplace_back(sqlite3_column_name(raw, c));
  for (int step = sqlite3_step(raw); step != SQLITE_DONE; step = sqlite3_step(raw)) {
    if (step != SQLITE_ROW) throw SqlError(message());
    auto& row = table.rows.emplace_back();
    for (int c = 0; c < columns; ++c) row.push_back(column_value(raw, c));
  }
  return table;
}

SqlStatement::SqlStatement(SqliteDb& db, std::string_view sql) : db_(&db) {
  sqlite3_stmt* raw = nullptr;
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
      sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
    throw SqlError(db.message());
  statement_.reset(raw);
}

void SqlStatement::bind(int index, const SqlValue& value) {
  sqlite3_stmt* s = statement_.get();
  int bound = SQLITE_OK;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    bound = sqlite3_bind_int64(s, index, *integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    bound = sqlite3_bind_double(s, index, *real);
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    bound = sqlite3_bind_text64(s, index, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  } else {
    bound = sqlite3_bind_null(s, index);
  }
  if (bound != SQLITE_OK) throw SqlError(db_->message());
}

void SqlStatement::bind_all(const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
}

void SqlStatement::run() {
  sqlite3_stmt* s = statement_.get();
  int step = sqlite3_step(s);
  while (step == SQLITE_ROW) step = sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (step != SQLITE_DONE) throw SqlError(db_->message());
}

}  // namespace tessera::cli
