#include "features/units/unit_settings.hpp"

#include "features/matters/unit_duties.hpp"
#include "kernel/support.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {
namespace {

const char* kNoUnit = "单位不存在或不在您的管辖范围内";

// The admin, or a unit leader whose role is at this org itself.
bool may_edit(const Actor& a, const Org& org) {
  if (a.is_admin()) return true;
  for (const auto& r : a.roles)
    if (r.role == Role::unit_leader && r.org.id == org.id) return true;
  return false;
}

Result<UnitSettings> read_settings(Tx& tx, const CatalogSnapshot& cat, const Actor& actor,
                                   const std::string& org_code) {
  const Org* o = cat.orgs().find_code(org_code);
  if (!o || !can_see_paths(actor, {o->path})) return not_found(kNoUnit);
  UnitSettings s;
  s.org = *cat.org_ref(o->id);
  s.review_reply = db::setting(tx, review_reply_setting(o->code)).value_or("") == "on";
  s.editable = may_edit(actor, *o);
  return s;
}

}  // namespace

Result<UnitSettings> unit_settings(ServiceContext& ctx, const Actor& actor, const std::string& org_code) {
  Result<UnitSettings> out = not_found(kNoUnit);
  Status st = ctx.store().read([&](Tx& tx) -> Status {
    out = read_settings(tx, *ctx.catalog(tx), actor, org_code);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<UnitSettings> put_unit_settings(ServiceContext& ctx, const Actor& actor,
                                       const std::string& org_code, bool review_reply) {
  const Instant now = ctx.clock().now();
  TxError te;
  Result<UnitSettings> out = not_found(kNoUnit);
  Status st = ctx.store().write([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx.catalog(tx);
    auto s = read_settings(tx, *cat, actor, org_code);
    if (!s) return te.fail(s.error());
    if (!s->editable) return te.fail(forbidden("只有系统管理员或本单位负责人可以修改单位设置"));
    if (s->review_reply != review_reply) {
      if (Status w = db::set_setting(tx, review_reply_setting(org_code), review_reply ? "on" : "off"); !w)
        return te.fail(w.error());
      auto ev = tx.append_event(make_event("unit_settings_put", std::nullopt, &actor, "", now,
                                           {{"org", org_code}, {"review_reply", review_reply}}));
      if (!ev) return te.fail(ev.error());
      s->review_reply = review_reply;
    }
    out = std::move(*s);
    return ok();
  });
  if (!st) return te.take(st);
  return out;
}

}  // namespace huiyin
