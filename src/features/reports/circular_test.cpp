// 通报 over a real store (both backends): a circular's figures are the stats API's for the same
// filters, its ranking the rankings API's, each list as long as the matter list of its query
// (the 督办 / 通报 / 约谈 lists as the 督办台账 counts them), the returned list adds up to the
// returns figure; published, it re-checks as matching until an input changes; personal data
// is masked in print; only supervisors, leaders and admins issue, within their org.
#include <gtest/gtest.h>

#include "app/service_test_support.hpp"
#include "features/reports/circular.hpp"
#include "features/reports/report_json.hpp"
#include "features/reports/stats.hpp"
#include "features/supervision/ladder.hpp"
#include "features/supervision/sla.hpp"

namespace huiyin::testing {
namespace {

using nlohmann::json;

class CircularTest : public ServiceTest {
 protected:
  // November's matters: one solved (the good-practice case), one returned twice, one reopened,
  // one left to run late, then December 10th with the scheduler's tick run.
  void SetUp() override {
    ServiceTest::SetUp();
    solved_ = submit("小区路灯不亮").code;
    assign_and_sign(solved_);
    ActionRequest res = action("resolve");
    res.reply = "已联系张三(13812341234),当日更换灯泡并恢复照明";
    act("zjj", solved_, res);
    ActionRequest v = action("verify");
    v.solved = true;
    v.satisfaction = "satisfied";
    act("sup", solved_, v);

    returned_ = submit("人行道地砖松动").code;
    act("disp", returned_, action("accept"));
    for (int i = 0; i < 2; ++i) {
      ActionRequest a = action("assign");
      a.lead_org = "430200-ZJJ";
      a.handling_class = "immediate";
      act("disp", returned_, a);
      ActionRequest r = action("return");
      r.reason = "不属于本单位职责";
      act("zjj", returned_, r);
    }

    reopened_ = submit("楼道积水").code;
    assign_and_sign(reopened_);
    ActionRequest res2 = action("resolve");
    res2.reply = "已疏通";
    act("zjj", reopened_, res2);
    ActionRequest ro = action("reopen");
    ro.reason = "群众反映仍有积水";
    act("disp", reopened_, ro);

    late_ = submit("背街小巷垃圾清运不及时").code;
    assign_and_sign(late_);

    clock_->set(kMonday10am + 17 * 86400);  // 2026-12-10
    ASSERT_TRUE(svc_->sla().tick(clock_->now()));
  }

  CircularRequest november(std::vector<std::string> cases = {}) {
    CircularRequest r;
    r.period = "2026-11";
    r.org = "430200";
    r.cases = std::move(cases);
    return r;
  }

  std::string solved_, returned_, reopened_, late_;
};

TEST_F(CircularTest, FiguresAreTheStatsApisAndListsAddUp) {
  const Actor sup = actor("sup");
  auto c = svc_->circulars().preview(sup, november({solved_}));
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_FALSE(c->id);

  StatsQuery q{"2026-11-01", "2026-11-30", "430200"};
  auto overview = svc_->stats().overview(sup, q);
  ASSERT_TRUE(overview);
  EXPECT_EQ(c->inputs["figures"], http::figures_json(overview->current));
  EXPECT_EQ(c->inputs["figures"]["collected"], 4);
  auto ranking = svc_->stats().rankings(sup, q, "");
  ASSERT_TRUE(ranking);
  EXPECT_EQ(c->inputs["ranking"], http::rankings_json(*ranking));

  auto ladder = escalation_ladder(svc_->matters(), sup, "430200");
  ASSERT_TRUE(ladder);
  std::map<std::string, std::int64_t> ladder_count;
  for (const auto& s : *ladder) ladder_count[std::string(code(s.level))] = s.count;

  std::map<std::string, json> printed;
  for (const auto& l : c->content["lists"]) printed[l["key"]] = l;
  ASSERT_EQ(printed.size(), circular_lists().size());
  for (const auto& spec : circular_lists()) {
    const json& in = c->inputs["lists"][spec.key];
    const json& out = printed[spec.key];
    EXPECT_EQ(in["count"], in["codes"].size()) << spec.key;
    EXPECT_EQ(out["items"].size(), in["count"].get<std::size_t>()) << spec.key;
    // The list API for the same query gives the same total.
    MatterQuery mq;
    for (const auto& [k, v] : in["query"].items()) {
      const std::string s = v.get<std::string>();
      if (k == "from") mq.from = s;
      if (k == "to") mq.to = s;
      if (k == "org") mq.org = s;
      if (k == "escalation") mq.escalation = s;
      if (k == "overdue") mq.overdue = true;
      if (k == "returned") mq.returned = true;
      if (k == "reopened") mq.reopened = true;
    }
    mq.with_total = true;
    auto list = svc_->matters().list(sup, mq);
    ASSERT_TRUE(list) << spec.key;
    EXPECT_EQ(list->total.value_or(-1), in["count"].get<std::int64_t>()) << spec.key;
    if (ladder_count.count(spec.key)) EXPECT_EQ(ladder_count[spec.key], in["count"]) << spec.key;
  }
  EXPECT_EQ(c->inputs["lists"]["returned"]["codes"], json::array({returned_}));
  EXPECT_EQ(c->inputs["lists"]["reopened"]["codes"], json::array({reopened_}));
  // Past their deadlines while a unit (or the dispatchers, after a return) holds them.
  EXPECT_EQ(c->inputs["lists"]["overdue"]["codes"], json::array({late_, reopened_, returned_}));
  // The returns figure counts returns: the returned list's return counts add up to it.
  std::int64_t returns = 0;
  for (const auto& it : printed["returned"]["items"]) returns += it["return_count"].get<std::int64_t>();
  EXPECT_EQ(returns, c->inputs["figures"]["returned"].get<std::int64_t>());
  EXPECT_EQ(returns, 2);
  // Ten working days late: each overdue matter stands at 督办 or beyond, and is listed there.
  std::int64_t escalated = 0;
  for (const char* k : {"supervised", "circulated", "talk"}) escalated += c->inputs["lists"][k]["count"].get<std::int64_t>();
  EXPECT_EQ(escalated, 3);
}

TEST_F(CircularTest, PrintsAHeaderLinkedFiguresAndMaskedCases) {
  auto c = svc_->circulars().publish(actor("sup"), november({solved_}));
  ASSERT_TRUE(c) << c.error().detail;
  const std::string html = circular_html(*c);
  EXPECT_NE(html.find("2026年第1期"), std::string::npos);
  EXPECT_NE(html.find("发文单位:株洲市"), std::string::npos);
  EXPECT_NE(html.find("<h1>株洲市关于2026年11月群众诉求办理情况的通报</h1>"), std::string::npos);
  // Every figure is a link to the ledger of the filter that produced it.
  std::size_t figures = 0;
  std::vector<std::string> shown;
  for (const auto& [k, v] : c->inputs["figures"].items())
    if (!v.is_object() && !k.ends_with("_rate")) shown.push_back(k);  // the counts
  for (const auto& [k, r] : c->inputs["figures"]["rates"].items())
    if (r.contains("denominator")) shown.push_back("rate:" + k);  // each rate, from the rates module
  EXPECT_NE(html.find("<th>及时签收率</th>"), std::string::npos);
  for (const auto& k : shown) {
    ++figures;
    EXPECT_NE(html.find("data-figure=\"" + k + "\"><a href=\"/staff/ledger?from=2026-11-01&amp;org=430200&amp;status=submitted,"),
              std::string::npos)
        << k;
  }
  // That ledger is as long as the collected figure: every status but merged duplicates.
  MatterQuery lq;
  for (const auto& [k, v] : c->content["figures_query"].items()) {
    const std::string s = v.get<std::string>();
    if (k == "from") lq.from = s;
    if (k == "to") lq.to = s;
    if (k == "org") lq.org = s;
    if (k == "status")
      for (std::size_t a = 0, b; a <= s.size(); a = b + 1) {
        b = s.find(',', a);
        if (b == std::string::npos) b = s.size();
        lq.statuses.push_back(s.substr(a, b - a));
      }
  }
  EXPECT_EQ(lq.statuses.size(), all<MatterStatus>().size() - 1);
  lq.with_total = true;
  auto ledger = svc_->matters().list(actor("sup"), lq);
  ASSERT_TRUE(ledger);
  EXPECT_EQ(ledger->total.value_or(-1), c->inputs["figures"]["collected"].get<std::int64_t>());
  EXPECT_GE(figures, 16u);
  EXPECT_NE(html.find("/staff/ledger?from=2026-11-01&amp;org=430200&amp;overdue=true&amp;to=2026-11-30"),
            std::string::npos);
  EXPECT_NE(html.find(solved_), std::string::npos);
  EXPECT_NE(html.find("当日更换灯泡"), std::string::npos);
  EXPECT_EQ(html.find("13812341234"), std::string::npos) << "phone numbers are masked in print";
  EXPECT_EQ(html.find("张三"), std::string::npos) << "the reporter's name is masked in print";
  auto xlsx = circular_xlsx(*c);
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  EXPECT_EQ(xlsx->find("13812341234"), std::string::npos);
}

TEST_F(CircularTest, PublishedItRechecksUntilAnInputChanges) {
  const Actor sup = actor("sup");
  auto c = svc_->circulars().publish(sup, november({solved_}));
  ASSERT_TRUE(c) << c.error().detail;
  ASSERT_TRUE(c->id);
  EXPECT_EQ(c->issue, 1);
  EXPECT_GT(c->anchor_seq, 0);
  EXPECT_EQ(c->anchor_hash.size(), 64u);
  auto again = svc_->circulars().publish(sup, november());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->issue, 2) << "the next 期号 of the org and year";
  CircularRequest taken = november();
  taken.issue = 1;
  EXPECT_EQ(svc_->circulars().publish(sup, taken).error().code, ErrorCode::conflict);

  auto k = svc_->circulars().verify(sup, *c->id);
  ASSERT_TRUE(k) << k.error().detail;
  EXPECT_TRUE(k->stored_intact);
  EXPECT_TRUE(k->inputs_match) << (k->changed.empty() ? "" : k->changed[0]);
  EXPECT_EQ(k->recomputed_sha256, c->inputs_sha256);

  auto stored = svc_->circulars().get(sup, *c->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(circular_html(*stored), circular_html(*c)) << "a stored circular prints as published";

  act("sup", solved_, action("close"));  // a November figure moves: 已销号
  k = svc_->circulars().verify(sup, *c->id);
  ASSERT_TRUE(k);
  EXPECT_TRUE(k->stored_intact);
  EXPECT_FALSE(k->inputs_match);
  EXPECT_NE(k->recomputed_sha256, c->inputs_sha256);
  EXPECT_NE(std::find(k->changed.begin(), k->changed.end(), "figures.closed"), k->changed.end());

  auto list = svc_->circulars().list(sup, "");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().issue, 2) << "newest first";
}

TEST_F(CircularTest, OnlySupervisorsLeadersAndAdminsIssueWithinTheirOrg) {
  EXPECT_EQ(svc_->circulars().preview(actor("zjj"), november()).error().code, ErrorCode::forbidden);
  EXPECT_EQ(svc_->circulars().preview(actor("disp"), november()).error().code, ErrorCode::forbidden);
  EXPECT_EQ(svc_->circulars().preview(actor("sup_hetang"), november()).error().code,
            ErrorCode::forbidden);
  CircularRequest hetang = november();
  hetang.org = "430202";
  auto h = svc_->circulars().publish(actor("sup_hetang"), hetang);
  ASSERT_TRUE(h) << h.error().detail;
  EXPECT_TRUE(svc_->circulars().preview(actor("boss"), november()));
  EXPECT_EQ(svc_->circulars().get(actor("sup_lusong"), *h->id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(svc_->circulars().get(actor("sup"), *h->id));
  CircularRequest bad = november();
  bad.period = "2026-13";
  EXPECT_EQ(svc_->circulars().preview(actor("sup"), bad).error().field, "period");
  EXPECT_EQ(svc_->circulars().preview(actor("sup"), november({late_})).error().field, "cases")
      << "a case is chosen from resolved matters";
}

}  // namespace
}  // namespace huiyin::testing
