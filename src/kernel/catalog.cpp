#include "kernel/catalog.hpp"

#include <algorithm>

namespace huiyin {
namespace {

// The index lists orgs by path already; parent codes come from the same index.
std::vector<OrgView> org_views(const OrgIndex& orgs, bool districts_only) {
  std::vector<OrgView> out;
  for (const Org& o : orgs.list()) {
    if (districts_only && !(o.kind == OrgKind::area && o.level >= 1 && o.level <= 3 && o.active))
      continue;
    OrgView v{o.code, o.name, o.kind, o.level, {}, o.active};
    if (o.parent)
      if (const Org* p = orgs.find(*o.parent)) v.parent_code = p->code;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<CatalogPtr> CatalogService::snapshot() { return ctx_.refresh_catalog(); }

Result<std::vector<CategoryView>> CatalogService::categories(bool active_only) {
  auto cat = snapshot();
  if (!cat) return cat.error();
  std::vector<CategoryView> out;
  for (const auto& c : (*cat)->categories()) {
    if (active_only && !c.active) continue;
    const Category* parent = c.parent ? (*cat)->category(*c.parent) : nullptr;
    std::string dept;
    if (c.default_dept_org)
      if (const Org* o = (*cat)->orgs().find(*c.default_dept_org)) dept = o->code;
    out.push_back({c.code, c.name, parent ? parent->code : "", c.level, c.active, dept});
  }
  std::sort(out.begin(), out.end(),
            [](const CategoryView& a, const CategoryView& b) { return a.code < b.code; });
  return out;
}

Result<std::vector<OrgView>> CatalogService::districts() {
  auto cat = snapshot();
  if (!cat) return cat.error();
  return org_views((*cat)->orgs(), true);
}

Result<std::vector<OrgView>> CatalogService::orgs() {
  auto cat = snapshot();
  if (!cat) return cat.error();
  return org_views((*cat)->orgs(), false);
}

Result<std::vector<Campaign>> CatalogService::campaigns() {
  auto cat = snapshot();
  if (!cat) return cat.error();
  return (*cat)->campaigns();
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
          code_list<MeasureStatus>("measure_statuses"),
          code_list<PetitionStage>("petition_stages")};
}

}  // namespace huiyin
