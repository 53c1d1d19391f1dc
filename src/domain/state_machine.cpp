#include "domain/state_machine.hpp"

#include <algorithm>
#include <string>

namespace huiyin {
namespace {

using S = MatterStatus;
using R = Role;

template <typename T>
bool contains(const std::vector<T>& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool role_allowed(const TransitionRule& rule, std::span<const Role> roles) {
  for (Role r : roles)
    if (r == Role::admin || contains(rule.roles, r)) return true;
  return false;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const std::vector<TransitionRule>& transition_table() {
  static const std::vector<TransitionRule> table = {
      {Action::accept, {S::submitted}, S::accepted, {R::dispatcher}, kNeedNothing},
      {Action::reject, {S::submitted, S::accepted}, S::rejected, {R::dispatcher}, kNeedReason},
      {Action::assign,
       {S::submitted, S::accepted, S::returned, S::assigned},
       S::assigned,
       {R::dispatcher},
       kNeedLeadOrg | kNeedHandlingClass | kNeedDeadline},
      {Action::sign, {S::assigned, S::reopened}, S::signed_, {R::handler, R::unit_leader},
       kNeedNothing},
      {Action::return_, {S::assigned, S::reopened}, S::returned, {R::handler, R::unit_leader},
       kNeedReason},
      {Action::resolve, {S::signed_}, S::resolved, {R::handler, R::unit_leader}, kNeedReply},
      {Action::verify, {S::resolved}, S::verified, {R::dispatcher, R::supervisor},
       kNeedSolved | kNeedSatisfaction},
      {Action::evaluate, {S::resolved}, S::verified, {R::citizen}, kNeedSolved | kNeedSatisfaction},
      {Action::close, {S::verified}, S::closed, {R::dispatcher, R::supervisor}, kNeedNothing},
      {Action::reopen, {S::resolved, S::verified, S::closed}, S::reopened,
       {R::dispatcher, R::supervisor}, kNeedReason},
      {Action::merge, {S::submitted, S::accepted, S::returned}, S::merged, {R::dispatcher},
       kNeedInto},
      {Action::extend_request, {S::signed_}, S::signed_, {R::handler, R::unit_leader},
       kNeedReason | kNeedExtendDays},
      {Action::extend_decide, {S::signed_}, S::signed_, {R::supervisor}, kNeedApprove},
      // 转办: handed up to a higher dispatch centre or over to another area's, before it is
      // assigned (or after a unit returned it); the receiving dispatchers then take it on.
      {Action::transfer, {S::submitted, S::accepted, S::returned}, S::submitted, {R::dispatcher},
       kNeedReason | kNeedTransferTo, true},
      // 异议 (信访工作条例 Art. 23): the unit a petition was forwarded to objects, with its
      // reason, within 5 working days; the matter stays with it until the forwarding office
      // decides. Approved, it goes back to be re-assigned (as a return); refused, it stays.
      {Action::object, {S::assigned, S::signed_}, S::assigned, {R::handler, R::unit_leader},
       kNeedReason, true},
      {Action::object_decide, {S::assigned, S::signed_}, S::returned, {R::dispatcher},
       kNeedApprove},
      // 催办 and 督办 while the unit has it; the status does not move. A 督办 must be answered
      // by the unit (答复督办), which the supervisor then sees; 催办 is a reminder only.
      {Action::urge, {S::assigned, S::signed_, S::reopened}, S::signed_,
       {R::supervisor, R::leader, R::dispatcher}, kNeedReason, true},
      {Action::supervise, {S::assigned, S::signed_, S::reopened}, S::signed_,
       {R::supervisor, R::leader}, kNeedReason, true},
      {Action::answer, {S::assigned, S::signed_, S::reopened}, S::signed_,
       {R::handler, R::unit_leader}, kNeedReply, true},
      // 请求复查 / 请求复核: the petitioner (or the receiving office for them) asks the office
      // above the one that replied; the matter goes to it with a 30-day limit.
      {Action::review_request, {S::resolved, S::verified, S::closed}, S::assigned,
       {R::dispatcher, R::citizen}, kNeedReason},
      {Action::recheck_request, {S::resolved, S::verified, S::closed}, S::assigned,
       {R::dispatcher, R::citizen}, kNeedReason},
      // 批示: a leader's instruction to the unit that has it, tracked until the unit answers
      // (答复, the same answer a 督办 waits for); the status does not move.
      {Action::instruct, {S::assigned, S::signed_, S::reopened}, S::signed_, {R::leader},
       kNeedReason, true},
      // 分办: the unit leader gives the unit's matter to one of its handlers by name.
      {Action::delegate, {S::assigned, S::signed_}, S::signed_, {R::unit_leader}, kNeedHandler,
       true},
      // 审核答复: the unit leader approves a handler's reply held for review (it goes out: 办结)
      // or sends it back with a note (it stays in hand).
      {Action::review_reply, {S::signed_}, S::resolved, {R::unit_leader}, kNeedApprove},
      // 超时默认: nobody answered within the verification limit (setting verify_timeout_days);
      // the scheduler verifies the matter as the system, no role takes it by hand.
      {Action::verify_timeout, {S::resolved}, S::verified, {}, kNeedNothing},
      // 回访无法联系: a call-back attempt that reached nobody (anonymous, wrong number, no
      // answer); recorded with how it was tried, the status does not move.
      {Action::callback_failed, {S::resolved}, S::resolved, {R::dispatcher, R::supervisor},
       kNeedReason, true},
      // 回头看: a supervisor re-verifies a sampled, verified matter (`solved` = passed); a
      // failure reopens it (重办), a pass leaves it where it was. Taken from a spot check only.
      {Action::spot_check, {S::verified, S::closed}, S::reopened, {R::supervisor}, kNeedSolved},
  };
  return table;
}

const TransitionRule& rule_for(Action a) {
  for (const auto& r : transition_table())
    if (r.action == a) return r;
  return transition_table().front();  // unreachable: every action has a row
}

std::optional<Action> next_petition_request(PetitionStage stage) {
  switch (stage) {
    case PetitionStage::handle: return Action::review_request;
    case PetitionStage::review: return Action::recheck_request;
    case PetitionStage::recheck: return std::nullopt;
  }
  return std::nullopt;
}

PetitionStage stage_after(Action request) {
  return request == Action::recheck_request ? PetitionStage::recheck : PetitionStage::review;
}

namespace {

// Why a 复查 / 复核 request cannot be made now; empty when it can.
std::string petition_request_refusal(const MatterFacts& facts, Action action) {
  const bool review = action == Action::review_request;
  if (!facts.petition) return "只有信访事项可以请求复查、复核";
  if (facts.petition_stage == PetitionStage::recheck)
    return "复核意见为最终意见,不再受理复查、复核请求";
  if (review && facts.petition_stage == PetitionStage::review)
    return "该事项已经复查,对复查意见不服的,可以请求复核";
  if (!review && facts.petition_stage == PetitionStage::handle)
    return "须先请求复查;对复查意见不服的,方可请求复核";
  if (!facts.request_window_open)
    return std::string("已超过收到书面答复之日起30日的期限,不能再请求") + (review ? "复查" : "复核");
  return {};
}

}  // namespace

Result<MatterStatus> decide(const MatterFacts& facts, Action action, const ActionInput& in,
                            std::span<const Role> roles) {
  const TransitionRule& rule = rule_for(action);
  if (!role_allowed(rule, roles))
    return forbidden(std::string("您没有权限执行“") + std::string(label(action)) + "”操作");
  if (!contains(rule.from, facts.status))
    return conflict(std::string("当前状态为“") + std::string(label(facts.status)) + "”,不能执行“" +
                    std::string(label(action)) + "”操作");

  const unsigned n = rule.needs;
  if ((n & kNeedReason) && blank(in.reason))
    return invalid(action == Action::urge        ? "请填写催办意见"
                   : action == Action::supervise ? "请填写督办意见"
                   : action == Action::instruct  ? "请填写批示内容"
                                                 : "请填写理由",
                   "reason");
  if ((n & kNeedReason) && in.reason.size() > kMaxReasonChars * 3)
    return invalid("理由过长(最多2000字)", "reason");
  if ((n & kNeedReply) && blank(in.reply))
    return invalid(action == Action::answer ? "请填写督办答复" : "请填写办理答复", "reply");
  if ((n & kNeedLeadOrg) && !in.lead_org) return invalid("请选择主办单位", "lead_org");
  if ((n & kNeedLeadOrg) && contains(in.co_orgs, *in.lead_org))
    return invalid("协办单位不能与主办单位相同", "co_orgs");
  if ((n & kNeedHandlingClass) && !in.handling_class)
    return invalid("请选择办理类型", "handling_class");
  if ((n & kNeedDeadline) && !in.deadline) return invalid("请设置办理时限", "deadline");
  if ((n & kNeedSolved) && !in.solved)
    return action == Action::spot_check ? invalid("请选择回头看是否通过", "passed")
                                        : invalid("请选择问题是否解决", "solved");
  if ((n & kNeedSatisfaction) && !in.satisfaction) return invalid("请选择满意度", "satisfaction");
  if ((n & kNeedInto) && blank(in.into)) return invalid("请指定合并到的问题编号", "into");
  if ((n & kNeedApprove) && !in.approve)
    return invalid(action == Action::object_decide  ? "请选择是否同意异议"
                   : action == Action::review_reply ? "请选择通过或退回修改"
                                                    : "请选择是否同意延期",
                   "approve");
  if ((n & kNeedHandler) && !in.handler) return invalid("请选择承办人", "handler");
  if ((n & kNeedTransferTo) && !in.transfer_to) return invalid("请选择转办至的地区", "to_org");
  if (n & kNeedExtendDays) {
    if (!in.extend_days || *in.extend_days <= 0) return invalid("请填写延期天数", "extend_days");
    if (facts.petition && *in.extend_days > kPetitionMaxExtensionDays)
      return invalid("信访事项延期不得超过30日", "extend_days");
  }

  if (action == Action::extend_request) {
    if (facts.extension_pending) return conflict("已有延期申请待审批");
    if (facts.petition && facts.extensions_granted > 0)
      return conflict("信访事项只能延期一次");
  }
  if (action == Action::extend_decide && !facts.extension_pending)
    return conflict("没有待审批的延期申请");
  if (action == Action::object) {
    if (!facts.petition) return conflict("只有信访事项可以提出异议");
    if (facts.objection_pending) return conflict("已提出异议,正等待转送机关处理");
    if (facts.objected) return conflict("对本次交办已提出过异议,不能再次提出");
    if (!facts.objection_period_open)
      return conflict("已超过交办之日起5个工作日的异议期限(《信访工作条例》第二十三条),不能再提出异议");
  }
  if (action == Action::object_decide && !facts.objection_pending)
    return conflict("没有待处理的异议");
  if (action == Action::answer && !facts.supervision_pending && !facts.instruction_pending)
    return conflict("没有待答复的督办或批示");
  if (action == Action::review_reply && !facts.review_pending)
    return conflict("没有待审核的答复");
  if (action == Action::resolve && facts.review_pending)
    return conflict("答复正在等待单位负责人审核");
  if (action == Action::review_reply && !*in.approve && blank(in.reason))
    return invalid("退回修改请写明意见", "reason");
  if (action == Action::extend_decide && in.approve && !*in.approve && blank(in.reason))
    return invalid("不同意延期请说明理由", "reason");
  if (action == Action::review_request || action == Action::recheck_request)
    if (auto why = petition_request_refusal(facts, action); !why.empty()) return conflict(why);
  if (action == Action::object_decide && !*in.approve) return facts.status;
  if (action == Action::review_reply && !*in.approve) return facts.status;

  if ((action == Action::verify || action == Action::evaluate) && !*in.solved)
    return MatterStatus::reopened;
  if (action == Action::spot_check && *in.solved) return facts.status;
  return rule.keeps_status ? facts.status : rule.to;
}

std::vector<Action> available_actions(const MatterFacts& facts, std::span<const Role> roles) {
  std::vector<Action> out;
  for (const auto& rule : transition_table()) {
    if (!role_allowed(rule, roles) || !contains(rule.from, facts.status)) continue;
    // Never offered on the matter page: the scheduler's and the 回头看 page's own steps.
    if (rule.action == Action::verify_timeout || rule.action == Action::spot_check) continue;
    if (rule.action == Action::extend_decide && !facts.extension_pending) continue;
    if (rule.action == Action::object_decide && !facts.objection_pending) continue;
    if (rule.action == Action::answer && !facts.supervision_pending && !facts.instruction_pending)
      continue;
    if (rule.action == Action::review_reply && !facts.review_pending) continue;
    if (rule.action == Action::resolve && facts.review_pending) continue;
    if (rule.action == Action::object &&
        (!facts.petition || facts.objected || facts.objection_pending ||
         !facts.objection_period_open))
      continue;
    if ((rule.action == Action::review_request || rule.action == Action::recheck_request) &&
        !petition_request_refusal(facts, rule.action).empty())
      continue;
    if (rule.action == Action::extend_request &&
        (facts.extension_pending || (facts.petition && facts.extensions_granted > 0)))
      continue;
    out.push_back(rule.action);
  }
  return out;
}

bool may_take(Action action, MatterStatus status, std::span<const Role> roles) {
  for (const auto& rule : transition_table())
    if (rule.action == action && contains(rule.from, status) && role_allowed(rule, roles)) return true;
  return false;
}

}  // namespace huiyin
