#include "features/admin/user_json.hpp"

namespace huiyin::http {
namespace {

json roles_json(const std::vector<ActorRole>& roles) {
  json out = json::array();
  for (const auto& r : roles) {
    out.push_back({{"role", code(r.role)},
                   {"role_label", label(r.role)},
                   {"org", {{"code", r.org.code}, {"name", r.org.name}}}});
  }
  return out;
}

}  // namespace

json actor_json(const Actor& a) {
  const Org& p = a.primary_org();
  return {{"id", a.user_id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"roles", roles_json(a.roles)},
          {"primary_org", p.code.empty() ? json(nullptr)
                                         : json{{"code", p.code}, {"name", p.name}}}};
}

json user_view_json(const UserView& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"active", u.active},
          {"created_at", iso_time(u.created_at)},
          {"roles", roles_json(u.roles)}};
}

}  // namespace huiyin::http
