// Store functions: categories, campaigns, the working-day calendar, settings, named sequences and
// idempotency keys — the small reference tables.
#include "domain/calendar.hpp"
#include "store/catalog_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kUpsertCategory =
    "INSERT INTO categories (code, name, parent_id, level, default_dept_org_id, active) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
    "parent_id = excluded.parent_id, level = excluded.level, "
    "default_dept_org_id = excluded.default_dept_org_id, active = excluded.active RETURNING id";
constexpr const char* kListCategories =
    "SELECT id, code, name, parent_id, level, default_dept_org_id, active FROM categories "
    "ORDER BY code";
constexpr const char* kUpsertCampaign =
    "INSERT INTO campaigns (code, name, starts_at, ends_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, starts_at = excluded.starts_at, "
    "ends_at = excluded.ends_at RETURNING id";
constexpr const char* kListCampaigns =
    "SELECT id, code, name, starts_at, ends_at FROM campaigns ORDER BY code";
constexpr const char* kCalendarDays = "SELECT day, type, name FROM calendar_days ORDER BY day";
constexpr const char* kClearCalendar = "DELETE FROM calendar_days";
constexpr const char* kInsertCalendarDay =
    "INSERT INTO calendar_days (day, type, name) VALUES ($1, $2, $3) "
    "ON CONFLICT (day) DO UPDATE SET type = excluded.type, name = excluded.name";
constexpr const char* kSetting = "SELECT value FROM settings WHERE name = $1";
constexpr const char* kSetSetting =
    "INSERT INTO settings (name, value) VALUES ($1, $2) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value";
// One statement: concurrent callers serialise on the row, so numbers are gap-free and unique.
constexpr const char* kNextSequence =
    "INSERT INTO sequences (name, value) VALUES ($1, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value";
constexpr const char* kCatalogSequence = "catalog";
constexpr const char* kCatalogVersion = "SELECT value FROM sequences WHERE name = $1";
constexpr const char* kIdempotent = "SELECT response FROM idempotency_keys WHERE key_text = $1";
constexpr const char* kPutIdempotent =
    "INSERT INTO idempotency_keys (key_text, response, created_at) VALUES ($1, $2, $3)";
constexpr const char* kReplaceIdempotent =
    "UPDATE idempotency_keys SET response = $2, created_at = $3 WHERE key_text = $1";

}  // namespace

Result<Id> put_category(Tx& tx, const Category& cat) {
  if (cat.code.empty()) return invalid("分类编码不能为空", "code");
  if (cat.parent && tx.conn().query("SELECT 1 FROM categories WHERE id = $1", {*cat.parent}).empty())
    return invalid("上级分类不存在", "parent");
  Id id = tx.conn().query(kUpsertCategory, {cat.code, cat.name, cat.parent, cat.level,
                                     cat.default_dept_org, cat.active})
              .at(0)
              .integer(0);
  tx.seal(kSealCategories, id);
  if (Status st = catalog_written(tx); !st) return st.error();
  return id;
}

std::vector<Category> list_categories(Tx& tx) {
  std::vector<Category> out;
  for (const auto& r : tx.conn().query(kListCategories, {})) {
    Category cat;
    cat.id = r.integer(0);
    cat.code = r.text(1);
    cat.name = r.text(2);
    cat.parent = r.opt_integer(3);
    cat.level = static_cast<int>(r.integer(4));
    cat.default_dept_org = r.opt_integer(5);
    cat.active = r.integer(6) != 0;
    out.push_back(std::move(cat));
  }
  return out;
}

Result<Id> put_campaign(Tx& tx, const Campaign& cam) {
  if (cam.code.empty()) return invalid("活动编码不能为空", "code");
  Id id = tx.conn().query(kUpsertCampaign, {cam.code, cam.name, cam.starts_at, cam.ends_at})
              .at(0)
              .integer(0);
  tx.seal(kSealCampaigns, id);
  if (Status st = catalog_written(tx); !st) return st.error();
  return id;
}

std::vector<Campaign> list_campaigns(Tx& tx) {
  std::vector<Campaign> out;
  for (const auto& r : tx.conn().query(kListCampaigns, {}))
    out.push_back({r.integer(0), r.text(1), r.text(2), r.opt_integer(3), r.opt_integer(4)});
  return out;
}

std::vector<CalendarDay> calendar_days(Tx& tx) {
  std::vector<CalendarDay> out;
  for (const auto& r : tx.conn().query(kCalendarDays, {})) {
    auto d = parse_date(r.text(0));
    if (!d) continue;
    out.push_back({*d, r.text(1) == "workday" ? DayType::workday : DayType::holiday, r.text(2)});
  }
  return out;
}

Status replace_calendar(Tx& tx, const std::vector<CalendarDay>& days) {
  std::vector<std::string> old;
  if (tx.sealing())
    for (const auto& r : tx.conn().query("SELECT day FROM calendar_days", {})) old.push_back(r.text(0));
  tx.conn().exec(kClearCalendar, {});
  for (const auto& d : days) {
    tx.conn().exec(kInsertCalendarDay, {format_date(d.date),
                                 d.type == DayType::workday ? "workday" : "holiday", d.name});
  }
  for (const auto& day : old) tx.seal(kSealCalendarDays, day);
  for (const auto& d : days) tx.seal(kSealCalendarDays, format_date(d.date));
  return ok();
}

std::optional<std::string> setting(Tx& tx, const std::string& key) {
  auto rows = tx.conn().query(kSetting, {key});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

Status set_setting(Tx& tx, const std::string& key, const std::string& value) {
  tx.conn().exec(kSetSetting, {key, value});
  tx.seal(kSealSettings, key);
  return ok();
}

Result<std::int64_t> next_sequence(Tx& tx, const std::string& name) {
  if (name.empty()) return invalid("序列名不能为空", "name");
  return tx.conn().query(kNextSequence, {name}).at(0).integer(0);
}

std::int64_t catalog_version(Tx& tx) {
  auto rows = tx.conn().query(kCatalogVersion, {kCatalogSequence});
  return rows.empty() ? 0 : rows[0].integer(0);
}

// The counter's row lock (PostgreSQL) is held to the commit, so concurrent catalog writers
// queue on it and every committed catalog change gets a version of its own.
Status catalog_written(Tx& tx) {
  if (!tx.mark_catalog_changed()) return ok();
  auto v = next_sequence(tx, kCatalogSequence);
  if (!v) return v.error();
  return ok();
}

std::optional<std::string> idempotent_response(Tx& tx, const std::string& key) {
  auto rows = tx.conn().query(kIdempotent, {key});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

Status put_idempotent_response(Tx& tx, const std::string& key, const std::string& response,
                                      Instant at) {
  // A second writer with the same key loses: its whole transaction (the duplicate create)
  // is rolled back by the caller, and a retry reads the first response.
  bool inserted = without_duplicate(tx.conn(), [&] { tx.conn().exec(kPutIdempotent, {key, response, at}); });
  if (!inserted) return conflict("该请求已处理，请勿重复提交");
  return ok();
}

Status replace_idempotent_response(Tx& tx, const std::string& key, const std::string& response,
                                   Instant at) {
  tx.conn().exec(kReplaceIdempotent, {key, response, at});
  return ok();
}

}  // namespace huiyin::db
