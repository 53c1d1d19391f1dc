#include "features/reports/circular_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kColumns =
    "SELECT id, org_id, period, year, issue, title, inputs, inputs_sha256, anchor_seq, "
    "anchor_hash, content, published_by, published_at FROM circulars";

CircularRow row_from(const Row& r) {
  CircularRow c;
  c.id = r.integer(0);
  c.org_id = r.integer(1);
  c.period = r.text(2);
  c.year = r.integer(3);
  c.issue = r.integer(4);
  c.title = r.text(5);
  c.inputs = r.text(6);
  c.inputs_sha256 = r.text(7);
  c.anchor_seq = r.integer(8);
  c.anchor_hash = r.text(9);
  c.content = r.text(10);
  c.published_by = r.integer(11);
  c.published_at = r.integer(12);
  return c;
}

}  // namespace

Result<Id> insert_circular(Tx& tx, const CircularRow& r) {
  Id id = 0;
  bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn()
             .query("INSERT INTO circulars (org_id, period, year, issue, title, inputs, "
                    "inputs_sha256, anchor_seq, anchor_hash, content, published_by, published_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                    {r.org_id, r.period, r.year, r.issue, r.title, r.inputs, r.inputs_sha256,
                     r.anchor_seq, r.anchor_hash, r.content, r.published_by, r.published_at})
             .at(0)
             .integer(0);
  });
  if (!inserted)
    return conflict(std::to_string(r.year) + "年第" + std::to_string(r.issue) + "期通报已发布,请换一个期号");
  tx.seal(sql::kSealCirculars, id);
  return id;
}

std::optional<CircularRow> circular_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(std::string(kColumns) + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return row_from(rows[0]);
}

std::vector<CircularRow> list_circulars(Tx& tx, std::optional<Id> org) {
  std::vector<CircularRow> out;
  auto rows = org ? tx.conn().query(std::string(kColumns) +
                                        " WHERE org_id = $1 ORDER BY published_at DESC, id DESC",
                                    {*org})
                  : tx.conn().query(std::string(kColumns) + " ORDER BY published_at DESC, id DESC", {});
  for (const auto& r : rows) out.push_back(row_from(r));
  return out;
}

int max_circular_issue(Tx& tx, Id org, int year) {
  auto rows = tx.conn().query(
      "SELECT COALESCE(MAX(issue), 0) FROM circulars WHERE org_id = $1 AND year = $2",
      {org, static_cast<std::int64_t>(year)});
  return rows.empty() ? 0 : static_cast<int>(rows[0].integer(0));
}

}  // namespace huiyin::db
