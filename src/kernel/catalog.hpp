// Reference data for forms and filters: categories, districts (public), the org tree and
// campaigns (staff), answered from the catalog snapshot (catalog_snapshot.hpp). Read-only;
// thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct CategoryView {
  std::string code, name, parent_code;  // parent_code empty at level 1
  int level = 1;
  bool active = true;
  std::string default_dept;  // org code of the default lead department, empty if none
};

struct OrgView {
  std::string code, name;
  OrgKind kind = OrgKind::area;
  int level = 0;
  std::string parent_code;  // empty at the root
  bool active = true;       // false once disabled (停用)
};

// One code list of the dictionary: its name (statuses, actions, ...) and every code with its
// Chinese label, in declaration order.
struct CodeEntry {
  std::string code, label;
};
struct CodeList {
  std::string name;
  std::vector<CodeEntry> entries;
};

// Every code list of the domain (codes.hpp), for clients that show labels: statuses, actions,
// roles, channels, kinds, handling classes, satisfaction, org kinds, measure statuses.
std::vector<CodeList> code_lists();

class CatalogService {
 public:
  explicit CatalogService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<std::vector<CategoryView>> categories(bool active_only = true);
  Result<std::vector<OrgView>> districts();  // enabled area orgs of levels 1..3
  Result<std::vector<OrgView>> orgs();       // whole tree, ordered by path
  Result<std::vector<Campaign>> campaigns();
  // The snapshot itself, checked against the store's catalog version.
  Result<CatalogPtr> snapshot();

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
