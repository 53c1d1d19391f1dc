#include "features/supervision/spot_checks.hpp"

#include "domain/calendar.hpp"
#include "domain/sampling.hpp"
#include "domain/text_checks.hpp"
#include "features/matters/matter_reader.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

constexpr int kMaxSize = 200;
constexpr const char* kNoCheck = "回头看不存在";

// Whether a supervisor role of `a` holds `org` (the city level holds every org).
bool supervises(const Actor& a, const Org& org) {
  for (const auto& r : a.roles)
    if (r.role == Role::supervisor && (!r.org.parent || in_subtree(org.path, r.org.path)))
      return true;
  return false;
}

OrgRef ref_of(const OrgIndex& orgs, std::optional<Id> id) {
  const Org* o = id ? orgs.find(*id) : nullptr;
  return o ? OrgRef{o->code, o->name} : OrgRef{};
}

std::string user_name(Tx& tx, std::optional<Id> id) {
  if (!id) return {};
  auto u = db::user_by_id(tx, *id);
  if (!u) return {};
  return u->display_name.empty() ? u->username : u->display_name;
}

// The check with its items as `actor` may read them.
SpotCheckView view_of(Tx& tx, const Actor& actor, const SpotCheckRow& row, const OrgIndex& orgs,
                      bool with_items) {
  SpotCheckView v;
  v.row = row;
  v.org = ref_of(orgs, row.org_id);
  v.drawn_by_name = user_name(tx, row.drawn_by);
  const MatterReader reader(tx, &actor, orgs);
  for (auto& it : db::spot_check_items(tx, row.id)) {
    if (!it.result.empty()) ++v.checked;
    if (it.result == "failed") ++v.failed;
    if (!with_items) continue;
    SpotCheckItemView iv;
    if (auto m = db::matter_by_id(tx, it.matter_id)) {
      iv.matter_code = m->code;
      iv.title = reader.text(*m, m->title);
      iv.status = m->status;
    }
    if (it.lead_org_id) iv.lead_org = ref_of(orgs, it.lead_org_id);
    iv.checked_by_name = user_name(tx, it.checked_by);
    iv.row = std::move(it);
    v.items.push_back(std::move(iv));
  }
  return v;
}

}  // namespace

Result<SpotCheckView> SpotCheckService::draw(const Actor& actor, const SpotCheckDraw& in) {
  auto from = parse_date(in.from);
  if (!from) return invalid("开始日期应为 YYYY-MM-DD", "from");
  auto to = parse_date(in.to);
  if (!to) return invalid("结束日期应为 YYYY-MM-DD", "to");
  if (*to < *from) return invalid("结束日期不能早于开始日期", "to");
  if (in.size < 1 || in.size > kMaxSize) return invalid("抽查件数应为1到200", "size");
  if (!valid_utf8(in.seed) || utf8_length(in.seed) > 64)
    return invalid("随机种子最多64个字符", "seed");
  const std::string seed = in.seed.empty() ? random_token(12) : in.seed;
  const Instant now = ctx_.clock().now();
  TxError te;
  std::optional<SpotCheckView> out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const Org* org = orgs.find_code(in.org);
    if (!org) return te.fail(invalid("单位“" + in.org + "”不存在", "org"));
    if (!supervises(actor, *org))
      return te.fail(forbidden("只有负责该单位的督查人员可以开展回头看"));
    SpotCheckRow row;
    row.org_id = org->id;
    row.period_from = start_of_local_day(*from);
    row.period_to = start_of_local_day(*to + std::chrono::days{1});
    row.size = in.size;
    row.seed = seed;
    row.drawn_by = actor.user_id;
    row.created_at = now;
    const auto population = db::spot_check_population(tx, org->path, row.period_from, row.period_to);
    std::vector<SpotCheckItemRow> items;
    for (std::size_t i : draw_sample(population.size(), static_cast<std::size_t>(in.size), seed))
      items.push_back({0, population[i].first, population[i].second, "", "", std::nullopt, std::nullopt});
    auto code = next_day_code(tx, ctx_.config().code_prefix + "-HK", "spot_check", local_date(now), 3);
    if (!code) return te.fail(code.error());
    row.code = *code;
    auto id = db::insert_spot_check(tx, row, items);
    if (!id) return te.fail(id.error());
    row.id = *id;
    nlohmann::json payload = {{"code", row.code},
                              {"org", org->code},
                              {"from", format_date(*from)},
                              {"to", format_date(*to)},
                              {"size", in.size},
                              {"seed", seed},
                              {"population", population.size()},
                              {"drawn", items.size()}};
    Event e = make_event("spot_check_draw", std::nullopt, &actor, actor.username, now, payload);
    if (auto ev = tx.append_event(e); !ev) return te.fail(ev.error());
    out = view_of(tx, actor, row, orgs, true);
    out->population = static_cast<int>(population.size());
    return ok();
  });
  if (!st) return te.take(st);
  return std::move(*out);
}

Result<std::vector<SpotCheckView>> SpotCheckService::list(const Actor& actor) {
  std::vector<SpotCheckView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    for (const auto& row : db::spot_checks(tx, 200)) {
      const Org* org = orgs.find(row.org_id);
      if (org && supervises(actor, *org)) out.push_back(view_of(tx, actor, row, orgs, false));
    }
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<SpotCheckView> SpotCheckService::get(const Actor& actor, const std::string& code) {
  std::optional<SpotCheckView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    auto row = db::spot_check_by_code(tx, code);
    const Org* org = row ? orgs.find(row->org_id) : nullptr;
    if (!org || !supervises(actor, *org)) return not_found(kNoCheck);
    out = view_of(tx, actor, *row, orgs, true);
    return ok();
  });
  if (!st) return st.error();
  return std::move(*out);
}

Result<SpotCheckView> SpotCheckService::record(const Actor& actor, const std::string& code,
                                               const std::string& matter_code,
                                               std::optional<bool> passed, const std::string& note) {
  if (!passed) return invalid("请选择回头看是否通过", "passed");
  if (Status s = check_text(note, "note", "复查意见", *passed ? 0 : 1, 500); !s) return s.error();
  auto check = get(actor, code);
  if (!check) return check.error();
  const SpotCheckItemView* item = nullptr;
  for (const auto& it : check->items)
    if (it.matter_code == matter_code) item = &it;
  if (!item) return not_found("该问题不在本次回头看的抽查范围内");
  if (!item->row.result.empty()) return conflict("该问题已记录回头看结果");
  SpotCheckItemRow done = item->row;
  done.result = *passed ? "passed" : "failed";
  done.note = note;
  done.checked_by = actor.user_id;
  done.checked_at = ctx_.clock().now();
  nlohmann::json extra = {{"check", code}};
  if (!note.empty()) extra["note"] = note;
  auto m = matters_.spot_check(actor, matter_code, *passed, extra, [&](Tx& tx, const Matter&) -> Status {
    if (!db::record_spot_check_item(tx, done)) return conflict("该问题已记录回头看结果");
    return ok();
  });
  if (!m) return m.error();
  return get(actor, code);
}

}  // namespace huiyin
