// Administration: users and roles, orgs, categories, campaigns, the working-day calendar and
// the deadline rules; every change is an audit event; calendar and rule edits reload the
// service's cache, and org, category and campaign edits rebuild the catalog snapshot once they
// have committed (other nodes notice the moved catalog version by themselves).
// 三员分立: the system administrator (admin) keeps orgs, accounts (name, active), categories and
// settings; the security administrator (security_admin) roles, password resets and login
// throttles; neither can remove the last active holder of admin, security_admin or audit_admin,
// nor may one person hold two of them. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/deadline_rules.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/auth.hpp"
#include "kernel/catalog.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct UserView {
  Id id = 0;
  std::string username, display_name;
  bool active = true;
  Instant created_at = 0;
  std::vector<ActorRole> roles;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<bool> active;
  std::optional<std::string> password;
  std::optional<std::vector<RoleGrant>> roles;
};

struct OrgInput {
  std::string code, name;
  std::string kind;  // area | dept
  int level = 0;     // 1..5
  std::string parent;  // org code; empty only for the root
};

struct CategoryInput {
  std::string code, name;
  std::string parent;  // category code; empty at level 1
  std::string default_dept;  // org code, optional
  bool active = true;
};

// An edit of an existing org (PATCH /api/v1/admin/orgs/{code}); unset fields stay. `parent`
// moves the org (and its subtree) under another org; `active` false disables it (停用).
struct OrgPatch {
  std::optional<std::string> name, kind, parent;
  std::optional<int> level;
  std::optional<bool> active;
};

// An edit of an existing category; `parent` "" makes it a first-level category, `default_dept`
// "" clears the default lead department. Disabling a category disables its sub-categories too.
struct CategoryPatch {
  std::optional<std::string> name, parent, default_dept;
  std::optional<bool> active;
};

// One page of the user list: `search` matches username, name or the unit of any role.
struct UserQuery {
  std::string search;
  int page = 1;        // from 1
  int page_size = 20;  // 1..100
};
struct UserPageView {
  std::vector<UserView> items;
  std::int64_t total = 0;
  int page = 1, page_size = 20;
};

struct CampaignInput {
  std::string code, name;
  std::string starts, ends;  // YYYY-MM-DD, optional
};

class AdminService {
 public:
  AdminService(ServiceContext& ctx, AuthService& auth) : ctx_(ctx), auth_(auth) {}

  Result<std::vector<UserView>> users(const Actor& actor);
  Result<UserPageView> users_page(const Actor& actor, const UserQuery& q);
  Result<UserView> create_user(const Actor& actor, const NewUser& u);
  Result<UserView> update_user(const Actor& actor, const std::string& username,
                               const UserPatch& patch);
  // Security administrator: the login/upload throttles in force, and lifting them (by account,
  // by source address, or both); the lift is an audit event. Returns how many were lifted.
  Result<std::vector<ThrottleView>> throttles(const Actor& actor);
  Result<int> lift_throttle(const Actor& actor, const std::string& account,
                            const std::string& source);
  Result<OrgView> add_org(const Actor& actor, const OrgInput& in);
  // Edits, moves, disables or enables an org; refuses a move under itself or its subtree, and
  // disabling while it leads open matters, has active users or enabled sub-units (409).
  Result<OrgView> update_org(const Actor& actor, const std::string& code, const OrgPatch& p);
  Result<CategoryView> add_category(const Actor& actor, const CategoryInput& in);
  // Every category, disabled ones included, with its default lead department.
  Result<std::vector<CategoryView>> categories(const Actor& actor);
  Result<CategoryView> update_category(const Actor& actor, const std::string& code,
                                       const CategoryPatch& p);
  Result<Campaign> put_campaign(const Actor& actor, const CampaignInput& in);

  Result<std::vector<CalendarDay>> calendar(const Actor& actor);
  Status put_calendar(const Actor& actor, const std::vector<CalendarDay>& days);
  Result<std::vector<DeadlineRule>> deadline_rules(const Actor& actor);
  Status put_deadline_rules(const Actor& actor, const std::vector<DeadlineRule>& rules);

 private:
  void refresh_catalog();

  ServiceContext& ctx_;
  AuthService& auth_;
};

}  // namespace huiyin
