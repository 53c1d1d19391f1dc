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
};

TEST(StateMachine, EveryStatusActionPairIsAllowedExactlyWhenListed) {
  const Role admin[] = {Role::admin};
  for (Action a : all<Action>()) {
    for (MatterStatus s : all<MatterStatus>()) {
      MatterFacts facts{s, /*extension_pending=*/a == Action::extend_decide};
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

TEST(StateMachine, AvailableActionsMatchDecide) {
  for (Role role : all<Role>()) {
    const Role roles[] = {role};
    for (MatterStatus s : all<MatterStatus>()) {
      std::set<Action> avail;
      for (Action a : available_actions({s}, roles)) avail.insert(a);
      for (Action a : all<Action>())
        EXPECT_EQ(avail.count(a) == 1, decide({s}, a, full_input(), roles).ok())
            << code(role) << " " << code(s) << " " << code(a);
    }
  }
}

}  // namespace
}  // namespace huiyin
