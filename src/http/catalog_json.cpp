#include "http/catalog_json.hpp"

namespace huiyin::http {

json category_json(const CategoryView& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"parent", c.parent_code.empty() ? json(nullptr) : json(c.parent_code)},
          {"level", c.level},
          {"active", c.active}};
}

json org_view_json(const OrgView& o) {
  return {{"code", o.code},
          {"name", o.name},
          {"kind", code(o.kind)},
          {"kind_label", label(o.kind)},
          {"level", o.level},
          {"parent", o.parent_code.empty() ? json(nullptr) : json(o.parent_code)},
          {"active", o.active}};
}

json campaign_json(const Campaign& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"starts_at", iso_time_or_null(c.starts_at)},
          {"ends_at", iso_time_or_null(c.ends_at)}};
}

json calendar_json(const std::vector<CalendarDay>& days) {
  json out = json::array();
  for (const auto& d : days) {
    out.push_back({{"date", format_date(d.date)},
                   {"type", d.type == DayType::holiday ? "holiday" : "workday"},
                   {"type_label", d.type == DayType::holiday ? "节假日" : "调休上班"},
                   {"name", d.name}});
  }
  return {{"days", std::move(out)}};
}

json deadline_rules_json(const std::vector<DeadlineRule>& rules) {
  json out = json::array();
  for (const auto& r : rules) {
    out.push_back(
        {{"channel", r.channel ? json(code(*r.channel)) : json(nullptr)},
         {"channel_label", r.channel ? json(label(*r.channel)) : json(nullptr)},
         {"handling_class", r.handling_class ? json(code(*r.handling_class)) : json(nullptr)},
         {"handling_class_label",
          r.handling_class ? json(label(*r.handling_class)) : json(nullptr)},
         {"days", r.days},
         {"unit", r.working_days ? "working" : "calendar"},
         {"unit_label", r.working_days ? "工作日" : "自然日"}});
  }
  return {{"rules", std::move(out)}};
}

}  // namespace huiyin::http
