#include "demo/demo_visits.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "demo/demo_seed_data.hpp"
#include "domain/calendar.hpp"
#include "domain/table.hpp"
#include "features/matters/matters.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "share/resources.hpp"

namespace huiyin {
namespace {

constexpr Instant kDay = 86400;


// An empty cell has no parts.
std::vector<std::string> split_field_nonempty(std::string_view s, std::string_view sep) {
  if (s.empty()) return {};
  return split_field(s, sep);
}

Error bad(int line, const std::string& what) {
  return invalid("演示数据 visits.tsv 第" + std::to_string(line) + "行:" + what, "visits.tsv");
}

}  // namespace

Result<std::vector<DemoTask>> demo_visit_tasks(Services& s, Instant now,
                                               const std::map<std::string, Actor>& actors) {
  std::vector<DemoTask> tasks;
  auto text = resource("demo/visits.tsv");
  if (!text) return tasks;
  for (const TableRow& r : read_tsv(*text, {.header = true, .comments = true})) {
    auto leader = actors.find(r.cell("leader"));
    if (leader == actors.end()) return bad(r.line(), "带队领导账号不存在");
    int days = 0;
    try {
      days = std::stoi(r.cell("days_ago"));
    } catch (...) {
      return bad(r.line(), "days_ago 无效");
    }
    // Mid-morning of that day: a visit is recorded when the team is back.
    const Instant at = std::min(start_of_local_day(local_date(now - days * kDay)) + 11 * 3600, now - 3600);
    RecordInput in;
    in.kind = "visit";
    in.method = r.cell("method");
    in.date = format_date(local_date(at));
    in.place_org = r.cell("place");
    in.address = r.cell("address");
    in.leaders = {{leader->first, "", ""}};
    in.topic = r.cell("topic");
    in.summary = r.cell("summary");
    if (!r.cell("attendees").empty()) in.counts["attendees"] = std::stoll(r.cell("attendees"));
    in.units = split_field_nonempty(r.cell("units"), ",");
    for (const auto& p : split_field_nonempty(r.cell("problems"), "；")) {
      auto parts = split_field(p, "|");
      if (parts.size() != 2) return bad(r.line(), "问题应为 标题|内容");
      RecordMatterInput m;
      m.title = parts[0];
      m.content = parts[1];
      in.matters.push_back(std::move(m));
    }
    std::optional<RecordMeasureInput> decision;
    if (!r.cell("decision").empty()) {
      auto parts = split_field_nonempty(r.cell("decision"), "|");
      if (parts.size() != 3) return bad(r.line(), "决定应为 内容|责任单位|天数");
      decision = RecordMeasureInput{parts[0], parts[1],
                                    format_date(local_date(at + std::stoll(parts[2]) * kDay))};
    }
    const Actor* by = &leader->second;
    const int line = r.line();
    tasks.push_back({at, [&s, by, in, decision, line]() -> Status {
      auto rec = s.records().create(*by, in, "demo-visit-" + std::to_string(line));
      if (!rec) return bad(line, rec.error().detail);
      if (decision) {
        auto m = s.records().add_measure(*by, rec->code, *decision);
        if (!m) return bad(line, m.error().detail);
      }
      return ok();
    }, true});
  }
  return tasks;
}

namespace {

Error bad_record(int line, const std::string& what) {
  return invalid("演示数据 records.tsv 第" + std::to_string(line) + "行:" + what, "records.tsv");
}

// "username" or "姓名/职务".
RecordPersonInput person_of(const std::string& cell, const std::map<std::string, Actor>& actors) {
  if (actors.count(cell)) return {cell, "", ""};
  auto parts = split_field(cell, "/");
  return {"", parts.at(0), parts.size() > 1 ? parts[1] : ""};
}

// The first handler or unit leader of `org`, else the admin: who signs and answers its matters.
const Actor* handler_of(const std::string& org, const std::map<std::string, Actor>& actors) {
  const Actor* admin = nullptr;
  for (const auto& [name, a] : actors) {
    if (a.is_admin()) admin = &a;
    for (const auto& r : a.roles)
      if ((r.role == Role::handler || r.role == Role::unit_leader) && r.org.code == org) return &a;
  }
  return admin;
}

}  // namespace

Result<std::vector<DemoTask>> demo_record_tasks(Services& s, ManualClock& clock, Instant now,
                                                const std::map<std::string, Actor>& actors) {
  std::vector<DemoTask> tasks;
  auto text = resource("demo/records.tsv");
  if (!text) return tasks;
  auto dispatcher = actors.find("dispatcher");
  if (dispatcher == actors.end()) return bad_record(0, "缺少市级派单账号 dispatcher");
  const Actor* city = &dispatcher->second;
  // A step `days` after the record, at `hour` o'clock, never past the demo's present (steps that
  // would be are kept in their order just before it).
  auto later = [now](Instant at, int days, int hour) {
    return std::min(start_of_local_day(local_date(at + days * kDay)) + hour * 3600, now - 600);
  };
  // The rotas (rotas.tsv), each created on its first day before the inspections naming it.
  if (auto rotas = resource("demo/rotas.tsv")) {
    for (const TableRow& r : read_tsv(*rotas, {.header = true, .comments = true})) {
      const int line = r.line();
      auto by = actors.find(r.cell("creator"));
      if (by == actors.end())
        return invalid("演示数据 rotas.tsv 第" + std::to_string(line) + "行:创建人账号不存在", "rotas.tsv");
      const int days = std::stoi(r.cell("start_days_ago"));
      RotaInput in{r.cell("name"), r.cell("org"), r.cell("period"),
                   format_date(local_date(now - days * kDay)), r.cell("support"), r.cell("route"),
                   split_field_nonempty(r.cell("leads"), ",")};
      const Actor* who = &by->second;
      tasks.push_back({start_of_local_day(local_date(now - days * kDay)) + 9 * 3600,
                       [&s, who, in, line]() -> Status {
                         auto code = s.records().create_rota(*who, in);
                         if (!code)
                           return invalid("演示数据 rotas.tsv 第" + std::to_string(line) + "行:" +
                                              code.error().detail, "rotas.tsv");
                         return ok();
                       }});
    }
  }
  // The codes of the records made so far, by "<kind>@<days_ago>": what "series": "@<days_ago>"
  // names (the rows run in time order, an earlier meeting before the one continuing it).
  auto made_codes = std::make_shared<std::map<std::string, std::string>>();
  for (const TableRow& r : read_tsv(*text, {.header = true, .comments = true})) {
    const int line = r.line();
    auto rec = actors.find(r.cell("recorder"));
    if (rec == actors.end()) return bad_record(line, "记录人账号不存在");
    const Actor* by = &rec->second;
    int days = 0;
    try {
      days = std::stoi(r.cell("days_ago"));
    } catch (...) {
      return bad_record(line, "days_ago 无效");
    }
    // The evening of that day: recorded when the team is back.
    const Instant at = std::min(start_of_local_day(local_date(now - days * kDay)) + 20 * 3600, now - 3600);
    RecordInput in;
    in.kind = r.cell("kind");
    in.method = r.cell("method");
    in.date = format_date(local_date(now - days * kDay));
    in.place_org = r.cell("place");
    in.address = r.cell("address");
    for (const auto& l : split_field_nonempty(r.cell("leaders"), ","))
      in.leaders.push_back(person_of(l, actors));
    in.topic = r.cell("topic");
    in.summary = r.cell("summary");
    for (const auto& c : split_field_nonempty(r.cell("counts"), ",")) {
      auto kv = split_field(c, "=");
      if (kv.size() != 2) return bad_record(line, "counts 应为 名称=数字");
      in.counts[kv[0]] = std::stoll(kv[1]);
    }
    in.units = split_field_nonempty(r.cell("units"), ",");
    if (!r.cell("fields").empty()) {
      auto f = nlohmann::json::parse(r.cell("fields"), nullptr, false);
      if (!f.is_object()) return bad_record(line, "fields 应为 JSON 对象");
      for (auto it = f.begin(); it != f.end(); ++it) in.fields[it.key()] = it.value();
    }
    std::vector<std::string> outcomes;
    std::vector<std::vector<std::string>> flags;  // after the outcome: +nonotice, +review
    for (const auto& p : split_field_nonempty(r.cell("problems"), "；")) {
      auto parts = split_field(p, "|");
      if (parts.size() != 6) return bad_record(line, "问题应为 标题|内容|主办单位|结果|责任人|集体访");
      RecordMatterInput m;
      m.title = parts[0];
      m.content = parts[1];
      m.lead_org = parts[2];
      if (!parts[4].empty()) m.responsible = person_of(parts[4], actors);
      if (!parts[5].empty()) {
        auto g = split_field(parts[5].substr(parts[5].find('=') + 1), "/");
        m.group = GroupVisitInput{std::stoll(g.at(0)), std::stoll(g.at(1))};
      }
      in.matters.push_back(std::move(m));
      auto outcome = split_field(parts[3], "+");
      outcomes.push_back(outcome.at(0));
      flags.emplace_back(outcome.begin() + 1, outcome.end());
    }
    std::vector<std::string> statuses;
    for (const auto& d : split_field_nonempty(r.cell("decisions"), "；")) {
      auto parts = split_field(d, "|");
      if (parts.size() != 4) return bad_record(line, "交办事项应为 内容|责任单位|天数|状态");
      in.decisions.push_back({parts[0], parts[1], format_date(local_date(at + std::stoll(parts[2]) * kDay))});
      statuses.push_back(parts[3]);
    }
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      if (!outcomes[i].empty() && !handler_of(in.matters[i].lead_org, actors))
        return bad_record(line, "主办单位" + in.matters[i].lead_org + "没有承办账号");

    // What the steps after the record need of it: its code, its matters' codes and versions.
    struct Made {
      std::string code;
      std::vector<std::string> matters;
      std::vector<std::int64_t> versions;
    };
    auto made = std::make_shared<Made>();
    const std::string made_key = in.kind + "@" + std::to_string(days);
    tasks.push_back({at, [&s, by, in, line, made, made_codes, made_key]() -> Status {
      // "@..." in a field names a rota (by name) or an earlier record (by days ago).
      RecordInput given = in;
      for (auto& [name, value] : given.fields) {
        if (!value.is_string() || !value.get<std::string>().starts_with("@")) continue;
        const std::string ref = value.get<std::string>().substr(1);
        if (name == "rota") {
          auto rotas = s.records().rotas(*by);
          if (!rotas) return bad_record(line, rotas.error().detail);
          for (const auto& v : *rotas)
            if (v.rota.name == ref) value = v.rota.code;
        } else if (auto it = made_codes->find(given.kind + "@" + ref); it != made_codes->end()) {
          value = it->second;
        }
        if (value.get<std::string>().starts_with("@")) return bad_record(line, name + " " + ref + " 不存在");
      }
      auto receipt = s.records().create(*by, given, "demo-record-" + std::to_string(line));
      if (!receipt) return bad_record(line, receipt.error().field + " " + receipt.error().detail);
      (*made_codes)[made_key] = receipt->code;
      made->code = receipt->code;
      made->matters = receipt->matters;
      // A matter assigned in its intake is at version 2 (submitted, then assigned).
      made->versions.assign(receipt->matters.size(), 2);
      return ok();
    }, true});

    // Each matter through the loop as far as its outcome says: signed the next morning, answered
    // a few days on, verified by the city's call-back two days later, closed the day after.
    const std::string kind_label(record_kind(in.kind)->label);
    const bool petitions = record_kind(in.kind)->channel == Channel::petition;
    auto flagged = [&flags](std::size_t i, std::string_view f) {
      return std::find(flags[i].begin(), flags[i].end(), f) != flags[i].end();
    };
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      // A petition's 受理告知书: printed by the city's petition office the next morning (that
      // first print is the notice given), unless the row says the office has not yet (+nonotice).
      if (petitions && !flagged(i, "nonotice")) {
        tasks.push_back({later(at, 1, 8), [&s, city, made, i, line]() -> Status {
          auto html = s.matters().petition_notice(*city, made->matters.at(i));
          if (!html) return bad_record(line, made->matters.at(i) + " " + html.error().detail);
          return ok();
        }});
      }
      const std::string outcome = outcomes[i];
      if (outcome.empty()) continue;
      const Actor* unit = handler_of(in.matters[i].lead_org, actors);
      const std::string title = in.matters[i].title;
      auto step = [&s, made, i, line](const Actor* who, ActionRequest req) {
        return [&s, made, i, line, who, req]() -> Status {
          auto done = s.matters().act(*who, made->matters.at(i), req, made->versions.at(i));
          if (!done) return bad_record(line, made->matters.at(i) + " " + done.error().detail);
          made->versions[i] = done->summary.matter.version;
          return ok();
        };
      };
      const int answer_days = 2 + static_cast<int>((line + i) % 6);
      ActionRequest sign;
      sign.action = "sign";
      tasks.push_back({later(at, 1, 9), step(unit, sign)});
      tasks.push_back({later(at, answer_days, 16), [&s, &clock, made, i, line, unit, title, kind_label]() -> Status {
        ActionRequest resolve;
        resolve.action = "resolve";
        const std::chrono::year_month_day today{local_date(clock.now())};
        resolve.reply = "已于" + std::to_string(static_cast<unsigned>(today.month())) + "月" +
                        std::to_string(static_cast<unsigned>(today.day())) + "日按" + kind_label +
                        "交办要求整改完毕:" + title + "的问题已解决,并向群众当面反馈。";
        auto done = s.matters().act(*unit, made->matters.at(i), resolve, made->versions.at(i));
        if (!done) return bad_record(line, made->matters.at(i) + " " + done.error().detail);
        made->versions[i] = done->summary.matter.version;
        return ok();
      }});
      if (flagged(i, "review")) {  // the petitioner asks for 复查 a few days after the reply
        ActionRequest review;
        review.action = "review_request";
        review.reason = "信访人对处理意见不服,认为问题未得到实质解决,请求复查。";
        tasks.push_back({later(at, answer_days + 4, 10), step(city, review)});
      }
      if (outcome == "resolved") continue;
      ActionRequest verify;
      verify.action = "verify";
      verify.solved = outcome != "unsolved";
      verify.satisfaction = outcome == "unsolved" ? "dissatisfied" : "satisfied";
      tasks.push_back({later(at, answer_days + 2, 10), step(city, verify)});
      if (outcome == "closed") {
        ActionRequest close;
        close.action = "close";
        tasks.push_back({later(at, answer_days + 3, 11), step(city, close)});
      }
    }
    // The decisions' progress, reported a few days after the meeting.
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      if (statuses[i] == "planned") continue;
      const std::string status = statuses[i];
      tasks.push_back({later(at, 3 + static_cast<int>(i), 15), [&s, by, made, i, line, status]() -> Status {
        auto view = s.records().get(*by, made->code);
        if (!view) return bad_record(line, view.error().detail);
        if (i >= view->measures.size()) return ok();
        const Measure& m = view->measures[i].measure;
        RecordMeasurePatch patch;
        patch.status = status;
        if (status == "in_progress") patch.progress = 60;
        auto u = s.records().update_measure(*by, made->code, m.id, patch, m.version);
        if (!u) return bad_record(line, u.error().detail);
        return ok();
      }});
    }
  }
  return tasks;
}

}  // namespace huiyin
