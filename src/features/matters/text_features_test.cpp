// The text layer wired into the service: routing suggestions and their lifecycle (cold start,
// model file, corrections, background retrain), duplicates, evaluation by every reporter of a
// merged matter, common-problem clusters and search snippets. Real SQLite store.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "features/reports/common_problems.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/routing.hpp"
#include "app/service_test_support.hpp"
#include "text/cold_start.hpp"
#include "features/matters/matter_store.hpp"
#include "store/catalog_store.hpp"
#include "store/store_test_support.hpp"
#include "store/directory_store.hpp"

namespace huiyin::testing {
namespace {

class TextFeaturesTest : public ServiceTest {
 protected:
  IntakeReceipt submit_in(const std::string& district, const std::string& title,
                          const std::string& content, const Actor* recorder = nullptr) {
    IntakeRequest r;
    r.title = title;
    r.content = content;
    r.district = district;
    r.contact_name = "李四";
    r.contact_phone = "13912345678";
    auto res = svc_->intake().submit(r, "", recorder);
    EXPECT_TRUE(res) << (res ? "" : res.error().detail);
    return res ? *res : IntakeReceipt{};
  }

  // Category 01 (城乡建设) is led by 市住建局 by default.
  void set_default_lead() {
    Status st = store_->write([&](Tx& tx) -> Status {
      for (auto c : db::list_categories(tx))
        if (c.code == "01") {
          c.default_dept_org = db::org_by_code(tx, "430200-ZJJ")->id;
          if (auto id = db::put_category(tx, c); !id) return id.error();
        }
      return ok();
    });
    ASSERT_TRUE(st);
  }

  std::vector<Event> events_of(const std::string& code) {
    std::vector<Event> out;
    Status st = store_->read([&](Tx& tx) -> Status {
      out = tx.events_of(db::matter_by_code(tx, code)->id);
      return ok();
    });
    EXPECT_TRUE(st);
    return out;
  }

  void resolve(const std::string& code) {
    assign_and_sign(code);
    ActionRequest r = action("resolve");
    r.reply = "已更换损坏的路灯,恢复照明";
    act("zjj", code, r);
  }
};

const char* kLamp = "小区路灯坏了好几个月,晚上一片漆黑,老人小孩出门很不安全,希望尽快维修路灯";

// Deployments set default departments on sub-categories; a first-level suggestion then takes
// the department most of its sub-categories name.
TEST_F(TextFeaturesTest, FirstLevelSuggestionTakesItsSubCategoriesLeadUnit) {
  Status st = store_->write([&](Tx& tx) -> Status {
    const auto all = db::list_categories(tx);
    Id top = 0;
    for (const auto& c : all)
      if (c.code == "01") top = c.id;
    for (auto c : all)
      if (c.parent == top) {
        c.default_dept_org = db::org_by_code(tx, "430200-ZJJ")->id;
        if (auto id = db::put_category(tx, c); !id) return id.error();
      }
    return ok();
  });
  ASSERT_TRUE(st);
  auto r = submit_in("430202", "小区路灯不亮", kLamp);
  auto s = svc_->routing().suggest(actor("disp"), r.code);
  ASSERT_TRUE(s) << s.error().detail;
  ASSERT_FALSE(s->empty());
  EXPECT_EQ((*s)[0].category_code, "01");
  ASSERT_TRUE((*s)[0].lead_org);
  EXPECT_EQ((*s)[0].lead_org->code, "430200-ZJJ");
}

TEST_F(TextFeaturesTest, ColdStartSuggestsCategoryAndLeadUnit) {
  set_default_lead();
  auto r = submit_in("430202", "小区路灯不亮", kLamp);
  auto s = svc_->routing().suggest(actor("disp"), r.code);
  ASSERT_TRUE(s) << s.error().detail;
  ASSERT_FALSE(s->empty());
  EXPECT_LE(s->size(), 3u);
  EXPECT_EQ((*s)[0].category_code, "01");
  EXPECT_EQ((*s)[0].category_name, "城乡建设");
  ASSERT_TRUE((*s)[0].lead_org);
  EXPECT_EQ((*s)[0].lead_org->code, "430200-ZJJ");
  EXPECT_EQ((*s)[0].lead_org->name, "市住建局");
  double sum = 0;
  for (const auto& x : *s) {
    EXPECT_GT(x.confidence, 0);
    sum += x.confidence;
  }
  EXPECT_LE(sum, 1.0 + 1e-9);
  for (std::size_t i = 1; i < s->size(); ++i)
    EXPECT_GE((*s)[i - 1].confidence, (*s)[i].confidence);
  // Outside the dispatcher's district: the matter does not exist for them.
  auto other = svc_->routing().suggest(actor("disp_lusong"), r.code);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
}

TEST_F(TextFeaturesTest, DispatcherCorrectionIsLoggedInTheEvent) {
  auto r = submit_in("430202", "小区路灯不亮", kLamp);
  ActionRequest a = action("accept");
  a.category = "0304";  // 交通秩序: not what the model suggests
  act("disp", r.code, a);
  auto events = events_of(r.code);
  auto p = nlohmann::json::parse(events.back().payload);
  EXPECT_EQ(p.value("category", ""), "0304");
  EXPECT_EQ(p.value("suggested_category", ""), "01");
  EXPECT_TRUE(p.value("correction", false));
  EXPECT_EQ(svc_->routing().classifications(), 1u);
  EXPECT_EQ(svc_->routing().corrections(), 1u);

  // Agreeing with the model is a classification, not a correction.
  auto r2 = submit_in("430202", "路灯不亮", kLamp);
  ActionRequest a2 = action("accept");
  a2.category = "0101";
  act("disp", r2.code, a2);
  auto p2 = nlohmann::json::parse(events_of(r2.code).back().payload);
  EXPECT_FALSE(p2.value("correction", true));
  EXPECT_EQ(svc_->routing().classifications(), 2u);
  EXPECT_EQ(svc_->routing().corrections(), 1u);
}

TEST_F(TextFeaturesTest, ModelFileIsLoadedAtStartAndRetrainReplacesIt) {
  // A model that only knows 交通运输 (03) and 环境保护 (02): suggestions must come from it.
  std::vector<text::Document> seeds = {{"停车 交通 道路 红绿灯", "违停 拥堵", "03", {}},
                                       {"噪音 污染 油烟 排污", "臭味 废气", "02", {}}};
  auto model = text::cold_start_model(seeds);
  ASSERT_TRUE(model.save((dir_ / "model.bin").string()));
  ServiceConfig cfg;
  cfg.data_dir = dir_.string();
  cfg.fast_password_hashing = true;
  cfg.retrain_every = 3;
  auto svc = Services::open(*store_, *clock_, cfg);
  ASSERT_TRUE(svc);
  auto r = submit_in("430202", "小区路灯不亮", kLamp);
  auto s = (*svc)->routing().suggest(actor("disp"), r.code);
  ASSERT_TRUE(s);
  ASSERT_FALSE(s->empty());
  for (const auto& x : *s) EXPECT_NE(x.category_code, "01");

  // Three classifications start a background retrain on the history (cold start below 20
  // labelled matters: the whole taxonomy again), which is swapped in and saved.
  const auto before = std::filesystem::last_write_time(dir_ / "model.bin");
  for (int i = 0; i < 3; ++i) {
    auto m = submit_in("430202", "路灯不亮" + std::to_string(i), kLamp);
    ActionRequest a = action("accept");
    a.category = "0101";
    Actor disp = actor("disp");
    auto cur = (*svc)->matters().get(disp, m.code);
    ASSERT_TRUE(cur);
    ASSERT_TRUE((*svc)->matters().act(disp, m.code, a, cur->summary.matter.version));
  }
  (*svc)->routing().wait_idle();
  EXPECT_EQ((*svc)->routing().retrains(), 1u);
  auto s2 = (*svc)->routing().suggest(actor("disp"), r.code);
  ASSERT_TRUE(s2);
  ASSERT_FALSE(s2->empty());
  EXPECT_EQ((*s2)[0].category_code, "01");
  EXPECT_GE(std::filesystem::last_write_time(dir_ / "model.bin"), before);
  auto reloaded = text::Classifier::load((dir_ / "model.bin").string());
  ASSERT_TRUE(reloaded);
  EXPECT_GT(reloaded->labels().size(), 2u);
}

TEST_F(TextFeaturesTest, RetrainOnHistoryLearnsTheDeploymentsCategories) {
  // 25 matters about one thing filed by dispatchers under 05 (not what cold start would say).
  for (int i = 0; i < 25; ++i) {
    auto m = submit_in("430202", "广场舞扰民第" + std::to_string(i) + "次",
                       "每天晚上广场舞音响声音太大,影响休息,希望管一管 " + std::to_string(i));
    ActionRequest a = action("accept");
    a.category = "05";
    act("disp", m.code, a);
  }
  auto other = submit_in("430203", "小区路灯不亮", kLamp);
  act("disp", other.code, [] {
    ActionRequest a = action("accept");
    a.category = "01";
    return a;
  }());
  ASSERT_TRUE(svc_->routing().retrain());
  auto probe = submit_in("430202", "广场舞音响太吵", "晚上广场舞声音太大影响休息");
  auto s = svc_->routing().suggest(actor("disp"), probe.code);
  ASSERT_TRUE(s);
  ASSERT_FALSE(s->empty());
  EXPECT_EQ((*s)[0].category_code, "05");
}

TEST_F(TextFeaturesTest, SimilarFindsNearDuplicatesInScopeOnly) {
  auto a = submit_in("430202", "荷塘区红旗路路灯不亮", kLamp);
  auto b = submit_in("430202", "红旗路的路灯坏了", std::string(kLamp) + ",谢谢");
  auto trad = submit_in("430202", "紅旗路路燈不亮",
                        "小區路燈壞了好幾個月,晚上一片漆黑,老人小孩出門很不安全,希望儘快維修路燈");
  auto c = submit_in("430202", "餐馆油烟扰民", "楼下餐馆油烟直排,窗户都不敢开,气味很大");
  auto far = submit_in("430203", "芦淞区路灯不亮", kLamp);

  auto s = svc_->duplicates().similar(actor("disp"), a.code);
  ASSERT_TRUE(s) << s.error().detail;
  std::vector<std::string> codes;
  for (const auto& x : *s) {
    codes.push_back(x.code);
    EXPECT_GE(x.score, 0.5);
    EXPECT_LE(x.score, 1.0);
    EXPECT_NE(x.code, a.code);
  }
  EXPECT_NE(std::find(codes.begin(), codes.end(), b.code), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), trad.code), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), c.code), codes.end());
  // Same text in another district still matches for a city dispatcher (place lowers the score),
  // but a 荷塘区 dispatcher never sees 芦淞区 matters.
  auto hetang = svc_->duplicates().similar(actor("disp_hetang"), a.code);
  ASSERT_TRUE(hetang);
  for (const auto& x : *hetang) EXPECT_NE(x.code, far.code);
  auto lusong = svc_->duplicates().similar(actor("disp_lusong"), a.code);
  ASSERT_FALSE(lusong);
  EXPECT_EQ(lusong.error().code, ErrorCode::not_found);

  // Merged away: no longer offered as a duplicate.
  ActionRequest m = action("merge");
  m.into = a.code;
  act("disp", b.code, m);
  auto after = svc_->duplicates().similar(actor("disp"), a.code);
  ASSERT_TRUE(after);
  for (const auto& x : *after) EXPECT_NE(x.code, b.code);
}

TEST_F(TextFeaturesTest, StaffIntakeShowsSimilarCodesPublicIntakeDoesNot) {
  auto first = submit_in("430202", "红旗路路灯不亮", kLamp);
  auto pub = submit_in("430202", "红旗路路灯不亮了", kLamp);
  EXPECT_TRUE(pub.similar.empty());
  Actor collector = actor("disp");
  auto staff = submit_in("430202", "红旗路路灯坏了", kLamp, &collector);
  EXPECT_NE(std::find(staff.similar.begin(), staff.similar.end(), first.code), staff.similar.end());
  EXPECT_EQ(std::find(staff.similar.begin(), staff.similar.end(), staff.code), staff.similar.end());
}

TEST_F(TextFeaturesTest, EveryReporterOfAMergedMatterCanEvaluate) {
  auto kept = submit_in("430202", "红旗路路灯不亮", kLamp);
  auto dup = submit_in("430202", "红旗路路灯坏了", kLamp);
  ActionRequest m = action("merge");
  m.into = kept.code;
  act("disp", dup.code, m);

  EvaluationRequest ev;
  ev.solved = true;
  ev.satisfaction = "satisfied";
  // Not answered yet: nothing to evaluate.
  auto early = svc_->intake().evaluate(dup.code, dup.token, ev);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);

  resolve(kept.code);
  auto t = svc_->intake().track(dup.code, dup.token);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->can_evaluate);
  EXPECT_EQ(t->reply, "已更换损坏的路灯,恢复照明");
  EXPECT_EQ(t->merged_into, kept.code);

  // The kept matter's own reporter evaluates first: it is verified.
  auto k = svc_->intake().evaluate(kept.code, kept.token, ev);
  ASSERT_TRUE(k) << k.error().detail;
  EXPECT_EQ(k->status, MatterStatus::verified);

  // The duplicate's reporter still can, and it is recorded on the duplicate.
  EvaluationRequest ev2;
  ev2.solved = false;
  ev2.satisfaction = "dissatisfied";
  ev2.comment = "我家门口那盏还是不亮";
  auto d = svc_->intake().evaluate(dup.code, dup.token, ev2);
  ASSERT_TRUE(d) << d.error().detail;
  ASSERT_TRUE(d->evaluation);
  EXPECT_FALSE(d->evaluation->solved);
  EXPECT_EQ(d->evaluation->comment, "我家门口那盏还是不亮");
  EXPECT_FALSE(d->can_evaluate);
  auto evs = events_of(dup.code);
  EXPECT_EQ(evs.back().type, "evaluate");
  EXPECT_EQ(nlohmann::json::parse(evs.back().payload).value("kept", ""), kept.code);
  // Once only; a wrong token finds nothing.
  auto again = svc_->intake().evaluate(dup.code, dup.token, ev2);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto wrong = svc_->intake().evaluate(dup.code, kept.token, ev2);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::not_found);
}

TEST_F(TextFeaturesTest, CommonProblemsClusterAcrossUnits) {
  const char* lamps[][2] = {
      {"430202", "红旗路路灯不亮"}, {"430202", "建设路路灯坏了没人修"},
      {"430203", "芦淞区人民路路灯不亮"}, {"430203", "董家塅路灯坏了"}};
  std::vector<std::string> lamp_codes;
  for (const auto& [d, t] : lamps)
    lamp_codes.push_back(submit_in(d, t, "路灯不亮,晚上一片漆黑,出行不安全,希望尽快维修路灯").code);
  submit_in("430202", "餐馆油烟扰民", "楼下餐馆油烟直排,窗户都不敢开,气味很大");
  submit_in("430203", "公交车班次太少", "等公交要等四十分钟,希望增加班次");

  CommonProblemQuery q;
  auto c = svc_->common_problems().find(actor("sup"), q);
  ASSERT_TRUE(c) << c.error().detail;
  ASSERT_FALSE(c->empty());
  const auto& top = (*c)[0];
  EXPECT_EQ(top.size, 4u);
  EXPECT_EQ(top.units.size(), 2u);
  for (const auto& code : lamp_codes)
    EXPECT_NE(std::find(top.codes.begin(), top.codes.end(), code), top.codes.end());
  EXPECT_FALSE(top.examples.empty());

  // A subtree: only 荷塘区's two are left, below the minimum cluster size.
  q.org = "430202";
  auto hetang = svc_->common_problems().find(actor("sup"), q);
  ASSERT_TRUE(hetang);
  EXPECT_TRUE(hetang->empty());

  auto denied = svc_->common_problems().find(actor("zjj"), {});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  CommonProblemQuery bad;
  bad.from = "2026-13-01";
  EXPECT_FALSE(svc_->common_problems().find(actor("sup"), bad));

  auto xlsx = svc_->common_problems().write_xlsx(actor("boss"), {});
  ASSERT_TRUE(xlsx) << xlsx.error().detail;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

TEST_F(TextFeaturesTest, KeywordListItemsCarryHighlightedSnippets) {
  submit_in("430202", "小区停车难", "晚上回家找不到车位,小区里停车位太少,请规划停车场");
  MatterQuery q;
  q.q = "停車位";  // Traditional query finds the Simplified text
  auto list = svc_->matters().list(actor("disp"), q);
  ASSERT_TRUE(list) << list.error().detail;
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_NE(list->items[0].snippet.find("<mark>停车位</mark>"), std::string::npos)
      << list->items[0].snippet;
  auto plain = svc_->matters().list(actor("disp"), MatterQuery{});
  ASSERT_TRUE(plain);
  for (const auto& s : plain->items) EXPECT_TRUE(s.snippet.empty());
}

TEST_F(TextFeaturesTest, IndexIsRebuiltFromTheStoreAtStart) {
  auto a = submit_in("430202", "红旗路路灯不亮", kLamp);
  auto b = submit_in("430202", "红旗路的路灯坏了", kLamp);
  ServiceConfig cfg;
  cfg.data_dir = dir_.string();
  cfg.fast_password_hashing = true;
  auto svc = Services::open(*store_, *clock_, cfg);
  ASSERT_TRUE(svc);
  ASSERT_TRUE((*svc)->duplicates().start());
  EXPECT_EQ((*svc)->duplicates().size(), 2u);
  auto s = (*svc)->duplicates().similar(actor("disp"), a.code);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].code, b.code);
}

// Several app nodes (issue 12): node B's index was filled at its start; matters node A then
// takes in, and A's merge of one of them, reach B's index when B catches up from the events.
TEST_F(TextFeaturesTest, DuplicateIndexOfOneNodeCatchesUpWithMattersAnotherNodeTookIn) {
  Node node_b = second_node();
  ASSERT_TRUE(node_b.services);
  DuplicateService& b = node_b.services->duplicates();
  ASSERT_TRUE(b.start());
  const std::size_t before = b.size();

  auto a1 = submit_in("430202", "红旗路路灯不亮", kLamp);  // through node A (svc_)
  auto a2 = submit_in("430202", "红旗路的路灯坏了", kLamp);
  EXPECT_EQ(b.size(), before) << "B has not seen them yet";
  auto caught = b.catch_up();
  ASSERT_TRUE(caught) << caught.error().detail;
  EXPECT_EQ(*caught, 2u);
  EXPECT_EQ(b.size(), before + 2);
  auto s = b.similar(actor("disp"), a1.code);
  ASSERT_TRUE(s) << s.error().detail;
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].code, a2.code);

  ActionRequest m = action("merge");
  m.into = a1.code;
  act("disp", a2.code, m);
  ASSERT_TRUE(b.catch_up());
  auto after = b.similar(actor("disp"), a1.code);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty()) << "merged on A, gone from B's index";
  EXPECT_EQ(*b.catch_up(), 0u) << "nothing new";
}

}  // namespace
}  // namespace huiyin::testing
