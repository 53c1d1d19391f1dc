// The SQL text that differs between SQLite and PostgreSQL, in one place. Everything else in
// the store is written once in the SQL both understand (RETURNING, ON CONFLICT, bound `$N`).
// Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace huiyin::sql {

struct Dialect {
  enum class Kind { sqlite, postgresql } kind;

  std::string name() const { return kind == Kind::sqlite ? "sqlite" : "postgresql"; }
  // Directory under share/data/migrations.
  std::string migrations_dir() const { return "migrations/" + name() + "/"; }

  // Reads the single-row chain head; PostgreSQL locks it so appends serialise (SQLite write
  // transactions are already serialised by BEGIN IMMEDIATE).
  const char* select_chain_head() const {
    return kind == Kind::sqlite ? "SELECT seq, hash FROM chain_head WHERE id = 1"
                                : "SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE";
  }
  // Taken first inside the migration transaction so two processes never migrate at once
  // (SQLite: BEGIN IMMEDIATE already excludes other writers). The key spells "HUIYIN".
  const char* lock_migrations() const {
    return kind == Kind::sqlite ? nullptr : "SELECT pg_advisory_xact_lock(7208232487514446)";
  }
  // "<column> matches any id in the list bound as parameter $n", and the text to bind.
  std::string in_id_list(const std::string& column, int n) const {
    std::string p = "$" + std::to_string(n);
    return kind == Kind::sqlite ? column + " IN (SELECT value FROM json_each(" + p + "))"
                                : column + " = ANY(CAST(" + p + " AS BIGINT[]))";
  }
  std::string id_list(const std::vector<std::int64_t>& ids) const {
    std::string s = kind == Kind::sqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i) s += ',';
      s += std::to_string(ids[i]);
    }
    s += kind == Kind::sqlite ? "]" : "}";
    return s;
  }
};

}  // namespace huiyin::sql
