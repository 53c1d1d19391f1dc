// OrgIndex: the org tree in memory — every org found by id, code or path in constant time (hash
// maps), with each org's children. Built once from the rows (in any order) and never changed
// afterwards, so a const OrgIndex is safe to share between threads. Use cases get one from the
// catalog snapshot (catalog_snapshot.hpp) rather than building their own. Not copyable (the
// maps point into the list); movable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/model.hpp"

namespace huiyin {

class OrgIndex {
 public:
  OrgIndex() = default;
  explicit OrgIndex(std::vector<Org> orgs);
  OrgIndex(const OrgIndex&) = delete;
  OrgIndex& operator=(const OrgIndex&) = delete;
  OrgIndex(OrgIndex&&) = default;
  OrgIndex& operator=(OrgIndex&&) = default;

  // Every org, ordered by path (byte order, then code): each parent before its subtree.
  const std::vector<Org>& list() const { return orgs_; }
  std::size_t size() const { return orgs_.size(); }

  const Org* find(Id id) const;
  const Org* find_code(const std::string& code) const;
  const Org* find_path(const std::string& path) const;  // "/1/5/23/"
  // The orgs whose parent is `id`, ordered by path; empty for a leaf or an unknown id.
  const std::vector<const Org*>& children(Id id) const;
  // The first org without a parent (the city), or nullptr in an empty tree.
  const Org* root() const { return root_; }

 private:
  std::vector<Org> orgs_;  // never changed after construction: the maps point into it
  std::unordered_map<Id, const Org*> by_id_;
  std::unordered_map<std::string_view, const Org*> by_code_, by_path_;
  std::unordered_map<Id, std::vector<const Org*>> children_;
  const Org* root_ = nullptr;
};

}  // namespace huiyin
