// Who is acting: a signed-in user with roles bound to orgs, and the rules that turn those roles
// into what the user may see (Scope) and which roles apply to one matter (条块 scope).
// Plain values and pure functions; thread-safe.
//
// Policy (consistent across the service): a matter outside every role's scope is reported as
// not_found, so its existence is not revealed; a matter in scope whose action the user's roles do
// not allow is forbidden.
#pragma once

#include <string>
#include <vector>

#include "domain/codes.hpp"
#include "domain/model.hpp"
#include "domain/scope.hpp"
#include "kernel/org_index.hpp"
#include "store/store.hpp"

namespace huiyin {

struct ActorRole {
  Role role = Role::handler;
  Org org;  // the role applies within this org's subtree (org.path is a prefix)
};

struct Actor {
  Id user_id = 0;
  std::string username;
  std::string display_name;
  std::vector<ActorRole> roles;

  bool has(Role r) const;
  bool is_admin() const { return has(Role::admin); }
  // 三员分立: the security and audit administrators' roles give no view of matters or figures.
  bool is_security_admin() const { return has(Role::security_admin); }
  bool is_audit_admin() const { return has(Role::audit_admin); }
  // Whether any role works on matters (every role except security_admin and audit_admin).
  bool has_work_role() const;
  // The org of the first role (shown top-right in the web app); empty Org when there is none.
  const Org& primary_org() const;
};

// What an actor may list: everything for admins and city-level (root org) roles, otherwise the
// subtrees of the actor's role orgs.
Scope scope_of(const Actor& a);

// True when `org_path` lies in the subtree rooted at `root_path` ("/1/5/23/" starts with "/1/5/").
bool in_subtree(const std::string& org_path, const std::string& root_path);

// The org paths a matter touches: its area and every linked org (lead, co, subject).
// `orgs` resolves ids to orgs (the catalog snapshot's, catalog_snapshot.hpp).
std::vector<std::string> matter_org_paths(const Matter& m, const OrgIndex& orgs);

// The one 条块 rule for seeing any subject (a matter, a field record...): given the paths of the
// orgs it is linked to (lead, co, subject, place/area), visible to an admin, to a city-level
// role, or to a role (other than the oversight roles) whose org subtree holds one of them.
bool can_see_paths(const Actor& a, const std::vector<std::string>& org_paths);

// Whether the matter lies in any part of the actor's scope (can_see_paths over its orgs).
bool can_see(const Actor& a, const Matter& m, const OrgIndex& orgs);

// The roles of `a` that apply to `action` on `m` (条块 scope per role):
// - admin: always;
// - dispatcher: when the matter's dispatch org (dispatch_org) lies in the dispatcher's subtree,
//   or the dispatcher works at the city (root) level;
// - supervisor: when the matter's area or lead org lies in its subtree (or at the city level);
// - leader, collector: when the matter touches their subtree (they have no matter actions);
// - handler, unit_leader: for sign, return, resolve and extend_request only when the lead org
//   lies in their subtree.
// Seeing a matter (can_see) is wider: a co-unit or a district where a linked unit sits sees it
// but cannot act on it.
std::vector<Role> roles_for(const Actor& a, const Matter& m, Action action, const OrgIndex& orgs);

// The org whose dispatchers dispatch `m`: the one it was last transferred (转办) to, else its
// area (none: only city-level dispatchers).
std::optional<Id> dispatch_org(const Matter& m);

// Whether `a` may assign `m` to `target` (lead or co-unit): a dispatcher who dispatches the
// matter assigns within its own subtree; the city level and admins anywhere. Otherwise the
// matter is handed up or over with `transfer`.
bool may_assign_to(const Actor& a, const Matter& m, const Org& target, const OrgIndex& orgs);

// Whether the actor's org is (inside) a `subject` org of the matter: the unit complained about.
bool is_subject_of(const Actor& a, const Matter& m, const OrgIndex& orgs);

}  // namespace huiyin
