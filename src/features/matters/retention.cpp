#include "features/matters/retention.hpp"

#include <nlohmann/json.hpp>

#include "kernel/support.hpp"
#include "store/audit_seals.hpp"

namespace huiyin::db {
namespace {

// Matters past the rule whose reporter still has personal data, and whose reporter row no other
// matter inside its period shares.
constexpr const char* kExpired =
    "SELECT m.id, m.code, m.reporter_id, m.channel, m.closed_at FROM matters m "
    "JOIN reporters r ON r.id = m.reporter_id "
    "WHERE m.closed_at IS NOT NULL "
    "AND m.closed_at < CASE WHEN m.channel = 'petition' THEN CAST($2 AS BIGINT) ELSE CAST($1 AS BIGINT) END "
    "AND (r.name <> '' OR r.phone <> '' OR r.id_number <> '') "
    "AND NOT EXISTS (SELECT 1 FROM matters o WHERE o.reporter_id = m.reporter_id AND o.id <> m.id "
    "AND (o.closed_at IS NULL OR o.closed_at >= CASE WHEN o.channel = 'petition' THEN CAST($2 AS BIGINT) ELSE CAST($1 AS BIGINT) END)) "
    "ORDER BY m.closed_at, m.id LIMIT CAST($3 AS BIGINT)";
constexpr const char* kErase =
    "UPDATE reporters SET name = '', phone = '', id_number = '' WHERE id = $1";
constexpr const char* kDropPhoneKey = "DELETE FROM matter_phone_keys WHERE matter_id = $1";

}  // namespace

Instant retention_cutoff(Instant now, int years) {
  return now - static_cast<Instant>(years) * 365 * 24 * 3600;
}

Result<RetentionPass> erase_expired_personal_data(Tx& tx, const RetentionRule& rule, Instant now,
                                                  bool dry_run, int limit) {
  if (rule.years < 1 || rule.petition_years < 1) return invalid("保存期限至少 1 年", "years");
  RetentionPass pass;
  pass.cutoff = retention_cutoff(now, rule.years);
  pass.petition_cutoff = retention_cutoff(now, rule.petition_years);
  auto rows = tx.conn().query(kExpired, {pass.cutoff, pass.petition_cutoff, limit});
  for (const auto& r : rows) {
    const Id matter = r.integer(0), reporter = r.integer(2);
    pass.codes.push_back(r.text(1));
    ++pass.matters;
    if (dry_run) continue;
    tx.conn().exec(kErase, {reporter});
    tx.seal(sql::kSealReporters, reporter);
    tx.conn().exec(kDropPhoneKey, {matter});
    const bool petition = r.text(3) == "petition";
    nlohmann::json payload = {{"rule", petition ? "petition" : "matter"},
                              {"years", petition ? rule.petition_years : rule.years},
                              {"closed_at", r.integer(4)},
                              {"fields", {"name", "phone", "id_number"}}};
    auto ev = tx.append_event(make_event("personal_data_erased", matter, nullptr, "system", now, payload));
    if (!ev) return ev.error();
  }
  return pass;
}

}  // namespace huiyin::db
