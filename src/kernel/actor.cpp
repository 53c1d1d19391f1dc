#include "kernel/actor.hpp"

#include <algorithm>

namespace huiyin {

bool Actor::has(Role r) const {
  return std::any_of(roles.begin(), roles.end(), [r](const ActorRole& ar) { return ar.role == r; });
}

namespace {
bool is_oversight_role(Role r) { return r == Role::security_admin || r == Role::audit_admin; }
}  // namespace

bool Actor::has_work_role() const {
  return std::any_of(roles.begin(), roles.end(),
                     [](const ActorRole& ar) { return !is_oversight_role(ar.role); });
}

const Org& Actor::primary_org() const {
  static const Org none;
  return roles.empty() ? none : roles.front().org;
}

bool in_subtree(const std::string& org_path, const std::string& root_path) {
  return !root_path.empty() && org_path.compare(0, root_path.size(), root_path) == 0;
}

Scope scope_of(const Actor& a) {
  Scope s;
  for (const auto& r : a.roles) {
    if (is_oversight_role(r.role)) continue;
    if (r.role == Role::admin || !r.org.parent) {
      s.all = true;
      s.org_paths.clear();
      return s;
    }
    if (std::find(s.org_paths.begin(), s.org_paths.end(), r.org.path) == s.org_paths.end())
      s.org_paths.push_back(r.org.path);
  }
  return s;
}

std::vector<std::string> matter_org_paths(const Matter& m, const OrgIndex& orgs) {
  std::vector<std::string> paths;
  auto add = [&](std::optional<Id> id) {
    if (!id) return;
    if (const Org* o = orgs.find(*id)) paths.push_back(o->path);
  };
  add(m.area_org_id);
  add(m.lead_org_id);
  for (const auto& mo : m.orgs) add(mo.org_id);
  return paths;
}

namespace {

bool touches(const ActorRole& r, const Matter& m, const OrgIndex& orgs) {
  if (!r.org.parent) return true;  // a city-level role sees the whole city
  for (const auto& p : matter_org_paths(m, orgs))
    if (in_subtree(p, r.org.path)) return true;
  return false;
}

bool leads(const ActorRole& r, const Matter& m, const OrgIndex& orgs) {
  if (!m.lead_org_id) return false;
  const Org* lead = orgs.find(*m.lead_org_id);
  return lead && in_subtree(lead->path, r.org.path);
}

bool lies_in(const ActorRole& r, std::optional<Id> id, const OrgIndex& orgs) {
  if (!id) return false;
  const Org* o = orgs.find(*id);
  return o && in_subtree(o->path, r.org.path);
}

// A dispatcher dispatches the matters of its area, and those transferred to it.
bool dispatches(const ActorRole& r, const Matter& m, const OrgIndex& orgs) {
  if (!r.org.parent) return true;  // the city's dispatch centre takes any matter
  return lies_in(r, dispatch_org(m), orgs);
}

// A supervisor oversees matters of its area and those its units lead.
bool oversees(const ActorRole& r, const Matter& m, const OrgIndex& orgs) {
  if (!r.org.parent) return true;
  return lies_in(r, m.area_org_id, orgs) || lies_in(r, m.lead_org_id, orgs);
}

}  // namespace

bool can_see_paths(const Actor& a, const std::vector<std::string>& org_paths) {
  for (const auto& r : a.roles) {
    if (is_oversight_role(r.role)) continue;
    if (r.role == Role::admin || !r.org.parent) return true;
    for (const auto& p : org_paths)
      if (in_subtree(p, r.org.path)) return true;
  }
  return false;
}

bool can_see(const Actor& a, const Matter& m, const OrgIndex& orgs) {
  return can_see_paths(a, matter_org_paths(m, orgs));
}

std::vector<Role> roles_for(const Actor& a, const Matter& m, Action action, const OrgIndex& orgs) {
  std::vector<Role> out;
  auto add = [&](Role r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  };
  const bool unit_action = action == Action::sign || action == Action::return_ ||
                           action == Action::resolve || action == Action::extend_request ||
                           action == Action::object || action == Action::answer ||
                           action == Action::delegate || action == Action::review_reply;
  for (const auto& r : a.roles) {
    switch (r.role) {
      case Role::admin:
        add(r.role);
        break;
      case Role::dispatcher:
        if (dispatches(r, m, orgs)) add(r.role);
        break;
      case Role::supervisor:
        if (oversees(r, m, orgs)) add(r.role);
        break;
      case Role::leader:
      case Role::collector:
        if (touches(r, m, orgs)) add(r.role);
        break;
      case Role::handler:
      case Role::unit_leader:
        if (unit_action && leads(r, m, orgs)) add(r.role);
        break;
      case Role::citizen:
      case Role::security_admin:
      case Role::audit_admin:
        break;
    }
  }
  return out;
}

std::optional<Id> dispatch_org(const Matter& m) {
  for (const auto& mo : m.orgs)
    if (mo.role == MatterOrgRole::dispatch) return mo.org_id;
  return m.area_org_id;
}

bool may_assign_to(const Actor& a, const Matter& m, const Org& target, const OrgIndex& orgs) {
  if (!target.active) return false;  // a disabled (停用) org takes no new work
  for (const auto& r : a.roles) {
    if (r.role == Role::admin) return true;
    if (r.role == Role::dispatcher && dispatches(r, m, orgs) &&
        (!r.org.parent || in_subtree(target.path, r.org.path)))
      return true;
  }
  return false;
}

bool is_subject_of(const Actor& a, const Matter& m, const OrgIndex& orgs) {
  for (const auto& mo : m.orgs) {
    if (mo.role != MatterOrgRole::subject) continue;
    const Org* subject = orgs.find(mo.org_id);
    if (!subject) continue;
    for (const auto& r : a.roles)
      if (in_subtree(r.org.path, subject->path)) return true;
  }
  return false;
}

}  // namespace huiyin
