#include "domain/state_machine.hpp"

#include <gtest/gtest.h>

#include <set>

namespace huiyin {
namespace {

// Input that satisfies every requirement, so only status and role decide.
ActionInput full_input() {
  ActionInput in;
  in.reason = "不属于本单位职责";
  in.reply = "已修复路灯";
  in.lead_org = 7;
  in.handling_class = HandlingClass::immediate;
  in.deadline = 1'800'000'000;
  in.solved = true;
  in.satisfaction = Satisfaction::satisfied;
  in.into = "ZZ-20261122-000001";
  in.approve = true;
  in.extend_days = 10;
  in.transfer_to = 3;
  in.handler = 11;
  return in;
}

struct Allowed {
  Action action;
  MatterStatus from;
  MatterStatus to;
};

// Every allowed transition, written out independently of the table.
const Allowed kAllowed[] = {
    {Action::accept, MatterStatus::submitted, MatterStatus::accepted},
    {Action::reject, MatterStatus::submitted, MatterStatus::rejected},
    {Action::reject, MatterStatus::accepted, MatterStatus::rejected},
    {Action::assign, MatterStatus::submitted, MatterStatus::assigned},
    {Action::assign, MatterStatus::accepted, MatterStatus::assigned},
    {Action::assign, MatterStatus::returned, MatterStatus::assigned},
    {Action::assign, MatterStatus::assigned, MatterStatus::assigned},
    {Action::sign, MatterStatus::assigned, MatterStatus::signed_},
    {Action::sign, MatterStatus::reopened, MatterStatus::signed_},
    {Action::return_, MatterStatus::assigned, MatterStatus::returned},
    {Action::return_, MatterStatus::reopened, MatterStatus::returned},
    {Action::resolve, MatterStatus::signed_, MatterStatus::resolved},
    {Action::verify, MatterStatus::resolved, MatterStatus::verified},
    {Action::evaluate, MatterStatus::resolved, MatterStatus::verified},
    {Action::close, MatterStatus::verified, MatterStatus::closed},
    {Action::reopen, MatterStatus::resolved, MatterStatus::reopened},
    {Action::reopen, MatterStatus::verified, MatterStatus::reopened},
    {Action::reopen, MatterStatus::closed, MatterStatus::reopened},
    {Action::merge, MatterStatus::submitted, MatterStatus::merged},
    {Action::merge, MatterStatus::accepted, MatterStatus::merged},
    {Action::merge, MatterStatus::returned, MatterStatus::merged},
    {Action::extend_request, MatterStatus::signed_, MatterStatus::signed_},
    {Action::transfer, MatterStatus::submitted, MatterStatus::submitted},
    {Action::transfer, MatterStatus::accepted, MatterStatus::accepted},
    {Action::transfer, MatterStatus::returned, MatterStatus::returned},
    {Action::object, MatterStatus::assigned, MatterStatus::assigned},
    {Action::object, MatterStatus::signed_, MatterStatus::signed_},
    {Action::object_decide, MatterStatus::assigned, MatterStatus::returned},
    {Action::object_decide, MatterStatus::signed_, MatterStatus::returned},
    {Action::urge, MatterStatus::assigned, MatterStatus::assigned},
    {Action::urge, MatterStatus::signed_, MatterStatus::signed_},
    {Action::urge, MatterStatus::reopened, MatterStatus::reopened},
    {Action::supervise, MatterStatus::assigned, MatterStatus::assigned},
    {Action::supervise, MatterStatus::signed_, MatterStatus::signed_},
    {Action::supervise, MatterStatus::reopened, MatterStatus::reopened},
    {Action::answer, MatterStatus::assigned, MatterStatus::assigned},
    {Action::answer, MatterStatus::signed_, MatterStatus::signed_},
    {Action::answer, MatterStatus::reopened, MatterStatus::reopened},
    {Action::instruct, MatterStatus::assigned, MatterStatus::assigned},
    {Action::instruct, MatterStatus::signed_, MatterStatus::signed_},
    {Action::instruct, MatterStatus::reopened, MatterStatus::reopened},
    {Action::delegate, MatterStatus::assigned, MatterStatus::assigned},
    {Action::delegate, MatterStatus::signed_, MatterStatus::signed_},
    {Action::review_reply, MatterStatus::signed_, MatterStatus::resolved},
    {Action::review_request, MatterStatus::resolved, MatterStatus::assigned},
    {Action::review_request, MatterStatus::verified, MatterStatus::assigned},
    {Action::review_request, MatterStatus::closed, MatterStatus::assigned},
    {Action::recheck_request, MatterStatus::resolved, MatterStatus::assigned},
    {Action::recheck_request, MatterStatus::verified, MatterStatus::assigned},
    {Action::recheck_request, MatterStatus::closed, MatterStatus::assigned},
    {Action::verify_timeout, MatterStatus::resolved, MatterStatus::verified},
    {Action::callback_failed, MatterStatus::resolved, MatterStatus::resolved},
    {Action::spot_check, MatterStatus::verified, MatterStatus::verified},  // passed
    {Action::spot_check, MatterStatus::closed, MatterStatus::closed},
};

TEST(StateMachine, EveryStatusActionPairIsAllowedExactlyWhenListed) {
  const Role admin[] = {Role::admin};
  for (Action a : all<Action>()) {
    for (MatterStatus s : all<MatterStatus>()) {
      MatterFacts facts{s, /*extension_pending=*/a == Action::extend_decide};
      const bool request = a == Action::review_request || a == Action::recheck_request;
      facts.petition = a == Action::object || request;
      facts.objection_period_open = a == Action::object;
      facts.request_window_open = request;
      if (a == Action::recheck_request) facts.petition_stage = PetitionStage::review;
      facts.objection_pending = a == Action::object_decide;
      facts.supervision_pending = a == Action::answer;
      facts.review_pending = a == Action::review_reply;
      auto r = decide(facts, a, full_input(), admin);
      const Allowed* want = nullptr;
      for (const auto& x : kAllowed)
        if (x.action == a && x.from == s) want = &x;
      if (a == Action::extend_decide && s == MatterStatus::signed_) {
        ASSERT_TRUE(r.ok()) << r.error().detail;
        EXPECT_EQ(*r, MatterStatus::signed_);
        continue;
      }
      if (want) {
        ASSERT_TRUE(r.ok()) << code(a) << " from " << code(s) << ": " << r.error().detail;
        EXPECT_EQ(*r, want->to) << code(a) << " from " << code(s);
      } else {
        ASSERT_FALSE(r.ok()) << code(a) << " from " << code(s) << " should be refused";
        EXPECT_EQ(r.error().code, ErrorCode::conflict) << code(a) << " from " << code(s);
      }
    }
  }
}

TEST(StateMachine, RolesFollowTheDefaults) {
  struct Case {
    Action action;
    MatterStatus from;
    Role role;
    bool allowed;
  };
  const Case cases[] = {
      {Action::accept, MatterStatus::submitted, Role::dispatcher, true},
      {Action::accept, MatterStatus::submitted, Role::handler, false},
      {Action::accept, MatterStatus::submitted, Role::leader, false},
      {Action::assign, MatterStatus::accepted, Role::dispatcher, true},
      {Action::assign, MatterStatus::accepted, Role::supervisor, false},
      {Action::sign, MatterStatus::assigned, Role::handler, true},
      {Action::sign, MatterStatus::assigned, Role::unit_leader, true},
      {Action::sign, MatterStatus::assigned, Role::dispatcher, false},
      {Action::return_, MatterStatus::assigned, Role::handler, true},
      {Action::resolve, MatterStatus::signed_, Role::handler, true},
      {Action::resolve, MatterStatus::signed_, Role::collector, false},
      {Action::verify, MatterStatus::resolved, Role::dispatcher, true},
      {Action::verify, MatterStatus::resolved, Role::supervisor, true},
      {Action::verify, MatterStatus::resolved, Role::handler, false},
      {Action::evaluate, MatterStatus::resolved, Role::citizen, true},
      {Action::evaluate, MatterStatus::resolved, Role::handler, false},
      {Action::close, MatterStatus::verified, Role::supervisor, true},
      {Action::close, MatterStatus::verified, Role::handler, false},
      {Action::reopen, MatterStatus::closed, Role::supervisor, true},
      {Action::reopen, MatterStatus::closed, Role::citizen, false},
      {Action::merge, MatterStatus::submitted, Role::dispatcher, true},
      {Action::merge, MatterStatus::submitted, Role::supervisor, false},
      {Action::extend_request, MatterStatus::signed_, Role::unit_leader, true},
      {Action::extend_request, MatterStatus::signed_, Role::dispatcher, false},
  };
  for (const auto& c : cases) {
    const Role roles[] = {c.role};
    auto r = decide({c.from}, c.action, full_input(), roles);
    EXPECT_EQ(r.ok(), c.allowed) << code(c.action) << " by " << code(c.role);
    if (!c.allowed) {
      EXPECT_EQ(r.error().code, ErrorCode::forbidden);
    }
  }
  const Role supervisor[] = {Role::supervisor};
  EXPECT_TRUE(decide({MatterStatus::signed_, true}, Action::extend_decide, full_input(), supervisor).ok());
}

TEST(StateMachine, RequiredInputsAreNamed) {
  const Role admin[] = {Role::admin};
  struct Case {
    Action action;
    MatterStatus from;
    void (*clear)(ActionInput&);
    const char* field;
  };
  const Case cases[] = {
      {Action::reject, MatterStatus::submitted, [](ActionInput& i) { i.reason = "  "; }, "reason"},
      {Action::return_, MatterStatus::assigned, [](ActionInput& i) { i.reason.clear(); }, "reason"},
      {Action::reopen, MatterStatus::closed, [](ActionInput& i) { i.reason.clear(); }, "reason"},
      {Action::resolve, MatterStatus::signed_, [](ActionInput& i) { i.reply.clear(); }, "reply"},
      {Action::assign, MatterStatus::accepted, [](ActionInput& i) { i.lead_org.reset(); }, "lead_org"},
      {Action::assign, MatterStatus::accepted, [](ActionInput& i) { i.deadline.reset(); }, "deadline"},
      {Action::assign, MatterStatus::accepted, [](ActionInput& i) { i.handling_class.reset(); },
       "handling_class"},
      {Action::assign, MatterStatus::accepted, [](ActionInput& i) { i.co_orgs = {7}; }, "co_orgs"},
      {Action::verify, MatterStatus::resolved, [](ActionInput& i) { i.solved.reset(); }, "solved"},
      {Action::evaluate, MatterStatus::resolved, [](ActionInput& i) { i.satisfaction.reset(); },
       "satisfaction"},
      {Action::merge, MatterStatus::submitted, [](ActionInput& i) { i.into.clear(); }, "into"},
      {Action::extend_request, MatterStatus::signed_, [](ActionInput& i) { i.extend_days = 0; },
       "extend_days"},
  };
  for (const auto& c : cases) {
    ActionInput in = full_input();
    c.clear(in);
    auto r = decide({c.from}, c.action, in, admin);
    ASSERT_FALSE(r.ok()) << code(c.action);
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_FALSE(r.error().detail.empty());
  }
}

TEST(StateMachine, AFailedSpotCheckReopensAndNobodyVerifiesByTimeoutByHand) {
  const Role supervisor[] = {Role::supervisor};
  ActionInput in = full_input();
  in.solved = false;  // 回头看不通过
  auto r = decide({MatterStatus::closed}, Action::spot_check, in, supervisor);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(*r, MatterStatus::reopened);
  in.solved.reset();
  r = decide({MatterStatus::closed}, Action::spot_check, in, supervisor);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "passed");
  const Role dispatcher[] = {Role::dispatcher};
  EXPECT_EQ(decide({MatterStatus::closed}, Action::spot_check, full_input(), dispatcher).error().code,
            ErrorCode::forbidden);
  for (Role role : {Role::dispatcher, Role::supervisor}) {
    const Role roles[] = {role};
    EXPECT_FALSE(decide({MatterStatus::resolved}, Action::verify_timeout, full_input(), roles).ok());
    EXPECT_TRUE(decide({MatterStatus::resolved}, Action::callback_failed, full_input(), roles).ok());
    // Neither the scheduler's step nor the 回头看 is offered on the matter page.
    for (MatterStatus s : {MatterStatus::resolved, MatterStatus::closed})
      for (Action a : available_actions({s}, roles))
        EXPECT_TRUE(a != Action::verify_timeout && a != Action::spot_check) << code(a);
  }
}

TEST(StateMachine, UnsolvedVerificationReopens) {
  const Role citizen[] = {Role::citizen};
  ActionInput in = full_input();
  in.solved = false;
  in.satisfaction = Satisfaction::dissatisfied;
  auto r = decide({MatterStatus::resolved}, Action::evaluate, in, citizen);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, MatterStatus::reopened);
}

TEST(StateMachine, PetitionsGetOneExtensionOfAtMostThirtyDays) {
  const Role handler[] = {Role::handler};
  MatterFacts facts{MatterStatus::signed_, false, 0, true};
  ActionInput in = full_input();
  in.extend_days = 31;
  EXPECT_EQ(decide(facts, Action::extend_request, in, handler).error().field, "extend_days");
  in.extend_days = 30;
  EXPECT_TRUE(decide(facts, Action::extend_request, in, handler).ok());
  facts.extensions_granted = 1;
  EXPECT_EQ(decide(facts, Action::extend_request, in, handler).error().code, ErrorCode::conflict);
  facts.petition = false;
  EXPECT_TRUE(decide(facts, Action::extend_request, in, handler).ok());
  facts.extension_pending = true;
  EXPECT_EQ(decide(facts, Action::extend_request, in, handler).error().code, ErrorCode::conflict);
}

TEST(StateMachine, ExtensionDecisionNeedsAPendingRequest) {
  const Role supervisor[] = {Role::supervisor};
  auto r = decide({MatterStatus::signed_}, Action::extend_decide, full_input(), supervisor);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

// 复查 after the 处理意见, 复核 after the 复查意见, within 30 days of the reply; nothing after the
// 复核; by the petitioner or the receiving office's dispatcher for them, with a reason.
TEST(StateMachine, PetitionRequestsFollowTheStagesWithinTheirWindow) {
  struct Case {
    PetitionStage stage;
    bool window, petition;
    Action action;
    bool allowed;
    const char* says;  // part of the refusal
  };
  const Case cases[] = {
      {PetitionStage::handle, true, true, Action::review_request, true, ""},
      {PetitionStage::handle, true, true, Action::recheck_request, false, "须先请求复查"},
      {PetitionStage::handle, false, true, Action::review_request, false, "30日"},
      {PetitionStage::review, true, true, Action::recheck_request, true, ""},
      {PetitionStage::review, true, true, Action::review_request, false, "已经复查"},
      {PetitionStage::review, false, true, Action::recheck_request, false, "30日"},
      {PetitionStage::recheck, true, true, Action::recheck_request, false, "最终意见"},
      {PetitionStage::recheck, true, true, Action::review_request, false, "最终意见"},
      {PetitionStage::handle, true, false, Action::review_request, false, "只有信访事项"},
  };
  const Role citizen[] = {Role::citizen};
  const Role dispatcher[] = {Role::dispatcher};
  const Role handler[] = {Role::handler};
  ActionInput in;
  in.reason = "对处理意见不服";
  for (const Case& c : cases) {
    MatterFacts f{MatterStatus::verified};
    f.petition = c.petition;
    f.petition_stage = c.stage;
    f.request_window_open = c.window;
    for (auto roles : {std::span<const Role>(citizen), std::span<const Role>(dispatcher)}) {
      auto r = decide(f, c.action, in, roles);
      const auto avail = available_actions(f, roles);
      const bool offered = std::find(avail.begin(), avail.end(), c.action) != avail.end();
      EXPECT_EQ(offered, c.allowed) << code(c.action) << " at " << code(c.stage);
      if (c.allowed) {
        ASSERT_TRUE(r.ok()) << r.error().detail;
        EXPECT_EQ(*r, MatterStatus::assigned);
      } else {
        ASSERT_FALSE(r.ok()) << code(c.action) << " at " << code(c.stage);
        EXPECT_EQ(r.error().code, ErrorCode::conflict);
        EXPECT_NE(r.error().detail.find(c.says), std::string::npos) << r.error().detail;
      }
    }
  }
  MatterFacts open{MatterStatus::resolved};
  open.petition = true;
  open.request_window_open = true;
  EXPECT_EQ(decide(open, Action::review_request, in, handler).error().code, ErrorCode::forbidden);
  EXPECT_EQ(decide(open, Action::review_request, ActionInput{}, citizen).error().field, "reason");
  EXPECT_EQ(next_petition_request(PetitionStage::handle), Action::review_request);
  EXPECT_EQ(next_petition_request(PetitionStage::review), Action::recheck_request);
  EXPECT_FALSE(next_petition_request(PetitionStage::recheck));
}

// 信访工作条例 Art. 23: the unit a petition is forwarded to objects within 5 working days, with
// a reason, once per assignment; the forwarding office (its dispatcher) decides.
TEST(StateMachine, APetitionUnitObjectsWithinItsPeriodAndTheForwardingOfficeDecides) {
  const Role handler[] = {Role::handler};
  const Role unit_leader[] = {Role::unit_leader};
  const Role dispatcher[] = {Role::dispatcher};
  const Role supervisor[] = {Role::supervisor};
  MatterFacts open{MatterStatus::assigned};
  open.petition = true;
  open.objection_period_open = true;
  ActionInput in;
  in.reason = "不属于本单位职责,应由市场监管部门办理";
  auto ok = decide(open, Action::object, in, handler);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(*ok, MatterStatus::assigned) << "it stays with the unit until decided";
  EXPECT_TRUE(decide(open, Action::object, in, unit_leader).ok());
  EXPECT_EQ(decide(open, Action::object, in, dispatcher).error().code, ErrorCode::forbidden);
  EXPECT_EQ(decide(open, Action::object, in, supervisor).error().code, ErrorCode::forbidden);

  auto no_reason = decide(open, Action::object, ActionInput{}, handler);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, ErrorCode::invalid);
  EXPECT_EQ(no_reason.error().field, "reason");

  MatterFacts late = open;
  late.objection_period_open = false;
  auto too_late = decide(late, Action::object, in, handler);
  ASSERT_FALSE(too_late.ok());
  EXPECT_EQ(too_late.error().code, ErrorCode::conflict);
  EXPECT_NE(too_late.error().detail.find("5个工作日"), std::string::npos) << too_late.error().detail;

  MatterFacts not_petition = open;
  not_petition.petition = false;
  EXPECT_EQ(decide(not_petition, Action::object, in, handler).error().code, ErrorCode::conflict);
  MatterFacts again = open;
  again.objected = true;
  EXPECT_EQ(decide(again, Action::object, in, handler).error().code, ErrorCode::conflict);

  // Nothing to decide until an objection is pending.
  ActionInput yes;
  yes.approve = true;
  EXPECT_EQ(decide(open, Action::object_decide, yes, dispatcher).error().code, ErrorCode::conflict);
  MatterFacts pending = open;
  pending.objected = true;
  pending.objection_pending = true;
  EXPECT_EQ(decide(pending, Action::object_decide, yes, handler).error().code, ErrorCode::forbidden);
  auto approved = decide(pending, Action::object_decide, yes, dispatcher);
  ASSERT_TRUE(approved.ok()) << approved.error().detail;
  EXPECT_EQ(*approved, MatterStatus::returned) << "back to be assigned again";
  ActionInput no;
  no.approve = false;
  pending.status = MatterStatus::signed_;
  auto refused = decide(pending, Action::object_decide, no, dispatcher);
  ASSERT_TRUE(refused.ok()) << refused.error().detail;
  EXPECT_EQ(*refused, MatterStatus::signed_) << "refused: it stays with the unit";
  auto unsaid = decide(pending, Action::object_decide, ActionInput{}, dispatcher);
  ASSERT_FALSE(unsaid.ok());
  EXPECT_EQ(unsaid.error().field, "approve");

  auto avail = [](const MatterFacts& f, std::span<const Role> r) {
    auto v = available_actions(f, r);
    return std::set<Action>(v.begin(), v.end());
  };
  EXPECT_EQ(avail(open, handler).count(Action::object), 1u);
  EXPECT_EQ(avail(late, handler).count(Action::object), 0u);
  EXPECT_EQ(avail(pending, handler).count(Action::object), 0u);
  EXPECT_EQ(avail(pending, dispatcher).count(Action::object_decide), 1u);
  EXPECT_EQ(avail(open, dispatcher).count(Action::object_decide), 0u);
}

TEST(StateMachine, AvailableActionsMatchDecide) {
  for (Role role : all<Role>()) {
    const Role roles[] = {role};
    for (MatterStatus s : all<MatterStatus>()) {
      std::set<Action> avail;
      for (Action a : available_actions({s}, roles)) avail.insert(a);
      for (Action a : all<Action>()) {
        // Decided like any action, but taken elsewhere (the scheduler, the 回头看 page).
        if (a == Action::verify_timeout || a == Action::spot_check) {
          EXPECT_EQ(avail.count(a), 0u) << code(role) << " " << code(s) << " " << code(a);
          continue;
        }
        EXPECT_EQ(avail.count(a) == 1, decide({s}, a, full_input(), roles).ok())
            << code(role) << " " << code(s) << " " << code(a);
      }
    }
  }
}

// may_take is an upper bound of available_actions: whenever some matter's facts offer an action
// to some roles, may_take says so for its status, and it refuses what no rule allows.
TEST(StateMachine, MayTakeBoundsEveryActionOfferedAndRefusesTheRest) {
  const std::vector<std::vector<Role>> role_sets = {
      {Role::dispatcher}, {Role::handler}, {Role::unit_leader}, {Role::supervisor}, {Role::leader},
      {Role::admin}, {Role::dispatcher, Role::handler}};
  for (const auto& roles : role_sets)
    for (MatterStatus s : all<MatterStatus>())
      for (bool pending : {false, true})
        for (bool review : {false, true}) {
          MatterFacts f;
          f.status = s;
          f.extension_pending = pending;
          f.review_pending = review;
          f.supervision_pending = true;
          for (Action a : available_actions(f, roles)) EXPECT_TRUE(may_take(a, s, roles));
        }
  const std::vector<Role> dispatcher = {Role::dispatcher}, handler = {Role::handler};
  EXPECT_FALSE(may_take(Action::sign, MatterStatus::assigned, dispatcher));
  EXPECT_TRUE(may_take(Action::sign, MatterStatus::assigned, handler));
  EXPECT_FALSE(may_take(Action::sign, MatterStatus::submitted, handler));
  EXPECT_TRUE(may_take(Action::accept, MatterStatus::submitted, dispatcher));
}

}  // namespace
}  // namespace huiyin
