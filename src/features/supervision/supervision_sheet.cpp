#include "features/supervision/supervision_sheet.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "http/printable.hpp"

namespace huiyin {

using http::html_escape;

using http::printable_row;
constexpr auto row = printable_row;

Result<std::string> supervision_sheet(MatterService& matters, const Actor& actor,
                                      const std::string& code) {
  auto d = matters.get(actor, code);
  if (!d) return d.error();
  const EventView* supervise = nullptr;
  const EventView* answer = nullptr;
  int count = 0;
  for (const auto& ev : d->events) {
    if (ev.event.type == "supervise") {
      supervise = &ev;
      answer = nullptr;
      ++count;
    } else if (ev.event.type == "answer" && supervise) {
      answer = &ev;
    }
  }
  if (!supervise) return conflict("该问题尚未督办,没有督办单");
  const Matter& m = d->summary.matter;
  auto p = nlohmann::json::parse(supervise->event.payload, nullptr, false);
  if (!p.is_object()) p = nlohmann::json::object();
  const std::string reason = p.value("reason", "");
  const std::string answer_by = p.value("answer_by", "");
  const bool listed = p.value("listed", false);

  std::string body = "<p class=\"doc-no\">督办编号:" + html_escape(m.code) + "-D" +
                     std::to_string(count) + (listed ? "(挂牌督办)" : "") + "</p>\n<table>\n";
  body += row("问题编号", html_escape(m.code));
  body += row("问题标题", html_escape(m.title));
  body += row("问题描述", html_escape(m.content));
  body += row("反映时间", format_local_time(m.created_at));
  body += row("承办单位", html_escape(d->summary.lead_org ? d->summary.lead_org->name : "—"));
  std::string deadline = "—";
  if (m.deadline)
    deadline = format_date(local_date(*m.deadline)) +
               (d->summary.deadline_text.empty() ? "" : "(" + d->summary.deadline_text + ")");
  body += row("办理时限", html_escape(deadline));
  if (d->escalation.level != EscalationLevel::none)
    body += row("时限督办", html_escape(std::string(label(d->escalation.level))));
  body += row("督办方式", listed ? "挂牌督办" : "督办");
  body += row("督办意见", html_escape(reason));
  body += row("督办人", html_escape(supervise->actor_label) + " " + format_local_time(supervise->event.at));
  body += row("答复期限", html_escape(answer_by.empty() ? "—" : "请于" + answer_by + "前书面答复"));
  std::string reply_html = "<div class=\"answer\"></div>";
  if (answer) {
    auto a = nlohmann::json::parse(answer->event.payload, nullptr, false);
    const std::string reply = a.is_object() ? a.value("reply", "") : "";
    reply_html = html_escape(reply) + "<br>" + html_escape(answer->actor_label) + " " +
                 format_local_time(answer->event.at);
  }
  body += row("承办单位答复", reply_html);
  body += "</table>\n<p class=\"sign\">" + html_escape(supervise->actor_label) + "<br>" +
          format_date(local_date(supervise->event.at)) + "</p>";
  return http::printable_page("督办单", body);
}

}  // namespace huiyin
