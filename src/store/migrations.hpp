// Versioned schema migrations: files share/data/migrations/<backend>/NNN_name.sql, embedded in
// the binary. apply_migrations() runs the pending ones in order inside one write transaction
// and records each in schema_migrations, so it is idempotent and safe against a concurrent
// migrate from another process. Not thread-safe per connection (like the connection).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "store/dialect.hpp"
#include "store/sql.hpp"

namespace huiyin::sql {

struct Migration {
  int version = 0;
  std::string name;  // file name
  std::string_view sql;
};

// The embedded migrations for a backend, by ascending version.
std::vector<Migration> migrations_for(const Dialect& d);
// Applies pending migrations up to version `up_to` (all by default; tests stop early to check
// an upgrade); returns the version reached. Throws SqlError on DB failure.
Result<int> apply_migrations(Connection& c, const Dialect& d, int up_to = 1 << 30);

}  // namespace huiyin::sql
