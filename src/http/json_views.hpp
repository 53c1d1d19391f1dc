// JSON shapes of the API (docs/api.md): the service's views turned into response bodies, with
// codes AND their Chinese labels (`status_label`, ...) and times as ISO 8601 with +08:00.
// One .cpp per resource (json_matter, json_measure, json_user, json_stats, json_catalog).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/json_util.hpp"
#include "service/admin.hpp"
#include "service/catalog.hpp"
#include "service/intake.hpp"
#include "service/stats.hpp"
#include "service/views.hpp"
#include "service/wall.hpp"

namespace huiyin::http {

// json_matter.cpp
json org_ref_json(const std::optional<OrgRef>& o);
json summary_json(const MatterSummary& s);
json detail_json(const MatterDetail& d);
json reporter_json(const ReporterView& r);
json track_json(const TrackView& t);
json wall_json(const WallPage& p);
std::string event_type_label(std::string_view type);

// json_measure.cpp
json measure_json(const MeasureView& m);

// json_user.cpp
json actor_json(const Actor& a);
json user_view_json(const UserView& u);

// json_stats.cpp
json figures_json(const StatsFigures& f);
json overview_json(const StatsOverview& o);
json group_rows_json(const std::vector<GroupRow>& rows);
json workbench_json(const WorkbenchCounts& w);

// json_catalog.cpp
json category_json(const CategoryView& c);
json org_view_json(const OrgView& o);
json campaign_json(const Campaign& c);
json calendar_json(const std::vector<CalendarDay>& days);
json deadline_rules_json(const std::vector<DeadlineRule>& rules);

}  // namespace huiyin::http
