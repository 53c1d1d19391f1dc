// Administration: users and roles, orgs, categories, campaigns, the working-day calendar and
// the deadline rules. Admin role only (forbidden otherwise); every change is an audit event;
// calendar and rule edits reload the service's cache. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/deadline_rules.hpp"
#include "domain/result.hpp"
#include "service/actor.hpp"
#include "service/auth.hpp"
#include "service/catalog.hpp"
#include "service/services.hpp"

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

struct CampaignInput {
  std::string code, name;
  std::string starts, ends;  // YYYY-MM-DD, optional
};

class AdminService {
 public:
  AdminService(ServiceContext& ctx, AuthService& auth) : ctx_(ctx), auth_(auth) {}

  Result<std::vector<UserView>> users(const Actor& actor);
  Result<UserView> create_user(const Actor& actor, const NewUser& u);
  Result<UserView> update_user(const Actor& actor, const std::string& username,
                               const UserPatch& patch);
  Result<OrgView> add_org(const Actor& actor, const OrgInput& in);
  Result<CategoryView> add_category(const Actor& actor, const CategoryInput& in);
  Result<Campaign> put_campaign(const Actor& actor, const CampaignInput& in);

  Result<std::vector<CalendarDay>> calendar(const Actor& actor);
  Status put_calendar(const Actor& actor, const std::vector<CalendarDay>& days);
  Result<std::vector<DeadlineRule>> deadline_rules(const Actor& actor);
  Status put_deadline_rules(const Actor& actor, const std::vector<DeadlineRule>& rules);

 private:
  ServiceContext& ctx_;
  AuthService& auth_;
};

}  // namespace huiyin
