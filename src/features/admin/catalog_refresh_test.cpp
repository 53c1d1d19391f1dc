// The catalog snapshot as users meet it (kernel/catalog_snapshot.hpp): what an administrator
// adds here, on another node or with the CLI, is there at the next request without a restart;
// requests do not read the catalog tables again while nothing changed, and keep working while
// it changes under them; a city of thousands of orgs is found by code, id and path. Runs on
// SQLite and PostgreSQL (the service fixture).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/service_test_support.hpp"
#include "features/admin/admin.hpp"
#include "kernel/catalog.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/store_test_support.hpp"

namespace huiyin::testing {
namespace {

class CatalogRefreshTest : public ServiceTest {
 protected:
  // A second node on the same database: its own Store and Services (or the CLI, which opens
  // Services the same way for `huiyin org add`).
  void open_other_node() {
    StoreOptions opts;
    opts.audit_key = test_audit_key();
    auto store = open_store(url_, opts);
    ASSERT_TRUE(store) << store.error().detail;
    other_store_ = std::move(*store);
    ServiceConfig cfg;
    cfg.data_dir = (dir_ / "node2").string();
    cfg.fast_password_hashing = true;
    cfg.audit_key = test_audit_key();
    auto svc = Services::open(*other_store_, *clock_, cfg);
    ASSERT_TRUE(svc) << svc.error().detail;
    other_ = std::move(*svc);
  }
  void TearDown() override {
    other_.reset();
    other_store_.reset();
    ServiceTest::TearDown();
  }

  bool lists_org(Services& s, const std::string& code) {
    auto orgs = s.catalog().orgs();
    EXPECT_TRUE(orgs);
    return orgs && std::any_of(orgs->begin(), orgs->end(),
                               [&](const OrgView& o) { return o.code == code; });
  }
  Result<MatterDetail> assign_to(const std::string& matter, const std::string& lead) {
    act("disp", matter, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = lead;
    a.handling_class = "immediate";
    return try_act("disp", matter, a);
  }
  std::int64_t builds() { return svc_->context().catalog_cache().builds(); }

  std::unique_ptr<Store> other_store_;
  std::unique_ptr<Services> other_;
};

TEST_F(CatalogRefreshTest, OrgAddedByTheAdministratorCanBeAssignedAtTheNextRequest) {
  const auto code = submit().code;
  const std::int64_t before = builds();
  auto added =
      svc_->admin().add_org(actor("admin"), {"430200-GXJ", "市工信局", "dept", 2, "430200"});
  ASSERT_TRUE(added) << added.error().detail;
  // Rebuilt once, right after the commit: the next requests find it ready.
  EXPECT_EQ(builds(), before + 1);
  EXPECT_TRUE(lists_org(*svc_, "430200-GXJ"));
  auto detail = assign_to(code, "430200-GXJ");
  ASSERT_TRUE(detail) << detail.error().detail;
  ASSERT_TRUE(detail->summary.lead_org);
  EXPECT_EQ(detail->summary.lead_org->name, "市工信局");
  EXPECT_EQ(builds(), before + 1);

  // Categories and campaigns likewise: a citizen can pick them at once.
  ASSERT_TRUE(svc_->admin().add_category(actor("admin"), {"0199", "井盖缺失", "01", "", true}));
  ASSERT_TRUE(svc_->admin().put_campaign(actor("admin"), {"WWBSS", "我为群众办实事", "", ""}));
  IntakeRequest r;
  r.title = "井盖丢了";
  r.content = "人民路口的井盖不见了,晚上很危险";
  r.category = "0199";
  r.campaign = "WWBSS";
  r.district = "430202";
  r.anonymous = true;
  auto receipt = svc_->intake().submit(r, "");
  ASSERT_TRUE(receipt) << receipt.error().detail;
  auto matter = svc_->matters().get(actor("admin"), receipt->code);
  ASSERT_TRUE(matter);
  EXPECT_EQ(matter->summary.category_name, "井盖缺失");
  EXPECT_EQ(matter->summary.campaign_code, "WWBSS");
}

TEST_F(CatalogRefreshTest, OrgAddedOnAnotherNodeOrWithTheCliShowsAtTheNextRequest) {
  open_other_node();
  const auto code = submit().code;
  ASSERT_FALSE(lists_org(*svc_, "430203-JDB"));

  auto added =
      other_->admin().add_org(actor("admin"), {"430203-JDB", "芦淞区禁毒办", "dept", 3, "430203"});
  ASSERT_TRUE(added) << added.error().detail;
  // This node was not told; the moved catalog version tells it.
  EXPECT_TRUE(lists_org(*svc_, "430203-JDB"));
  auto detail = assign_to(code, "430203-JDB");
  ASSERT_TRUE(detail) << detail.error().detail;
  EXPECT_EQ(detail->summary.lead_org->name, "芦淞区禁毒办");

  // A rename and a category written straight through the other store (as the demo seed and
  // bootstrap do) show too.
  Status st = other_store_->write([&](Tx& tx) -> Status {
    auto o = db::org_by_code(tx, "430203-JDB");
    o->name = "芦淞区禁毒委员会办公室";
    if (auto id = db::put_org(tx, *o); !id) return id.error();
    Category c;
    c.code = "0198";
    c.name = "违规停车";
    c.parent = db::list_categories(tx).front().id;
    c.level = 2;
    if (auto id = db::put_category(tx, c); !id) return id.error();
    return ok();
  });
  ASSERT_TRUE(st) << st.error().detail;
  auto again = svc_->matters().get(actor("admin"), code);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->summary.lead_org->name, "芦淞区禁毒委员会办公室");
  auto cats = svc_->catalog().categories();
  ASSERT_TRUE(cats);
  EXPECT_TRUE(std::any_of(cats->begin(), cats->end(),
                          [](const CategoryView& c) { return c.code == "0198"; }));
}

TEST_F(CatalogRefreshTest, RequestsDoNotReadTheCatalogAgainWhileNothingChanged) {
  const auto code = submit().code;
  (void)svc_->matters().get(actor("admin"), code);
  const std::int64_t before = builds();
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(svc_->matters().get(actor("disp"), code));
    ASSERT_TRUE(svc_->matters().list(actor("disp"), {}));
    ASSERT_TRUE(svc_->catalog().orgs());
  }
  submit("另一条");  // a matter is no catalog change
  ASSERT_TRUE(svc_->matters().list(actor("disp"), {}));
  EXPECT_EQ(builds(), before);
}

TEST_F(CatalogRefreshTest, DispatchersKeepWorkingWhileAnotherNodeAddsOrgs) {
  open_other_node();
  const auto code = submit().code;
  const Actor disp = actor("disp");
  const Actor admin = actor("admin");
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      while (!done) {
        auto detail = svc_->matters().get(disp, code);
        auto orgs = svc_->catalog().orgs();
        if (!detail || !orgs || orgs->size() < 8) ++failures;
        ++reads;
      }
    });
  int added = 0;
  for (int i = 0; i < 20; ++i)
    added += other_->admin()
                 .add_org(admin, {"430200-X" + std::to_string(i), "新单位", "dept", 2, "430200"})
                 .ok();
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(added, 20);
  EXPECT_EQ(failures, 0) << "of " << reads << " reads";
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(lists_org(*svc_, "430200-X" + std::to_string(i)));
}

TEST_F(CatalogRefreshTest, OrgOfAWriteThatWasRolledBackNeverShows) {
  Status st = store_->write([&](Tx& tx) -> Status {
    Org o;
    o.code = "430200-TMP";
    o.name = "临时单位";
    o.kind = OrgKind::dept;
    o.level = 2;
    o.parent = db::org_by_code(tx, "430200")->id;
    if (auto id = db::put_org(tx, o); !id) return id.error();
    // Inside, the transaction sees its own org; nobody else is handed that snapshot.
    EXPECT_TRUE(svc_->context().catalog(tx)->orgs().find_code("430200-TMP"));
    return invalid("放弃");
  });
  ASSERT_FALSE(st);
  // The version number the rolled-back write took is used again by the next real change (here
  // from another node, so nothing refreshes in between): the snapshot has that change's org,
  // not the abandoned one.
  open_other_node();
  ASSERT_TRUE(
      other_->admin().add_org(actor("admin"), {"430200-RSJ", "市人社局", "dept", 2, "430200"}));
  EXPECT_TRUE(lists_org(*svc_, "430200-RSJ"));
  EXPECT_FALSE(lists_org(*svc_, "430200-TMP"));
}

TEST_F(CatalogRefreshTest, CityOfThousandsOfOrgsIsFoundByCodeDownToTheGrids) {
  open_other_node();
  const auto code = submit().code;
  // 荷塘区 down to the grids, written in one transaction on the other node: 40 streets, 320
  // communities, 2,560 grids (2,928 orgs in all).
  Status st = other_store_->write([&](Tx& tx) -> Status {
    auto add = [&](const std::string& code, const std::string& name, int level, Id parent) {
      return db::put_org(tx, Org{0, code, name, OrgKind::area, level, parent, {}});
    };
    const Id district = db::org_by_code(tx, "430202")->id;
    for (int s = 0; s < 40; ++s) {
      const std::string street = "430202" + std::to_string(100 + s);
      auto sid = add(street, "街道" + std::to_string(s), 3, district);
      if (!sid) return sid.error();
      for (int c = 0; c < 8; ++c) {
        const std::string community = street + std::to_string(10 + c);
        auto cid = add(community, "社区" + std::to_string(c), 4, *sid);
        if (!cid) return cid.error();
        for (int g = 0; g < 8; ++g) {
          const std::string grid = community + "-G" + std::to_string(g);
          if (auto gid = add(grid, "网格" + std::to_string(g), 5, *cid); !gid) return gid.error();
        }
      }
    }
    return ok();
  });
  ASSERT_TRUE(st) << st.error().detail;

  // A deep grid is a lead unit like any other; the list filters by it; unknown codes are refused.
  auto detail = assign_to(code, "43020213917-G7");
  ASSERT_TRUE(detail) << detail.error().detail;
  EXPECT_EQ(detail->summary.lead_org->name, "网格7");
  MatterQuery q;
  q.org = "43020213917-G7";
  auto list = svc_->matters().list(actor("disp"), q);
  ASSERT_TRUE(list) << list.error().detail;
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].matter.code, code);
  q.org = "43020213917-G8";
  EXPECT_FALSE(svc_->matters().list(actor("disp"), q));

  // Every org in the database is in the snapshot under its id, code and path.
  std::vector<Org> rows;
  CatalogPtr cat;
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    rows = db::list_orgs(tx);
    cat = svc_->context().catalog(tx);
    return ok();
  }));
  ASSERT_EQ(rows.size(), 8u + 40 * (1 + 8 * 9));
  ASSERT_EQ(cat->orgs().size(), rows.size());
  for (const Org& o : rows) {
    const Org* found = cat->orgs().find(o.id);
    ASSERT_NE(found, nullptr) << o.code;
    EXPECT_EQ(found->code, o.code);
    EXPECT_EQ(found->path, o.path);
    EXPECT_EQ(cat->orgs().find_code(o.code), found);
    EXPECT_EQ(cat->orgs().find_path(o.path), found);
  }
  EXPECT_EQ(cat->orgs().children(cat->orgs().find_code("43020213917")->id).size(), 8u);
  auto districts = svc_->catalog().districts();
  ASSERT_TRUE(districts);
  EXPECT_EQ(districts->size(), 3u + 40);  // city, two districts, the new streets
}

}  // namespace
}  // namespace huiyin::testing
