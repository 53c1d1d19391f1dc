// Rotas: periods and turns (pure), and the `rotas` table. Leads are kept as a JSON array.
#include "features/records/rota.hpp"

#include <nlohmann/json.hpp>

#include "store/audit_seals.hpp"

namespace huiyin {

RotaPeriodSpan rota_period(const Rota& r, int index) {
  using namespace std::chrono;
  RotaPeriodSpan p;
  p.index = index;
  auto parsed = parse_date(r.starts_on);
  const Date start = parsed ? *parsed : Date{};
  if (r.period == "month") {
    const year_month_day s{start};
    const year_month_day f = s + months{index};
    const year_month_day t = s + months{index + 1};
    p.from = sys_days{f.ok() ? f : f.year() / f.month() / last};
    p.to = sys_days{t.ok() ? t : t.year() / t.month() / last} - days{1};
    p.label = std::to_string(static_cast<int>(f.year())) + "年" +
              std::to_string(static_cast<unsigned>(f.month())) + "月";
  } else {
    p.from = start + days{7 * index};
    p.to = p.from + days{6};
    // ISO week of the period's first day: the week's Thursday decides the year.
    const weekday wd{p.from};
    const int iso = wd.iso_encoding();  // Mon 1 .. Sun 7
    const sys_days thursday = p.from + days{4 - iso};
    const year y = year_month_day{thursday}.year();
    const int week = static_cast<int>((thursday - sys_days{y / January / 1}).count() / 7) + 1;
    p.label = std::to_string(static_cast<int>(y)) + "年第" + std::to_string(week) + "周";
  }
  if (!r.leads.empty()) p.lead = r.leads[static_cast<std::size_t>(index) % r.leads.size()];
  return p;
}

std::optional<int> rota_period_index(const Rota& r, Date day) {
  using namespace std::chrono;
  auto start = parse_date(r.starts_on);
  if (!start || day < *start) return std::nullopt;
  if (r.period == "month") {
    const year_month_day s{*start}, d{day};
    int i = (static_cast<int>(d.year()) - static_cast<int>(s.year())) * 12 +
            static_cast<int>(static_cast<unsigned>(d.month())) -
            static_cast<int>(static_cast<unsigned>(s.month()));
    while (i > 0 && rota_period(r, i).from > day) --i;
    while (rota_period(r, i).to < day) ++i;
    return i;
  }
  return static_cast<int>((day - *start).count() / 7);
}

std::string rota_span_text(const RotaPeriodSpan& p) {
  using namespace std::chrono;
  auto md = [](Date d) {
    const year_month_day x{d};
    return std::to_string(static_cast<unsigned>(x.month())) + "月" +
           std::to_string(static_cast<unsigned>(x.day())) + "日";
  };

  return md(p.from) + "至" + md(p.to);
}

}  // namespace huiyin

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kColumns =
    "id, code, name, org_id, period, starts_on, leads, support_org_id, route, active, created_at, "
    "updated_at, version";

Rota rota_from(const Row& r) {
  Rota x;
  x.id = r.integer(0);
  x.code = r.text(1);
  x.name = r.text(2);
  x.org_id = r.integer(3);
  x.period = r.text(4);
  x.starts_on = r.text(5);
  auto a = nlohmann::json::parse(r.text(6), nullptr, false);
  if (a.is_array())
    for (const auto& c : a)
      if (c.is_string()) x.leads.push_back(c.get<std::string>());
  x.support_org_id = r.integer(7);
  x.route = r.text(8);
  x.active = r.integer(9) != 0;
  x.created_at = r.integer(10);
  x.updated_at = r.integer(11);
  x.version = r.integer(12);
  return x;
}

std::string leads_json(const Rota& r) { return nlohmann::json(r.leads).dump(); }

}  // namespace

Result<Id> insert_rota(Tx& tx, const Rota& r) {
  Id id = 0;
  bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn()
             .query("INSERT INTO rotas (code, name, org_id, period, starts_on, leads, "
                    "support_org_id, route, active, created_at, updated_at, version) VALUES ($1, "
                    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1) RETURNING id",
                    {r.code, r.name, r.org_id, r.period, r.starts_on, leads_json(r),
                     r.support_org_id, r.route, static_cast<std::int64_t>(r.active ? 1 : 0),
                     r.created_at, r.updated_at})
             .at(0)
             .integer(0);
  });
  if (!inserted) return conflict("轮值表编号“" + r.code + "”已存在");
  tx.seal(kSealRotas, id);
  return id;
}

std::optional<Rota> rota_by_code(Tx& tx, const std::string& code) {
  auto rows = tx.conn().query(std::string("SELECT ") + kColumns + " FROM rotas WHERE code = $1",
                              {code});
  if (rows.empty()) return std::nullopt;
  return rota_from(rows[0]);
}

std::vector<Rota> list_rotas(Tx& tx) {
  std::vector<Rota> out;
  for (const auto& r : tx.conn().query(std::string("SELECT ") + kColumns + " FROM rotas ORDER BY id", {}))
    out.push_back(rota_from(r));
  return out;
}

Status update_rota(Tx& tx, const Rota& r, std::int64_t expected_version) {
  auto n = tx.conn().exec(
      "UPDATE rotas SET name = $1, leads = $2, support_org_id = $3, route = $4, active = $5, "
      "updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8",
      {r.name, leads_json(r), r.support_org_id, r.route,
       static_cast<std::int64_t>(r.active ? 1 : 0), r.updated_at, r.id, expected_version});
  if (n == 0) return conflict("该轮值表已被他人修改,请刷新后重试");
  tx.seal(kSealRotas, r.id);
  return ok();
}

std::vector<std::pair<std::string, std::string>> rota_records(Tx& tx, const std::string& rota_code) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string like = "%\"rota\":{\"code\":\"" + rota_code + "\"%";
  for (const auto& r : tx.conn().query(
           "SELECT r.code, r.day FROM records r JOIN record_details d ON d.record_id = r.id "
           "WHERE r.kind = 'joint_inspection' AND d.detail LIKE $1 ORDER BY r.day, r.id",
           {like}))
    out.emplace_back(r.text(0), r.text(1));
  return out;
}

}  // namespace huiyin::db
