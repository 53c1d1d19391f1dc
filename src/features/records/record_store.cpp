// Store functions: field records. People and counts are kept as JSON text in their row.
#include "features/records/record_store.hpp"

#include <nlohmann/json.hpp>

#include "store/audit_seals.hpp"
#include "store/subject_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kColumns =
    "r.id, r.code, r.kind, r.method, r.day, r.starts_at, r.ends_at, r.place_org_id, r.address, "
    "r.lat, r.lng, r.topic, r.summary, r.leaders, r.participants, r.counts, r.recorded_by, "
    "r.created_at, r.updated_at, r.version, d.detail";
constexpr const char* kFrom = " FROM records r LEFT JOIN record_details d ON d.record_id = r.id";
constexpr const char* kInsert =
    "INSERT INTO records (code, kind, method, day, starts_at, ends_at, place_org_id, address, "
    "lat, lng, topic, summary, leaders, participants, counts, recorded_by, created_at, "
    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15, $16, $17, $18, 1) RETURNING id";

std::string people_json(const std::vector<RecordPerson>& people) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& p : people) {
    nlohmann::json o = {{"name", p.name}, {"post", p.post}};
    if (p.user) {
      o["user"] = *p.user;
      o["username"] = p.username;
    }
    a.push_back(std::move(o));
  }
  return a.dump();
}

std::vector<RecordPerson> people_from(const std::string& text) {
  std::vector<RecordPerson> out;
  auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& o : a) {
    RecordPerson p;
    if (o.contains("user") && o["user"].is_number_integer()) p.user = o["user"].get<Id>();
    p.username = o.value("username", "");
    p.name = o.value("name", "");
    p.post = o.value("post", "");
    out.push_back(std::move(p));
  }
  return out;
}

Record record_from(const Row& r) {
  Record x;
  x.id = r.integer(0);
  x.code = r.text(1);
  x.kind = r.text(2);
  x.method = r.text(3);
  x.day = r.text(4);
  x.starts_at = r.opt_integer(5);
  x.ends_at = r.opt_integer(6);
  x.place_org_id = r.integer(7);
  x.address = r.text(8);
  if (!r.null(9)) x.lat = r.real(9);
  if (!r.null(10)) x.lng = r.real(10);
  x.topic = r.text(11);
  x.summary = r.text(12);
  x.leaders = people_from(r.text(13));
  x.participants = people_from(r.text(14));
  auto c = nlohmann::json::parse(r.text(15), nullptr, false);
  if (c.is_object())
    for (auto it = c.begin(); it != c.end(); ++it)
      if (it->is_number_integer()) x.counts[it.key()] = it->get<std::int64_t>();
  x.recorded_by = r.opt_integer(16);
  x.created_at = r.integer(17);
  x.updated_at = r.integer(18);
  x.version = r.integer(19);
  if (!r.null(20)) {
    auto d = nlohmann::json::parse(r.text(20), nullptr, false);
    if (d.is_object()) x.detail = std::move(d);
  }
  return x;
}

}  // namespace

Result<Id> insert_record(Tx& tx, const Record& r) {
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [k, v] : r.counts) counts[k] = v;
  Id id = 0;
  bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn()
             .query(kInsert, {r.code, r.kind, r.method, r.day, r.starts_at, r.ends_at,
                              r.place_org_id, r.address, r.lat, r.lng, r.topic, r.summary,
                              people_json(r.leaders), people_json(r.participants), counts.dump(),
                              r.recorded_by, r.created_at, r.updated_at})
             .at(0)
             .integer(0);
  });
  if (!inserted) return conflict("记录编号“" + r.code + "”已存在");
  tx.seal(kSealRecords, id);
  if (r.detail.is_object() && !r.detail.empty()) {
    tx.conn().exec("INSERT INTO record_details (record_id, detail) VALUES ($1, $2)",
                    {id, r.detail.dump()});
    tx.seal(kSealRecordDetails, id);
  }
  return id;
}

std::optional<Record> record_by_code(Tx& tx, const std::string& code) {
  auto rows = tx.conn().query(std::string("SELECT ") + kColumns + kFrom + " WHERE r.code = $1",
                              {code});
  if (rows.empty()) return std::nullopt;
  return record_from(rows[0]);
}

void add_record_conditions(QueryBuilder& q, const RecordFilter& f) {
  if (!f.scope.all) {
    // The records in scope, and those the asker recorded ("X OR 1 = 1 AND <scope>").
    q.sql += " AND (";
    if (f.recorded_by) q.sql += "r.recorded_by = " + q.bind(*f.recorded_by) + " OR ";
    q.sql += "1 = 1";
    add_subject_scope(q, kSubjectRecord, "r.id", f.scope);
    q.sql += ")";
  }
  if (f.id) q.sql += " AND r.id = " + q.bind(*f.id);
  if (!f.kind.empty()) q.sql += " AND r.kind = " + q.bind(f.kind);
  if (!f.series.empty())
    q.sql += " AND (r.code = " + q.bind(f.series) +
             " OR r.id IN (SELECT record_id FROM record_details WHERE detail LIKE " +
             q.bind("%\"series\":\"" + f.series + "\"%") + "))";
  if (!f.method.empty()) q.sql += " AND r.method = " + q.bind(f.method);
  if (f.org)
    q.sql += " AND r.place_org_id IN (SELECT o.id FROM orgs o, orgs p WHERE p.id = " +
             q.bind(*f.org) + " AND o.path LIKE p.path || '%')";
  if (f.leader)
    q.sql += " AND r.leaders LIKE " + q.bind("%\"user\":" + std::to_string(*f.leader) + ",%") +
             " ESCAPE '\\'";
  if (f.person) {
    const std::string like = "%\"user\":" + std::to_string(*f.person) + ",%";
    q.sql += " AND (r.leaders LIKE " + q.bind(like) + " ESCAPE '\\' OR r.participants LIKE " +
             q.bind(like) + " ESCAPE '\\')";
  }
  if (!f.from.empty()) q.sql += " AND r.day >= " + q.bind(f.from);
  if (!f.to.empty()) q.sql += " AND r.day <= " + q.bind(f.to);
}

RecordPage list_records(Tx& tx, const RecordFilter& f) {
  QueryBuilder q;
  q.sql = std::string("SELECT ") + kColumns + kFrom + " WHERE 1 = 1";
  add_record_conditions(q, f);
  if (f.before_id) q.sql += " AND r.id < " + q.bind(*f.before_id);
  q.sql += " ORDER BY r.id DESC LIMIT " + q.bind(static_cast<std::int64_t>(f.limit) + 1);
  RecordPage page;
  for (const auto& r : tx.conn().query(q.sql, q.params)) page.items.push_back(record_from(r));
  if (static_cast<int>(page.items.size()) > f.limit) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

}  // namespace huiyin::db
