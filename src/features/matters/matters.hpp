// The staff side of a matter: scoped lists, the matter page with the actions this actor may take
// now, the guarded reveal of the reporter's contact, and every state-changing action (accept,
// assign, sign, return, resolve, verify, close, reopen, merge, extensions). Each action runs the
// domain state machine with the roles that apply to this matter, applies its effects and appends
// one audit event in one transaction; a stale expected_version is a conflict.
// Not in scope → not_found; in scope but not allowed → forbidden. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"
#include "features/matters/matter_store.hpp"
#include "kernel/actor.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"

namespace huiyin {

// An action as people give it: codes and dates as text, validated by the service.
struct ActionRequest {
  std::string action;  // accept, reject, assign, sign, return, resolve, verify, close, reopen,
                       // merge, extend_request, extend_decide, transfer
  std::string reason;
  std::string reply;
  std::string note;
  std::string lead_org;               // org code (assign)
  std::vector<std::string> co_orgs;   // org codes (assign)
  std::vector<std::string> subject_orgs;  // org codes of the units complained about (assign)
  std::string category;               // category code (accept/assign may classify)
  std::string handling_class;         // code (assign)
  std::string deadline;               // YYYY-MM-DD (assign; default from the rules)
  std::optional<bool> solved;         // verify
  std::string satisfaction;           // verify
  std::string comment;                // verify
  std::string into;                   // merge: code of the matter kept
  std::optional<bool> approve;        // extend_decide
  std::optional<int> extend_days;     // extend_request
  std::string to_org;                 // transfer: code of the area org whose dispatchers take over
  // resolve / close while a measure is short of done: why (required then, else 422 naming it)
  std::string unfinished_measures_reason;
  // supervise: 挂牌督办 (a hard case, listed publicly among the supervised) and the date the unit
  // must answer by (YYYY-MM-DD; default 3 working days on)
  std::optional<bool> listed;
  std::string answer_by;
  std::string handler;  // delegate: username of a handler of the lead unit
};

struct DeadlinePreview {
  Date deadline{};
  int days = 0;
  bool working_days = true;
  std::string text;  // e.g. "15个工作日"
};

// The condition "raised by these field records" for the source_* filters of a MatterQuery,
// built by the records feature (its table) and wired by the composition root: invalid naming
// the field for an unknown kind, record, date or org.
using SourceResolver = std::function<Result<std::function<void(sql::QueryBuilder&)>>(
    Tx&, const Actor&, const MatterQuery&, const CatalogSnapshot&)>;

// The filter MatterService::list reads by (scope, every filter of `q`, the source condition
// through `source`). Other features count figures with it (db::count_matters), so that a
// figure and the list it clicks through to cannot differ.
Result<MatterFilter> matter_filter_of(Tx& tx, const Actor& actor, const MatterQuery& q,
                                      const CatalogSnapshot& cat, Instant now,
                                      const SourceResolver& source);

class MatterService {
 public:
  explicit MatterService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<MatterList> list(const Actor& actor, const MatterQuery& q);
  // Every matching row without paging (ledger); at most `cap` rows.
  Result<std::vector<MatterSummary>> list_all(const Actor& actor, const MatterQuery& q,
                                              int cap = 100000);
  Result<MatterDetail> get(const Actor& actor, const std::string& code);
  // 分办: the handlers of the matter's lead unit (and the orgs below it) the actor may give it
  // to; forbidden unless the actor may delegate it (its unit leader, or an administrator).
  Result<std::vector<User>> unit_handlers(const Actor& actor, const std::string& code);
  // 受理告知书: a printable HTML page for an accepted petition (信访人, 事项, 受理机关, 受理日期,
  // 办理期限 60 days). The petitioner's name is printed only for those who may reveal the
  // contact (logged as a reveal); others see it withheld, the unit complained about reads the
  // masked text. Not accepted yet: conflict.
  // The first print by a dispatcher of the receiving office (who dispatches it) records
  // `notice_issued` once. Not a petition (or not visible): not_found.
  Result<std::string> petition_notice(const Actor& actor, const std::string& code);
  // 处理 / 复查 / 复核意见书 of the stage answered last (the reply, the office that gave it, the
  // date, and where the next request goes within 30 days). Not answered yet: conflict.
  Result<std::string> petition_reply(const Actor& actor, const std::string& code);
  Result<ReporterView> reveal_contact(const Actor& actor, const std::string& code);
  Result<MatterDetail> act(const Actor& actor, const std::string& code, const ActionRequest& req,
                           std::int64_t expected_version);
  // 回头看 (the supervision feature's spot checks): re-verifies a verified or closed matter as
  // the supervisor overseeing it — passed, or failed: reopened (重办) with a new deadline —
  // through the same path as every action: the audit event `spot_check` {passed, lead_org,
  // and `extra`}. `record` runs in the same transaction just before the event is appended (the
  // spot check's own row, sealed in that event).
  // Not in scope: not_found; not a supervisor of it: forbidden; not verified/closed: conflict.
  Result<MatterDetail> spot_check(const Actor& actor, const std::string& code, bool passed,
                                  const nlohmann::json& extra,
                                  const std::function<Status(Tx&, const Matter&)>& record);
  // 超时默认 (the scheduler, features/supervision/sla.cpp): every matter still `resolved` on a
  // day after the verify_timeout_days-th working day following the day of its 办结 is verified
  // by the system, source "timeout" (event `verify_timeout`); it then counts in neither 解决率
  // nor 满意率. Off when the setting is 0. Returns how many were verified.
  Result<int> verify_timed_out(Instant as_of);
  // The default deadline of the rules for a matter assigned on `from` (today when empty).
  Result<DeadlinePreview> default_deadline(const std::string& channel,
                                           const std::string& handling_class,
                                           const std::string& from);

  // The records feature's source condition (see SourceResolver); without it source_* filters are
  // refused.
  void set_source_resolver(SourceResolver f) { source_ = std::move(f); }

 private:
  struct ActHooks;
  Result<MatterDetail> act_with(const Actor& actor, const std::string& code,
                                const ActionRequest& req,
                                std::optional<std::int64_t> expected_version, const ActHooks& hooks);

  ServiceContext& ctx_;
  SourceResolver source_;
};

}  // namespace huiyin
