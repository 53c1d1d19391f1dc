// Rotas of the joint inspection (轮值联合巡查, "4+1"): departments take turns, in order, to lead
// one period's joint inspection (a week or a month counted from the rota's first day), another
// unit (the police) supporting. The periods and whose turn each is are computed here (pure);
// whether a period was inspected comes from the joint_inspection records that name the rota.
// Plain data and pure functions; the `rotas` table's store functions. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/org_index.hpp"
#include "store/tx.hpp"

namespace huiyin {

inline constexpr const char* kSubjectRota = "rota";  // events of a rota name it as their subject

struct Rota {
  Id id = 0;
  std::string code;  // ZZ-LB-20261202-001
  std::string name;
  Id org_id = 0;                   // the area inspected
  std::string period;              // week | month
  std::string starts_on;           // YYYY-MM-DD: the first day of the first period
  std::vector<std::string> leads;  // dept org codes, in turn order
  Id support_org_id = 0;           // the supporting unit (公安)
  std::string route;
  bool active = true;
  Instant created_at = 0, updated_at = 0;
  std::int64_t version = 1;
};

// One period of a rota: the index-th (0: the one starting on starts_on), its days, its label
// ("2026年第48周", "2026年11月") and whose turn it is (leads[index % leads.size()]).
struct RotaPeriodSpan {
  int index = 0;
  Date from{}, to{};
  std::string label;
  std::string lead;  // org code
};

RotaPeriodSpan rota_period(const Rota& r, int index);
// The index of the period holding `day`; nullopt before the rota's first day.
std::optional<int> rota_period_index(const Rota& r, Date day);
// "11月23日至11月29日"
std::string rota_span_text(const RotaPeriodSpan& p);

// Whether `lead` (an org code) leads the rota's period holding `date` (YYYY-MM-DD): invalid
// naming lead_dept ("本期(2026年第48周,11月23日至11月29日)轮值牵头部门为荷塘区城管局") when
// it is another's turn, naming rota when the rota is stopped or has not begun by then.
Status check_rota_turn(const Rota& r, const std::string& date, const std::string& lead,
                       const OrgIndex& orgs);

}  // namespace huiyin

namespace huiyin::db {

Result<Id> insert_rota(Tx& tx, const Rota& r);  // conflict when the code exists
std::optional<Rota> rota_by_code(Tx& tx, const std::string& code);
std::vector<Rota> list_rotas(Tx& tx);  // by id
// Updates name, leads, support, route, active, updated_at; version + 1. conflict when the row
// is no longer at expected_version.
Status update_rota(Tx& tx, const Rota& r, std::int64_t expected_version);
// The joint_inspection records naming the rota: (code, day), by day.
std::vector<std::pair<std::string, std::string>> rota_records(Tx& tx, const std::string& rota_code);

}  // namespace huiyin::db
