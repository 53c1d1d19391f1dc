#include "domain/codes.hpp"

#include <algorithm>

#include <array>
#include <utility>

namespace huiyin {
namespace {

template <typename E>
struct Entry {
  E value;
  std::string_view code;
  std::string_view label;
};

constexpr Entry<MatterStatus> kStatus[] = {
    {MatterStatus::submitted, "submitted", "待受理"}, {MatterStatus::accepted, "accepted", "已受理"},
    {MatterStatus::rejected, "rejected", "不予受理"}, {MatterStatus::assigned, "assigned", "已交办"},
    {MatterStatus::signed_, "signed", "办理中"},      {MatterStatus::returned, "returned", "被退回"},
    {MatterStatus::resolved, "resolved", "已办结"},   {MatterStatus::verified, "verified", "已回访"},
    {MatterStatus::closed, "closed", "已销号"},       {MatterStatus::reopened, "reopened", "重办"},
    {MatterStatus::merged, "merged", "已合并"},
};
constexpr Entry<Action> kAction[] = {
    {Action::accept, "accept", "受理"},
    {Action::reject, "reject", "不予受理"},
    {Action::assign, "assign", "交办"},
    {Action::sign, "sign", "签收"},
    {Action::return_, "return", "退回"},
    {Action::resolve, "resolve", "办结"},
    {Action::verify, "verify", "电话回访"},
    {Action::close, "close", "销号"},
    {Action::reopen, "reopen", "重办"},
    {Action::merge, "merge", "合并"},
    {Action::extend_request, "extend_request", "申请延期"},
    {Action::extend_decide, "extend_decide", "审批延期"},
    {Action::evaluate, "evaluate", "群众评价"},
    {Action::transfer, "transfer", "转办"},
    {Action::object, "object", "异议"},
    {Action::object_decide, "object_decide", "异议处理"},
    {Action::urge, "urge", "催办"},
    {Action::supervise, "supervise", "督办"},
    {Action::answer, "answer", "答复督办"},
    {Action::review_request, "review_request", "请求复查"},
    {Action::recheck_request, "recheck_request", "请求复核"},
    {Action::instruct, "instruct", "批示"},
    {Action::delegate, "delegate", "分办"},
    {Action::review_reply, "review_reply", "审核答复"},
    {Action::verify_timeout, "verify_timeout", "超时默认"},
    {Action::callback_failed, "callback_failed", "回访无法联系"},
    {Action::spot_check, "spot_check", "回头看"},
};
constexpr Entry<Role> kRole[] = {
    {Role::citizen, "citizen", "群众"},         {Role::collector, "collector", "采集员"},
    {Role::dispatcher, "dispatcher", "派单员"}, {Role::handler, "handler", "承办人"},
    {Role::unit_leader, "unit_leader", "单位负责人"}, {Role::supervisor, "supervisor", "督查员"},
    {Role::leader, "leader", "领导"},           {Role::admin, "admin", "系统管理员"},
    {Role::security_admin, "security_admin", "安全管理员"},
    {Role::audit_admin, "audit_admin", "审计管理员"},
};
constexpr Entry<Channel> kChannel[] = {
    {Channel::web, "web", "网上反映"},
    {Channel::hotline, "hotline", "12345热线"},
    {Channel::visit, "visit", "走访调研"},
    {Channel::petition, "petition", "信访接待"},
    {Channel::onsite_office, "onsite_office", "现场办公"},
    {Channel::night_talk, "night_talk", "夜话家常"},
    {Channel::enterprise, "enterprise", "挂企服务"},
    {Channel::process_walk, "process_walk", "一把手走流程"},
    {Channel::patrol, "patrol", "网格巡查"},
    {Channel::open311, "open311", "Open311接口"},
    {Channel::joint_meeting, "joint_meeting", "联席会议"},
};
constexpr Entry<Kind> kKind[] = {
    {Kind::problem, "problem", "问题"},       {Kind::demand, "demand", "诉求"},
    {Kind::suggestion, "suggestion", "意见建议"}, {Kind::complaint, "complaint", "投诉"},
    {Kind::help, "help", "求助"},             {Kind::consultation, "consultation", "咨询"},
    {Kind::praise, "praise", "表扬"},
};
constexpr Entry<HandlingClass> kHandling[] = {
    {HandlingClass::immediate, "immediate", "立行立改"},
    {HandlingClass::phased, "phased", "限期整改"},
    {HandlingClass::campaign, "campaign", "专项整治"},
    {HandlingClass::long_term, "long_term", "长期推进"},
};
constexpr Entry<Satisfaction> kSatisfaction[] = {
    {Satisfaction::satisfied, "satisfied", "满意"},
    {Satisfaction::basically_satisfied, "basically_satisfied", "基本满意"},
    {Satisfaction::dissatisfied, "dissatisfied", "不满意"},
};
constexpr Entry<OrgKind> kOrgKind[] = {
    {OrgKind::area, "area", "块(属地)"},
    {OrgKind::dept, "dept", "条(部门)"},
};
constexpr Entry<MeasureStatus> kMeasure[] = {
    {MeasureStatus::planned, "planned", "未开始"},
    {MeasureStatus::in_progress, "in_progress", "推进中"},
    {MeasureStatus::done, "done", "已完成"},
    {MeasureStatus::cancelled, "cancelled", "已取消"},
};
constexpr Entry<PetitionStage> kPetitionStage[] = {
    {PetitionStage::handle, "handle", "办理"},
    {PetitionStage::review, "review", "复查"},
    {PetitionStage::recheck, "recheck", "复核"},
};

template <typename E, std::size_t N>
const Entry<E>& find(const Entry<E> (&table)[N], E v) {
  for (const auto& e : table)
    if (e.value == v) return e;
  return table[0];
}
template <typename E, std::size_t N>
std::optional<E> parse(const Entry<E> (&table)[N], std::string_view c) {
  for (const auto& e : table)
    if (e.code == c) return e.value;
  return std::nullopt;
}
template <typename E, std::size_t N>
std::vector<E> values(const Entry<E> (&table)[N]) {
  std::vector<E> out;
  for (const auto& e : table) out.push_back(e.value);
  return out;
}

}  // namespace

#define HUIYIN_CODES(E, T, P)                                                    \
  std::string_view code(E v) { return find(T, v).code; }                        \
  std::string_view label(E v) { return find(T, v).label; }                       \
  std::optional<E> P(std::string_view c) { return parse(T, c); }                 \
  template <>                                                                    \
  const std::vector<E>& all<E>() {                                               \
    static const std::vector<E> v = values(T);                                   \
    return v;                                                                    \
  }

HUIYIN_CODES(MatterStatus, kStatus, parse_status)
HUIYIN_CODES(Action, kAction, parse_action)
HUIYIN_CODES(Role, kRole, parse_role)
HUIYIN_CODES(Channel, kChannel, parse_channel)
HUIYIN_CODES(Kind, kKind, parse_kind)
HUIYIN_CODES(HandlingClass, kHandling, parse_handling_class)
HUIYIN_CODES(Satisfaction, kSatisfaction, parse_satisfaction)
HUIYIN_CODES(OrgKind, kOrgKind, parse_org_kind)
HUIYIN_CODES(MeasureStatus, kMeasure, parse_measure_status)
HUIYIN_CODES(PetitionStage, kPetitionStage, parse_petition_stage)

#undef HUIYIN_CODES

const std::vector<MatterStatus>& deadline_running_statuses() {
  static const std::vector<MatterStatus> s = {MatterStatus::assigned, MatterStatus::signed_,
                                              MatterStatus::reopened, MatterStatus::returned};
  return s;
}

bool deadline_runs(MatterStatus s) {
  const auto& v = deadline_running_statuses();
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace huiyin
