// Field records through the kernel: a visit and the matters it found (each with the record as
// its source, on the visit channel, through the one intake path), a retry that makes nothing
// twice, 条块 scope on reading and listing, and the record's events in the audit chain.
#include <gtest/gtest.h>

#include "app/service_test_support.hpp"
#include "features/matters/matters.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "kernel/audit.hpp"

namespace huiyin::testing {
namespace {

RecordListQuery listing(std::string kind, std::string method = "", std::string from = "",
                        std::string to = "") {
  RecordListQuery q;
  q.kind = std::move(kind);
  q.method = std::move(method);
  q.from = std::move(from);
  q.to = std::move(to);
  return q;
}

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
    for (std::size_t i = 0; i < matters; ++i) {
      RecordMatterInput m;
      m.title = "楼道灯不亮" + std::to_string(i + 1);
      m.content = "3栋楼道灯坏了一个月";
      in.matters.push_back(std::move(m));
    }
    return in;
  }

  // A valid record of `kind` in 荷塘区 with `matters` problems found, by the 荷塘区 dispatcher.
  RecordInput of_kind(const std::string& kind, std::size_t matters = 2) {
    RecordInput in = visit(matters);
    in.kind = kind;
    in.method.clear();
    in.counts.clear();
    if (kind == "visit") {
      in.method = "random";
    } else if (kind == "reception") {
      in.method = "leader_down";
      in.counts = {{"batches", static_cast<std::int64_t>(matters) + 1},
                   {"persons", static_cast<std::int64_t>(matters) + 3}};
    } else if (kind == "onsite_office") {
      in.decisions = {{"三天内清理占道堆放", "430202-CGJ", "2026-11-26"}};
    } else if (kind == "night_talk") {
      in.counts = {{"attendees", 18}};
      for (auto& m : in.matters) {
        m.lead_org = "430202-CGJ";
        m.responsible = RecordPersonInput{"hetang_cgj", "", "中队长"};
      }
    } else if (kind == "process_walk") {
      in.fields = {{"item", "不动产登记"},
                   {"role", "citizen"},
                   {"steps", nlohmann::json::array({{{"name", "取号"}, {"minutes", 12}},
                                                    {{"name", "窗口受理"}, {"minutes", 35}}})}};
    } else if (kind == "patrol") {
      in.fields = {{"section", "枫溪港荷塘段"}, {"start", "枫溪港桥"}, {"end", "湘江入口"}};
    } else if (kind == "joint_inspection") {
      in.fields = {{"period", "2026年第47周"},
                   {"lead_dept", "430202-CGJ"},
                   {"support_unit", "430200-ZJJ"}};
    } else if (kind == "joint_meeting") {
      in.fields = {{"convener", "430202"},
                   {"parties", nlohmann::json::array({"430202-CGJ", {{"name", "业委会"}},
                                                      {{"name", "物业公司"}}})}};
      in.decisions = {{"一个月内公示维修资金账目", "430202-CGJ", "2026-12-20"}};
    }
    return in;
  }

  // Each kind: its matters carry the record as source and the kind's channel, and the record's
  // figures add up to its matters.
  void raises_matters_with_its_source_and_channel(const std::string& kind) {
    SCOPED_TRACE(kind);
    const RecordKindSpec* spec = record_kind(kind);
    ASSERT_NE(spec, nullptr);
    auto r = svc_->records().create(actor("disp_hetang"), of_kind(kind, 2), "");
    ASSERT_TRUE(r) << r.error().field << " " << r.error().detail;
    EXPECT_EQ(r->code.rfind("ZZ-" + std::string(spec->code_letters) + "-", 0), 0u) << r->code;
    ASSERT_EQ(r->matters.size(), 2u);
    for (const auto& code : r->matters) {
      auto d = svc_->matters().get(actor("disp_hetang"), code);
      ASSERT_TRUE(d) << d.error().detail;
      EXPECT_EQ(d->source_kind, kind);
      EXPECT_EQ(d->source_code, r->code);
      EXPECT_EQ(d->summary.matter.channel, spec->channel);
    }
    auto v = svc_->records().get(actor("disp_hetang"), r->code);
    ASSERT_TRUE(v) << v.error().detail;
    ASSERT_EQ(v->matters.size(), 2u);
    EXPECT_EQ(v->matters[0].code, r->matters[0]);
    EXPECT_EQ(v->measures.size(), of_kind(kind).decisions.size());
    auto list = svc_->records().list(actor("disp_hetang"), listing(kind));
    ASSERT_TRUE(list);
    ASSERT_EQ(list->items.size(), 1u);
    auto g = svc_->records().grassroots(actor("disp_hetang"), {"2026-11-01", "2026-11-30", ""});
    ASSERT_TRUE(g) << g.error().detail;
    EXPECT_EQ(g->records.at(kind), 1);
    EXPECT_EQ(g->matters_raised, 2);
    EXPECT_EQ(g->kinds.at(kind).matters, 2);
    EXPECT_EQ(g->channels.at(std::string(code(spec->channel))), 2);
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

// 批示 on a field record (as on a matter): a leader's instruction shown on the record, tracked
// until its recorder or the place's staff answer it.
TEST_F(RecordsTest, ALeadersInstructionOnARecordWaitsUntilThePlaceAnswersIt) {
  auto r = svc_->records().create(actor("disp_hetang"), visit(1), "");
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(svc_->records().instruct(actor("sup"), r->code, "请抓紧落实").error().code,
            ErrorCode::forbidden)
      << "a 批示 is a leader's";
  EXPECT_EQ(svc_->records().instruct(actor("boss"), r->code, " ").error().field, "reason");
  EXPECT_EQ(svc_->records().answer_instruction(actor("disp_hetang"), r->code, "已落实").error().code,
            ErrorCode::conflict)
      << "nothing waits yet";
  auto v = svc_->records().instruct(actor("boss"), r->code, "走访发现的问题要逐件销号,月底前报结果");
  ASSERT_TRUE(v) << v.error().detail;
  ASSERT_EQ(v->instructions.size(), 1u);
  EXPECT_EQ(v->instructions[0].by, "用户boss") << "named as people read them";
  EXPECT_FALSE(v->instructions[0].answered_at);
  EXPECT_EQ(svc_->records().answer_instruction(actor("disp_lusong"), r->code, "已落实").error().code,
            ErrorCode::not_found)
      << "another district does not even see the record";
  auto seen = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->instructions.size(), 1u) << "shown to the place";
  auto a = svc_->records().answer_instruction(actor("disp_hetang"), r->code, "已逐件交办,月底前报结果");
  ASSERT_TRUE(a) << a.error().detail;
  ASSERT_TRUE(a->instructions[0].answered_at);
  EXPECT_EQ(a->instructions[0].answer, "已逐件交办,月底前报结果");
  EXPECT_EQ(svc_->records().answer_instruction(actor("disp_hetang"), r->code, "再答").error().code,
            ErrorCode::conflict);
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok);
}

TEST_F(RecordsTest, TheChainWithRecordEventsStillVerifies) {
  auto rec = svc_->records().create(actor("disp_hetang"), visit(2), "");
  ASSERT_TRUE(rec);
  ASSERT_TRUE(svc_->records().add_measure(actor("disp_hetang"), rec->code, {"现场交办", "", ""}));
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->reason;
}


TEST_F(RecordsTest, AVisitRaisesMattersWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("visit");
}
TEST_F(RecordsTest, AReceptionRaisesPetitionsWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("reception");
}
TEST_F(RecordsTest, AnOnsiteOfficeMeetingRaisesMattersWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("onsite_office");
}
TEST_F(RecordsTest, ANightTalkRaisesMattersWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("night_talk");
}
TEST_F(RecordsTest, AProcessWalkRaisesMattersWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("process_walk");
}
TEST_F(RecordsTest, APatrolRaisesMattersWithItsSourceAndChannel) {
  raises_matters_with_its_source_and_channel("patrol");
}
TEST_F(RecordsTest, AJointInspectionRaisesMattersOnThePatrolChannel) {
  raises_matters_with_its_source_and_channel("joint_inspection");
}
TEST_F(RecordsTest, AJointMeetingRaisesMattersOnTheJointMeetingChannel) {
  raises_matters_with_its_source_and_channel("joint_meeting");
}

TEST_F(RecordsTest, EveryKindOfTheContractIsDeclaredWithItsChannel) {
  const std::map<std::string, Channel> contract = {
      {"visit", Channel::visit},           {"reception", Channel::petition},
      {"onsite_office", Channel::onsite_office}, {"night_talk", Channel::night_talk},
      {"process_walk", Channel::process_walk},   {"patrol", Channel::patrol},
      {"joint_inspection", Channel::patrol},     {"joint_meeting", Channel::joint_meeting}};
  for (const auto& [kind, channel] : contract) {
    const RecordKindSpec* k = record_kind(kind);
    ASSERT_NE(k, nullptr) << kind;
    EXPECT_EQ(k->channel, channel) << kind;
  }
  EXPECT_EQ(record_kinds().size(), contract.size());
  EXPECT_EQ(label(Channel::joint_meeting), "联席会议");
}

TEST_F(RecordsTest, AReceptionCountsNoFewerBatchesAndPersonsThanItsItemisedPetitions) {
  const std::int64_t before = event_count();
  RecordInput in = of_kind("reception", 3);
  in.counts = {{"batches", 2}, {"persons", 9}};  // three petitions itemised in two 批次
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "counts.batches");
  in.counts = {{"batches", 4}, {"persons", 3}};
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "counts.persons");
  in.counts = {{"batches", 3}};
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "counts.persons");
  // A group visit of 12 is one 批次 with its persons: 3 petitions → at least 1 + 1 + 12 persons.
  in.matters[2].group = GroupVisitInput{12, 6};
  in.counts = {{"batches", 3}, {"persons", 20}};
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "matters[2].group.representatives");  // at most 5 (Art. 20)
  in.matters[2].group = GroupVisitInput{12, 5};
  in.counts = {{"batches", 3}, {"persons", 13}};
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "counts.persons");
  EXPECT_EQ(event_count(), before);
  in.counts = {{"batches", 3}, {"persons", 14}};
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_TRUE(r) << r.error().field << " " << r.error().detail;
  auto v = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(v);
  ASSERT_EQ(v->matters.size(), 3u);
  EXPECT_EQ(v->matters[2].item.at("group").at("persons"), 12);
  EXPECT_EQ(v->matters[2].item.at("group").at("representatives"), 5);
  EXPECT_FALSE(v->matters[0].item.contains("group"));
  auto d = svc_->matters().get(actor("disp_hetang"), r->matters[0]);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->summary.matter.acknowledge_due.has_value());  // the petition time limits apply
  RecordInput visit_group = of_kind("visit", 1);
  visit_group.matters[0].group = GroupVisitInput{6, 2};
  r = svc_->records().create(actor("disp_hetang"), visit_group, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "matters[0].group");
}

TEST_F(RecordsTest, ANightTalkItemNeedsAUnitAndAPersonResponsibleAndShowsItsAnswer) {
  RecordInput in = of_kind("night_talk", 2);
  in.matters[1].responsible.reset();
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "matters[1].responsible");
  in = of_kind("night_talk", 2);
  in.matters[0].lead_org.clear();
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "matters[0].lead_org");
  in = of_kind("night_talk", 2);
  in.matters[1].responsible = RecordPersonInput{"", "王德华", "社区主任"};
  in.matters[1].deadline = "2026-11-25";
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_TRUE(r) << r.error().field << " " << r.error().detail;
  for (const auto& code : r->matters) {
    auto d = svc_->matters().get(actor("disp_hetang"), code);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->summary.matter.status, MatterStatus::assigned);  // assigned on the spot
  }
  // The unit responsible answers the first item; the second passes its deadline unanswered.
  act("hetang_cgj", r->matters[0], action("sign"));
  ActionRequest res = action("resolve");
  res.reply = "已安排维修";
  act("hetang_cgj", r->matters[0], res);
  clock_->set(kMonday10am + 3 * 86400);
  auto v = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(v);
  ASSERT_EQ(v->matters.size(), 2u);
  EXPECT_EQ(v->matters[0].item.at("responsible").at("username"), "hetang_cgj");
  EXPECT_EQ(v->matters[1].item.at("responsible").at("name"), "王德华");
  EXPECT_EQ(v->matters[0].lead.code, "430202-CGJ");
  EXPECT_TRUE(v->matters[0].answered);
  EXPECT_FALSE(v->matters[0].overdue);
  EXPECT_FALSE(v->matters[1].answered);
  EXPECT_TRUE(v->matters[1].overdue);  // no answer past its deadline: flagged
}

TEST_F(RecordsTest, AMatterDecidedOnTheSpotIsAssignedInItsIntakeByThoseWhoMayAssign) {
  RecordInput in = of_kind("visit", 2);
  in.matters[0].lead_org = "430202-CGJ";
  in.matters[0].handling_class = "immediate";
  in.matters[0].deadline = "2026-11-27";
  auto r = svc_->records().create(actor("disp_hetang"), in, "spot-1");
  ASSERT_TRUE(r) << r.error().field << " " << r.error().detail;
  auto d = svc_->matters().get(actor("disp_hetang"), r->matters[0]);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->summary.matter.status, MatterStatus::assigned);
  ASSERT_TRUE(d->summary.matter.deadline.has_value());
  EXPECT_EQ(format_date(local_date(*d->summary.matter.deadline)), "2026-11-27");
  EXPECT_EQ(d->summary.matter.handling_class, HandlingClass::immediate);
  auto second = svc_->matters().get(actor("disp_hetang"), r->matters[1]);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->summary.matter.status, MatterStatus::submitted);  // no decision: to dispatch
  // A retry makes neither the record nor the assigned matter twice.
  const std::int64_t events = event_count();
  auto again = svc_->records().create(actor("disp_hetang"), in, "spot-1");
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(again->matters, r->matters);
  EXPECT_EQ(event_count(), events);
  // The city's leader decides on the spot too.
  RecordInput lead = of_kind("visit", 1);
  lead.leaders = {{"boss", "", "市长"}};
  lead.matters[0].lead_org = "430200-ZJJ";
  auto by_leader = svc_->records().create(actor("boss"), lead, "");
  ASSERT_TRUE(by_leader) << by_leader.error().detail;
  auto ld = svc_->matters().get(actor("boss"), by_leader->matters[0]);
  ASSERT_TRUE(ld);
  EXPECT_EQ(ld->summary.matter.status, MatterStatus::assigned);
  const std::int64_t before = event_count();
  // A matter found in another district is dispatched there, not assigned by this one.
  RecordInput unit = of_kind("visit", 1);
  unit.matters[0].area = "430203";
  unit.matters[0].lead_org = "430203-CGJ";
  auto refused = svc_->records().create(actor("disp_hetang"), unit, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(refused.error().field, "matters[0].lead_org");
  EXPECT_EQ(event_count(), before);  // refused before the record is stored
  // A district dispatcher cannot assign to another district's unit.
  RecordInput other = of_kind("visit", 1);
  other.matters[0].lead_org = "430203-CGJ";
  auto outside = svc_->records().create(actor("disp_hetang"), other, "");
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().field, "matters[0].lead_org");
}

TEST_F(RecordsTest, AMattersAreaDefaultsToThePlaceAndMayBeGiven) {
  RecordInput in = of_kind("visit", 2);
  in.place_org = "430202";
  in.matters[1].area = "430200";
  auto r = svc_->records().create(actor("disp"), in, "");
  ASSERT_TRUE(r) << r.error().detail;
  auto a = svc_->matters().get(actor("disp"), r->matters[0]);
  auto b = svc_->matters().get(actor("disp"), r->matters[1]);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->summary.area->code, "430202");
  EXPECT_EQ(b->summary.area->code, "430200");
}

TEST_F(RecordsTest, AProcessWalkKeepsItsItemRoleAndStepsWithTheirTime) {
  RecordInput in = of_kind("process_walk", 1);
  in.fields.erase("steps");
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "steps");
  in = of_kind("process_walk", 1);
  in.fields["role"] = "tourist";
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "role");
  in = of_kind("process_walk", 1);
  in.fields["steps"][1]["minutes"] = -3;
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "steps[1].minutes");
  in = of_kind("process_walk", 1);
  in.fields["section"] = "not a field of a walk";
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "section");
  r = svc_->records().create(actor("disp_hetang"), of_kind("process_walk", 1), "");
  ASSERT_TRUE(r) << r.error().detail;
  auto v = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->record.detail.at("item"), "不动产登记");
  EXPECT_EQ(v->record.detail.at("role"), "citizen");
  ASSERT_EQ(v->record.detail.at("steps").size(), 2u);
  EXPECT_EQ(v->record.detail.at("steps")[1].at("minutes"), 35);
  EXPECT_EQ(v->record.detail.at("steps_minutes"), 47);
}

TEST_F(RecordsTest, PatrolsInspectionsAndMeetingsKeepTheirOwnFields) {
  RecordInput in = of_kind("patrol", 0);
  in.fields.erase("section");
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "section");
  in = of_kind("joint_inspection", 0);
  in.fields["lead_dept"] = "NOPE";
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "lead_dept");
  in = of_kind("joint_meeting", 0);
  in.fields.erase("parties");
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "parties");
  auto ji = svc_->records().create(actor("disp_hetang"), of_kind("joint_inspection", 0), "");
  ASSERT_TRUE(ji) << ji.error().detail;
  auto v = svc_->records().get(actor("disp_hetang"), ji->code);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->record.detail.at("lead_dept").at("name"), "荷塘区城管局");
  EXPECT_EQ(v->record.detail.at("support_unit").at("code"), "430200-ZJJ");
  auto jm = svc_->records().create(actor("disp_hetang"), of_kind("joint_meeting", 0), "");
  ASSERT_TRUE(jm) << jm.error().detail;
  v = svc_->records().get(actor("disp_hetang"), jm->code);
  ASSERT_TRUE(v);
  const auto& parties = v->record.detail.at("parties");
  ASSERT_EQ(parties.size(), 3u);
  EXPECT_EQ(parties[0].at("name"), "荷塘区城管局");
  EXPECT_EQ(parties[1].at("name"), "业委会");
  EXPECT_EQ(v->record.detail.at("convener").at("name"), "荷塘区");
}

TEST_F(RecordsTest, OnsiteDecisionsAreMeasuresWithOwnerAndDeadlineTrackedToDone) {
  RecordInput in = of_kind("onsite_office", 1);
  in.decisions[0].deadline.clear();
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "decisions[0].deadline");
  in = of_kind("onsite_office", 1);
  in.decisions[0].owner_org.clear();
  r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "decisions[0].owner_org");
  r = svc_->records().create(actor("disp_hetang"), of_kind("onsite_office", 1), "");
  ASSERT_TRUE(r) << r.error().detail;
  auto v = svc_->records().get(actor("disp_hetang"), r->code);
  ASSERT_TRUE(v);
  ASSERT_EQ(v->measures.size(), 1u);
  EXPECT_EQ(v->measures[0].owner.code, "430202-CGJ");
  ASSERT_TRUE(v->measures[0].measure.deadline.has_value());
  const Id mid = v->measures[0].measure.id;
  // A decision added later needs its owner and deadline too.
  auto no_owner = svc_->records().add_measure(actor("disp_hetang"), r->code, {"补充交办", "", "2026-11-30"});
  ASSERT_FALSE(no_owner);
  EXPECT_EQ(no_owner.error().field, "owner_org");
  // Another district's unit may not touch it; the owner unit reports it done.
  auto refused = svc_->records().update_measure(actor("lusong_cgj"), r->code, mid,
                                                {std::nullopt, std::string("done"), std::nullopt}, 1);
  ASSERT_FALSE(refused);
  auto done = svc_->records().update_measure(actor("hetang_cgj"), r->code, mid,
                                             {std::nullopt, std::string("done"), std::string("已清理")}, 1);
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(done->measure.status, MeasureStatus::done);
  EXPECT_EQ(done->measure.progress, 100);
  auto stale = svc_->records().update_measure(actor("hetang_cgj"), r->code, mid,
                                              {50, std::nullopt, std::nullopt}, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto g = svc_->records().grassroots(actor("disp_hetang"), {"2026-11-23", "2026-11-23", ""});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->measures_proposed, 1);
  EXPECT_EQ(g->measures_done, 1);
  EXPECT_EQ(g->kinds.at("onsite_office").decisions_done, 1);
}

TEST_F(RecordsTest, GrassrootsFiguresEqualTheListsBehindThem) {
  // Two visits (one 四不两直), a reception of 3 批 7 人次, a night talk; one matter verified solved.
  auto v1 = svc_->records().create(actor("disp_hetang"), of_kind("visit", 2), "");
  RecordInput un = of_kind("visit", 1);
  un.method = "unannounced";
  auto v2 = svc_->records().create(actor("disp_hetang"), un, "");
  RecordInput rec = of_kind("reception", 2);
  rec.counts = {{"batches", 3}, {"persons", 7}};
  auto v3 = svc_->records().create(actor("disp_hetang"), rec, "");
  auto v4 = svc_->records().create(actor("disp_hetang"), of_kind("night_talk", 1), "");
  ASSERT_TRUE(v1 && v2 && v3 && v4);
  ASSERT_TRUE(svc_->records().add_measure(actor("disp_hetang"), v1->code, {"建立台账", "", ""}));
  const std::string solved = v4->matters[0];
  act("hetang_cgj", solved, action("sign"));
  ActionRequest res = action("resolve");
  res.reply = "已修复";
  act("hetang_cgj", solved, res);
  ActionRequest ver = action("verify");
  ver.solved = true;
  ver.satisfaction = "satisfied";
  act("disp_hetang", solved, ver);
  // A record in 芦淞区 is outside 荷塘区's scope.
  RecordInput ls = of_kind("visit", 1);
  ls.place_org = "430203";
  ls.units.clear();
  ls.leaders = {{"disp_lusong", "", ""}};
  ASSERT_TRUE(svc_->records().create(actor("disp_lusong"), ls, ""));

  auto g = svc_->records().grassroots(actor("disp_hetang"), {"2026-11-01", "2026-11-30", ""});
  ASSERT_TRUE(g) << g.error().detail;
  std::int64_t listed_matters = 0;
  for (const auto& [kind, n] : g->records) {
    auto list = svc_->records().list(actor("disp_hetang"), listing(kind, "", "2026-11-01", "2026-11-30"));
    ASSERT_TRUE(list);
    EXPECT_EQ(static_cast<std::int64_t>(list->items.size()), n) << kind;
    for (const auto& item : list->items) listed_matters += static_cast<std::int64_t>(item.matters.size());
  }
  auto unannounced = svc_->records().list(actor("disp_hetang"), listing("", "unannounced"));
  ASSERT_TRUE(unannounced);
  EXPECT_EQ(g->methods.at("unannounced"), static_cast<std::int64_t>(unannounced->items.size()));
  EXPECT_EQ(g->records.at("visit"), 2);
  EXPECT_EQ(g->methods.at("unannounced"), 1);
  EXPECT_EQ(g->methods.at("leader_down"), 1);
  EXPECT_EQ(g->batches, 3);
  EXPECT_EQ(g->persons, 7);
  EXPECT_EQ(g->matters_raised, 6);
  EXPECT_EQ(g->matters_raised, listed_matters);
  EXPECT_EQ(g->measures_proposed, 1);
  EXPECT_EQ(g->solved, 1);
  ASSERT_TRUE(g->resolution_rate.has_value());
  EXPECT_NEAR(*g->resolution_rate, 1.0 / 6.0, 1e-9);
  EXPECT_EQ(g->summary_text,
            "本期共开展调研走访2次,其中四不两直1次;接待群众3批7人次;开展夜话家常1场;"
            "收集意见建议6条,提出办法举措1条,已解决1件,解决率16.67%");
  // The city sees both districts; an org narrows it; the period too.
  auto city = svc_->records().grassroots(actor("boss"), {"2026-11-01", "2026-11-30", ""});
  ASSERT_TRUE(city);
  EXPECT_EQ(city->records.at("visit"), 3);
  auto lusong = svc_->records().grassroots(actor("boss"), {"2026-11-01", "2026-11-30", "430203"});
  ASSERT_TRUE(lusong);
  EXPECT_EQ(lusong->records.at("visit"), 1);
  EXPECT_EQ(lusong->matters_raised, 1);
  auto before = svc_->records().grassroots(actor("boss"), {"2026-10-01", "2026-10-31", ""});
  ASSERT_TRUE(before);
  EXPECT_EQ(before->matters_raised, 0);
  EXPECT_FALSE(before->resolution_rate.has_value());
  auto bad = svc_->records().grassroots(actor("boss"), {"2026-11-30", "2026-11-01", ""});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "from");
}

TEST_F(RecordsTest, ADossierIsForTheOfficialTheirUnitsLeadersSupervisorsAndAdminsOnly) {
  RecordInput in = of_kind("visit", 1);
  in.participants = {{"zjj", "", "科长"}};
  auto r = svc_->records().create(actor("disp_hetang"), in, "");
  ASSERT_TRUE(r);
  ASSERT_TRUE(svc_->records().add_measure(actor("disp_hetang"), r->code, {"整改", "430200-ZJJ", ""}));
  for (const char* who : {"zjj", "zjj_lead", "sup", "admin"}) {
    auto d = svc_->records().dossier(actor(who), "zjj", "2026-11-01", "2026-11-30");
    ASSERT_TRUE(d) << who << ": " << d.error().detail;
    ASSERT_EQ(d->records.size(), 1u) << who;
    EXPECT_EQ(d->records[0].record.code, r->code);
    ASSERT_EQ(d->matters.size(), 1u);
    EXPECT_EQ(d->matters[0].code, r->matters[0]);
    EXPECT_EQ(d->matters[0].record_code, r->code);
    EXPECT_EQ(d->measures.size(), 1u);
  }
  for (const char* who : {"hetang_cgj", "cgj", "disp_lusong", "boss"}) {
    auto d = svc_->records().dossier(actor(who), "zjj", "", "");
    ASSERT_FALSE(d) << who;
    EXPECT_EQ(d.error().code, ErrorCode::forbidden) << who;
  }
  auto unknown = svc_->records().dossier(actor("hetang_cgj"), "nobody", "", "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::forbidden);  // no telling who exists
  auto led = svc_->records().dossier(actor("disp_hetang"), "disp_hetang", "", "");
  ASSERT_TRUE(led);
  EXPECT_EQ(led->records.size(), 1u);  // led it
  auto xlsx = dossier_xlsx_bytes(*led);
  ASSERT_TRUE(xlsx) << xlsx.error().detail;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

}  // namespace
}  // namespace huiyin::testing
