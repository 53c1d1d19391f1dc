// Petition documents and stages (petition.hpp) through the services, on both backends: the
// 受理告知书 issued once by the receiving office, the notice_overdue list, 复查 / 复核 requests
// inside and outside their 30 days and none after the 复核, and the petitioner kept from the
// unit complained about in every document.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/service_test_support.hpp"
#include "features/matters/intake.hpp"
#include "kernel/audit.hpp"

namespace huiyin::testing {
namespace {

constexpr Instant kDay = 24 * 3600;

class PetitionTest : public ServiceTest {
 protected:
  // A petition from 张三 in 荷塘区, recorded by the city's dispatcher (the receiving office).
  IntakeReceipt petition(const std::string& title = "信访:拖欠工资三个月") {
    IntakeRequest req;
    req.title = title;
    req.content = "我是张三,电话13812341234,某公司拖欠工资三个月";
    req.channel = "petition";
    req.district = "430202";
    req.contact_name = "张三";
    req.contact_phone = "13812341234";
    const Actor recorder = actor("disp");
    auto r = svc_->intake().submit(req, "", &recorder);
    EXPECT_TRUE(r) << r.error().detail;
    return r ? *r : IntakeReceipt{};
  }

  // Accepted, assigned to 荷塘区城管局 (市城管局 complained about), signed and answered.
  IntakeReceipt answered_petition() {
    IntakeReceipt r = petition();
    act("disp", r.code, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = "430202-CGJ";
    a.subject_orgs = {"430200-CGJ"};
    a.handling_class = "immediate";
    act("disp", r.code, a);
    act("hetang_cgj", r.code, action("sign"));
    answer("hetang_cgj", r.code, "经核查,已责令该公司于本月底前结清工资。");
    return r;
  }

  MatterDetail answer(const std::string& who, const std::string& code, const std::string& reply) {
    if (who != "hetang_cgj") act(who, code, action("sign"));
    ActionRequest res = action("resolve");
    res.reply = reply;
    return act(who, code, res);
  }

  ActionRequest ask(const char* name) {
    ActionRequest a = action(name);
    a.reason = "对处理意见不服,工资仍未结清";
    return a;
  }

  int count_of(const MatterDetail& d, std::string_view type) {
    return static_cast<int>(std::count_if(d.events.begin(), d.events.end(),
                                          [&](const EventView& e) { return e.event.type == type; }));
  }

  std::vector<std::string> listed(const std::string& who, std::optional<bool> notice_overdue) {
    MatterQuery q;
    q.notice_overdue = notice_overdue;
    auto l = svc_->matters().list(actor(who), q);
    EXPECT_TRUE(l) << l.error().detail;
    std::vector<std::string> out;
    if (l)
      for (const auto& s : l->items) out.push_back(s.matter.code);
    return out;
  }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(PetitionTest, TheNoticeIsIssuedOnceWhenTheReceivingOfficeFirstPrintsIt) {
  IntakeReceipt r = petition();
  auto d = *svc_->matters().get(actor("disp"), r.code);
  ASSERT_TRUE(d.petition);
  EXPECT_EQ(format_date(local_date(d.petition->notice_due)), "2026-12-08");  // 15 days
  EXPECT_FALSE(d.petition->notice_issued_at);
  EXPECT_FALSE(d.petition->notice_overdue);
  EXPECT_EQ(d.petition->stage, PetitionStage::handle);
  act("disp", r.code, action("accept"));

  // The system administrator may print it, but is not the receiving office: nothing issued.
  ASSERT_TRUE(svc_->matters().petition_notice(actor("admin"), r.code));
  EXPECT_FALSE(svc_->matters().get(actor("disp"), r.code)->petition->notice_issued_at);

  clock_->advance(2 * kDay);
  auto first = svc_->matters().petition_notice(actor("disp"), r.code);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_NE(first->find("张三"), std::string::npos);
  auto again = svc_->matters().petition_notice(actor("disp_hetang"), r.code);
  ASSERT_TRUE(again) << again.error().detail;
  d = *svc_->matters().get(actor("disp"), r.code);
  ASSERT_TRUE(d.petition->notice_issued_at);
  EXPECT_EQ(format_date(local_date(*d.petition->notice_issued_at)), "2026-11-25");
  EXPECT_EQ(count_of(d, "notice_issued"), 1) << "later prints add nothing";
  auto issued = std::find_if(d.events.begin(), d.events.end(),
                             [](const EventView& e) { return e.event.type == "notice_issued"; });
  EXPECT_NE(issued->summary.find("出具受理告知书"), std::string::npos) << issued->summary;
  auto t = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(t);
  EXPECT_TRUE(std::any_of(t->timeline.begin(), t->timeline.end(),
                          [](const TimelineItem& i) { return i.type == "notice_issued"; }))
      << "the petitioner sees the notice was given";
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;

  // No petition, no document: not found.
  IntakeReceipt plain = submit();
  act("disp", plain.code, action("accept"));
  EXPECT_EQ(svc_->matters().petition_notice(actor("disp"), plain.code).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(svc_->matters().petition_reply(actor("disp"), plain.code).error().code,
            ErrorCode::not_found);
  EXPECT_FALSE(svc_->matters().get(actor("disp"), plain.code)->petition);
}

TEST_F(PetitionTest, TheNoticeOverdueListHoldsPetitionsPastFifteenDaysWithoutANotice) {
  IntakeReceipt issued = petition("信访:噪音扰民");
  IntakeReceipt late = petition("信访:违章搭建");
  IntakeReceipt fresh_plain = submit();
  act("disp", issued.code, action("accept"));
  act("disp", late.code, action("accept"));
  ASSERT_TRUE(svc_->matters().petition_notice(actor("disp"), issued.code));
  EXPECT_TRUE(listed("disp", true).empty()) << "nothing is late on day 1";

  clock_->advance(16 * kDay);
  IntakeReceipt young = petition("信访:物业收费");
  const auto overdue = listed("disp", true);
  EXPECT_EQ(overdue, std::vector<std::string>{late.code});
  const auto others = listed("disp", false);
  for (const auto& c : {issued.code, young.code, fresh_plain.code}) EXPECT_TRUE(contains(others, c)) << c;
  EXPECT_FALSE(contains(others, late.code));
  EXPECT_TRUE(svc_->matters().get(actor("disp"), late.code)->petition->notice_overdue);
  EXPECT_FALSE(svc_->matters().get(actor("disp"), issued.code)->petition->notice_overdue);
  // Another district's dispatcher does not see it in the list either.
  EXPECT_TRUE(listed("disp_lusong", true).empty());

  // Issued late, it leaves the list.
  ASSERT_TRUE(svc_->matters().petition_notice(actor("disp"), late.code));
  EXPECT_TRUE(listed("disp", true).empty());
}

TEST_F(PetitionTest, ReviewAndRecheckGoUpwardWithinThirtyDaysAndNothingFollowsTheRecheck) {
  IntakeReceipt r = answered_petition();
  auto d = *svc_->matters().get(actor("disp"), r.code);
  ASSERT_TRUE(d.petition);
  EXPECT_EQ(d.petition->request_action, Action::review_request);
  ASSERT_TRUE(d.petition->request_due);
  EXPECT_EQ(format_date(local_date(*d.petition->request_due)), "2026-12-23");
  ASSERT_TRUE(d.petition_request_org);
  EXPECT_EQ(d.petition_request_org->name, "荷塘区") << "the office above the one that replied";
  EXPECT_TRUE(std::find(d.available_actions.begin(), d.available_actions.end(),
                        Action::review_request) != d.available_actions.end());
  EXPECT_TRUE(std::find(d.available_actions.begin(), d.available_actions.end(),
                        Action::recheck_request) == d.available_actions.end());
  auto reply = svc_->matters().petition_reply(actor("disp"), r.code);
  ASSERT_TRUE(reply) << reply.error().detail;
  for (const char* part : {"信访事项处理意见书", "荷塘区城管局", "已责令该公司", "30日内向荷塘区请求复查"})
    EXPECT_NE(reply->find(part), std::string::npos) << part;

  auto too_early = try_act("disp", r.code, ask("recheck_request"));
  ASSERT_FALSE(too_early);
  EXPECT_EQ(too_early.error().code, ErrorCode::conflict) << "复核 only after 复查";
  EXPECT_EQ(try_act("hetang_cgj", r.code, ask("review_request")).error().code, ErrorCode::forbidden);
  EXPECT_EQ(try_act("disp", r.code, action("review_request")).error().field, "reason");

  // Day 30 after the reply: still in time. The matter goes to 荷塘区 with 30 days.
  clock_->advance(30 * kDay);
  d = act("disp", r.code, ask("review_request"));
  EXPECT_EQ(d.summary.matter.status, MatterStatus::assigned);
  ASSERT_TRUE(d.summary.lead_org);
  EXPECT_EQ(d.summary.lead_org->name, "荷塘区");
  EXPECT_EQ(format_date(local_date(*d.summary.matter.deadline)), "2027-01-22");
  EXPECT_EQ(d.petition->stage, PetitionStage::review);
  EXPECT_FALSE(d.petition->request_action);
  EXPECT_NE(d.events.back().summary.find("请求复查,由荷塘区复查"), std::string::npos)
      << d.events.back().summary;
  EXPECT_EQ(svc_->matters().petition_reply(actor("disp"), r.code).error().code, ErrorCode::conflict)
      << "no reply of the review yet";

  answer("admin", r.code, "复查认为原处理意见恰当,予以维持。");
  EXPECT_EQ(try_act("disp", r.code, ask("review_request")).error().code, ErrorCode::conflict);
  reply = svc_->matters().petition_reply(actor("disp"), r.code);
  ASSERT_TRUE(reply);
  for (const char* part : {"信访事项复查意见书", "复查机关", "荷塘区", "予以维持", "30日内向株洲市请求复核"})
    EXPECT_NE(reply->find(part), std::string::npos) << part;

  // The petitioner asks for the 复核 from the tracking page.
  auto t = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(t && t->petition);
  EXPECT_EQ(t->petition->request_action, Action::recheck_request);
  EXPECT_TRUE(t->petition->request_open);
  auto no_reason = svc_->intake().petition_request(r.code, TrackKey{r.token, {}, {}, {}}, {});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  EXPECT_EQ(svc_->intake()
                .petition_request(r.code, TrackKey{"wrong", {}, {}, {}}, {"", "不服"})
                .error()
                .code,
            ErrorCode::not_found);
  t = svc_->intake().petition_request(r.code, TrackKey{r.token, {}, {}, {}}, {"", "复查意见未解决问题"});
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->status, MatterStatus::assigned);
  EXPECT_EQ(t->lead_unit, "株洲市");
  EXPECT_EQ(t->petition->stage, PetitionStage::recheck);
  EXPECT_EQ(t->timeline.back().type, "recheck_request");

  answer("admin", r.code, "复核认为复查意见正确,予以维持。");
  d = *svc_->matters().get(actor("disp"), r.code);
  EXPECT_FALSE(d.petition->request_action);
  EXPECT_TRUE(std::none_of(d.available_actions.begin(), d.available_actions.end(), [](Action a) {
    return a == Action::review_request || a == Action::recheck_request;
  }));
  auto after = try_act("disp", r.code, ask("recheck_request"));
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::conflict);
  EXPECT_NE(after.error().detail.find("最终意见"), std::string::npos) << after.error().detail;
  auto public_after =
      svc_->intake().petition_request(r.code, TrackKey{r.token, {}, {}, {}}, {"", "仍不服"});
  ASSERT_FALSE(public_after);
  EXPECT_EQ(public_after.error().code, ErrorCode::conflict);
  reply = svc_->matters().petition_reply(actor("disp"), r.code);
  ASSERT_TRUE(reply);
  EXPECT_NE(reply->find("信访事项复核意见书"), std::string::npos);
  EXPECT_NE(reply->find("最终意见"), std::string::npos);
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
}

TEST_F(PetitionTest, ARequestAfterThirtyDaysIsRefused) {
  IntakeReceipt r = answered_petition();
  clock_->advance(31 * kDay);
  auto d = *svc_->matters().get(actor("disp"), r.code);
  EXPECT_FALSE(d.petition->request_open);
  EXPECT_TRUE(std::find(d.available_actions.begin(), d.available_actions.end(),
                        Action::review_request) == d.available_actions.end());
  auto late = try_act("disp", r.code, ask("review_request"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  EXPECT_NE(late.error().detail.find("30日"), std::string::npos) << late.error().detail;
  auto t = svc_->intake().petition_request(r.code, TrackKey{r.token, {}, {}, {}}, {"", "不服"});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::conflict);
}

TEST_F(PetitionTest, TheUnitComplainedAboutReadsNeitherNameNorPhoneInAnyDocument) {
  IntakeReceipt r = answered_petition();
  auto d = *svc_->matters().get(actor("cgj"), r.code);  // 市城管局, complained about
  EXPECT_TRUE(d.reporter.withheld);
  const auto before = event_count();
  for (auto doc : {svc_->matters().petition_notice(actor("cgj"), r.code),
                   svc_->matters().petition_reply(actor("cgj"), r.code)}) {
    ASSERT_TRUE(doc) << doc.error().detail;
    EXPECT_EQ(doc->find("张三"), std::string::npos);
    EXPECT_EQ(doc->find("13812341234"), std::string::npos);
    EXPECT_NE(doc->find("不予显示"), std::string::npos);
    EXPECT_NE(doc->find("拖欠工资"), std::string::npos) << "the matter itself is printed";
  }
  EXPECT_EQ(event_count(), before) << "no reveal, and the complained-about unit issues nothing";
  // The handling unit sees the name (a logged reveal), never the phone.
  auto theirs = svc_->matters().petition_reply(actor("hetang_cgj"), r.code);
  ASSERT_TRUE(theirs);
  EXPECT_NE(theirs->find("张三"), std::string::npos);
  EXPECT_EQ(event_count(), before + 1);
}

}  // namespace
}  // namespace huiyin::testing
