// Field records through the kernel: a visit and the matters it found (each with the record as
// its source, on the visit channel, through the one intake path), a retry that makes nothing
// twice, 条块 scope on reading and listing, and the record's events in the audit chain.
#include <gtest/gtest.h>

#include "app/service_test_support.hpp"
#include "features/matters/matters.hpp"
#include "features/records/records.hpp"
#include "kernel/audit.hpp"

namespace huiyin::testing {
namespace {

class RecordsTest : public ServiceTest {
 protected:
  RecordInput visit(std::size_t matters = 3) {
    RecordInput in;
    in.kind = "visit";
    in.method = "unannounced";
    in.date = "2026-11-23";
    in.place_org = "430202";
    in.address = "荷塘区月塘社区";
    in.leaders = {{"disp_hetang", "", "区政务服务中心主任"}};
    in.participants = {{"", "李四", "社区书记"}};
    in.units = {"430202-CGJ"};
    in.topic = "老旧小区改造走访";
    in.summary = "走访三个小区,发现问题三个";
    in.counts = {{"attendees", 12}};
    for (std::size_t i = 0; i < matters; ++i)
      in.matters.push_back({"楼道灯不亮" + std::to_string(i + 1), "3栋楼道灯坏了一个月", "", "",
                            "", "", "", {}});
    return in;
  }
};

TEST_F(RecordsTest, AVisitWithThreeProblemsRaisesThreeMattersThatNameItAsSource) {
  auto r = svc_->records().create(actor("disp_hetang"), visit(), "visit-1");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->code.rfind("ZZ-ZF-", 0), 0u) << r->code;
  ASSERT_EQ(r->matters.size(), 3u);
  for (const auto& code : r->matters) {
    auto d = svc_->matters().get(actor("disp_hetang"), code);
    ASSERT_TRUE(d) << d.error().detail;
    EXPECT_EQ(d->source_kind, "visit");
    EXPECT_EQ(d->source_code, r->code);
  }
  auto v = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(v) << v.error().detail;
  EXPECT_EQ(v->matters.size(), 3u);  // the record's figures add up to its matters
  EXPECT_EQ(v->record.leaders.at(0).username, "disp_hetang");
  EXPECT_EQ(v->record.participants.at(0).name, "李四");
  EXPECT_EQ(v->record.counts.at("attendees"), 12);
  ASSERT_EQ(v->units.size(), 1u);
  EXPECT_EQ(v->units[0].code, "430202-CGJ");
  ASSERT_EQ(v->events.size(), 1u);
  EXPECT_EQ(v->events[0].type, "record_create");
  EXPECT_EQ(v->events[0].subject.kind, "record");
  EXPECT_FALSE(v->events[0].matter_id.has_value());
}

TEST_F(RecordsTest, ARetryWithTheSameKeyMakesNeitherTheRecordNorItsMattersTwice) {
  const std::int64_t before = event_count();
  auto a = svc_->records().create(actor("disp_hetang"), visit(2), "same-key");
  ASSERT_TRUE(a) << a.error().detail;
  const std::int64_t after_first = event_count();
  auto b = svc_->records().create(actor("disp_hetang"), visit(2), "same-key");
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_EQ(a->code, b->code);
  EXPECT_EQ(a->matters, b->matters);
  EXPECT_EQ(event_count(), after_first);
  EXPECT_GT(after_first, before);
  auto list = svc_->records().list(actor("disp_hetang"), {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->items.size(), 1u);
}

TEST_F(RecordsTest, AnotherDistrictNeitherReadsNorListsTheRecordNorCanRecordInThisDistrict) {
  auto r = svc_->records().create(actor("disp_hetang"), visit(1), "");
  ASSERT_TRUE(r) << r.error().detail;
  auto other = svc_->records().get(actor("disp_lusong"), r->code);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  auto list = svc_->records().list(actor("disp_lusong"), {});
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
  EXPECT_TRUE(svc_->records().get(actor("hetang_cgj"), r->code));  // the unit present
  EXPECT_TRUE(svc_->records().get(actor("boss"), r->code));         // the city's leader
  auto refused = svc_->records().create(actor("disp_lusong"), visit(1), "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_F(RecordsTest, BadInputNamesTheFieldAndStoresNothing) {
  const std::int64_t before = event_count();
  RecordInput in = visit(1);
  in.method = "teleport";
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "method");
  in = visit(1);
  in.matters[0].title.clear();
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "matters[0].title");
  in = visit(1);
  in.counts = {{"batches", 2}};  // a visit has no 批次
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "counts.batches");
  EXPECT_EQ(event_count(), before);
}

TEST_F(RecordsTest, ADecisionMadeOnTheSpotIsAMeasureTheRecordOwnsWithOwnerAndDeadline) {
  auto r = svc_->records().create(actor("disp_hetang"), visit(1), "");
  ASSERT_TRUE(r) << r.error().detail;
  auto m = svc_->records().add_measure(actor("disp_hetang"), r->code,
                                       {"一周内更换楼道灯", "430202-CGJ", "2026-11-30"});
  ASSERT_TRUE(m) << m.error().detail;
  EXPECT_EQ(m->owner.code, "430202-CGJ");
  EXPECT_EQ(m->measure.subject.kind, "record");
  EXPECT_EQ(m->measure.matter_id, 0);
  auto v = svc_->records().get(actor("hetang_cgj"), r->code);
  ASSERT_TRUE(v) << v.error().detail;
  ASSERT_EQ(v->measures.size(), 1u);
  EXPECT_EQ(v->measures[0].measure.content, "一周内更换楼道灯");
  ASSERT_TRUE(v->measures[0].measure.deadline.has_value());
  EXPECT_EQ(v->events.size(), 2u);  // record_create, measure_add
  // The matter it raised owns none of the record's measures.
  auto d = svc_->matters().get(actor("disp_hetang"), r->matters.at(0));
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->measures.empty());
  auto refused = svc_->records().add_measure(actor("disp_lusong"), r->code, {"越权", "", ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
}

TEST_F(RecordsTest, TheChainWithRecordEventsStillVerifies) {
  auto rec = svc_->records().create(actor("disp_hetang"), visit(2), "");
  ASSERT_TRUE(rec);
  ASSERT_TRUE(svc_->records().add_measure(actor("disp_hetang"), rec->code, {"现场交办", "", ""}));
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->reason;
}

}  // namespace
}  // namespace huiyin::testing
