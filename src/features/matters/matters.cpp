#include "features/matters/matters.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "domain/deadline_rules.hpp"
#include "domain/rates.hpp"
#include "domain/state_machine.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/escalation_store.hpp"
#include "features/matters/event_wording.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matter_actions.hpp"
#include "features/matters/matter_views.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/petition.hpp"
#include "kernel/privacy_mask.hpp"
#include "features/matters/routing.hpp"
#include "features/matters/unit_duties.hpp"
#include "http/printable.hpp"
#include "kernel/support.hpp"
#include "text/snippet.hpp"
#include "features/matters/matter_store.hpp"
#include "store/attachment_store.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/measure_store.hpp"

namespace huiyin {
namespace {

const char* kNoMatter = "问题不存在或不在您的管辖范围内";

}  // namespace

Result<MatterFilter> matter_filter_of(Tx& tx, const Actor& actor, const MatterQuery& q,
                                      const CatalogSnapshot& cat, Instant now,
                                      const SourceResolver& source) {
  MatterFilter f;
  f.scope = scope_of(actor);
  f.now = now;
  for (const auto& s : q.statuses) {
    auto st = parse_status(s);
    if (!st) return invalid("状态“" + s + "”无效", "status");
    f.statuses.push_back(*st);
  }
  if (!q.org.empty()) {
    const Org* o = cat.orgs().find_code(q.org);
    if (!o) return invalid("单位“" + q.org + "”不存在", "org");
    f.org = o->id;
  }
  if (!q.category.empty()) {
    const Category* c = cat.category_code(q.category);
    if (!c) return invalid("问题类别“" + q.category + "”不存在", "category");
    f.category = c->id;
  }
  if (!q.channel.empty()) {
    f.channel = parse_channel(q.channel);
    if (!f.channel) return invalid("来源渠道“" + q.channel + "”无效", "channel");
  }
  if (!q.campaign.empty()) {
    const Campaign* c = cat.campaign_code(q.campaign);
    if (!c) return invalid("活动“" + q.campaign + "”不存在", "campaign");
    f.campaign = c->id;
  }
  if (!valid_utf8(q.q) || q.q.size() > 300) return invalid("关键词无效或过长", "q");
  f.q = q.q;
  f.overdue = q.overdue;
  if (!q.escalation.empty()) {
    f.escalation = parse_escalation_level(q.escalation);
    if (!f.escalation || *f.escalation == EscalationLevel::none)
      return invalid("督办级别应为 warned、reminded、supervised、circulated 或 talk", "escalation");
  }
  f.notice_overdue = q.notice_overdue;
  f.returned = q.returned;
  f.reopened = q.reopened;
  if (!q.card.empty()) {
    const WorkCard* card = work_card(q.card);
    if (!card) return invalid("工作台分类“" + q.card + "”无效", "card");
    if (!q.statuses.empty() || q.overdue)
      return invalid("工作台分类(card)不能与状态(status)或超期(overdue)同用", "card");
    f.statuses = card->statuses;
    if (card->overdue) f.overdue = true;
  }
  auto from = optional_date(q.from, "from");
  if (!from) return from.error();
  auto to = optional_date(q.to, "to");
  if (!to) return to.error();
  if (*from) f.created_from = start_of_local_day(**from);
  if (*to) f.created_to = start_of_local_day(**to + std::chrono::days{1});
  f.limit = std::clamp(q.limit, 1, 1000);
  if (!q.cursor.empty()) {
    Id id = 0;
    auto [p, ec] = std::from_chars(q.cursor.data(), q.cursor.data() + q.cursor.size(), id);
    if (ec != std::errc{} || p != q.cursor.data() + q.cursor.size() || id <= 0)
      return invalid("翻页参数无效", "cursor");
    f.before_id = id;
  }
  f.solved = q.solved;
  if (q.has_source()) {
    if (!source) return invalid("本系统未提供工作记录来源筛选", "source_kind");
    auto cond = source(tx, actor, q, cat);
    if (!cond) return cond.error();
    f.source = std::move(*cond);
    // As the figures count them: a merged duplicate is carried by the matter it merged into.
    if (f.statuses.empty())
      for (MatterStatus s : all<MatterStatus>())
        if (s != MatterStatus::merged) f.statuses.push_back(s);
  }
  return f;
}

namespace {

bool scope_empty(const Scope& s) { return !s.all && s.org_paths.empty(); }


ReporterView reporter_view(Tx& tx, const Matter& m, bool masked) {
  ReporterView v;
  v.masked = masked;
  if (!m.reporter_id) {
    v.anonymous = true;
    return v;
  }
  auto r = db::reporter_by_id(tx, *m.reporter_id);
  if (!r) {
    v.anonymous = true;
    return v;
  }
  v.anonymous = r->anonymous;
  v.name = masked ? mask_name(r->name) : r->name;
  v.phone = masked ? mask_phone(r->phone) : r->phone;
  return v;
}

// Who may reveal the reporter's contact: dispatchers who dispatch the matter and the lead
// unit's handlers and unit leaders — never the unit complained about, and not the system
// administrator: administering the system gives no right to a petitioner's contact (三员分立).
bool may_reveal_contact(const Actor& actor, const Matter& m, const OrgIndex& orgs) {
  if (is_subject_of(actor, m, orgs)) return false;
  auto has = [](const std::vector<Role>& v, Role r) {
    return std::find(v.begin(), v.end(), r) != v.end();
  };
  auto general = roles_for(actor, m, Action::accept, orgs);
  auto unit = roles_for(actor, m, Action::resolve, orgs);
  return has(general, Role::dispatcher) || has(unit, Role::handler) ||
         has(unit, Role::unit_leader);
}

// The row's facts as of `now`: for a petition, its stage and the window for the next request
// (petition.hpp), and while a unit has it in the handling stage the objection period (信访工作条例
// Art. 23): open through the 5th working day after the assignment; what was objected to this
// assignment is read from its events (an assignment starts the count afresh).
MatterFacts facts_now(Tx& tx, const Matter& m, const OrgIndex& orgs, const WorkCalendar& cal,
                      Instant now) {
  MatterFacts f = facts_of(m);
  const auto events = tx.events_of(m.id);
  // A 督办 or 批示 waits for the unit's answer; a reply may wait for review (unit_duties.hpp).
  const UnitDuties duties = unit_duties(events, [](const Event& e) { return e.actor_label; });
  f.supervision_pending = duties.supervision_pending;
  f.instruction_pending = duties.instruction_pending;
  f.review_pending = duties.review.pending;
  if (!f.petition) return f;
  f = with_petition(f, petition_progress(m, events, orgs, now), now);
  if (f.petition_stage != PetitionStage::handle || !m.assigned_at ||
      (m.status != MatterStatus::assigned && m.status != MatterStatus::signed_))
    return f;
  f.objection_period_open =
      local_date(now) <= cal.add_working_days(local_date(*m.assigned_at), kObjectionWorkingDays);
  for (const auto& e : events) {
    if (e.type == "assign") {
      f.objected = false;
      f.objection_pending = false;
    } else if (e.type == code(Action::object)) {
      f.objected = true;
      f.objection_pending = true;
    } else if (e.type == code(Action::object_decide)) {
      f.objection_pending = false;
    }
  }
  return f;
}

// 原定时限 and 延期后时限 of a summary.
void fill_deadlines(Tx& tx, MatterSummary& s) {
  const Matter& m = s.matter;
  if (!m.deadline) return;
  s.original_deadline = db::first_assigned_deadline(tx, m.id);
  if (m.extensions_granted > 0) s.extended_deadline = m.deadline;
}

// The deadline an event gave the matter (its payload's `deadline`, a local date), if any.
std::optional<DeadlineChange> deadline_change(const Event& e, EventWording& wording) {
  // The actions that give the matter a deadline (domain/rates.hpp); a measure's deadline or
  // the one an escalation names is not the matter's.
  if (!sets_deadline(e.type)) return std::nullopt;
  auto deadline = db::payload_deadline(e.payload);
  if (!deadline) return std::nullopt;
  return DeadlineChange{*deadline, e.at, e.type, wording.actor_label(e), false};
}

// A deadline was reached when the matter was still open past it: until the next deadline
// replaced it, or, for the last one, until it was resolved (or now while it runs).
void mark_reached(std::vector<DeadlineChange>& history, const Matter& m, Instant now) {
  for (std::size_t i = 0; i < history.size(); ++i) {
    Instant until = now;
    if (i + 1 < history.size())
      until = history[i + 1].set_at;
    else if (m.resolved_at && m.status != MatterStatus::reopened)
      until = *m.resolved_at;
    history[i].reached = until > history[i].deadline;
  }
}

// 督办 and 催办 by hand, from the events: how many, whether the last 督办 awaits its answer, 挂牌.
void note_supervision(SupervisionState& s, const Event& e) {
  if (e.type == code(Action::urge)) {
    ++s.urged;
  } else if (e.type == code(Action::supervise)) {
    ++s.supervised;
    s.pending = true;
    auto p = nlohmann::json::parse(e.payload, nullptr, false);
    if (p.is_object()) {
      if (p.value("listed", false)) s.listed = true;
      if (auto d = parse_date(p.value("answer_by", ""))) s.answer_by = *d;
    }
    s.since = e.at;
  } else if (e.type == code(Action::answer) || e.type == code(Action::assign)) {
    s.pending = false;
  }
}

EscalationState escalation_state(const std::vector<FiredEscalation>& fired, const Matter& m) {
  EscalationState s;
  if (!m.deadline) return s;
  for (const auto& f : fired) {
    if (f.deadline != *m.deadline || f.level <= s.level) continue;
    s.level = f.level;
    s.rule = f.rule;
    s.since = f.fired_at;
  }
  return s;
}

MatterDetail build_detail(Tx& tx, const Actor& actor, const Matter& raw, const CatalogSnapshot& cat,
                          Instant now, const WorkCalendar& cal) {
  const MatterReader reader(tx, &actor, cat.orgs());
  const Matter m = reader.matter(raw);
  MatterDetail d;
  d.summary = summarize(m, cat, now, cal);
  fill_deadlines(tx, d.summary);
  for (const auto& mo : m.orgs) {
    auto ref = cat.org_ref(mo.org_id);
    if (!ref) continue;
    if (mo.role == MatterOrgRole::co) d.co_orgs.push_back(*ref);
    if (mo.role == MatterOrgRole::subject) d.subject_orgs.push_back(*ref);
  }
  if (m.merged_into)
    if (auto kept = db::matter_by_id(tx, *m.merged_into)) d.merged_into_code = kept->code;
  // The unit complained about never learns who complained: no reporter fields at all.
  if (reader.masks(raw)) {
    d.reporter = ReporterView{};
    d.reporter.withheld = true;
  } else {
    d.reporter = reporter_view(tx, raw, true);
    d.reporter.can_reveal = !d.reporter.anonymous && may_reveal_contact(actor, raw, cat.orgs());
  }
  auto measures = db::measures_of(tx, raw.id);
  d.attachments = reader.attachments(raw, db::attachments_of(tx, raw.id));
  EventWording wording(tx, cat);
  for (auto& e : tx.events_of(raw.id)) {
    if (auto change = deadline_change(e, wording)) d.deadline_history.push_back(std::move(*change));
    note_supervision(d.supervision, e);
    if (e.type == "submit" && !raw.source.empty()) {
      // The record that raised it, as its submit event names it (the record is another feature's).
      auto p = nlohmann::json::parse(e.payload, nullptr, false);
      if (p.is_object() && p.contains("source") && p["source"].is_object()) {
        d.source_kind = p["source"].value("kind", "");
        d.source_code = p["source"].value("code", "");
      }
    }
    std::string who = e.actor_label;
    Event shown = reader.event(raw, std::move(e));
    std::string label = wording.actor_label(shown);
    auto payload = nlohmann::json::parse(shown.payload, nullptr, false);
    std::string summary = wording.summary(shown, label, payload);
    d.events.push_back({std::move(shown), std::move(who), std::move(label), std::move(summary)});
  }
  for (auto& ms : measures) {
    auto owner = cat.org_ref(ms.owner_org_id);
    auto files = reader.evidence(raw, db::evidence_of(tx, ms.id));
    d.measures.push_back({reader.measure(raw, std::move(ms)), m.code, owner, std::move(files)});
  }
  for (auto& e : db::evaluations_of(tx, raw.id)) d.evaluations.push_back(reader.evaluation(raw, std::move(e)));
  UnitDuties duties = unit_duties(tx.events_of(raw.id), [&](const Event& e) { return wording.actor_label(e); });
  for (auto& i : duties.instructions) {
    i.text = reader.text(raw, i.text);
    i.answer = reader.text(raw, i.answer);
  }
  duties.review.reply = reader.text(raw, duties.review.reply);
  duties.review.returned_note = reader.text(raw, duties.review.returned_note);
  d.instructions = std::move(duties.instructions);
  d.handler = std::move(duties.handler);
  d.review = std::move(duties.review);
  d.available_actions = actions_for(actor, raw, cat.orgs(), facts_now(tx, raw, cat.orgs(), cal, now));
  mark_reached(d.deadline_history, raw, now);
  d.escalation = escalation_state(db::escalations_of(tx, raw.id), raw);
  if (raw.channel == Channel::petition)
  {
    d.petition = petition_progress(raw, tx.events_of(raw.id), cat.orgs(), now);
    d.petition_request_org = cat.org_ref(d.petition->request_org);
  }
  return d;
}

std::string trim_copy(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The first `n` code points of valid UTF-8 `s`, with "…" when cut.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++count;
  }
  return i >= s.size() ? s : s.substr(0, i) + "…";
}

bool role_may(Action a, std::span<const Role> roles) {
  const auto& rule = rule_for(a);
  for (Role r : roles)
    if (r == Role::admin || std::find(rule.roles.begin(), rule.roles.end(), r) != rule.roles.end())
      return true;
  return false;
}

Result<Id> org_id_of(const CatalogSnapshot& cat, const std::string& code,
                     const std::string& field) {
  const Org* o = cat.orgs().find_code(code);
  if (!o) return invalid("单位“" + code + "”不存在", field);
  if (!o->active) return invalid("单位“" + o->name + "”已停用,不能交办", field);
  return o->id;
}

// The user `username` as the handler a unit leader may give `m` to: active, a handler at the
// matter's lead unit or an org below it; else invalid naming the field `handler`.
Result<User> unit_handler(Tx& tx, const Matter& m, const OrgIndex& orgs, const std::string& username) {
  const Org* lead = m.lead_org_id ? orgs.find(*m.lead_org_id) : nullptr;
  auto u = db::user_by_username(tx, username);
  if (!lead || !u || !u->active) return invalid("用户“" + username + "”不存在或已停用", "handler");
  for (const UserRole& r : db::roles_of(tx, u->id)) {
    const Org* o = orgs.find(r.org_id);
    if (r.role == Role::handler && o && in_subtree(o->path, lead->path)) return *u;
  }
  return invalid("“" + u->display_name + "”不是" + lead->name + "的承办人,只能分办给本单位的承办人",
                 "handler");
}

// 审核答复 is on for the lead unit and the one resolving is its handler, not its leader (nor an
// administrator): the reply is held for review.
bool held_for_review(Tx& tx, const Matter& m, const CatalogSnapshot& cat, std::span<const Role> roles) {
  const Org* lead = m.lead_org_id ? cat.orgs().find(*m.lead_org_id) : nullptr;
  if (!lead || db::setting(tx, review_reply_setting(lead->code)).value_or("") != "on") return false;
  for (Role r : roles)
    if (r == Role::unit_leader || r == Role::admin) return false;
  return true;
}

// A card whose action none of the actor's roles may take in any of its statuses lists nothing,
// whatever the rows say (a dispatcher's 待签收): no row needs reading to know it.
// 分办给我 lists what was delegated to the actor as a handler: nothing for one who is none.
bool card_out_of_reach(const WorkCard& card, const Actor& a) {
  std::vector<Role> roles;
  for (const auto& r : a.roles) roles.push_back(r.role);
  if (card.test == CardTest::mine)
    return std::find(roles.begin(), roles.end(), Role::handler) == roles.end();
  if (!card.action || card.statuses.empty()) return false;
  for (MatterStatus s : card.statuses)
    if (may_take(*card.action, s, roles)) return false;
  return true;
}

// Whether a card's rows are tested one by one here; the others (statuses and overdue alone)
// are the SQL filter's exactly.
bool tests_rows(const WorkCard& card) {
  return card.action || card.reads_events || card.test != CardTest::none;
}

}  // namespace

Result<MatterList> MatterService::list(const Actor& actor, const MatterQuery& q) {
  const Instant now = ctx_.clock().now();
  auto deadlines = ctx_.deadlines();
  Result<MatterList> out = MatterList{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    auto f = matter_filter_of(tx, actor, q, cat, now, source_);
    if (!f) {
      out = f.error();
      return ok();
    }
    if (q.offset > 0 && !q.cursor.empty()) {
      out = invalid("翻页参数 offset 与 cursor 不能同用", "offset");
      return ok();
    }
    const WorkCard* card = q.card.empty() ? nullptr : work_card(q.card);
    if (scope_empty(f->scope) || (card && card_out_of_reach(*card, actor))) {
      MatterList none;
      if (q.with_total) none.total = 0;
      out = std::move(none);
      return ok();
    }
    const MatterReader reader(tx, &actor, cat.orgs());
    // A card's test and a masked reader's keyword test leave out rows SQL listed: then the
    // rows to skip and the total are counted here, over the rows that pass; otherwise SQL
    // skips (OFFSET) and counts (COUNT) them.
    const bool tested = (card && tests_rows(*card)) || !f->q.empty();
    auto passes = [&](const Matter& raw) {
      if (!f->q.empty() && !reader.matches(raw, f->q)) return false;
      if (card && !card->reads_events && !in_card(*card, actor, raw, cat.orgs(), facts_of(raw), {}))
        return false;
      if (card && card->reads_events) {
        // Only the rows the actor may take the card's action on are worth reading the events of.
        if (card->action && roles_for(actor, raw, *card->action, cat.orgs()).empty()) return false;
        const UnitDuties duties = unit_duties(tx.events_of(raw.id), [](const Event& e) { return e.actor_label; });
        if (!in_card(*card, actor, raw, cat.orgs(), facts_now(tx, raw, cat.orgs(), deadlines->calendar, now),
                     duties))
          return false;
      }
      return true;
    };
    MatterList list;
    if (q.with_total) {
      if (!tested) {
        list.total = db::count_matters(tx, *f);
      } else {
        MatterFilter all = *f;
        all.limit = 1000;
        all.before_id.reset();
        std::int64_t n = 0;
        for (;;) {
          MatterPage page = db::list_matters(tx, all);
          for (const Matter& raw : page.items) n += passes(raw) ? 1 : 0;
          if (!page.next_cursor) break;
          all.before_id = page.next_cursor;
        }
        list.total = n;
      }
    }
    int skip = 0;
    if (q.offset > 0) {
      if (tested) skip = q.offset;
      else f->offset = q.offset;
    }
    std::optional<Id> more;
    const int want = f->limit;
    // A card skips the matters its test refuses: read larger pages so a page seldom comes back short.
    if (card || skip > 0) f->limit = std::max(want, 200);
    auto full = [&] { return static_cast<int>(list.items.size()) >= want; };
    // A masked reading answers keyword queries from the masked text only: rows the full text
    // matched but the masked text does not are left out, and further pages are read until the
    // page is full, so the answer never depends on a hidden digit.
    for (int round = 0; round < 20 || skip > 0; ++round) {
      MatterPage page = db::list_matters(tx, *f);
      std::size_t i = 0;
      for (; i < page.items.size() && !full(); ++i) {
        const Matter& raw = page.items[i];
        if (!passes(raw)) continue;
        if (skip > 0) {
          --skip;
          continue;
        }
        list.items.push_back(summarize(reader.matter(raw), cat, now, deadlines->calendar));
        fill_deadlines(tx, list.items.back());
        if (!raw.source.empty()) {
          MatterSourceRef src = matter_source(tx, raw);
          list.items.back().source_kind = std::move(src.kind);
          list.items.back().source_code = std::move(src.code);
        }
        if (!q.q.empty())
          list.items.back().snippet = text::make_snippet(list.items.back().matter.content, q.q);
      }
      if (i < page.items.size()) {  // stopped inside this page: go on after the last row shown
        more = list.items.back().matter.id;
        break;
      }
      more = page.next_cursor;
      if (!more || full()) break;
      f->before_id = more;
    }
    // A page read by offset is followed by the next offset, not a cursor.
    if (more && q.offset == 0) list.next_cursor = std::to_string(*more);
    out = std::move(list);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<MatterSummary>> MatterService::list_all(const Actor& actor, const MatterQuery& q,
                                                           int cap) {
  MatterQuery page_q = q;
  page_q.limit = 1000;
  std::vector<MatterSummary> all_rows;
  while (static_cast<int>(all_rows.size()) < cap) {
    auto page = list(actor, page_q);
    if (!page) return page.error();
    for (auto& s : page->items) {
      if (static_cast<int>(all_rows.size()) >= cap) break;
      all_rows.push_back(std::move(s));
    }
    if (page->next_cursor.empty()) break;
    page_q.cursor = page->next_cursor;
  }
  return all_rows;
}

Result<MatterDetail> MatterService::get(const Actor& actor, const std::string& code) {
  const Instant now = ctx_.clock().now();
  auto deadlines = ctx_.deadlines();
  Result<MatterDetail> out = not_found(kNoMatter);
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m) return ok();
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    if (!can_see(actor, *m, cat.orgs())) return ok();
    out = build_detail(tx, actor, *m, cat, now, deadlines->calendar);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<User>> MatterService::unit_handlers(const Actor& actor, const std::string& code) {
  Result<std::vector<User>> out = not_found(kNoMatter);
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    const CatalogPtr catalog = ctx_.catalog(tx);
    if (!m || !can_see(actor, *m, catalog->orgs())) return ok();
    if (!role_may(Action::delegate, roles_for(actor, *m, Action::delegate, catalog->orgs()))) {
      out = forbidden("只有承办单位负责人可以分办");
      return ok();
    }
    const Org* lead = m->lead_org_id ? catalog->orgs().find(*m->lead_org_id) : nullptr;
    out = lead ? db::users_with_role_under(tx, Role::handler, lead->path) : std::vector<User>{};
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<ReporterView> MatterService::reveal_contact(const Actor& actor, const std::string& code) {
  const Instant now = ctx_.clock().now();
  TxError te;
  ReporterView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m) return te.fail(not_found(kNoMatter));
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    if (!can_see(actor, *m, orgs)) return te.fail(not_found(kNoMatter));
    if (is_subject_of(actor, *m, orgs))
      return te.fail(forbidden("被反映单位不能查看反映人信息"));
    if (!may_reveal_contact(actor, *m, orgs)) return te.fail(forbidden("您无权查看反映人联系方式"));
    out = reporter_view(tx, *m, false);
    auto ev = tx.append_event(make_event("reveal_contact", m->id, &actor, "", now,
                                         {{"fields", {"name", "phone"}}}));
    if (!ev) return ev.error();
    return ok();
  });
  if (!st) return te.take(st);
  return out;
}

namespace {

using http::html_escape;

// The petitioner as a document prints it for `actor`: the name only for those who may reveal
// the contact (a logged reveal, as MatterService::reveal_contact), else withheld.
Result<std::string> petitioner_for(Tx& tx, const Actor& actor, const Matter& m, const OrgIndex& orgs,
                                   Instant now, std::string_view via) {
  ReporterView rv = reporter_view(tx, m, false);
  if (rv.anonymous) return std::string("匿名");
  if (!may_reveal_contact(actor, m, orgs)) return std::string("(信访人信息依法保密,不予显示)");
  auto ev = tx.append_event(make_event("reveal_contact", m.id, &actor, "", now,
                                       {{"fields", {"name"}}, {"via", std::string(via)}}));
  if (!ev) return ev.error();
  return rv.name;
}

// The petition `code` as `actor` may print it: not_found outside scope or for what is no
// petition (there is no such document), as the page would answer.
Result<Matter> petition_for(Tx& tx, const Actor& actor, const std::string& code, const OrgIndex& orgs) {
  auto m = db::matter_by_code(tx, code);
  if (!m || !can_see(actor, *m, orgs)) return not_found(kNoMatter);
  if (m->channel != Channel::petition)
    return not_found("该问题不是信访事项,没有信访文书(受理告知书、答复意见书)");
  return *m;
}

std::string org_name_of(const OrgIndex& orgs, std::optional<Id> id) {
  const Org* o = id ? orgs.find(*id) : nullptr;
  return o ? o->name : "—";
}

// 受理机关: the office of the dispatcher who accepted the petition (its first accept, or the
// assignment that accepted it), else the office that dispatches it; a matter with no area is
// the city's.
std::string receiving_office(Tx& tx, const Matter& m, const OrgIndex& orgs) {
  for (const Event& e : tx.events_of(m.id)) {
    if ((e.type != code(Action::accept) && e.type != code(Action::assign)) || !e.actor_user) continue;
    for (const UserRole& r : db::roles_of(tx, *e.actor_user))
      if (r.role == Role::dispatcher) return org_name_of(orgs, r.org_id);
    break;
  }
  if (const auto d = dispatch_org(m)) return org_name_of(orgs, d);
  return orgs.root() ? orgs.root()->name : "—";
}

}  // namespace

namespace {

// What one document adds to the common fields (and its own checks and events), inside the
// printing transaction; an error refuses the print and rolls back what it wrote.
using DocumentFill = std::function<Result<std::string>(Tx&, const Matter&, const Matter& shown,
                                                       const OrgIndex&, PetitionDocument&)>;

// A petition document for `actor`: the petition as they may read it and the petitioner as they
// may see them (petitioner_for, logged `via`), completed and rendered by `fill`.
Result<std::string> print_petition(ServiceContext& ctx, const Actor& actor, const std::string& code,
                                   std::string_view via, const DocumentFill& fill) {
  const Instant now = ctx.clock().now();
  TxError te;
  std::string html;
  Status st = ctx.store().write([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    auto m = petition_for(tx, actor, code, orgs);
    if (!m) return te.fail(m.error());
    auto who = petitioner_for(tx, actor, *m, orgs, now, via);
    if (!who) return te.fail(who.error());
    const Matter shown = MatterReader(tx, &actor, orgs).matter(*m);
    PetitionDocument d;
    d.code = m->code;
    d.petitioner = std::move(*who);
    d.title = shown.title;
    d.content = shown.content;
    d.printed = local_date(now);
    auto out = fill(tx, *m, shown, orgs, d);
    if (!out) return te.fail(out.error());
    html = std::move(*out);
    return ok();
  });
  if (!st) return te.take(st);
  return html;
}

}  // namespace

Result<std::string> MatterService::petition_notice(const Actor& actor, const std::string& code) {
  const Instant now = ctx_.clock().now();
  return print_petition(ctx_, actor, code, "notice",
                        [&](Tx& tx, const Matter& m, const Matter&, const OrgIndex& orgs,
                            PetitionDocument& d) -> Result<std::string> {
    if (!m.accepted_at) return conflict("该信访事项尚未受理,不能出具受理告知书");
    // The first print by a dispatcher of the offices that dispatch it is the notice given, once.
    const PetitionProgress progress = petition_progress(m, tx.events_of(m.id), orgs, now);
    const auto general = roles_for(actor, m, Action::accept, orgs);
    if (!progress.notice_issued_at &&
        std::find(general.begin(), general.end(), Role::dispatcher) != general.end()) {
      auto ev = tx.append_event(make_event(std::string(kNoticeIssued), m.id, &actor, "", now,
                                           {{"due", format_date(local_date(progress.notice_due))},
                                            {"public_note", "已出具受理告知书"}},
                                           true));
      if (!ev) return ev.error();
    }
    d.office = receiving_office(tx, m, orgs);
    d.date = local_date(*m.accepted_at);
    return notice_html(d);
  });
}

Result<std::string> MatterService::petition_reply(const Actor& actor, const std::string& code) {
  const Instant now = ctx_.clock().now();
  return print_petition(ctx_, actor, code, "reply",
                        [&](Tx& tx, const Matter& m, const Matter& shown, const OrgIndex& orgs,
                            PetitionDocument& d) -> Result<std::string> {
    const bool answered = m.status == MatterStatus::resolved ||
                          m.status == MatterStatus::verified || m.status == MatterStatus::closed;
    if (!answered || !m.resolved_at) return conflict("该信访事项尚未办结答复,不能出具答复意见书");
    const PetitionProgress progress = petition_progress(m, tx.events_of(m.id), orgs, now);
    d.reply = shown.reply;
    d.office = org_name_of(orgs, m.lead_org_id);
    if (progress.request_org) d.next_office = org_name_of(orgs, progress.request_org);
    d.stage = progress.stage;
    d.date = local_date(*m.resolved_at);
    return reply_html(d);
  });
}

// What only other use cases add to an action (spot_check): no version check, extra payload, a
// write in the same transaction.
struct MatterService::ActHooks {
  bool internal = false;  // spot_check: not open to the matter page's action endpoint
  nlohmann::json extra = nlohmann::json::object();
  std::function<Status(Tx&, const Matter&)> record;  // written before the action's event
};

Result<MatterDetail> MatterService::act(const Actor& actor, const std::string& code,
                                        const ActionRequest& req, std::int64_t expected_version) {
  return act_with(actor, code, req, expected_version, ActHooks{});
}

Result<MatterDetail> MatterService::spot_check(
    const Actor& actor, const std::string& code, bool passed, const nlohmann::json& extra,
    const std::function<Status(Tx&, const Matter&)>& record) {
  ActionRequest req;
  req.action = std::string(huiyin::code(Action::spot_check));
  req.solved = passed;
  ActHooks hooks{true, extra, record};
  return act_with(actor, code, req, std::nullopt, hooks);
}

Result<MatterDetail> MatterService::act_with(const Actor& actor, const std::string& code,
                                             const ActionRequest& req,
                                             std::optional<std::int64_t> expected_version,
                                             const ActHooks& hooks) {
  auto action = parse_action(req.action);
  // The citizen's evaluation, the scheduler's 超时默认 and 回头看 have their own paths.
  if (!action || *action == Action::evaluate || *action == Action::verify_timeout ||
      (*action == Action::spot_check) != hooks.internal)
    return invalid("操作“" + req.action + "”无效", "action");
  for (const std::string* s : {&req.reason, &req.reply, &req.note, &req.comment, &req.to_org})
    if (!valid_utf8(*s)) return invalid("输入含有无效的字符编码");
  if (utf8_length(req.reply) > kMaxContentChars) return invalid("办理答复不能超过5000个字", "reply");
  if (utf8_length(req.note) > 2000) return invalid("备注不能超过2000个字", "note");
  if (utf8_length(req.comment) > 500) return invalid("回访意见不能超过500个字", "comment");

  // A dispatcher's classification is compared with the routing model's first guess.
  RoutingService* routing = ctx_.routing();
  const bool classifies =
      !req.category.empty() && (*action == Action::accept || *action == Action::assign);
  if (routing && classifies) (void)routing->start();
  std::optional<bool> corrected;
  std::optional<Matter> saved;

  const Instant now = ctx_.clock().now();
  auto deadlines = ctx_.deadlines();
  TxError te;
  Result<MatterDetail> out = not_found(kNoMatter);
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m) return te.fail(not_found(kNoMatter));
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    if (!can_see(actor, *m, cat.orgs())) return te.fail(not_found(kNoMatter));
    auto roles = roles_for(actor, *m, *action, cat.orgs());
    if (!role_may(*action, roles))
      return te.fail(forbidden("您没有权限对该问题执行“" + std::string(label(*action)) + "”操作"));
    if (expected_version && m->version != *expected_version)
      return te.fail(conflict("该问题已被他人修改,请刷新后重试"));

    ActionInput in;
    in.reason = req.reason;
    in.reply = req.reply;
    in.note = req.note;
    in.into = req.into;
    in.approve = req.approve;
    in.extend_days = req.extend_days;
    in.solved = req.solved;
    ActionContext c{tx, *deadlines, cat, &actor, req.comment, {}, {}, {}, now};
    for (const auto& [k, v] : hooks.extra.items()) c.payload_extra[k] = v;
    if (!req.satisfaction.empty()) {
      in.satisfaction = parse_satisfaction(req.satisfaction);
      if (!in.satisfaction) return te.fail(invalid("满意度无效", "satisfaction"));
    }
    if (!req.category.empty()) {
      const Category* cc = cat.category_code(req.category);
      if (!cc) return te.fail(invalid("问题类别“" + req.category + "”不存在", "category"));
      c.category = cc->id;
      if (routing && classifies) {
        // Compared at the first level: models trained on sub-categories count the same.
        const Category* g = cat.category_code(routing->top_category(m->title, m->content));
        const Category* guess = g ? cat.top_level_category(g->id) : nullptr;
        const Category* top = cat.top_level_category(cc->id);
        if (guess && top) {
          corrected = guess->id != top->id;
          c.payload_extra["suggested_category"] = guess->code;
          c.payload_extra["correction"] = *corrected;
        }
      }
    }
    if (*action == Action::assign) {
      if (!req.lead_org.empty()) {
        auto id = org_id_of(cat, req.lead_org, "lead_org");
        if (!id) return te.fail(id.error());
        if (!may_assign_to(actor, *m, *cat.orgs().find(*id), cat.orgs()))
          return te.fail(invalid("主办单位“" + req.lead_org +
                                     "”不在您的辖区内,请转办至上级或相应地区",
                                 "lead_org"));
        in.lead_org = *id;
      }
      for (const auto& co : req.co_orgs) {
        auto id = org_id_of(cat, co, "co_orgs");
        if (!id) return te.fail(id.error());
        if (!may_assign_to(actor, *m, *cat.orgs().find(*id), cat.orgs()))
          return te.fail(invalid("协办单位“" + co + "”不在您的辖区内,请转办至上级或相应地区",
                                 "co_orgs"));
        if (std::find(in.co_orgs.begin(), in.co_orgs.end(), *id) == in.co_orgs.end())
          in.co_orgs.push_back(*id);
      }
      for (const auto& so : req.subject_orgs) {
        auto id = org_id_of(cat, so, "subject_orgs");
        if (!id) return te.fail(id.error());
        c.subjects.push_back(*id);
      }
      if (!req.handling_class.empty()) {
        in.handling_class = parse_handling_class(req.handling_class);
        if (!in.handling_class) return te.fail(invalid("办理类型无效", "handling_class"));
      }
      auto d = optional_date(req.deadline, "deadline");
      if (!d) return te.fail(d.error());
      if (*d) {
        if (**d < local_date(now)) return te.fail(invalid("办理时限不能早于今天", "deadline"));
        in.deadline = end_of_local_day(**d);
      } else if (in.handling_class) {
        in.deadline = deadlines->rules.due(now, m->channel, *in.handling_class, deadlines->calendar);
      }
    }
    if (*action == Action::supervise) {
      auto by = optional_date(req.answer_by, "answer_by");
      if (!by) return te.fail(by.error());
      const Date answer_by = *by ? **by : deadlines->calendar.add_working_days(local_date(now), 3);
      if (answer_by < local_date(now)) return te.fail(invalid("答复期限不能早于今天", "answer_by"));
      c.payload_extra["answer_by"] = format_date(answer_by);
      c.payload_extra["listed"] = req.listed.value_or(false);
    }
    if (*action == Action::merge && !req.into.empty()) {
      auto target = db::matter_by_code(tx, req.into);
      if (!target || !can_see(actor, *target, cat.orgs()))
        return te.fail(invalid("要合并到的问题“" + req.into + "”不存在", "into"));
      if (!role_may(Action::merge, roles_for(actor, *target, Action::merge, cat.orgs())))
        return te.fail(invalid("要合并到的问题“" + req.into + "”不由您分派,请先转办", "into"));
      if (target->id == m->id) return te.fail(invalid("不能合并到自身", "into"));
      if (target->status == MatterStatus::merged || target->status == MatterStatus::rejected)
        return te.fail(invalid("要合并到的问题已合并或不予受理", "into"));
      c.merge_target = target->id;
    }

    if (*action == Action::transfer && !req.to_org.empty()) {
      const Org* o = cat.orgs().find_code(req.to_org);
      if (!o || o->kind != OrgKind::area)
        return te.fail(invalid("转办至的地区“" + req.to_org + "”不存在", "to_org"));
      if (!o->active) return te.fail(invalid("地区“" + o->name + "”已停用,不能转办", "to_org"));
      if (dispatch_org(*m) == o->id) return te.fail(invalid("该问题已由该地区分派", "to_org"));
      in.transfer_to = o->id;
    }
    if (*action == Action::delegate && !req.handler.empty()) {
      auto h = unit_handler(tx, *m, cat.orgs(), req.handler);
      if (!h) return te.fail(h.error());
      in.handler = h->id;
      c.payload_extra["handler"] = h->username;
      c.payload_extra["handler_name"] = h->display_name;
      c.payload_extra["handler_id"] = h->id;
    }
    auto to = decide(facts_now(tx, *m, cat.orgs(), deadlines->calendar, now), *action, in, roles);
    if (!to) return te.fail(to.error());
    if (m->channel == Channel::petition) {
      const PetitionProgress progress = petition_progress(*m, tx.events_of(m->id), cat.orgs(), now);
      if (Status ps = prepare_petition_request(*m, progress, cat, *action, in, c.payload_extra); !ps)
        return te.fail(ps.error());
    }
    if (*action == Action::resolve || *action == Action::close) {
      // 办结 / 销号 with measures short of done: the user says why, and the event keeps it
      // with the measures it concerned (issue 9).
      const MatterReader reader(tx, &actor, cat.orgs());
      nlohmann::json unfinished = nlohmann::json::array();
      std::string named;
      for (const Measure& ms : db::measures_of(tx, m->id)) {
        if (ms.status == MeasureStatus::done || ms.status == MeasureStatus::cancelled ||
            ms.progress >= 100)
          continue;
        const std::string content = reader.text(*m, ms.content);
        unfinished.push_back({{"id", ms.id}, {"content", content}, {"progress", ms.progress}});
        if (unfinished.size() <= 3)
          named += (named.empty() ? "" : "、") + std::string("“") +
                   utf8_prefix(content, 20) + "”(进展" + std::to_string(ms.progress) + "%)";
      }
      const std::string why = trim_copy(req.unfinished_measures_reason);
      if (!unfinished.empty()) {
        if (why.empty())
          return te.fail(invalid("尚有" + std::to_string(unfinished.size()) + "项整改措施未完成:" +
                                     named + (unfinished.size() > 3 ? "等" : "") +
                                     ",请确认并说明未完成的原因(unfinished_measures_reason)",
                                 "unfinished_measures_reason"));
        if (!valid_utf8(why) || utf8_length(why) > 500)
          return te.fail(invalid("未完成原因不能超过500个字", "unfinished_measures_reason"));
        c.payload_extra["unfinished_measures"] = std::move(unfinished);
        c.payload_extra["unfinished_measures_reason"] = why;
      }
    }
    // The other use case's own row first, so its seal goes into the action's audit event.
    if (hooks.record)
      if (Status hs = hooks.record(tx, *m); !hs) return te.fail(hs.error());
    MatterStatus target = *to;
    if (*action == Action::resolve && held_for_review(tx, *m, cat, roles)) {
      // 审核答复: the reply waits for the unit leader; it does not reach the citizen yet.
      c.event_type = std::string(kReplyForReview);
      target = m->status;
    }
    auto stored = apply_action(c, *m, *action, in, target);
    if (!stored) return te.fail(stored.error());
    if (*action == Action::review_reply && *in.approve) {
      // Approved: the held reply goes out, resolved as the handler's resolve would have been.
      const UnitDuties duties = unit_duties(tx.events_of(m->id), [](const Event& e) { return e.actor_label; });
      ActionContext rc{tx, *deadlines, cat, &actor, "", {}, {}, {}, now};
      rc.payload_extra["reviewed"] = true;
      ActionInput rin;
      rin.reply = duties.review.reply;
      for (const Event& e : tx.events_of(m->id))
        if (e.type == kReplyForReview) rc.payload_extra["drafted_by"] = e.actor_label;
      stored = apply_action(rc, *stored, Action::resolve, rin, MatterStatus::resolved);
      if (!stored) return te.fail(stored.error());
    }
    out = build_detail(tx, actor, *stored, cat, now, deadlines->calendar);
    saved = *stored;
    return ok();
  });
  if (!st) return te.take(st);
  if (DuplicateService* dups = ctx_.duplicates(); dups && saved) dups->matter_saved(*saved);
  if (routing && classifies && saved) routing->record_classification(corrected.value_or(false));
  return out;
}

Result<int> MatterService::verify_timed_out(Instant as_of) {
  auto deadlines = ctx_.deadlines();
  const int days = deadlines->verify_timeout_days;
  if (days <= 0) return 0;
  const Date today = local_date(as_of);
  std::vector<std::pair<Id, Instant>> due;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    for (const auto& [id, resolved_at] : db::awaiting_verification(tx))
      if (deadlines->calendar.add_working_days(local_date(resolved_at), days) < today)
        due.emplace_back(id, resolved_at);
    return ok();
  });
  if (!st) return st.error();
  int verified = 0;
  for (const auto& [id, resolved_at] : due) {
    bool moved = false;
    Status w = ctx_.store().write([&](Tx& tx) -> Status {
      // Answered or reopened since it was read: not this rule's any more.
      auto m = db::matter_by_id(tx, id);
      if (!m || m->status != MatterStatus::resolved || m->resolved_at != resolved_at) return ok();
      const CatalogPtr catalog = ctx_.catalog(tx);
      ActionContext c{tx, *deadlines, *catalog, nullptr, {}, {}, {}, {}, ctx_.clock().now()};
      c.actor_label = "system";
      c.payload_extra["days"] = days;
      c.payload_extra["due"] =
          format_date(deadlines->calendar.add_working_days(local_date(resolved_at), days));
      c.payload_extra["as_of"] = format_local_time(as_of);
      auto stored = apply_action(c, *m, Action::verify_timeout, ActionInput{}, MatterStatus::verified);
      if (!stored) return stored.error();
      moved = true;
      return ok();
    });
    if (!w) return w.error();
    if (moved) ++verified;
  }
  return verified;
}

Result<DeadlinePreview> MatterService::default_deadline(const std::string& channel,
                                                        const std::string& handling_class,
                                                        const std::string& from) {
  auto ch = channel.empty() ? std::optional<Channel>(Channel::web) : parse_channel(channel);
  if (!ch) return invalid("来源渠道无效", "channel");
  auto hc = handling_class.empty() ? std::optional<HandlingClass>(HandlingClass::phased)
                                   : parse_handling_class(handling_class);
  if (!hc) return invalid("办理类型无效", "handling_class");
  auto d = optional_date(from, "from");
  if (!d) return d.error();
  auto deadlines = ctx_.deadlines();
  Instant start = *d ? start_of_local_day(**d) + 12 * 3600 : ctx_.clock().now();
  DeadlineRule rule = deadlines->rules.rule_for(*ch, *hc);
  DeadlinePreview p;
  p.deadline = local_date(deadlines->rules.due(start, *ch, *hc, deadlines->calendar));
  p.days = rule.days;
  p.working_days = rule.working_days;
  p.text = std::to_string(rule.days) + (rule.working_days ? "个工作日" : "天");
  return p;
}

MatterSourceRef matter_source(Tx& tx, const Matter& m) {
  MatterSourceRef out;
  if (m.source.empty()) return out;
  for (const auto& e : tx.events_of(m.id)) {
    if (e.type != "submit") continue;
    auto p = nlohmann::json::parse(e.payload, nullptr, false);
    if (p.is_object() && p.contains("source") && p["source"].is_object()) {
      out.kind = p["source"].value("kind", "");
      out.code = p["source"].value("code", "");
    }
    break;
  }
  return out;
}

}  // namespace huiyin
