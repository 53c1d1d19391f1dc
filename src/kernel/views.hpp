// Value types the service hands to the HTTP layer and the CLI: matters with their names
// resolved, the pieces of a matter page, and the query the staff lists share. Plain data; the
// Chinese labels of codes come from domain/codes.hpp `label()`, names of orgs/categories are
// resolved here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/escalation.hpp"
#include "domain/model.hpp"
#include "domain/state_machine.hpp"

namespace huiyin {

struct OrgRef {
  std::string code;
  std::string name;
};

// One row of a staff list (MatterSummary in docs/api.md).
struct MatterSummary {
  Matter matter;
  std::string category_code, category_name;  // empty when unclassified
  std::optional<OrgRef> area;
  std::string area_path;      // 荷塘区 / 月塘街道 / 某社区: the area's names below the city
  std::optional<OrgRef> lead_org;
  std::string campaign_code;  // empty when none
  // 剩余3个工作日 / 今日到期 / 超期2个工作日 while open; 按期办结 / 超期2个工作日办结 once
  // resolved (办结 and later); empty without a deadline.
  std::string deadline_text;
  bool overdue = false;       // deadline passed and not yet resolved
  std::string snippet;        // with a keyword: HTML excerpt of the content, matches in <mark>
  std::string source_kind, source_code;  // the field record that raised it (lists fill these)
  // 原定时限 (the deadline its first assignment gave it) and 延期后时限 (its deadline when an
  // extension was granted, else none); lists and the detail fill these.
  std::optional<Instant> original_deadline, extended_deadline;
};

struct ReporterView {
  std::string name;
  std::string phone;
  bool anonymous = false;
  bool masked = true;
  bool withheld = false;    // the reader is the unit complained about: no reporter data at all
  bool can_reveal = false;  // the reader may reveal the contact (MatterService::reveal_contact)
};

struct MeasureView {
  Measure measure;
  std::string matter_code;
  std::optional<OrgRef> owner_org;
  std::vector<Attachment> files;  // evidence uploads (photos, PDF)
};

struct EventView {
  Event event;
  std::string actor;  // username, "citizen" or "system"
  // For people: "派单员 张三", "反映人(群众)", "系统" (never the reporter's name), and the
  // event in plain words: "派单员 张三 受理", "交办至 荷塘区城管局办理,办理时限 2026-12-01".
  std::string actor_label;
  std::string summary;
};

// Where a matter stands on the escalation ladder against its current deadline: the highest
// step fired (none when nothing has), the rule that fired it and since when.
struct EscalationState {
  EscalationLevel level = EscalationLevel::none;
  std::string rule;  // the rule that fired it (escalation_rules code)
  std::optional<Instant> since;
};

// One deadline a matter was given (assignment, extension, reopening), oldest first: whether it
// was reached (the matter was still open with it past its end) stays true after an extension
// moved it, so a late matter extended later still shows it was late.
struct DeadlineChange {
  Instant deadline = 0;
  Instant set_at = 0;
  std::string type;      // the event that set it: assign, extend_decide, reopen ...
  std::string by;        // who, as the timeline names them
  bool reached = false;
};

// 督办 and 催办 by hand (MatterService::act urge / supervise / answer).
struct SupervisionState {
  int urged = 0, supervised = 0;
  bool pending = false;  // the last 督办 awaits the unit's 答复督办
  bool listed = false;   // 挂牌督办
  std::optional<Date> answer_by;
  std::optional<Instant> since;  // the last 督办
};

// Where a petition (信访) matter stands with its documents (features/matters/petition.hpp).
struct PetitionProgress {
  Instant notice_due = 0;                   // 受理告知书 at the latest (end of that local day)
  std::optional<Instant> notice_issued_at;  // first printed by the receiving office
  bool notice_overdue = false;              // not issued and past notice_due (not rejected/merged)
  PetitionStage stage = PetitionStage::handle;  // the stage now under way or last answered
  // While the next request may be made: its action, the last day for it and the office above
  // the one that replied (nullopt when there is none: the request cannot go anywhere).
  std::optional<Action> request_action;
  std::optional<Instant> request_due;
  std::optional<Id> request_org;
  bool request_open = false;  // request_due not passed (as of the reading) and an office above
};

// A leader's 批示 (MatterService::act instruct) and the unit's answer (答复, answer) once given.
struct InstructionView {
  std::string by;  // the leader, as people read them
  Instant at = 0;
  std::string text;
  std::optional<Instant> answered_at;
  std::string answer;
};

// 审核答复: a handler's reply held for the unit leader's review, and the last send-back.
struct ReplyReview {
  bool pending = false;
  std::string reply, by;  // the reply waiting, and who wrote it
  std::optional<Instant> at;
  std::string returned_note, returned_by;  // the unit leader's note when it was sent back
  std::optional<Instant> returned_at;
};

// The handler a unit leader gave the matter to (分办, delegate).
struct HandlerRef {
  Id user_id = 0;
  std::string username, name;
};

struct MatterDetail {
  MatterSummary summary;
  std::vector<OrgRef> co_orgs;
  std::vector<OrgRef> subject_orgs;
  std::string merged_into_code;  // when status is merged
  std::string source_kind, source_code;  // the field record that raised it (its kind, code)
  ReporterView reporter;         // masked
  std::vector<Attachment> attachments;
  std::vector<EventView> events;
  std::vector<MeasureView> measures;
  std::vector<Evaluation> evaluations;
  std::vector<Action> available_actions;  // for the actor who asked
  EscalationState escalation;
  std::vector<DeadlineChange> deadline_history;
  SupervisionState supervision;
  std::vector<InstructionView> instructions;
  std::optional<HandlerRef> handler;
  ReplyReview review;
  std::optional<PetitionProgress> petition;  // petition-channel matters only
  std::optional<OrgRef> petition_request_org;  // where its next request goes (request_org)
};

// Filters of the staff list and the ledger, as people give them (codes, YYYY-MM-DD dates).
// Unknown codes are `invalid` errors naming the field.
struct MatterQuery {
  std::vector<std::string> statuses;  // status codes; empty = all
  std::string org;                    // org code: lead org or area inside its subtree
  std::string category;               // category code (with its children)
  std::string channel;
  std::string campaign;
  std::string q;
  std::optional<bool> overdue;
  // Petitions whose 受理告知书 is not issued and past its 15 days (true), or the others (false).
  std::optional<bool> notice_overdue;
  std::string from, to;  // local dates, inclusive
  int limit = 50;        // 1..1000 (clamped)
  std::string cursor;    // from MatterList::next_cursor
  std::string card;      // a 工作台 card's key (work_cards()); not with statuses or overdue
  int offset = 0;        // rows of the list to skip (page N of a table: (N-1) × limit); not with cursor
  bool with_total = false;  // count the whole list too (MatterList::total)
  std::optional<bool> solved;  // the verification said solved (true) / not solved (false)
  // Matters raised by field records (工作记录), as the 四下基层 figures count them: source_kind
  // is a record kind or "any"; source_record a record's code; source_from/source_to the
  // records' days (inclusive); source_org an org code (the record's place in its subtree).
  // Any of them lists only matters raised by records the asker may see, merged duplicates
  // left out unless `statuses` asks for them.
  std::string source_kind, source_record, source_from, source_to, source_org;
  // The escalation ladder: matters whose deadline runs and that stand at exactly this step now
  // (warned, reminded, supervised, circulated, talk): 预警, 提醒, 督办, 通报 and 约谈 lists.
  std::string escalation;
  // Matters returned (退回) at least once (true) or never (false), and matters reopened (重办)
  // at least once or never: the lists behind the 退回 and 重办 figures of a circular.
  std::optional<bool> returned, reopened;
  bool has_source() const {
    return !source_kind.empty() || !source_record.empty() || !source_from.empty() ||
           !source_to.empty() || !source_org.empty();
  }
};

struct MatterList {
  std::vector<MatterSummary> items;
  std::string next_cursor;  // empty on the last page
  std::optional<std::int64_t> total;  // the whole list's length, when asked (with_total)
};

}  // namespace huiyin
