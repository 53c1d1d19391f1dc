// The unit complained about learns nothing of who complained (信访工作条例 Art. 30): one matter
// whose reporter's name, phone and ID number appear in every free-text field, read through every
// service output path by the unit complained about, the lead unit and the dispatcher.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "features/reports/common_problems.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/measures.hpp"
#include "app/service_test_support.hpp"
#include "features/reports/wall.hpp"

namespace huiyin::testing {
namespace {

const std::string kName = "欧阳娜娜";
const std::string kPhone = "13512347777";
const std::string kOtherPhone = "13912345678";
const std::string kId = "430202199001011233";
const std::vector<std::string> kSecrets = {kName, kPhone, kOtherPhone, kId, "12347777"};

class PrivacyViewTest : public ServiceTest {
 protected:
  // Submitted by 欧阳娜娜, assigned to 市住建局 as lead with 市城管局 named as the unit complained
  // about; personal data typed into the title, content, address, assign note, reply, a measure
  // and the evaluation comment.
  std::string code_;
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    IntakeRequest r;
    r.title = "投诉城管执法粗暴 电话" + kPhone;
    r.content = "我是" + kName + ",身份证" + kId + ",住东湖小区3栋501,城管队员推倒我的摊位。联系" +
                kPhone + "或" + kOtherPhone;
    r.category = "0101";
    r.district = "430202";
    r.address = "荷塘区东湖小区3栋501";
    r.contact_name = kName;
    r.contact_phone = kPhone;
    r.public_consent = true;
    auto receipt = svc_->intake().submit(r, "");
    ASSERT_TRUE(receipt) << receipt.error().detail;
    code_ = receipt->code;
    token_ = receipt->token;
    act("disp", code_, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = "430200-ZJJ";
    a.subject_orgs = {"430200-CGJ"};
    a.handling_class = "immediate";
    a.note = "注意保护反映人" + kName + " " + kOtherPhone;
    act("disp", code_, a);
    act("zjj", code_, action("sign"));
    MeasureInput m;
    m.content = "约" + kName + "(" + kPhone + ")现场核实";
    ASSERT_TRUE(svc_->measures().add(actor("zjj"), code_, m));
    ActionRequest res = action("resolve");
    res.reply = "已电话联系" + kName + "," + kPhone + ",摊位已恢复";
    res.unfinished_measures_reason = "已与" + kName + "(" + kPhone + ")约定改日复核";
    act("zjj", code_, res);
    ActionRequest v = action("verify");
    v.solved = true;
    v.satisfaction = "satisfied";
    v.comment = kName + "表示满意,回访电话" + kOtherPhone;
    act("disp", code_, v);
  }
  std::string token_;

  static void expect_clean(const std::string& what, const std::string& s) {
    for (const auto& secret : kSecrets)
      EXPECT_EQ(s.find(secret), std::string::npos) << what << " shows “" << secret << "”: " << s;
  }
  static std::string all_text(const MatterDetail& d) {
    std::string s = d.summary.matter.title + "|" + d.summary.matter.content + "|" +
                    d.summary.matter.address + "|" + d.summary.matter.reply + "|" + d.reporter.name +
                    "|" + d.reporter.phone;
    for (const auto& e : d.events) s += "|" + e.event.payload;
    for (const auto& m : d.measures) s += "|" + m.measure.content + "|" + m.measure.evidence;
    for (const auto& e : d.evaluations) s += "|" + e.comment;
    for (const auto& a : d.attachments) s += "|" + a.original_name;
    return s;
  }
};

TEST_F(PrivacyViewTest, SubjectUnitDetailShowsNoPersonalDataInAnyField) {
  auto d = svc_->matters().get(actor("cgj"), code_);
  ASSERT_TRUE(d) << d.error().detail;
  expect_clean("detail", all_text(*d));
  EXPECT_TRUE(d->reporter.name.empty());
  EXPECT_TRUE(d->reporter.phone.empty());
  EXPECT_EQ(d->summary.matter.address, "荷塘区");  // reduced to its area
  EXPECT_FALSE(d->summary.matter.lat);
  // Still readable: what happened and what was done.
  EXPECT_NE(d->summary.matter.content.find("城管队员推倒我的摊位"), std::string::npos);
  EXPECT_NE(d->summary.matter.reply.find("摊位已恢复"), std::string::npos);
  EXPECT_NE(d->summary.matter.content.find("135****7777"), std::string::npos);
}

TEST_F(PrivacyViewTest, LeadUnitAndDispatcherReadTheFullText) {
  for (const char* who : {"zjj", "disp"}) {
    auto d = svc_->matters().get(actor(who), code_);
    ASSERT_TRUE(d) << who;
    EXPECT_NE(d->summary.matter.content.find(kPhone), std::string::npos) << who;
    EXPECT_EQ(d->summary.matter.address, "荷塘区东湖小区3栋501") << who;
    EXPECT_EQ(d->reporter.phone, "135****7777") << who;  // contact stays masked until revealed
  }
}

TEST_F(PrivacyViewTest, SubjectUnitListsAndSnippetsAreMasked) {
  MatterQuery q;
  auto list = svc_->matters().list(actor("cgj"), q);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  expect_clean("list", list->items[0].matter.title + list->items[0].matter.content +
                           list->items[0].matter.address + list->items[0].matter.reply);
  q.q = "摊位";
  list = svc_->matters().list(actor("cgj"), q);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  expect_clean("snippet", list->items[0].snippet);
}

// The attack of the review: a masked 135****7777 read back digit by digit through search.
TEST_F(PrivacyViewTest, SubjectUnitCannotRecoverMaskedPhoneBySearch) {
  const Actor cgj = actor("cgj");
  for (char d = '0'; d <= '9'; ++d) {
    MatterQuery q;
    q.q = std::string("135") + d;
    auto list = svc_->matters().list(cgj, q);
    ASSERT_TRUE(list);
    EXPECT_TRUE(list->items.empty()) << q.q << " answers differently because of a hidden digit";
  }
  for (const auto& probe : {kPhone, kOtherPhone, kId, kName, std::string("4302021990")}) {
    MatterQuery q;
    q.q = probe;
    auto list = svc_->matters().list(cgj, q);
    ASSERT_TRUE(list);
    EXPECT_TRUE(list->items.empty()) << probe;
  }
  // What the unit can read, it can search: the visible digits and the words.
  MatterQuery visible;
  visible.q = "7777 摊位";
  auto list = svc_->matters().list(cgj, visible);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->items.size(), 1u);
}

TEST_F(PrivacyViewTest, LeadUnitFindsTheMatterByThePhoneInItsContent) {
  for (const char* who : {"zjj", "disp"}) {
    MatterQuery q;
    q.q = kOtherPhone;
    auto list = svc_->matters().list(actor(who), q);
    ASSERT_TRUE(list);
    EXPECT_EQ(list->items.size(), 1u) << who;
  }
}

TEST_F(PrivacyViewTest, SubjectUnitMeasuresAndRevealAreGuarded) {
  auto ms = svc_->measures().list(actor("cgj"), code_);
  ASSERT_TRUE(ms);
  ASSERT_EQ(ms->size(), 1u);
  expect_clean("measures", (*ms)[0].measure.content);
  auto reveal = svc_->matters().reveal_contact(actor("cgj"), code_);
  ASSERT_FALSE(reveal);
  EXPECT_EQ(reveal.error().code, ErrorCode::forbidden);
}

TEST_F(PrivacyViewTest, SimilarListShowsOtherMattersAsTheAskerMayReadThem) {
  // A second matter the unit complained about can read; its similar list names the first.
  IntakeRequest r;
  r.title = "投诉城管执法粗暴 电话";
  r.content = "我是摊主,身份证,住东湖小区3栋501,城管队员推倒我的摊位。联系";
  r.district = "430202";
  auto second = svc_->intake().submit(r, "");
  ASSERT_TRUE(second);
  act("disp", second->code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-CGJ";
  a.handling_class = "immediate";
  act("disp", second->code, a);
  ActionRequest reopen = action("reopen");  // keep the first one open so it is a candidate
  reopen.reason = "回头看发现摊位仍未恢复";
  act("sup", code_, reopen);

  auto similar = svc_->duplicates().similar(actor("cgj"), second->code, 10);
  ASSERT_TRUE(similar) << similar.error().detail;
  bool listed = false;
  for (const auto& s : *similar) {
    expect_clean("similar", s.title);
    listed = listed || s.code == code_;
  }
  EXPECT_TRUE(listed) << "the first matter should be listed, masked";
}

TEST_F(PrivacyViewTest, CommonProblemsShowMaskedExamples) {
  auto problems = svc_->common_problems().find(actor("sup"), {});
  ASSERT_TRUE(problems);
  for (const auto& p : *problems)
    for (const auto& e : p.examples) expect_clean("common problem", e.title);
}

TEST_F(PrivacyViewTest, WallMasksTheReportersNameInTheText) {
  auto wall = svc_->wall().list({});
  ASSERT_TRUE(wall);
  ASSERT_FALSE(wall->items.empty());
  for (const auto& it : wall->items) expect_clean("wall", it.title + it.content + it.reply);
}

}  // namespace
}  // namespace huiyin::testing
