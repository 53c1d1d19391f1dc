// Figures for leaders: the counts behind the rates (domain/rates.hpp: 响应率, 解决率, 满意率,
// 及时签收率, 按期办结率, 退回率, 重办率, 回头看不合格率) for a period, org subtree, channel and
// category, the same for the previous period of equal length, groupings with names, and the
// workbench counts of what one user may act on now. Every rate is computed by domain/rates.hpp
// from the counts of rate_counts.hpp; none is computed anywhere else. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ranking.hpp"
#include "domain/rates.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "store/store.hpp"

namespace huiyin {

struct StatsFigures {
  StatsCounts counts;
  RateCounts rate_counts;  // what every rate is made of
  RateSet rates;           // rates_of(rate_counts)
};

struct StatsQuery {
  std::string from, to;  // local dates YYYY-MM-DD, inclusive; default: the last 30 days
  std::string org;       // org code (subtree); optional
  std::string channel;   // channel code; optional
  std::string category;  // category code (with its children); optional
};

struct StatsOverview {
  Date from{}, to{};  // inclusive, as resolved from the query
  StatsFigures current;
  StatsFigures previous;  // the period of equal length just before
};

struct GroupRow {
  std::string key;   // org code, category code, channel code, YYYY-MM-DD or status code
  std::string name;  // Chinese name of the org, category, channel or status; the date for day
  StatsFigures figures;
};

// One 工作台 card (features/matters/matter_views.hpp work_cards()) and its count: the number of
// matters `GET /api/v1/matters?card=<key>` lists for the same actor.
struct WorkbenchCard {
  std::string key, label;
  bool hot = false;
  std::int64_t count = 0;
};
struct WorkbenchCounts {
  std::vector<WorkbenchCard> cards;  // in work_cards() order
  std::int64_t of(std::string_view key) const;  // 0 when unknown
};

// 单位排名: departments (lead units of kind dept) and areas (the areas just below the asker's
// org, or below `org`, each over its subtree), scored by domain/ranking.hpp with the weights of
// the setting `ranking_weights` (default 响应 30 / 解决 35 / 满意 35, at least 5 matters to be
// ranked). Departments score out of 100, areas out of 150, as monthly circulars do.
struct RankingItem {
  OrgRef org;
  std::string level;  // dept | area
  double score = 0, full = 100;
  std::optional<int> rank;  // nullopt: fewer matters than the minimum volume (样本不足)
  StatsFigures figures;
};
struct Rankings {
  Date from{}, to{};
  RankingWeights weights;
  std::vector<RankingItem> items;  // depts first, then areas; each ranked, then unranked
  std::string own_unit;  // a unit leader's unit (its place is theirs to read); empty otherwise
};
inline constexpr const char* kRankingWeightsSetting = "ranking_weights";

class StatsService {
 public:
  explicit StatsService(ServiceContext& ctx) : ctx_(ctx) {}

  // For leaders, supervisors, dispatchers and admins (forbidden otherwise); scoped.
  Result<StatsOverview> overview(const Actor& actor, const StatsQuery& q);
  // by: org | category | channel | day | status.
  Result<std::vector<GroupRow>> grouped(const Actor& actor, const StatsQuery& q,
                                        const std::string& by);
  // level: dept | area | "" (both).
  Result<Rankings> rankings(const Actor& actor, const StatsQuery& q, const std::string& level);
  // Any staff user: each 工作台 card with the length of its list for this actor.
  Result<WorkbenchCounts> workbench(const Actor& actor);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
