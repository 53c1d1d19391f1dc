#include "demo/bulk_orgs.hpp"

#include <algorithm>

#include "kernel/support.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

// Stems of community and village names (东风社区, 向阳村 ...).
const char* const kStems[] = {"东风", "向阳", "新华", "光明", "和平", "建设", "团结", "幸福",
                              "朝阳", "红星", "长青", "育才", "金桥", "兴隆", "青山", "湘江",
                              "枫林", "荷花", "桂园", "松柏", "新安", "永丰", "太平", "龙泉"};
constexpr int kStemCount = static_cast<int>(sizeof kStems / sizeof kStems[0]);

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string padded(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

// The orgs to add, parents before children: district counterparts of the city's departments,
// then communities spread evenly over the streets and towns.
std::vector<DemoOrg> planned_orgs(const std::vector<Org>& have, int target) {
  std::map<std::string, const Org*> by_code;
  std::map<Id, const Org*> by_id;
  for (const auto& o : have) {
    by_code[o.code] = &o;
    by_id[o.id] = &o;
  }
  std::vector<DemoOrg> out;
  auto room = [&] { return static_cast<int>(have.size() + out.size()) < target; };
  const Org* root = nullptr;
  for (const auto& o : have)
    if (!o.parent) root = &o;
  if (!root) return out;
  const std::string city_prefix = root->code + "-";
  for (const auto& district : have) {
    if (district.kind != OrgKind::area || district.level != 2) continue;
    for (const auto& dept : have) {
      if (dept.kind != OrgKind::dept || dept.parent != root->id) continue;
      if (dept.code.rfind(city_prefix, 0) != 0 || dept.name.rfind("市", 0) != 0) continue;
      const std::string code = district.code + "-" + dept.code.substr(city_prefix.size());
      if (by_code.count(code) || !room()) continue;
      out.push_back({code, district.name + dept.name.substr(std::string_view("市").size()),
                     OrgKind::dept, 2, district.code});
    }
  }
  std::vector<const Org*> streets;
  for (const auto& o : have)
    if (o.kind == OrgKind::area && o.level == 3) streets.push_back(&o);
  std::map<Id, int> next_number, next_stem;
  for (const auto& o : have)
    if (o.parent && by_id.count(*o.parent) && o.level == 4) ++next_number[*o.parent];
  for (int round = 0; room() && !streets.empty() && round < 200; ++round)
    for (const Org* st : streets) {
      if (!room()) break;
      const bool town = ends_with(st->name, "镇") || ends_with(st->name, "乡");
      int& n = next_number[st->id];
      std::string code;
      do code = st->code + padded(++n, 3);
      while (by_code.count(code));
      const int stem = next_stem[st->id]++;
      std::string name = std::string(kStems[stem % kStemCount]) + (town ? "村" : "社区");
      if (stem >= kStemCount) name = std::to_string(stem / kStemCount + 1) + name;
      out.push_back({code, name, OrgKind::area, 4, st->code});
    }
  return out;
}

}  // namespace

const BulkUnit* BulkTree::find(const std::string& code) const {
  auto it = index.find(code);
  return it == index.end() ? nullptr : &units[it->second];
}

const BulkUnit* BulkTree::find(Id id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &units[it->second];
}

Result<BulkTree> grow_org_tree(Services& s, const DemoData& d, int target, Instant at) {
  BulkTree tree;
  Store& store = s.context().store();
  Status st = store.write([&](Tx& tx) -> Status {
    std::vector<Org> have = db::list_orgs(tx);
    std::map<std::string, Id> ids;
    for (const auto& o : have) ids[o.code] = o.id;
    for (const DemoOrg& p : planned_orgs(have, target)) {
      Org org;
      org.code = p.code;
      org.name = p.name;
      org.kind = p.kind;
      org.level = p.level;
      org.parent = ids.at(p.parent);
      auto id = db::put_org(tx, org);
      if (!id) return id.error();
      ids[p.code] = *id;
      ++tree.added;
    }
    if (tree.added) {
      Event e = make_event("bulk_orgs", std::nullopt, nullptr, "system", at, {{"orgs", tree.added}});
      if (auto r = tx.append_event(e); !r) return r.error();
    }
    return ok();
  });
  if (!st) return st.error();

  // Handlers: the demo's for its units, otherwise one account per unit.
  st = store.write([&](Tx& tx) -> Status {
    std::vector<Org> orgs = db::list_orgs(tx);
    std::map<Id, const Org*> by_id;
    for (const auto& o : orgs) by_id[o.id] = &o;
    int created = 0;
    for (const auto& o : orgs) {
      BulkUnit u;
      u.org = o;
      const Org* up = &o;
      while (up->parent && up->level > 2) up = by_id.at(*up->parent);
      u.district = up->code;
      std::string username;
      for (const auto& name : d.handlers_of(o.code)) {
        username = name;
        break;
      }
      if (username.empty()) username = "unit_" + o.code;
      std::optional<User> user = db::user_by_username(tx, username);
      if (!user) {
        User nu;
        nu.username = username;
        nu.display_name = o.name + "承办人";
        nu.created_at = at;  // no password hash: the account cannot log in
        auto id = db::insert_user(tx, nu);
        if (!id) return id.error();
        if (Status r = db::set_user_roles(tx, *id, {{*id, Role::handler, o.id}}); !r) return r;
        nu.id = *id;
        user = nu;
        ++created;
      }
      u.handler.user_id = user->id;
      u.handler.username = user->username;
      u.handler.display_name = user->display_name;
      u.handler.roles = {{Role::handler, o}};
      tree.index[o.code] = tree.units.size();
      tree.by_id[o.id] = tree.units.size();
      if (o.kind == OrgKind::area && o.level >= 3) tree.places.push_back(tree.units.size());
      tree.units.push_back(std::move(u));
    }
    if (created) {
      Event e = make_event("bulk_users", std::nullopt, nullptr, "system", at, {{"users", created}});
      if (auto r = tx.append_event(e); !r) return r.error();
    }
    return ok();
  });
  if (!st) return st.error();
  return tree;
}

}  // namespace huiyin
