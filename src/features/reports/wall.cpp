#include "features/reports/wall.hpp"

#include <algorithm>
#include <charconv>

#include "features/matters/matter_views.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin {


Result<WallPage> WallService::list(const WallQuery& q) {
  const Instant now = ctx_.clock().now();
  Result<WallPage> out = WallPage{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    MatterFilter f;
    f.scope.all = true;
    f.public_consent = true;
    f.statuses = {MatterStatus::accepted, MatterStatus::assigned, MatterStatus::signed_,
                  MatterStatus::returned, MatterStatus::resolved, MatterStatus::verified,
                  MatterStatus::closed,   MatterStatus::reopened};
    f.now = now;
    f.limit = std::clamp(q.limit, 1, 100);
    if (!q.category.empty()) {
      const Category* c = cat.category_code(q.category);
      if (!c) {
        out = invalid("问题类别“" + q.category + "”不存在", "category");
        return ok();
      }
      f.category = c->id;
    }
    if (!q.district.empty()) {
      const Org* o = cat.orgs().find_code(q.district);
      if (!o || o->kind != OrgKind::area) {
        out = invalid("区域“" + q.district + "”不存在", "district");
        return ok();
      }
      f.org = o->id;
    }
    if (!q.cursor.empty()) {
      Id id = 0;
      auto [p, ec] = std::from_chars(q.cursor.data(), q.cursor.data() + q.cursor.size(), id);
      if (ec != std::errc{} || p != q.cursor.data() + q.cursor.size() || id <= 0) {
        out = invalid("翻页参数无效", "cursor");
        return ok();
      }
      f.before_id = id;
    }
    MatterPage page = db::list_matters(tx, f);
    const MatterReader reader(tx, nullptr, cat.orgs());  // the public reading
    WallPage w;
    for (const auto& m : page.items) {
      if (!on_wall(m)) continue;  // the filter already says so; never show a matter that is not
      WallItem it;
      it.code = m.code;
      const Matter seen = reader.matter(m);
      it.title = seen.title;
      it.content = seen.content;
      if (m.category_id)
        if (const Category* c = cat.category(*m.category_id)) {
          it.category_code = c->code;
          it.category_name = c->name;
        }
      if (auto area = cat.org_ref(m.area_org_id)) {
        it.district_code = area->code;
        it.district_name = area->name;
      }
      it.status = m.status;
      it.created_at = m.created_at;
      it.reply = seen.reply;
      it.resolved_at = m.resolved_at;
      if (auto lead = cat.org_ref(m.lead_org_id)) it.unit_name = lead->name;
      w.items.push_back(std::move(it));
    }
    if (page.next_cursor) w.next_cursor = std::to_string(*page.next_cursor);
    StatsFilter all;
    all.scope.all = true;
    all.from = 0;
    all.to = now + 1;
    all.now = now;
    const StatsCounts c = db::fact_figures(tx, all, {}).counts;
    w.collected = c.collected;
    // 已解决 on the wall is the README's rule: solved only once verification said so (the
    // `solved` of the statistics), never the handlers' own 办结.
    w.resolved = c.solved;
    out = std::move(w);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

}  // namespace huiyin
