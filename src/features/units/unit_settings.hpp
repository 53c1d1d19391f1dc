// A unit's own settings (单位设置), kept per org in the settings table: for now 审核答复
// (review_reply — a handler's reply waits for the unit leader's approval before it reaches the
// citizen; off by default). Read by any staff user who can see the unit; changed by the system
// administrator or by a unit leader of that very unit, each change an audit event. Thread-safe.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"

namespace huiyin {

struct UnitSettings {
  OrgRef org;
  bool review_reply = false;
  bool editable = false;  // the asker may change them
};

Result<UnitSettings> unit_settings(ServiceContext& ctx, const Actor& actor, const std::string& org_code);
Result<UnitSettings> put_unit_settings(ServiceContext& ctx, const Actor& actor,
                                       const std::string& org_code, bool review_reply);

}  // namespace huiyin
