// Store functions: reporters and matters (insert, versioned update, reads). Matter rows carry every
// field of huiyin::Matter plus `responded_at` (for the response rate) and `search_text`.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "features/matters/matter_rows.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;

void write_matter_orgs(Tx& tx, Id matter_id, const Matter& m);
namespace {

constexpr const char* kInsertReporter =
    "INSERT INTO reporters (name, phone, id_number, anonymous) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr const char* kReporterById =
    "SELECT id, name, phone, id_number, anonymous FROM reporters WHERE id = $1";
constexpr const char* kMatterExists = "SELECT version FROM matters WHERE id = $1";
constexpr const char* kDeleteMatterOrgs = "DELETE FROM matter_orgs WHERE matter_id = $1";
constexpr const char* kInsertMatterOrg =
    "INSERT INTO matter_orgs (matter_id, org_id, role) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr const char* kSetSearchText = "UPDATE matters SET search_text = $1 WHERE id = $2";
constexpr const char* kInsertQueryCode =
    "INSERT INTO matter_query_codes (matter_id, code_hash) VALUES ($1, $2)";
constexpr const char* kQueryCode = "SELECT code_hash FROM matter_query_codes WHERE matter_id = $1";

}  // namespace

Result<Id> insert_reporter(Tx& tx, const Reporter& r) {
  Id id = tx.conn().query(kInsertReporter, {r.name, r.phone, r.id_number, r.anonymous}).at(0).integer(0);
  tx.seal(kSealReporters, id);
  return id;
}

std::optional<Reporter> reporter_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(kReporterById, {id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Reporter{r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0};
}

Result<Id> insert_matter(Tx& tx, const Matter& m, const std::string& search_text) {
  if (m.code.empty()) return invalid("事项编号不能为空", "code");
  static const std::string with_search = [] {
    std::string sql = matter_insert_sql();
    sql.replace(sql.find(", version)"), 10, ", version, search_text)");
    const auto n = std::count(sql.begin(), sql.end(), '$');
    sql.replace(sql.find(", 1) RETURNING"), 4, ", 1, $" + std::to_string(n + 1) + ")");
    return sql;
  }();
  Params params = matter_params(m);
  if (!search_text.empty()) params.emplace_back(search_text);
  Id id = 0;
  bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn().query(search_text.empty() ? matter_insert_sql() : with_search, params).at(0).integer(0);
  });
  if (!inserted) return conflict("事项编号“" + m.code + "”已存在");
  // The record that raised it: set once here, never changed (the submit event names it too).
  if (!m.source.empty())
    tx.conn().exec("UPDATE matters SET source_kind = $1, source_id = $2 WHERE id = $3",
                   {m.source.kind, m.source.id, id});
  write_matter_orgs(tx, id, m);
  tx.seal(kSealMatters, id);
  tx.seal(kSealMatterOrgs, id);
  return id;
}

Status update_matter(Tx& tx, const Matter& m, std::int64_t expected_version) {
  Params p = matter_params(m);
  p.emplace_back(m.id);
  p.emplace_back(expected_version);
  std::int64_t n = 0;
  bool done = without_duplicate(tx.conn(), [&] { n = tx.conn().exec(matter_update_sql(), p); });
  if (!done) return conflict("事项编号“" + m.code + "”已存在");
  if (n == 0) {
    if (tx.conn().query(kMatterExists, {m.id}).empty()) return not_found("事项不存在");
    return conflict("该事项已被他人修改，请刷新后重试");
  }
  tx.conn().exec(kDeleteMatterOrgs, {m.id});
  write_matter_orgs(tx, m.id, m);
  tx.seal(kSealMatters, m.id);
  tx.seal(kSealMatterOrgs, m.id);
  return ok();
}

void write_matter_orgs(Tx& tx, Id matter_id, const Matter& m) {
  for (const auto& link : m.orgs)
    tx.conn().exec(kInsertMatterOrg, {matter_id, link.org_id, matter_org_role_code(link.role)});
}

std::optional<Matter> matter_by_id(Tx& tx, Id id) {
  auto v = load_matters(tx, matter_select_sql() + " WHERE m.id = $1", {id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::optional<Matter> matter_by_code(Tx& tx, const std::string& code) {
  auto v = load_matters(tx, matter_select_sql() + " WHERE m.code = $1", {code});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

// Reads matters and their org links (one extra query for the whole batch).
std::vector<Matter> load_matters(Tx& tx, const std::string& sql, const Params& params) {
  std::vector<Matter> out;
  std::vector<Id> ids;
  for (const auto& r : tx.conn().query(sql, params)) {
    out.push_back(matter_from(r));
    ids.push_back(out.back().id);
  }
  if (ids.empty()) return out;
  std::string links_sql = "SELECT matter_id, org_id, role FROM matter_orgs WHERE " +
                          tx.dialect().in_id_list("matter_id", 1) + " ORDER BY matter_id, role, org_id";
  std::unordered_map<Id, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id] = i;
  for (const auto& r : tx.conn().query(links_sql, {tx.dialect().id_list(ids)})) {
    auto it = index.find(r.integer(0));
    if (it == index.end()) continue;
    out[it->second].orgs.push_back({r.integer(1), parse_matter_org_role(r.text(2))});
  }
  return out;
}

Status set_search_text(Tx& tx, Id matter_id, const std::string& text) {
  if (tx.conn().exec(kSetSearchText, {text, matter_id}) == 0) return not_found("事项不存在");
  return ok();
}

Status put_query_code_hash(Tx& tx, Id matter_id, const std::string& hash) {
  tx.conn().exec(kInsertQueryCode, {matter_id, hash});
  tx.seal(kSealMatterQueryCodes, matter_id);
  return ok();
}

std::optional<std::string> query_code_hash(Tx& tx, Id matter_id) {
  auto rows = tx.conn().query(kQueryCode, {matter_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

Status put_phone_key(Tx& tx, Id matter_id, const std::string& phone) {
  tx.conn().exec("INSERT INTO matter_phone_keys (matter_id, phone) VALUES ($1, $2)",
                 {matter_id, phone});
  return ok();
}

std::vector<PhoneKeyHit> matters_by_phone(Tx& tx, const std::string& phone, int limit) {
  std::vector<PhoneKeyHit> out;
  for (const auto& r : tx.conn().query(
           "SELECT m.id, m.code, m.title, m.status, m.created_at, r.phone FROM matter_phone_keys k "
           "JOIN matters m ON m.id = k.matter_id JOIN reporters r ON r.id = m.reporter_id "
           "WHERE k.phone = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT $2",
           {phone, static_cast<std::int64_t>(limit)}))
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(5), r.integer(4)});
  return out;
}

std::vector<Matter> matters_from_source(Tx& tx, const SubjectRef& source) {
  return load_matters(tx, matter_select_sql() + " WHERE m.source_kind = $1 AND m.source_id = $2 "
                                                "ORDER BY m.id",
                      {source.kind, source.id});
}

std::optional<Instant> first_assigned_deadline(Tx& tx, Id matter_id) {
  auto rows = tx.conn().query(
      "SELECT payload FROM events WHERE matter_id = $1 AND type = 'assign' ORDER BY seq LIMIT 1",
      {matter_id});
  if (rows.empty()) return std::nullopt;
  return payload_deadline(rows[0].text(0));
}

std::optional<Instant> payload_deadline(const std::string& payload) {
  auto p = nlohmann::json::parse(payload, nullptr, false);
  if (!p.is_object() || !p.contains("deadline") || !p["deadline"].is_string()) return std::nullopt;
  auto day = parse_date(p["deadline"].get<std::string>());
  if (!day) return std::nullopt;
  return end_of_local_day(*day);
}

}  // namespace huiyin::db
