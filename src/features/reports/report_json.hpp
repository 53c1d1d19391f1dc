// JSON of the reports feature's views: the three rates, grouped rows, workbench counts, 回音壁.
#pragma once

#include <vector>

#include "features/reports/stats.hpp"
#include "features/reports/wall.hpp"
#include "http/json_util.hpp"

namespace huiyin::http {

json figures_json(const StatsFigures& f);
json overview_json(const StatsOverview& o);
json rankings_json(const Rankings& r);
json group_rows_json(const std::vector<GroupRow>& rows);
json workbench_json(const WorkbenchCounts& w);
json wall_json(const WallPage& p);

}  // namespace huiyin::http
