#include "store/job_lease_store.hpp"

namespace huiyin::db {

bool take_lease(Tx& tx, const std::string& name, const std::string& holder, Instant now,
                Instant until) {
  auto& c = tx.conn();
  if (c.exec("UPDATE job_leases SET holder = $1, expires_at = $2 WHERE name = $3 AND "
             "(holder = $1 OR expires_at <= $4)",
             {holder, until, name, now}) > 0)
    return true;
  // No row yet: the first node to insert it holds it; a unique violation means another did.
  return sql::without_duplicate(c, [&] {
    c.exec("INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3)",
           {name, holder, until});
  });
}

void release_lease(Tx& tx, const std::string& name, const std::string& holder) {
  tx.conn().exec("UPDATE job_leases SET expires_at = 0 WHERE name = $1 AND holder = $2",
                 {name, holder});
}

}  // namespace huiyin::db
