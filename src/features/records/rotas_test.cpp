// Rotas of joint inspections (轮值联合巡查 "4+1") and continued joint meetings: whose turn it is
// now and next, which recent periods were inspected, a joint inspection led out of turn refused
// naming lead_dept, the defaults a record takes from its rota or the meeting it continues, and
// who may see and change a rota.
#include <gtest/gtest.h>

#include "app/service_test_support.hpp"
#include "features/records/records.hpp"

namespace huiyin::testing {
namespace {

class RotasTest : public ServiceTest {
 protected:
  // Weekly from Monday 2026-10-26 (the clock is Monday 2026-11-23: the fifth period, index 4).
  std::string make_rota() {
    RotaInput in;
    in.name = "荷塘区“4+1”轮值联合巡查";
    in.org = "430202";
    in.period = "week";
    in.start = "2026-10-26";
    in.leads = {"430202-CGJ", "430200-ZJJ", "430200-SWJ"};
    in.support = "430200-CGJ";
    in.route = "月塘街道—茨菇塘街道";
    auto code = svc_->records().create_rota(actor("disp_hetang"), in);
    EXPECT_TRUE(code) << code.error().field << " " << code.error().detail;
    return code ? *code : "";
  }

  RecordInput base(const std::string& kind, const std::string& date) {
    RecordInput in;
    in.kind = kind;
    in.date = date;
    in.place_org = "430202";
    in.leaders = {{"disp_hetang", "", "区政务服务中心主任"}};
    in.topic = kind == "joint_meeting" ? "六方联席会议" : "轮值联合巡查";
    return in;
  }

  RecordInput inspection(const std::string& rota, const std::string& date, const std::string& lead) {
    RecordInput in = base("joint_inspection", date);
    in.fields = {{"rota", rota}};
    if (!lead.empty()) in.fields["lead_dept"] = lead;
    return in;
  }
};

TEST_F(RotasTest, TheRotaShowsWhoLeadsNowAndNextAndWhichPeriodsWereInspected) {
  const std::string code = make_rota();
  EXPECT_EQ(code.rfind("ZZ-LB-20261123-", 0), 0u) << code;
  auto a = svc_->records().create(actor("disp_hetang"), inspection(code, "2026-11-03", "430200-ZJJ"), "");
  ASSERT_TRUE(a) << a.error().field << " " << a.error().detail;
  auto b = svc_->records().create(actor("disp_hetang"), inspection(code, "2026-11-23", ""), "");
  ASSERT_TRUE(b) << b.error().field << " " << b.error().detail;

  auto v = svc_->records().rota(actor("disp_hetang"), code);
  ASSERT_TRUE(v) << v.error().detail;
  EXPECT_EQ(v->current.span.label, "2026年第48周");
  EXPECT_EQ(format_date(v->current.span.from), "2026-11-23");
  EXPECT_EQ(format_date(v->current.span.to), "2026-11-29");
  EXPECT_EQ(v->current.lead.code, "430200-ZJJ");
  EXPECT_EQ(v->current.lead.name, "市住建局");
  EXPECT_EQ(v->next.lead.code, "430200-SWJ");
  EXPECT_EQ(format_date(v->next.span.from), "2026-11-30");
  ASSERT_EQ(v->periods.size(), 5u);  // from the first period up to the current one
  const std::vector<std::string> states = {"missed", "done", "missed", "missed", "done"};
  for (std::size_t i = 0; i < states.size(); ++i) EXPECT_EQ(v->periods[i].state, states[i]) << i;
  EXPECT_EQ(v->periods[1].records, std::vector<std::string>{a->code});
  EXPECT_EQ(v->periods[4].records, std::vector<std::string>{b->code});
  EXPECT_EQ(v->periods[0].lead.code, "430202-CGJ");

  // The inspection without period, lead or supporting unit took them from the rota.
  auto rec = svc_->records().get(actor("disp_hetang"), b->code);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->record.detail["period"], "2026年第48周");
  EXPECT_EQ(rec->record.detail["lead_dept"]["code"], "430200-ZJJ");
  EXPECT_EQ(rec->record.detail["support_unit"]["code"], "430200-CGJ");
  EXPECT_EQ(rec->record.detail["route"], "月塘街道—茨菇塘街道");
  EXPECT_EQ(rec->record.detail["rota"]["code"], code);

  // A later week without an inspection: the current period is due until its last day.
  clock_->set(kMonday10am + 7 * 86400);
  auto later = svc_->records().rota(actor("disp_hetang"), code);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->current.state, "due");
  EXPECT_EQ(later->current.lead.code, "430200-SWJ");
  EXPECT_EQ(later->periods.size(), 6u);
}

TEST_F(RotasTest, AnInspectionLedOutOfTurnIsRefusedNamingTheLeadOfThePeriod) {
  const std::string code = make_rota();
  auto r = svc_->records().create(actor("disp_hetang"), inspection(code, "2026-11-23", "430202-CGJ"), "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid);
  EXPECT_EQ(r.error().field, "lead_dept");
  EXPECT_EQ(r.error().detail, "本期(2026年第48周,11月23日至11月29日)轮值牵头部门为市住建局");
  auto before = svc_->records().create(actor("disp_hetang"), inspection(code, "2026-10-01", "430202-CGJ"), "");
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().field, "rota");
  auto unknown = svc_->records().create(actor("disp_hetang"), inspection("ZZ-LB-20200101-001", "2026-11-23", ""), "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "rota");
  // Without a rota the lead is as given.
  RecordInput free = base("joint_inspection", "2026-11-23");
  free.fields = {{"period", "第48周"}, {"lead_dept", "430202-CGJ"}, {"support_unit", "430200-CGJ"}};
  EXPECT_TRUE(svc_->records().create(actor("disp_hetang"), free, ""));
}

TEST_F(RotasTest, DispatchersLeadersAndAdminsInScopeManageRotasOthersDoNotSeeThem) {
  const std::string code = make_rota();
  RotaInput in;
  in.name = "x";
  in.org = "430202";
  in.period = "month";
  in.start = "2026-11-01";
  in.leads = {"430202-CGJ", "430200-ZJJ"};
  in.support = "430200-CGJ";
  auto handler = svc_->records().create_rota(actor("hetang_cgj"), in);
  ASSERT_FALSE(handler);
  EXPECT_EQ(handler.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(svc_->records().create_rota(actor("disp_lusong"), in));
  EXPECT_TRUE(svc_->records().create_rota(actor("boss"), in));
  in.leads = {"430202-CGJ", "430202"};  // an area is not a department
  auto bad = svc_->records().create_rota(actor("admin"), in);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "leads[1]");

  auto other = svc_->records().rota(actor("disp_lusong"), code);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  auto mine = svc_->records().rotas(actor("hetang_cgj"));  // a lead department sees it
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->size(), 2u);
  EXPECT_TRUE(svc_->records().rotas(actor("disp_lusong"))->empty());

  RotaPatch p;
  p.leads = std::vector<std::string>{"430200-SWJ", "430200-ZJJ", "430202-CGJ"};
  EXPECT_EQ(svc_->records().update_rota(actor("hetang_cgj"), code, p, 1).error().code,
            ErrorCode::forbidden);
  auto changed = svc_->records().update_rota(actor("disp_hetang"), code, p, 1);
  ASSERT_TRUE(changed) << changed.error().detail;
  EXPECT_EQ(changed->rota.version, 2);
  EXPECT_EQ(changed->current.lead.code, "430200-ZJJ");  // index 4 of 3 leads: the second
  EXPECT_EQ(changed->next.lead.code, "430202-CGJ");
  auto stale = svc_->records().update_rota(actor("disp_hetang"), code, p, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  RotaPatch stop;
  stop.active = false;
  ASSERT_TRUE(svc_->records().update_rota(actor("disp_hetang"), code, stop, 2));
  auto stopped = svc_->records().create(actor("disp_hetang"), inspection(code, "2026-11-23", ""), "");
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().field, "rota");
}

TEST_F(RotasTest, AContinuedJointMeetingTakesItsPartiesAndJoinsTheSeries) {
  RecordInput first = base("joint_meeting", "2026-09-20");
  first.fields = {{"convener", "430202"},
                  {"parties", nlohmann::json::array({"430202-CGJ", {{"name", "业委会"}},
                                                     {{"name", "物业公司"}}})}};
  auto a = svc_->records().create(actor("disp_hetang"), first, "");
  ASSERT_TRUE(a) << a.error().field << " " << a.error().detail;
  RecordInput second = base("joint_meeting", "2026-10-20");
  second.fields = {{"series", a->code}};
  auto b = svc_->records().create(actor("disp_hetang"), second, "");
  ASSERT_TRUE(b) << b.error().field << " " << b.error().detail;
  RecordInput third = base("joint_meeting", "2026-11-20");
  third.fields = {{"series", b->code}, {"parties", nlohmann::json::array({"430202-CGJ"})}};
  auto c = svc_->records().create(actor("disp_hetang"), third, "");
  ASSERT_TRUE(c) << c.error().field << " " << c.error().detail;

  auto vb = svc_->records().get(actor("disp_hetang"), b->code);
  ASSERT_TRUE(vb);
  EXPECT_EQ(vb->record.detail["convener"]["code"], "430202");
  ASSERT_EQ(vb->record.detail["parties"].size(), 3u);
  EXPECT_EQ(vb->record.detail["parties"][1]["name"], "业委会");
  EXPECT_EQ(vb->record.detail["series"], a->code);
  auto vc = svc_->records().get(actor("disp_hetang"), c->code);
  ASSERT_TRUE(vc);
  EXPECT_EQ(vc->record.detail["series"], a->code);  // the series is named by its first meeting
  EXPECT_EQ(vc->record.detail["parties"].size(), 1u);  // parties given are kept
  ASSERT_EQ(vc->series.size(), 3u);
  EXPECT_EQ(vc->series[0].code, a->code);
  EXPECT_EQ(vc->series[2].code, c->code);

  RecordListQuery q;
  q.kind = "joint_meeting";
  q.series = a->code;
  auto list = svc_->records().list(actor("disp_hetang"), q);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->items.size(), 3u);
  EXPECT_TRUE(svc_->records().list(actor("disp_lusong"), q)->items.empty());

  RecordInput alone = base("joint_meeting", "2026-11-21");
  alone.fields = {{"series", "ZZ-LH-20200101-0001"}};
  auto missing = svc_->records().create(actor("disp_hetang"), alone, "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "series");
  EXPECT_TRUE(svc_->records().get(actor("disp_hetang"), a->code)->series.size() == 3u);
}

}  // namespace
}  // namespace huiyin::testing
