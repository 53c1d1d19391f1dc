#include "features/matters/event_wording.hpp"

#include <algorithm>

#include "domain/codes.hpp"
#include "domain/state_machine.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

struct Verb {
  std::string_view type, verb;
};
// Events that are not state-machine actions, as verbs after the actor.
constexpr Verb kVerbs[] = {
    {"submit", "提交反映"},           {"intake", "提交反映"},
    {"measure_add", "新增整改措施"},  {"measure_update", "更新整改措施"},
    {"reveal", "查看反映人联系方式"}, {"reveal_contact", "查看反映人联系方式"},
    {"classify", "调整问题分类"},     {"merged", "并入本件"},
    {"comment", "添加备注"},         {"notice_issued", "出具受理告知书"},
    {"deliver_contact", "向短信网关推送反映人手机号"},
    {"reply_for_review", "提交答复待审核"},
    {"personal_data_erased", "按保存期限删除反映人个人信息"},
};

// The roles that take events which are not actions (measures are the handling units' work).
std::vector<Role> roles_for_type(std::string_view type) {
  if (auto a = parse_action(type)) return rule_for(*a).roles;
  if (type == "reply_for_review") return {Role::handler};
  if (type == "measure_add" || type == "measure_update")
    return {Role::handler, Role::unit_leader, Role::dispatcher};
  if (type == "submit" || type == "intake") return {Role::collector, Role::dispatcher};
  if (type == "notice_issued") return {Role::dispatcher};
  return {};
}

std::string str(const nlohmann::json& p, const char* key) {
  if (!p.is_object() || !p.contains(key) || !p[key].is_string()) return {};
  return p[key].get<std::string>();
}

}  // namespace

const EventWording::Who& EventWording::who(Id user) {
  auto it = users_.find(user);
  if (it != users_.end()) return it->second;
  Who w;
  if (auto u = db::user_by_id(tx_, user)) w.name = u->display_name.empty() ? u->username : u->display_name;
  for (const auto& r : db::roles_of(tx_, user))
    if (std::find(w.roles.begin(), w.roles.end(), r.role) == w.roles.end()) w.roles.push_back(r.role);
  return users_.emplace(user, std::move(w)).first->second;
}

std::string EventWording::actor_label(const Event& e) {
  if (!e.actor_user) {
    if (e.actor_label == "system") return "系统";
    return "反映人(群众)";  // the citizen: never by name
  }
  const Who& w = who(*e.actor_user);
  std::string role;
  auto wanted = roles_for_type(e.type);
  for (Role r : w.roles)
    if (std::find(wanted.begin(), wanted.end(), r) != wanted.end()) {
      role = std::string(label(r));
      break;
    }
  if (role.empty() && !w.roles.empty()) role = std::string(label(w.roles.front()));
  std::string name = w.name.empty() ? e.actor_label : w.name;
  return role.empty() ? name : role + " " + name;
}

std::string EventWording::org_name(const nlohmann::json& code) const {
  if (!code.is_string()) return {};
  const std::string c = code.get<std::string>();
  const Org* o = cat_.orgs().find_code(c);
  return o ? o->name : c;
}

std::string EventWording::summary(const Event& e, const std::string& who,
                                  const nlohmann::json& payload) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const nlohmann::json& p = payload.is_object() ? payload : kEmpty;
  std::string what;
  if (auto a = parse_action(e.type)) {
    switch (*a) {
      case Action::assign: {
        what = "交办至" + org_name(p.value("lead_org", nlohmann::json())) + "办理";
        std::string co;
        if (p.contains("co_orgs") && p["co_orgs"].is_array())
          for (const auto& c : p["co_orgs"]) co += (co.empty() ? "" : "、") + org_name(c);
        if (!co.empty()) what += ",协办单位" + co;
        if (auto d = str(p, "deadline"); !d.empty()) what += ",办理时限" + d;
        break;
      }
      case Action::transfer:
        what = "转办至" + org_name(p.value("to_org", nlohmann::json()));
        break;
      case Action::verify:
      case Action::evaluate: {
        what = *a == Action::evaluate ? "评价" : "电话回访";
        if (p.contains("solved") && p["solved"].is_boolean())
          what += p["solved"].get<bool>() ? ":已解决" : ":未解决";
        if (auto s = parse_satisfaction(str(p, "satisfaction"))) what += "," + std::string(label(*s));
        if (auto r = str(p, "comment"); !r.empty() && *a == Action::verify) what += "。回访记录:" + r;
        break;
      }
      case Action::verify_timeout:
        // 系统 超时默认:办结后7个工作日内未收到评价(至2026-12-03),不计入解决率、满意率
        what = "超时默认:办结后";
        if (p.contains("days") && p["days"].is_number_integer())
          what += std::to_string(p["days"].get<long long>()) + "个工作日";
        what += "内未收到评价";
        if (auto d = str(p, "due"); !d.empty()) what += "(至" + d + ")";
        what += ",不计入解决率、满意率";
        break;
      case Action::callback_failed:
        what = "回访无法联系";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::spot_check: {
        const bool passed = p.value("passed", true);
        what = std::string("回头看") + (passed ? "复查通过" : "复查不通过");
        if (auto c = str(p, "check"); !c.empty()) what += "(" + c + ")";
        if (!passed)
          if (auto d = str(p, "deadline"); !d.empty()) what += ",重办,新的办理时限" + d;
        if (auto n = str(p, "note"); !n.empty()) what += ":" + n;
        break;
      }
      case Action::merge:
        what = "合并到" + str(p, "into");
        break;
      case Action::extend_request:
        what = "申请延期";
        if (p.contains("days") && p["days"].is_number_integer())
          what += std::to_string(p["days"].get<long long>()) + "天";
        break;
      case Action::extend_decide:
        what = p.value("approve", false) ? "同意延期" : "不同意延期";
        if (auto d = str(p, "deadline"); !d.empty()) what += ",办理时限延至" + d;
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::urge:
        what = "催办";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::supervise:
        what = p.value("listed", false) ? "挂牌督办" : "督办";
        if (auto d = str(p, "answer_by"); !d.empty()) what += ",请于" + d + "前答复";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::answer:
        what = "答复督办";
        if (auto r = str(p, "reply"); !r.empty()) what += ":" + r;
        break;
      case Action::instruct:
        what = "批示";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::delegate:
        what = "分办给" + (str(p, "handler_name").empty() ? str(p, "handler") : str(p, "handler_name")) +
               "办理";
        break;
      case Action::review_reply:
        what = p.value("approve", false) ? "审核通过答复" : "退回修改答复";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::resolve:
        what = p.value("reviewed", false) ? "办结(答复经单位负责人审核)" : "办结";
        break;
      case Action::object:
        what = "对交办提出异议";
        if (auto r = str(p, "reason"); !r.empty()) what += ":" + r;
        break;
      case Action::object_decide:
        what = p.value("approve", false) ? "同意异议,退回重新交办" : "不同意异议,仍由原承办单位办理";
        break;
      case Action::review_request:
      case Action::recheck_request: {
        const bool review = *a == Action::review_request;
        what = std::string(review ? "请求复查" : "请求复核") + ",由" +
               org_name(p.value("lead_org", nlohmann::json())) + (review ? "复查" : "复核");
        if (auto d = str(p, "deadline"); !d.empty()) what += ",期限至" + d;
        if (auto r = str(p, "reason"); !r.empty()) what += ";理由:" + r;
        break;
      }
      case Action::reopen:
        what = "重办";
        if (auto d = str(p, "deadline"); !d.empty()) what += ",新的办理时限" + d;
        break;
      default:
        what = std::string(label(*a));
    }
    if ((*a == Action::resolve || *a == Action::close) && p.contains("unfinished_measures") &&
        p["unfinished_measures"].is_array() && !p["unfinished_measures"].empty())
      what += "(" + std::to_string(p["unfinished_measures"].size()) + "项整改措施未完成)";
  } else {
    for (const auto& v : kVerbs)
      if (v.type == e.type) what = std::string(v.verb);
    if (what.empty()) what = e.type;
    if (e.type == "notice_issued" && !str(p, "due").empty())
      what += "(告知期限" + str(p, "due") + ")";
    if (e.type == "measure_update" && p.contains("progress") && p["progress"].is_number_integer())
      what += "(进展" + std::to_string(p["progress"].get<long long>()) + "%)";
    if (e.type == "escalate") {
      // 系统 超期3个工作日督办(黄牌)(办理时限2026-11-20)
      what = str(p, "label");
      if (what.empty()) what = "升级督办";
      if (auto d = str(p, "deadline"); !d.empty()) what += "(办理时限" + d + ")";
    }
  }
  return who + " " + what;
}

}  // namespace huiyin
