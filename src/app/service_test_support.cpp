#include "app/service_test_support.hpp"

#include <cctype>
#include <cstdlib>

#include "kernel/auth.hpp"
#include "kernel/support.hpp"
#include "store/store_test_support.hpp"
#include "store/directory_store.hpp"

namespace huiyin::testing {

std::string service_test_backend() {
  const char* b = std::getenv("HUIYIN_SERVICE_BACKEND");
  return b && std::string(b) == "postgresql" ? "postgresql" : "sqlite";
}

void ServiceTest::SetUp() {
  dir_ = std::filesystem::temp_directory_path() / ("huiyin-svc-" + random_token(9));
  std::filesystem::create_directories(dir_);
  std::string url = "sqlite:" + (dir_ / "t.db").string();
  if (service_test_backend() == "postgresql") {
    pg_db_ = "huiyin_svc_" + random_token(9);
    for (char& ch : pg_db_) ch = std::isalnum(static_cast<unsigned char>(ch)) ? std::tolower(ch) : '_';
    url = create_pg_test_database(pg_db_);
    if (url.empty()) {
      pg_db_.clear();
      GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
    }
  }
  url_ = url;
  StoreOptions opts;
  opts.audit_key = test_audit_key();
  auto store = open_store(url, opts);
  ASSERT_TRUE(store) << store.error().detail;
  store_ = std::move(*store);
  auto v = store_->migrate();
  ASSERT_TRUE(v) << v.error().detail;
  clock_ = std::make_unique<ManualClock>(kMonday10am);

  Status st = store_->write([&](Tx& tx) -> Status {
    auto add = [&](const char* code, const char* name, OrgKind kind, int level,
                   const char* parent) -> Status {
      Org o;
      o.code = code;
      o.name = name;
      o.kind = kind;
      o.level = level;
      if (parent) o.parent = db::org_by_code(tx, parent)->id;
      auto id = db::put_org(tx, o);
      if (!id) return id.error();
      return ok();
    };
    for (Status s : {add("430200", "株洲市", OrgKind::area, 1, nullptr),
                     add("430202", "荷塘区", OrgKind::area, 2, "430200"),
                     add("430203", "芦淞区", OrgKind::area, 2, "430200"),
                     add("430200-ZJJ", "市住建局", OrgKind::dept, 2, "430200"),
                     add("430200-CGJ", "市城管局", OrgKind::dept, 2, "430200"),
                     add("430200-SWJ", "市水务局", OrgKind::dept, 2, "430200"),
                     add("430202-CGJ", "荷塘区城管局", OrgKind::dept, 3, "430202"),
                     add("430203-CGJ", "芦淞区城管局", OrgKind::dept, 3, "430203")})
      if (!s) return s;
    return ok();
  });
  ASSERT_TRUE(st) << st.error().detail;

  ServiceConfig cfg;
  cfg.data_dir = dir_.string();
  cfg.fast_password_hashing = true;
  cfg.audit_key = test_audit_key();
  auto svc = Services::open(*store_, *clock_, cfg);
  ASSERT_TRUE(svc) << svc.error().detail;
  svc_ = std::move(*svc);

  struct U {
    const char* name;
    const char* role;
    const char* org;
  };
  for (U u : {U{"admin", "admin", "430200"}, U{"disp", "dispatcher", "430200"},
              U{"disp_lusong", "dispatcher", "430203"}, U{"disp_hetang", "dispatcher", "430202"},
              U{"zjj", "handler", "430200-ZJJ"}, U{"zjj_lead", "unit_leader", "430200-ZJJ"},
              U{"cgj", "handler", "430200-CGJ"}, U{"swj", "handler", "430200-SWJ"},
              U{"sup", "supervisor", "430200"}, U{"boss", "leader", "430200"},
              U{"hetang_cgj", "handler", "430202-CGJ"}, U{"lusong_cgj", "handler", "430203-CGJ"},
              U{"sup_hetang", "supervisor", "430202"}, U{"sup_lusong", "supervisor", "430203"},
              U{"sec", "security_admin", "430200"}, U{"aud", "audit_admin", "430200"}}) {
    auto id = svc_->auth().create_user({u.name, std::string("用户") + u.name, "password-123",
                                        {{u.role, u.org}}});
    ASSERT_TRUE(id) << u.name << ": " << id.error().detail;
  }
}

void ServiceTest::TearDown() {
  svc_.reset();
  store_.reset();
  if (!pg_db_.empty()) drop_pg_test_database(pg_db_);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Actor ServiceTest::actor(const std::string& username) {
  // Loaded directly (no login) so tests can count the audit events their actions write.
  Id id = 0;
  Status st = store_->read([&](Tx& tx) -> Status {
    if (auto u = db::user_by_username(tx, username)) id = u->id;
    return ok();
  });
  EXPECT_TRUE(st && id > 0) << username;
  auto a = svc_->auth().actor_of(id);
  EXPECT_TRUE(a) << username;
  return a ? *a : Actor{};
}

IntakeReceipt ServiceTest::submit(const std::string& title, bool consent, bool anonymous) {
  IntakeRequest r;
  r.title = title;
  r.content = "晚上七点以后整条路都是黑的,老人出门不方便,联系电话13812341234";
  r.category = "0101";
  r.district = "430202";
  r.address = "荷塘区某小区东门";
  r.contact_name = "张三";
  r.contact_phone = "13812341234";
  r.anonymous = anonymous;
  r.public_consent = consent;
  auto res = svc_->intake().submit(r, "");
  EXPECT_TRUE(res) << (res ? "" : res.error().detail);
  return res ? *res : IntakeReceipt{};
}

Result<MatterDetail> ServiceTest::try_act(const std::string& who, const std::string& code,
                                          ActionRequest req) {
  Actor a = actor(who);
  Actor admin = actor("admin");
  auto current = svc_->matters().get(admin, code);
  if (!current) return current.error();
  return svc_->matters().act(a, code, req, current->summary.matter.version);
}

MatterDetail ServiceTest::act(const std::string& who, const std::string& code, ActionRequest req) {
  auto r = try_act(who, code, req);
  EXPECT_TRUE(r) << who << " " << req.action << ": " << (r ? "" : r.error().detail);
  return r ? *r : MatterDetail{};
}

void ServiceTest::assign_and_sign(const std::string& code, std::vector<std::string> subjects) {
  act("disp", code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-ZJJ";
  a.co_orgs = {"430200-CGJ"};
  a.subject_orgs = std::move(subjects);
  a.handling_class = "immediate";
  act("disp", code, a);
  act("zjj", code, action("sign"));
}

ServiceTest::Node ServiceTest::second_node() {
  StoreOptions opts;
  opts.audit_key = test_audit_key();
  auto store = open_store(url_, opts);
  EXPECT_TRUE(store) << store.error().detail;
  if (!store) return {};
  ServiceConfig cfg;
  cfg.data_dir = dir_.string();
  cfg.fast_password_hashing = true;
  cfg.audit_key = test_audit_key();
  auto services = Services::open(**store, *clock_, cfg);
  EXPECT_TRUE(services) << services.error().detail;
  if (!services) return {};
  return {std::move(*store), std::move(*services)};
}

std::int64_t ServiceTest::event_count() {
  std::int64_t n = 0;
  Status st = store_->read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event&) {
      ++n;
      return true;
    });
  });
  EXPECT_TRUE(st);
  return n;
}

ActionRequest action(const std::string& name) {
  ActionRequest r;
  r.action = name;
  return r;
}

}  // namespace huiyin::testing
