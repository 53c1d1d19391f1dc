#include "demo/demo_lead.hpp"

#include "features/matters/matters.hpp"
#include "features/units/unit_settings.hpp"

namespace huiyin {
namespace {

const Actor* who(const std::map<std::string, Actor>& actors, const std::string& name) {
  auto it = actors.find(name);
  return it == actors.end() ? nullptr : &it->second;
}

// The matters `unit` leads in `statuses`, newest first, as its unit leader lists them.
std::vector<MatterSummary> in_hand(Services& s, const Actor& leader, const std::string& unit,
                                   std::vector<std::string> statuses) {
  MatterQuery q;
  q.statuses = std::move(statuses);
  q.org = unit;
  auto rows = s.matters().list_all(leader, q, 50);
  if (!rows) return {};
  std::vector<MatterSummary> out;
  for (auto& r : *rows)
    if (r.lead_org && r.lead_org->code == unit && !r.matter.extension_pending) out.push_back(std::move(r));
  return out;
}

Status act(Services& s, const Actor& a, const MatterSummary& m, ActionRequest req) {
  auto cur = s.matters().get(a, m.matter.code);
  if (!cur) return cur.error();
  auto r = s.matters().act(a, m.matter.code, req, cur->summary.matter.version);
  if (!r) return r.error();
  return ok();
}

ActionRequest request(std::string action) {
  ActionRequest r;
  r.action = std::move(action);
  return r;
}

}  // namespace

Status seed_unit_leading(Services& s, const std::map<std::string, Actor>& actors) {
  const Actor* cgj_lead = who(actors, "unit_leader");
  const Actor* zjj_lead = who(actors, "unit_leader_zhujian");
  const Actor* zjj = who(actors, "handler_zhujian");
  const Actor* leader = who(actors, "leader");
  if (!cgj_lead || !zjj_lead || !zjj || !leader) return ok();  // a trimmed demo city

  // 分办: three of 市城管局's matters in hand go to 张伟 by name; the city leader's 批示 on the
  // first waits for the unit's answer.
  // Assigned ones too (regression: on some days the demo had only two signed ones there).
  const auto cgj = in_hand(s, *cgj_lead, "430200-CGJ", {"signed", "assigned"});
  for (std::size_t i = 0; i < cgj.size() && i < 3; ++i) {
    ActionRequest d = request("delegate");
    d.handler = "handler";
    d.note = "请张伟同志负责,按时限办结";
    if (Status st = act(s, *cgj_lead, cgj[i], d); !st) return st;
  }
  if (!cgj.empty()) {
    ActionRequest i = request("instruct");
    i.reason = "群众反映强烈,请市城管局主要负责同志亲自过问,三日内报告处理情况。";
    if (Status st = act(s, *leader, cgj.front(), i); !st) return st;
  }

  // 审核答复 on for 市住建局: its handler's reply waits for 罗德明's review.
  if (auto on = put_unit_settings(s.context(), *zjj_lead, "430200-ZJJ", true); !on) return on.error();
  const auto zjj_signed = in_hand(s, *zjj_lead, "430200-ZJJ", {"signed"});
  if (!zjj_signed.empty()) {
    ActionRequest d = request("delegate");
    d.handler = "handler_zhujian";
    if (Status st = act(s, *zjj_lead, zjj_signed.front(), d); !st) return st;
    ActionRequest r = request("resolve");
    r.reply = "经现场核查,已责成物业公司限期整改,整改完成后将组织复查并向您反馈。";
    r.unfinished_measures_reason = "整改措施正在落实,复查后更新";
    if (Status st = act(s, *zjj, zjj_signed.front(), r); !st) return st;
  }
  return ok();
}

}  // namespace huiyin
