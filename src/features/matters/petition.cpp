#include "features/matters/petition.hpp"

#include "domain/deadline_rules.hpp"
#include "http/printable.hpp"
#include "kernel/org_index.hpp"

namespace huiyin {
namespace {

using http::html_escape;

bool answered(MatterStatus s) {
  return s == MatterStatus::resolved || s == MatterStatus::verified || s == MatterStatus::closed;
}

// Line breaks of the text kept as <br>.
std::string html_text(std::string_view in) {
  std::string out;
  for (char ch : html_escape(in)) {
    if (ch == '\n') out += "<br>";
    else if (ch != '\r') out += ch;
  }
  return out;
}

std::string_view document_name(PetitionStage s) {
  switch (s) {
    case PetitionStage::handle: return "信访事项处理意见书";
    case PetitionStage::review: return "信访事项复查意见书";
    case PetitionStage::recheck: return "信访事项复核意见书";
  }
  return "";
}

// The page around a document: the one printable frame (http/printable.hpp), numbered.
std::string page(std::string_view title, const std::string& code, const std::string& body) {
  return http::printable_page(title, "<p class=\"doc-no\">编号:" + html_escape(code) + "</p>\n" + body);
}

using row_fn = std::string (*)(std::string_view, std::string_view);
constexpr row_fn row = http::printable_row;

}  // namespace

PetitionProgress petition_progress(const Matter& m, const std::vector<Event>& events,
                                   const OrgIndex& orgs, Instant now) {
  PetitionProgress p;
  p.notice_due = m.acknowledge_due.value_or(petition_acknowledge_due(m.created_at));
  for (const Event& e : events) {
    if (e.type == kNoticeIssued && !p.notice_issued_at) p.notice_issued_at = e.at;
    if (e.type == code(Action::review_request)) p.stage = PetitionStage::review;
    if (e.type == code(Action::recheck_request)) p.stage = PetitionStage::recheck;
  }
  p.notice_overdue = !p.notice_issued_at && now > p.notice_due &&
                     m.status != MatterStatus::rejected && m.status != MatterStatus::merged;
  if (answered(m.status) && m.resolved_at) {
    p.request_action = next_petition_request(p.stage);
    if (p.request_action) {
      p.request_due =
          end_of_local_day(local_date(*m.resolved_at) + std::chrono::days{kPetitionRequestDays});
      if (const Org* lead = m.lead_org_id ? orgs.find(*m.lead_org_id) : nullptr) p.request_org = lead->parent;
      p.request_open = now <= *p.request_due && p.request_org;
    }
  }
  return p;
}

MatterFacts with_petition(MatterFacts f, const PetitionProgress& p, Instant now) {
  f.petition_stage = p.stage;
  f.request_window_open = p.request_due && now <= *p.request_due;
  return f;
}

Status prepare_petition_request(const Matter& m, const PetitionProgress& p,
                                const CatalogSnapshot& cat, Action a, ActionInput& in,
                                nlohmann::json& extra) {
  if (a != Action::review_request && a != Action::recheck_request) return ok();
  const Org* above = p.request_org ? cat.orgs().find(*p.request_org) : nullptr;
  if (!above)
    return conflict(std::string("原办理机关没有上一级机关,不能请求") +
                    (a == Action::review_request ? "复查" : "复核"));
  in.lead_org = above->id;
  extra["stage"] = std::string(code(stage_after(a)));
  if (const Org* from = m.lead_org_id ? cat.orgs().find(*m.lead_org_id) : nullptr)
    extra["from_org"] = from->code;
  return ok();
}

std::string notice_html(const PetitionDocument& d) {
  const Date due = d.date + std::chrono::days{kPetitionHandleDays};
  std::string body = "<table>\n" + row("信访人", html_escape(d.petitioner)) +
                     row("信访事项", html_escape(d.title) + "<br>" + html_text(d.content)) +
                     row("受理机关", html_escape(d.office)) + row("受理日期", format_date(d.date)) +
                     row("办理期限", "自受理之日起" + std::to_string(kPetitionHandleDays) + "日内办结(至" +
                                         format_date(due) +
                                         ");情况复杂的,经批准可以适当延长,延长期限不超过30日,"
                                         "并告知信访人延期理由。") +
                     "</table>\n";
  body += "<p>您反映的信访事项,本机关已依照《信访工作条例》予以受理,现予告知。办理结果将以书面形式答复您。"
          "您对处理意见不服的,可以自收到书面答复之日起30日内请求原办理机关的上一级机关复查。</p>\n";
  body += "<p>本机关将依法保护您的个人信息,不将您的姓名、联系方式等透露给被反映的单位和个人。</p>\n";
  body += "<p class=\"sign\">" + html_escape(d.office) + "<br>" + format_date(d.printed) + "</p>\n";
  return page("信访事项受理告知书", d.code, body);
}

std::string reply_html(const PetitionDocument& d) {
  std::string body = "<table>\n" + row("信访人", html_escape(d.petitioner)) +
                     row("信访事项", html_escape(d.title) + "<br>" + html_text(d.content)) +
                     row(d.stage == PetitionStage::handle ? "办理机关"
                         : d.stage == PetitionStage::review ? "复查机关"
                                                            : "复核机关",
                         html_escape(d.office)) +
                     row("答复日期", format_date(d.date)) +
                     row(d.stage == PetitionStage::handle ? "处理意见"
                         : d.stage == PetitionStage::review ? "复查意见"
                                                            : "复核意见",
                         html_text(d.reply)) +
                     "</table>\n";
  const std::string next = d.next_office.empty() ? "上一级机关" : d.next_office;
  switch (d.stage) {
    case PetitionStage::handle:
      body += "<p>信访人对本处理意见不服的,可以自收到本意见书之日起30日内向" + html_escape(next) +
              "请求复查。收到复查请求的机关应当自收到复查请求之日起30日内提出复查意见,并予以书面答复。</p>\n";
      break;
    case PetitionStage::review:
      body += "<p>信访人对本复查意见不服的,可以自收到本意见书之日起30日内向" + html_escape(next) +
              "请求复核。收到复核请求的机关应当自收到复核请求之日起30日内提出复核意见。</p>\n";
      break;
    case PetitionStage::recheck:
      body += "<p>本复核意见为最终意见。信访人对复核意见不服,仍然以同一事实和理由提出投诉请求的,"
              "不再受理。</p>\n";
      break;
  }
  body += "<p class=\"sign\">" + html_escape(d.office) + "<br>" + format_date(d.printed) + "</p>\n";
  return page(document_name(d.stage), d.code, body);
}

}  // namespace huiyin
