// JSON of the catalog (categories, orgs, campaigns) and of the working calendar and deadline
// rules, shared by every feature that shows them.
#pragma once

#include <vector>

#include "domain/calendar.hpp"
#include "domain/deadline_rules.hpp"
#include "http/json_util.hpp"
#include "kernel/catalog.hpp"

namespace huiyin::http {

json category_json(const CategoryView& c);
json org_view_json(const OrgView& o);
json campaign_json(const Campaign& c);
json calendar_json(const std::vector<CalendarDay>& days);
json deadline_rules_json(const std::vector<DeadlineRule>& rules);

}  // namespace huiyin::http
