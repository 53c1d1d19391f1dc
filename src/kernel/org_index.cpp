#include "kernel/org_index.hpp"

#include <algorithm>

namespace huiyin {

OrgIndex::OrgIndex(std::vector<Org> orgs) : orgs_(std::move(orgs)) {
  auto by_path = [](const Org& a, const Org& b) {
    return a.path != b.path ? a.path < b.path : a.code < b.code;
  };
  // The store lists them by path already (in byte order on SQLite; a PostgreSQL collation may
  // order them otherwise).
  if (!std::is_sorted(orgs_.begin(), orgs_.end(), by_path))
    std::sort(orgs_.begin(), orgs_.end(), by_path);
  by_id_.reserve(orgs_.size());
  by_code_.reserve(orgs_.size());
  by_path_.reserve(orgs_.size());
  for (const Org& o : orgs_) {
    by_id_.emplace(o.id, &o);
    by_code_.emplace(o.code, &o);
    if (!o.path.empty()) by_path_.emplace(o.path, &o);
    if (o.parent)
      children_[*o.parent].push_back(&o);  // in path order, as orgs_ is
    else if (!root_)
      root_ = &o;
  }
}

const Org* OrgIndex::find(Id id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const Org* OrgIndex::find_code(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : it->second;
}

const Org* OrgIndex::find_path(const std::string& path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

const std::vector<const Org*>& OrgIndex::children(Id id) const {
  static const std::vector<const Org*> none;
  auto it = children_.find(id);
  return it == children_.end() ? none : it->second;
}

}  // namespace huiyin
