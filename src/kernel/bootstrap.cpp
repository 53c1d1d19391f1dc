#include "kernel/bootstrap.hpp"

#include <map>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/deadline_rules.hpp"
#include "domain/escalation.hpp"
#include "domain/table.hpp"
#include "share/resources.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

struct CategoryRow {
  std::string code, name, parent;
};

Result<std::vector<CategoryRow>> parse_categories(std::string_view text) {
  std::vector<CategoryRow> rows;
  for (const TableRow& row : read_tsv(text, {.comments = true})) {
    if (row[0] == "code" && row.size() > 1) continue;  // the header line, wherever it is
    if (row.size() < 2 || row[0].empty() || row[1].empty())
      return invalid("类别表第" + std::to_string(row.line()) + "行无效", "categories");
    rows.push_back({row[0], row[1], row[2]});
  }
  return rows;
}

Status load_categories(Tx& tx, const std::vector<CategoryRow>& rows) {
  std::map<std::string, std::pair<Id, int>> ids;  // code -> (id, level)
  // Parents before children, whatever the file order: repeat passes until nothing is left.
  std::vector<const CategoryRow*> pending;
  for (const auto& r : rows) pending.push_back(&r);
  while (!pending.empty()) {
    std::vector<const CategoryRow*> later;
    for (const CategoryRow* r : pending) {
      Category c;
      c.code = r->code;
      c.name = r->name;
      if (!r->parent.empty()) {
        auto p = ids.find(r->parent);
        if (p == ids.end()) {
          later.push_back(r);
          continue;
        }
        c.parent = p->second.first;
        c.level = p->second.second + 1;
      }
      auto id = db::put_category(tx, c);
      if (!id) return id.error();
      ids[c.code] = {*id, c.level};
    }
    if (later.size() == pending.size())
      return invalid("类别表中上级类别不存在:" + later.front()->parent, "categories");
    pending = std::move(later);
  }
  return ok();
}

}  // namespace

Status bootstrap_defaults(Store& store, const Clock& clock) {
  auto cats = resource("categories.tsv");
  return bootstrap_defaults(store, clock, cats ? *cats : std::string_view{});
}

Status bootstrap_defaults(Store& store, const Clock& clock, std::string_view categories_tsv) {
  auto rows = parse_categories(categories_tsv);
  if (!rows) return rows.error();
  return store.write([&](Tx& tx) -> Status {
    if (db::list_categories(tx).empty() && !rows->empty()) {
      if (Status st = load_categories(tx, *rows); !st) return st;
    }
    if (db::calendar_days(tx).empty()) {
      if (auto text = resource("calendar.tsv")) {
        auto cal = WorkCalendar::parse_tsv(*text);
        if (!cal) return cal.error();
        std::vector<CalendarDay> days;
        for (const auto& [d, day] : cal->days()) days.push_back(day);
        if (Status st = db::replace_calendar(tx, days); !st) return st;
      }
    }
    if (!db::setting(tx, kDeadlineRulesSetting)) {
      if (auto text = resource("deadline_rules.tsv")) {
        auto rules = DeadlineRules::parse_tsv(*text);
        if (!rules) return rules.error();
        if (Status st = db::set_setting(tx, kDeadlineRulesSetting, std::string(*text)); !st) return st;
      }
    }
    if (!db::setting(tx, kEscalationRulesSetting)) {
      if (auto text = resource("escalation_rules.tsv")) {
        auto rules = EscalationRules::parse_tsv(*text);
        if (!rules) return rules.error();
        if (Status st = db::set_setting(tx, kEscalationRulesSetting, std::string(*text)); !st)
          return st;
      }
    }
    return ok();
  });
}

Result<bool> needs_first_admin(Store& store) {
  bool needs = true;
  Status st = store.read([&](Tx& tx) -> Status {
    for (const auto& u : db::list_users(tx)) {
      if (!u.active) continue;
      for (const auto& r : db::roles_of(tx, u.id))
        if (r.role == Role::admin) needs = false;
    }
    return ok();
  });
  if (!st) return st.error();
  return needs;
}

}  // namespace huiyin
