// JSON of the signed-in actor and of user accounts.
#pragma once

#include "features/admin/admin.hpp"
#include "http/json_util.hpp"
#include "kernel/actor.hpp"

namespace huiyin::http {

json actor_json(const Actor& a);
json user_view_json(const UserView& u);

}  // namespace huiyin::http
