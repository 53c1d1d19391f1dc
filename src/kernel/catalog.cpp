#include "kernel/catalog.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

#include <algorithm>
#include <map>

namespace huiyin {
namespace {

std::vector<OrgView> org_views(const std::vector<Org>& orgs, bool districts_only) {
  std::map<Id, const Org*> by_id;
  for (const auto& o : orgs) by_id[o.id] = &o;
  std::vector<const Org*> sorted;
  for (const auto& o : orgs)
    if (!districts_only || (o.kind == OrgKind::area && o.level >= 1 && o.level <= 3))
      sorted.push_back(&o);
  std::sort(sorted.begin(), sorted.end(), [](const Org* a, const Org* b) {
    return a->path != b->path ? a->path < b->path : a->code < b->code;
  });
  std::vector<OrgView> out;
  for (const Org* o : sorted) {
    OrgView v{o->code, o->name, o->kind, o->level, {}};
    if (o->parent)
      if (auto p = by_id.find(*o->parent); p != by_id.end()) v.parent_code = p->second->code;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<std::vector<CategoryView>> CatalogService::categories(bool active_only) {
  std::vector<CategoryView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto cats = db::list_categories(tx);
    std::map<Id, std::string> codes;
    for (const auto& c : cats) codes[c.id] = c.code;
    for (const auto& c : cats) {
      if (active_only && !c.active) continue;
      out.push_back({c.code, c.name, c.parent ? codes[*c.parent] : "", c.level, c.active});
    }
    std::sort(out.begin(), out.end(),
              [](const CategoryView& a, const CategoryView& b) { return a.code < b.code; });
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<OrgView>> CatalogService::districts() {
  std::vector<OrgView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    out = org_views(db::list_orgs(tx), true);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<OrgView>> CatalogService::orgs() {
  std::vector<OrgView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    out = org_views(db::list_orgs(tx), false);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<Campaign>> CatalogService::campaigns() {
  std::vector<Campaign> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    out = db::list_campaigns(tx);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

namespace {

template <typename E>
CodeList code_list(const char* name) {
  CodeList l{name, {}};
  for (E e : all<E>()) l.entries.push_back({std::string(code(e)), std::string(label(e))});
  return l;
}

}  // namespace

std::vector<CodeList> code_lists() {
  return {code_list<MatterStatus>("statuses"),    code_list<Action>("actions"),
          code_list<Role>("roles"),               code_list<Channel>("channels"),
          code_list<Kind>("kinds"),               code_list<HandlingClass>("handling_classes"),
          code_list<Satisfaction>("satisfaction"), code_list<OrgKind>("org_kinds"),
          code_list<MeasureStatus>("measure_statuses")};
}

}  // namespace huiyin
