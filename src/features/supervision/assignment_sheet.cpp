#include "features/supervision/assignment_sheet.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "http/printable.hpp"

namespace huiyin {

using http::html_escape;
constexpr auto row = http::printable_row;

Result<std::string> assignment_sheet(MatterService& matters, const Actor& actor,
                                     const std::string& code) {
  auto d = matters.get(actor, code);
  if (!d) return d.error();
  const EventView* assign = nullptr;
  int count = 0;
  for (const auto& ev : d->events)
    if (ev.event.type == "assign") {
      assign = &ev;
      ++count;
    }
  if (!assign) return conflict("该问题尚未交办,没有交办单");
  const Matter& m = d->summary.matter;
  auto p = nlohmann::json::parse(assign->event.payload, nullptr, false);
  if (!p.is_object()) p = nlohmann::json::object();

  std::string co;
  for (const auto& o : d->co_orgs) co += (co.empty() ? "" : "、") + o.name;
  std::string handling = "—";
  if (m.handling_class) handling = std::string(label(*m.handling_class));
  std::string deadline = p.value("deadline", "");
  if (deadline.empty() && m.deadline) deadline = format_date(local_date(*m.deadline));

  std::string body = "<p class=\"doc-no\">交办编号:" + html_escape(m.code) + "-J" +
                     std::to_string(count) + "</p>\n<table>\n";
  body += row("问题编号", html_escape(m.code));
  body += row("问题标题", html_escape(m.title));
  body += row("问题描述", html_escape(m.content));
  body += row("反映时间", format_local_time(m.created_at));
  body += row("问题类别", html_escape(d->summary.category_name.empty() ? "—" : d->summary.category_name));
  body += row("所属区域", html_escape(d->summary.area_path.empty() ? "—" : d->summary.area_path));
  body += row("主办单位", html_escape(d->summary.lead_org ? d->summary.lead_org->name : "—"));
  body += row("协办单位", html_escape(co.empty() ? "—" : co));
  body += row("办理类型", html_escape(handling));
  body += row("办理时限", html_escape(deadline.empty() ? "—" : "请于" + deadline + "前办结并答复"));
  body += row("交办意见", html_escape(p.value("note", "").empty() ? "请按时限办理并及时答复" : p.value("note", "")));
  body += row("交办人", html_escape(assign->actor_label) + " " + format_local_time(assign->event.at));
  body += row("签收", "<div class=\"answer\">签收人:　　　　　　　签收时间:</div>");
  body += "</table>\n<p class=\"sign\">" + html_escape(assign->actor_label) + "<br>" +
          format_date(local_date(assign->event.at)) + "</p>";
  return http::printable_page("交办单", body);
}

}  // namespace huiyin
