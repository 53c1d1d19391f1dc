#include "features/supervision/spot_check_store.hpp"

#include "store/audit_seals.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kCheckColumns =
    "id, code, org_id, period_from, period_to, size, seed, drawn_by, created_at";

SpotCheckRow check_from(const Row& r) {
  SpotCheckRow c;
  c.id = r.integer(0);
  c.code = r.text(1);
  c.org_id = r.integer(2);
  c.period_from = r.integer(3);
  c.period_to = r.integer(4);
  c.size = static_cast<int>(r.integer(5));
  c.seed = r.text(6);
  c.drawn_by = r.opt_integer(7);
  c.created_at = r.integer(8);
  return c;
}

}  // namespace

std::vector<std::pair<Id, Id>> spot_check_population(Tx& tx, const std::string& org_path,
                                                    Instant from, Instant to) {
  std::vector<std::pair<Id, Id>> out;
  for (const auto& r : tx.conn().query(
           "SELECT m.id, m.lead_org_id FROM matters m JOIN orgs o ON o.id = m.lead_org_id "
           "WHERE m.status IN ('verified', 'closed') AND m.verified_at >= $1 AND m.verified_at < $2 "
           "AND o.path LIKE $3 ESCAPE '\\' ORDER BY m.id",
           {from, to, like_escape(org_path) + "%"}))
    out.emplace_back(r.integer(0), r.integer(1));
  return out;
}

Result<Id> insert_spot_check(Tx& tx, const SpotCheckRow& c,
                             const std::vector<SpotCheckItemRow>& items) {
  Id id = 0;
  const bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn()
             .query("INSERT INTO spot_checks (code, org_id, period_from, period_to, size, seed, "
                    "drawn_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    {c.code, c.org_id, c.period_from, c.period_to, c.size, c.seed, c.drawn_by,
                     c.created_at})
             .at(0)
             .integer(0);
  });
  if (!inserted) return conflict("回头看编号“" + c.code + "”已存在");
  tx.seal(kSealSpotChecks, id);
  for (const auto& it : items)
    tx.conn().exec(
        "INSERT INTO spot_check_items (check_id, matter_id, lead_org_id, note) VALUES ($1, $2, $3, '')",
        {id, it.matter_id, it.lead_org_id});
  if (!items.empty()) tx.seal(kSealSpotCheckItems, id);
  return id;
}

std::optional<SpotCheckRow> spot_check_by_code(Tx& tx, const std::string& code) {
  auto rows = tx.conn().query(std::string("SELECT ") + kCheckColumns +
                                  " FROM spot_checks WHERE code = $1",
                              {code});
  if (rows.empty()) return std::nullopt;
  return check_from(rows[0]);
}

std::vector<SpotCheckRow> spot_checks(Tx& tx, int limit) {
  std::vector<SpotCheckRow> out;
  for (const auto& r : tx.conn().query(std::string("SELECT ") + kCheckColumns +
                                           " FROM spot_checks ORDER BY id DESC LIMIT $1",
                                       {limit}))
    out.push_back(check_from(r));
  return out;
}

std::vector<SpotCheckItemRow> spot_check_items(Tx& tx, Id check_id) {
  std::vector<SpotCheckItemRow> out;
  for (const auto& r : tx.conn().query(
           "SELECT check_id, matter_id, lead_org_id, result, note, checked_by, checked_at "
           "FROM spot_check_items WHERE check_id = $1 ORDER BY matter_id",
           {check_id})) {
    SpotCheckItemRow it;
    it.check_id = r.integer(0);
    it.matter_id = r.integer(1);
    it.lead_org_id = r.opt_integer(2);
    it.result = r.null(3) ? "" : r.text(3);
    it.note = r.text(4);
    it.checked_by = r.opt_integer(5);
    it.checked_at = r.opt_integer(6);
    out.push_back(std::move(it));
  }
  return out;
}

bool record_spot_check_item(Tx& tx, const SpotCheckItemRow& it) {
  const auto changed = tx.conn().exec(
      "UPDATE spot_check_items SET result = $1, note = $2, checked_by = $3, checked_at = $4 "
      "WHERE check_id = $5 AND matter_id = $6 AND result IS NULL",
      {it.result, it.note, it.checked_by, it.checked_at, it.check_id, it.matter_id});
  if (changed == 0) return false;
  tx.seal(kSealSpotCheckItems, it.check_id);
  return true;
}

}  // namespace huiyin::db
