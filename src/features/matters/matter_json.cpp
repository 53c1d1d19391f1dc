#include "features/matters/matter_json.hpp"

#include "domain/public_status.hpp"

namespace huiyin::http {
namespace {

struct TypeLabel {
  std::string_view type;
  std::string_view label;
};

// Event types that are not state-machine actions.
constexpr TypeLabel kEventLabels[] = {
    {"submit", "提交反映"},         {"intake", "提交反映"},
    {"evaluate", "群众评价"},       {"measure_add", "新增整改措施"},
    {"measure_update", "更新整改措施"}, {"reveal", "查看联系方式"},
    {"reveal_contact", "查看联系方式"}, {"classify", "调整分类"},
    {"merged", "合并"},             {"comment", "备注"},
    {"escalate", "督办升级"},
    {"notice_issued", "出具受理告知书"},
    {"deliver_contact", "推送联系方式"},
    {"personal_data_erased", "删除反映人个人信息(保存期满)"},
};

json labelled_status(MatterStatus s) { return code(s); }

// Whose verdict an evaluation is: the reporter's own, a staff call-back, or the timeout rule.
std::string_view evaluation_source_label(std::string_view source) {
  if (source == "citizen") return "群众评价";
  if (source == "staff_call") return "电话回访";
  if (source == "timeout") return "超时默认";
  return source;
}

}  // namespace

std::string event_type_label(std::string_view type) {
  if (auto a = parse_action(type)) return std::string(label(*a));
  for (const auto& e : kEventLabels)
    if (e.type == type) return std::string(e.label);
  return std::string(type);
}

json org_ref_json(const std::optional<OrgRef>& o) {
  if (!o) return nullptr;
  return {{"code", o->code}, {"name", o->name}};
}

json summary_json(const MatterSummary& s) {
  const Matter& m = s.matter;
  json j = {
      {"code", m.code},
      {"title", m.title},
      {"status", labelled_status(m.status)},
      {"status_label", label(m.status)},
      {"channel", code(m.channel)},
      {"channel_label", label(m.channel)},
      {"kind", code(m.kind)},
      {"kind_label", label(m.kind)},
      {"category", s.category_code.empty() ? json(nullptr) : json(s.category_code)},
      {"category_label", s.category_name.empty() ? json(nullptr) : json(s.category_name)},
      {"area", org_ref_json(s.area)},
      {"area_path", s.area_path.empty() ? json(nullptr) : json(s.area_path)},
      {"lead_org", org_ref_json(s.lead_org)},
      {"handling_class", m.handling_class ? json(code(*m.handling_class)) : json(nullptr)},
      {"handling_class_label",
       m.handling_class ? json(label(*m.handling_class)) : json(nullptr)},
      {"deadline", iso_time_or_null(m.deadline)},
      {"deadline_text", s.deadline_text.empty() ? json(nullptr) : json(s.deadline_text)},
      {"original_deadline", iso_time_or_null(s.original_deadline)},
      {"extended_deadline", iso_time_or_null(s.extended_deadline)},
      {"overdue", s.overdue},
      {"created_at", iso_time(m.created_at)},
      {"updated_at", iso_time(m.updated_at)},
      {"version", m.version},
      {"campaign", s.campaign_code.empty() ? json(nullptr) : json(s.campaign_code)},
  };
  j["source"] = s.source_code.empty() ? json(nullptr)
                                      : json{{"kind", s.source_kind}, {"code", s.source_code}};
  if (!s.snippet.empty()) j["snippet"] = s.snippet;  // keyword lists only
  return j;
}

json reporter_json(const ReporterView& r) {
  return {{"name", r.name},         {"phone", r.phone},           {"anonymous", r.anonymous},
          {"masked", r.masked},     {"withheld", r.withheld},     {"can_reveal", r.can_reveal}};
}

namespace {

json petition_json(const PetitionProgress& p, const std::optional<OrgRef>& request_org) {
  json j = {{"notice_due", iso_time(p.notice_due)},
            {"notice_issued_at", iso_time_or_null(p.notice_issued_at)},
            {"notice_overdue", p.notice_overdue},
            {"stage", code(p.stage)},
            {"stage_label", label(p.stage)},
            {"request_action", p.request_action ? json(code(*p.request_action)) : json(nullptr)},
            {"request_action_label", p.request_action ? json(label(*p.request_action)) : json(nullptr)},
            {"request_due", iso_time_or_null(p.request_due)},
            {"request_open", p.request_open},
            {"request_org", org_ref_json(request_org)}};
  return j;
}

}  // namespace

json instructions_json(const std::vector<InstructionView>& list) {
  json out = json::array();
  for (const auto& i : list)
    out.push_back({{"by", i.by},
                   {"at", iso_time(i.at)},
                   {"text", i.text},
                   {"answered_at", iso_time_or_null(i.answered_at)},
                   {"answer", i.answered_at ? json(i.answer) : json(nullptr)}});
  return out;
}

json detail_json(const MatterDetail& d) {
  json j = summary_json(d.summary);
  const Matter& m = d.summary.matter;
  j["content"] = m.content;
  j["address"] = m.address;
  j["lat"] = m.lat ? json(*m.lat) : json(nullptr);
  j["lng"] = m.lng ? json(*m.lng) : json(nullptr);
  j["reporter"] = reporter_json(d.reporter);
  j["public_consent"] = m.public_consent;
  json co = json::array();
  for (const auto& o : d.co_orgs) co.push_back({{"code", o.code}, {"name", o.name}});
  j["co_orgs"] = std::move(co);
  json subj = json::array();
  for (const auto& o : d.subject_orgs) subj.push_back({{"code", o.code}, {"name", o.name}});
  j["subject_orgs"] = std::move(subj);
  j["merged_into"] = d.merged_into_code.empty() ? json(nullptr) : json(d.merged_into_code);
  j["source"] = d.source_code.empty()
                    ? json(nullptr)
                    : json{{"kind", d.source_kind}, {"code", d.source_code}};
  j["reply"] = m.reply;
  json atts = json::array();
  for (const auto& a : d.attachments)
    atts.push_back({{"id", a.handle}, {"mime", a.mime}, {"size", a.size}});
  j["attachments"] = std::move(atts);
  j["solved"] = m.solved ? json(*m.solved) : json(nullptr);
  j["satisfaction"] = m.satisfaction ? json(code(*m.satisfaction)) : json(nullptr);
  j["satisfaction_label"] = m.satisfaction ? json(label(*m.satisfaction)) : json(nullptr);
  j["extension_pending"] = m.extension_pending;
  j["extension_days_requested"] = m.extension_days_requested;
  j["return_count"] = m.return_count;
  j["accepted_at"] = iso_time_or_null(m.accepted_at);
  j["assigned_at"] = iso_time_or_null(m.assigned_at);
  j["signed_at"] = iso_time_or_null(m.signed_at);
  j["resolved_at"] = iso_time_or_null(m.resolved_at);
  j["closed_at"] = iso_time_or_null(m.closed_at);
  j["escalation"] = {{"level", code(d.escalation.level)},
                     {"label", d.escalation.level == EscalationLevel::none
                                   ? json(nullptr)
                                   : json(label(d.escalation.level))},
                     {"rule", d.escalation.rule.empty() ? json(nullptr) : json(d.escalation.rule)},
                     {"since", iso_time_or_null(d.escalation.since)}};
  json history = json::array();
  for (const auto& h : d.deadline_history)
    history.push_back({{"deadline", format_date(local_date(h.deadline))},
                       {"set_at", iso_time(h.set_at)},
                       {"type", h.type},
                       {"type_label", event_type_label(h.type)},
                       {"by", h.by},
                       {"reached", h.reached}});
  j["deadline_history"] = std::move(history);
  const SupervisionState& sv = d.supervision;
  j["supervision"] = {{"urged", sv.urged},
                      {"supervised", sv.supervised},
                      {"pending", sv.pending},
                      {"listed", sv.listed},
                      {"answer_by", sv.answer_by ? json(format_date(*sv.answer_by)) : json(nullptr)},
                      {"since", iso_time_or_null(sv.since)}};
  j["instructions"] = instructions_json(d.instructions);
  j["handler"] = d.handler ? json{{"username", d.handler->username}, {"name", d.handler->name}}
                           : json(nullptr);
  const ReplyReview& rv = d.review;
  j["review"] = {{"pending", rv.pending},
                 {"reply", rv.pending ? json(rv.reply) : json(nullptr)},
                 {"by", rv.pending ? json(rv.by) : json(nullptr)},
                 {"at", iso_time_or_null(rv.pending ? rv.at : std::nullopt)},
                 {"returned_note", rv.returned_at ? json(rv.returned_note) : json(nullptr)},
                 {"returned_by", rv.returned_at ? json(rv.returned_by) : json(nullptr)},
                 {"returned_at", iso_time_or_null(rv.returned_at)}};
  json events = json::array();
  for (const auto& ev : d.events) {
    const Event& e = ev.event;
    json payload = json::parse(e.payload, nullptr, false);
    if (payload.is_discarded()) payload = e.payload.empty() ? json::object() : json(e.payload);
    events.push_back({
        {"seq", e.seq},
        {"at", iso_time(e.at)},
        {"type", e.type},
        {"type_label", event_type_label(e.type)},
        {"actor", ev.actor},
        {"actor_label", ev.actor_label},
        {"summary", ev.summary},
        {"from_status", e.from_status ? json(code(*e.from_status)) : json(nullptr)},
        {"from_status_label", e.from_status ? json(label(*e.from_status)) : json(nullptr)},
        {"to_status", e.to_status ? json(code(*e.to_status)) : json(nullptr)},
        {"to_status_label", e.to_status ? json(label(*e.to_status)) : json(nullptr)},
        {"public", e.is_public},
        {"payload", std::move(payload)},
    });
  }
  j["events"] = std::move(events);
  json measures = json::array();
  for (const auto& mv : d.measures) measures.push_back(measure_json(mv));
  j["measures"] = std::move(measures);
  json evals = json::array();
  for (const auto& e : d.evaluations) {
    evals.push_back({{"solved", e.solved},
                     {"satisfaction", code(e.satisfaction)},
                     {"satisfaction_label", label(e.satisfaction)},
                     {"comment", e.comment},
                     {"source", e.source},
                     {"source_label", evaluation_source_label(e.source)},
                     {"at", iso_time(e.at)}});
  }
  j["evaluations"] = std::move(evals);
  json actions = json::array();
  json action_labels = json::object();
  for (Action a : d.available_actions) {
    actions.push_back(code(a));
    action_labels[std::string(code(a))] = label(a);
  }
  j["available_actions"] = std::move(actions);
  j["available_action_labels"] = std::move(action_labels);
  j["petition"] = d.petition ? petition_json(*d.petition, d.petition_request_org) : json(nullptr);
  return j;
}

json track_json(const TrackView& t) {
  json j = {
      {"code", t.code},
      {"title", t.title},
      {"content", t.content},
      {"status", code(t.status)},
      {"status_label", label(t.status)},
      // The page's wording (issue 9: no 已回访 / 已销号 jargon) and the unit answering for it.
      {"public_status_label", public_label(t.status)},
      {"lead_unit", t.lead_unit.empty() ? json(nullptr) : json(t.lead_unit)},
      {"category", t.category_code.empty() ? json(nullptr) : json(t.category_code)},
      {"category_label", t.category_name.empty() ? json(nullptr) : json(t.category_name)},
      {"created_at", iso_time(t.created_at)},
      {"deadline", iso_time_or_null(t.deadline)},
      {"reply", t.reply.empty() ? json(nullptr) : json(t.reply)},
      {"resolved_at", iso_time_or_null(t.resolved_at)},
      {"can_evaluate", t.can_evaluate},
      {"merged_into", t.merged_into.empty() ? json(nullptr) : json(t.merged_into)},
  };
  // A petition: its stage, and whether (until when, to which office) the petitioner may ask for
  // 复查 / 复核 (POST /api/v1/track/{code}/request).
  j["petition"] = t.petition ? petition_json(*t.petition, t.petition_request_org) : json(nullptr);
  if (t.evaluation) {
    j["evaluation"] = {{"solved", t.evaluation->solved},
                       {"satisfaction", code(t.evaluation->satisfaction)},
                       {"satisfaction_label", label(t.evaluation->satisfaction)},
                       {"comment", t.evaluation->comment},
                       // citizen | staff_call | timeout: whose verdict the page shows
                       {"source", t.evaluation->source},
                       {"source_label", evaluation_source_label(t.evaluation->source)},
                       {"at", iso_time(t.evaluation->at)}};
  } else {
    j["evaluation"] = nullptr;
  }
  json tl = json::array();
  for (const auto& item : t.timeline) {
    tl.push_back({{"at", iso_time(item.at)},
                  {"type", item.type},
                  {"type_label", event_type_label(item.type)},
                  {"public_type_label", public_event_label(item.type)},
                  {"status", item.status ? json(code(*item.status)) : json(nullptr)},
                  {"status_label", item.status ? json(label(*item.status)) : json(nullptr)},
                  {"public_status_label",
                   item.status ? json(public_label(*item.status)) : json(nullptr)},
                  {"note", item.note.empty() ? json(nullptr) : json(item.note)}});
  }
  j["timeline"] = std::move(tl);
  return j;
}


}  // namespace huiyin::http
