// Statistics on a known data set, the workbench, the public wall, the ledger workbook, audit
// verification (including a tampered event) and administration.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "features/admin/admin.hpp"
#include "kernel/bootstrap.hpp"
#include "kernel/audit.hpp"
#include "kernel/catalog.hpp"
#include "features/reports/ledger.hpp"
#include "features/matters/measures.hpp"
#include "features/records/records.hpp"
#include "io/xlsx_reader.hpp"
#include "app/service_test_support.hpp"
#include "features/reports/stats.hpp"
#include "features/reports/wall.hpp"
#include "store/sql.hpp"

namespace huiyin::testing {
namespace {


class ReportsTest : public ServiceTest {
 protected:
  // A: solved and satisfied, closed. B: unsolved (reopened). C: accepted after two days.
  // D: still waiting. All collected on Monday 2026-11-23.
  void seed() {
    a_ = submit("A");
    b_ = submit("B");
    c_ = submit("C", true);
    d_ = submit("D", true);
    for (const auto* r : {&a_, &b_}) {
      assign_and_sign(r->code);
      ActionRequest res = action("resolve");
      res.reply = "已处理,联系人电话13812341234";
      act("zjj", r->code, res);
    }
    ASSERT_TRUE(svc_->intake().evaluate(a_.code, a_.token, {true, "satisfied", ""}));
    ASSERT_TRUE(svc_->intake().evaluate(b_.code, b_.token, {false, "dissatisfied", ""}));
    act("disp", a_.code, action("close"));
    clock_->advance(2 * 24 * 3600);
    act("disp", c_.code, action("accept"));
  }
  IntakeReceipt a_, b_, c_, d_;
};

TEST_F(ReportsTest, RatesOnAKnownDataSet) {
  seed();
  auto o = svc_->stats().overview(actor("boss"), {"2026-11-23", "2026-11-23", ""});
  ASSERT_TRUE(o) << o.error().detail;
  const auto& c = o->current.counts;
  EXPECT_EQ(c.collected, 4);
  EXPECT_EQ(c.responded_in_time, 2);
  EXPECT_EQ(c.evaluated, 2);
  EXPECT_EQ(c.solved, 1);
  EXPECT_EQ(c.satisfied, 1);
  EXPECT_EQ(c.closed, 1);
  ASSERT_TRUE(o->current.rates.response.value());
  EXPECT_DOUBLE_EQ(*o->current.rates.response.value(), 0.5);
  EXPECT_DOUBLE_EQ(*o->current.rates.resolution.value(), 0.5);
  EXPECT_DOUBLE_EQ(*o->current.rates.satisfaction.value(), 0.5);
  // The day before has no matters: rates are null, not zero.
  EXPECT_EQ(o->previous.counts.collected, 0);
  EXPECT_FALSE(o->previous.rates.response.value());
  EXPECT_FALSE(o->previous.rates.resolution.value());
  EXPECT_EQ(format_date(o->from), "2026-11-23");

  auto handler = svc_->stats().overview(actor("zjj"), {});
  ASSERT_FALSE(handler);
  EXPECT_EQ(handler.error().code, ErrorCode::forbidden);
  auto other = svc_->stats().overview(actor("disp_lusong"), {"2026-11-23", "2026-11-23", ""});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->current.counts.collected, 0) << "scoped to the dispatcher's district";

  auto by_channel = svc_->stats().grouped(actor("boss"), {"2026-11-23", "2026-11-23", ""}, "channel");
  ASSERT_TRUE(by_channel) << by_channel.error().detail;
  ASSERT_EQ(by_channel->size(), 1u);
  EXPECT_EQ((*by_channel)[0].key, "web");
  EXPECT_EQ((*by_channel)[0].name, "网上反映");
  auto by_org = svc_->stats().grouped(actor("boss"), {"2026-11-23", "2026-11-23", ""}, "org");
  ASSERT_TRUE(by_org);
  bool found = false;
  for (const auto& row : *by_org)
    if (row.key == "430200-ZJJ") found = row.name == "市住建局";
  EXPECT_TRUE(found);
  EXPECT_FALSE(svc_->stats().grouped(actor("boss"), {}, "weather"));
}

TEST_F(ReportsTest, WorkbenchCountsWhatTheActorMayDoNow) {
  seed();
  auto disp = svc_->stats().workbench(actor("disp"));
  ASSERT_TRUE(disp);
  EXPECT_EQ(disp->of("to_accept"), 1);  // D
  EXPECT_EQ(disp->of("to_close"), 0);
  EXPECT_EQ(disp->of("to_sign"), 0);
  auto zjj = svc_->stats().workbench(actor("zjj"));
  ASSERT_TRUE(zjj);
  EXPECT_EQ(zjj->of("to_sign"), 1);  // B was reopened back to the unit
  EXPECT_EQ(zjj->of("to_accept"), 0);
  auto cgj = svc_->stats().workbench(actor("cgj"));
  ASSERT_TRUE(cgj);
  EXPECT_EQ(cgj->of("to_sign"), 0) << "a co-unit does not sign";
}

// Regression: the workbench counted a card by loading its list, which stopped at a cap (at 100k
// matters it reported 50,000 waiting where 119,366 were). It now counts every row.
TEST_F(ReportsTest, WorkbenchCountsEveryWaitingMatterPastTheListCap) {
  seed();
  const std::int64_t copies = 100001;
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    tx.conn().exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) "
        "INSERT INTO matters (code, token_hash, title, content, channel, kind, category_id, "
        "area_org_id, address, reporter_id, public_consent, status, handling_class, lead_org_id, "
        "deadline, acknowledge_due, created_at, updated_at, search_text) "
        "SELECT m.code || '-' || n.i, m.token_hash, m.title, m.content, m.channel, m.kind, "
        "m.category_id, m.area_org_id, m.address, m.reporter_id, m.public_consent, m.status, "
        "m.handling_class, m.lead_org_id, m.deadline, m.acknowledge_due, m.created_at, "
        "m.updated_at, m.search_text FROM matters m, n WHERE m.code = $1",
        {d_.code, copies});
    return ok();
  }));
  auto disp = svc_->stats().workbench(actor("disp"));
  ASSERT_TRUE(disp) << disp.error().detail;
  EXPECT_EQ(disp->of("to_accept"), copies + 1) << "D and every copy of it wait to be accepted";
}

TEST_F(ReportsTest, WallShowsConsentingAcceptedMattersWithoutPersonalData) {
  seed();
  auto w = svc_->wall().list({});
  ASSERT_TRUE(w) << w.error().detail;
  ASSERT_EQ(w->items.size(), 1u);  // C (accepted, consented); D is consented but not accepted
  EXPECT_EQ(w->items[0].code, c_.code);
  EXPECT_EQ(w->items[0].content.find("13812341234"), std::string::npos);
  EXPECT_NE(w->items[0].content.find("138****1234"), std::string::npos);
  EXPECT_EQ(w->items[0].district_name, "荷塘区");
  EXPECT_EQ(w->collected, 4);
  EXPECT_EQ(w->resolved, 1);  // A is closed; B was reopened and counts again when answered
  auto bad = svc_->wall().list({"nope", "", 20, ""});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "category");
}

TEST_F(ReportsTest, WallCountsOnlyWhatVerificationSaidIsSolved) {
  seed();
  // E is answered by the unit (办结) but nobody has verified it yet: not 已解决 on the wall.
  IntakeReceipt e = submit("E", true);
  assign_and_sign(e.code);
  ActionRequest res = action("resolve");
  res.reply = "已处理";
  act("zjj", e.code, res);
  auto w = svc_->wall().list({});
  ASSERT_TRUE(w) << w.error().detail;
  auto o = svc_->stats().overview(actor("boss"), {"2026-11-01", "2026-11-30", ""});
  ASSERT_TRUE(o) << o.error().detail;
  EXPECT_EQ(o->current.counts.collected, w->collected);
  EXPECT_EQ(o->current.counts.resolved, 2) << "A (closed) and E (answered)";
  EXPECT_EQ(w->resolved, o->current.counts.solved) << "the wall's 已解决 is the verified-solved count";
  EXPECT_EQ(w->resolved, 1);
  // The citizen confirms E: now it counts.
  ASSERT_TRUE(svc_->intake().evaluate(e.code, e.token, {true, "basically_satisfied", ""}));
  auto after = svc_->wall().list({});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->resolved, 2);
}

std::string unzip_member(const std::string& file, const std::string& member) {
  std::string cmd = "unzip -p '" + file + "' " + member + " 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

TEST_F(ReportsTest, LedgerHasTheOfficeColumnsAndNoReporterData) {
  seed();
  auto mem = svc_->ledger().write_memory(actor("disp"), {});
  ASSERT_TRUE(mem) << mem.error().detail;
  ASSERT_GT(mem->size(), 100u);
  EXPECT_EQ(mem->substr(0, 2), "PK");

  const std::string path = (dir_ / "ledger.xlsx").string();
  ASSERT_TRUE(svc_->ledger().write_file(actor("disp"), {}, path));
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "unzip not installed";
  std::string strings = unzip_member(path, "xl/sharedStrings.xml");
  for (const char* col : {"序号", "问题编号", "问题来源", "问题类别", "问题描述", "所在区域", "责任单位",
                          "责任人", "整改措施", "完成时限", "整改进展", "办理状态", "是否销号",
                          "受理时间", "办结时间"})
    EXPECT_NE(strings.find(col), std::string::npos) << col;
  EXPECT_NE(strings.find(a_.code), std::string::npos);
  EXPECT_NE(strings.find("主办:市住建局"), std::string::npos);
  EXPECT_EQ(strings.find("张三"), std::string::npos);
  EXPECT_EQ(strings.find("13812341234"), std::string::npos);
  std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane"), std::string::npos) << "header row frozen";

  // A district dispatcher elsewhere gets only the header.
  const std::string other = (dir_ / "other.xlsx").string();
  ASSERT_TRUE(svc_->ledger().write_file(actor("disp_lusong"), {}, other));
  EXPECT_EQ(unzip_member(other, "xl/sharedStrings.xml").find(a_.code), std::string::npos);
}

// Issue 9: a title row with the unit, a line with the filters and the export time, 完成时限 of
// each measure beside the matter's, a 反映时间 column, and a dated file name; read back with the
// project's own XLSX reader, as an office's import of it would.
TEST_F(ReportsTest, LedgerHasATitleRowFiltersMeasureDeadlinesAndADatedName) {
  seed();
  MeasureInput m;
  m.content = "更换路灯灯头";
  m.owner_name = "王工";
  m.deadline = "2026-11-30";
  ASSERT_TRUE(svc_->measures().add(actor("zjj"), b_.code, m));
  m.content = "排查线路";
  m.deadline = "";
  ASSERT_TRUE(svc_->measures().add(actor("zjj"), b_.code, m));

  MatterQuery q;
  q.statuses = {"reopened"};
  q.org = "430200";
  auto bytes = svc_->ledger().write_memory(actor("disp"), q);
  ASSERT_TRUE(bytes) << bytes.error().detail;
  auto table = io::read_xlsx(*bytes);
  ASSERT_TRUE(table) << table.error().message;
  const auto& rows = table->rows();
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "问题台账(株洲市)");
  EXPECT_EQ(rows[1][0].rfind("筛选条件:办理状态 " + std::string(label(MatterStatus::reopened)) +
                                 ";单位 株洲市(含下级)",
                             0),
            0u)
      << rows[1][0];
  EXPECT_NE(rows[1][0].find("导出时间:2026-11-25 10:00"), std::string::npos) << rows[1][0];
  const std::vector<std::string> head = {
      "序号", "问题编号", "问题来源", "问题类别", "问题描述", "所在区域", "责任单位", "责任人", "整改措施",
      "完成时限", "措施完成时限", "整改进展", "办理状态", "是否销号", "反映时间", "受理时间", "办结时间",
      "来源记录", "原定时限", "延期后时限"};
  EXPECT_EQ(rows[2].cells(), head);
  ASSERT_EQ(rows.size(), 5u) << "title, filters, header, B, chain head";
  const auto& b = rows[3];
  EXPECT_EQ(b[0], "1");
  EXPECT_EQ(b[1], b_.code);
  EXPECT_EQ(b[8], "1. 更换路灯灯头\n2. 排查线路");
  EXPECT_EQ(b[10], "1. 2026-11-30\n2. —") << "each measure's deadline, numbered as the measures";
  EXPECT_FALSE(b[9].empty()) << "the matter's own deadline";
  EXPECT_EQ(b[14], "2026-11-23 10:00") << "反映时间: when it was raised";
  EXPECT_EQ(b[17], "") << "来源记录: none for a matter a citizen reported";
  EXPECT_FALSE(b[18].empty()) << "原定时限: the first assignment's deadline";
  EXPECT_EQ(b[19], "") << "延期后时限: blank, never extended";

  // Issue 10: a matter raised by a field record names the record (its kind's label and code).
  RecordInput visit;
  visit.kind = "visit";
  visit.method = "random";
  visit.date = "2026-11-23";
  visit.place_org = "430202";
  visit.leaders = {{"disp_hetang", "", "区政务服务中心主任"}};
  visit.topic = "老旧小区改造走访";
  RecordMatterInput found;
  found.title = "楼道灯不亮";
  found.content = "3栋楼道灯坏了一个月";
  visit.matters.push_back(found);
  auto rec = svc_->records().create(actor("disp_hetang"), visit, "");
  ASSERT_TRUE(rec) << rec.error().detail;
  ASSERT_EQ(rec->matters.size(), 1u);
  MatterQuery vq;
  vq.channel = "visit";
  auto vbytes = svc_->ledger().write_memory(actor("disp"), vq);
  ASSERT_TRUE(vbytes) << vbytes.error().detail;
  auto vtable = io::read_xlsx(*vbytes);
  ASSERT_TRUE(vtable) << vtable.error().message;
  ASSERT_EQ(vtable->rows().size(), 5u) << "title, filters, header, the visit's matter, chain head";
  const auto& v = vtable->rows()[3];
  EXPECT_EQ(v[1], rec->matters[0]);
  EXPECT_EQ(v[17], "走访调研 " + rec->code);

  auto title = svc_->ledger().title(actor("disp"), q);
  ASSERT_TRUE(title);
  EXPECT_EQ(title->file_name(), "问题台账_株洲市_20261125.xlsx");
  EXPECT_EQ(title->ascii_file_name(), "ledger_20261125.xlsx");
  // A district dispatcher's ledger is of the district, and says when nothing is filtered.
  auto theirs = svc_->ledger().title(actor("disp_lusong"), {});
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->unit, "芦淞区");
  EXPECT_EQ(theirs->filters, "全部");
}

TEST_F(ReportsTest, LedgerCarriesTheAuditChainHead) {
  seed();
  const std::string path = (dir_ / "head.xlsx").string();
  ASSERT_TRUE(svc_->ledger().write_file(actor("disp"), {}, path));
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "unzip not installed";
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  const std::string line = "审计链头: seq=" + std::to_string(report->findings.head_seq) +
                           " hash=" + report->findings.head_hash.substr(0, 16);
  EXPECT_NE(unzip_member(path, "xl/sharedStrings.xml").find(line), std::string::npos) << line;
}

TEST_F(ReportsTest, AuditVerifyDetectsATamperedEvent) {
  seed();
  auto good = svc_->audit().verify();
  ASSERT_TRUE(good);
  EXPECT_TRUE(good->ok);
  EXPECT_GT(good->events_checked, 10);

  sql::open_connection(url_)->exec_script(
      "UPDATE events SET payload = '{\"reason\":\"改过\"}' WHERE seq = 5");

  auto bad = svc_->audit().verify();
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->ok);
  ASSERT_TRUE(bad->first_bad_seq);
  EXPECT_EQ(*bad->first_bad_seq, 5);
  EXPECT_FALSE(bad->reason.empty());
}

TEST_F(ServiceTest, AdminOnlyAndCalendarEditsChangeDeadlines) {
  Actor admin = actor("admin");
  auto denied = svc_->admin().users(actor("disp"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  auto users = svc_->admin().users(admin);
  ASSERT_TRUE(users);
  EXPECT_EQ(users->size(), 16u);

  // Declare Tuesday and Wednesday holidays: an immediate (3 working days) deadline from Monday
  // moves from Thursday to Monday 2026-11-30.
  auto days = svc_->admin().calendar(admin);
  ASSERT_TRUE(days);
  auto edited = *days;
  edited.push_back({*parse_date("2026-11-24"), DayType::holiday, "测试假日"});
  edited.push_back({*parse_date("2026-11-25"), DayType::holiday, "测试假日"});
  ASSERT_TRUE(svc_->admin().put_calendar(admin, edited));
  auto preview = svc_->matters().default_deadline("web", "immediate", "");
  ASSERT_TRUE(preview);
  EXPECT_EQ(format_date(preview->deadline), "2026-11-30");
  auto dup = edited;
  dup.push_back(dup.back());
  auto rejected = svc_->admin().put_calendar(admin, dup);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().field, "days");

  auto rules = svc_->admin().deadline_rules(admin);
  ASSERT_TRUE(rules);
  ASSERT_FALSE(rules->empty());
  std::vector<DeadlineRule> fewer = {{std::nullopt, HandlingClass::immediate, 1, true}};
  ASSERT_TRUE(svc_->admin().put_deadline_rules(admin, fewer));
  EXPECT_EQ(format_date(svc_->matters().default_deadline("web", "immediate", "")->deadline),
            "2026-11-26");
  fewer[0].days = 0;
  EXPECT_FALSE(svc_->admin().put_deadline_rules(admin, fewer));

  auto org = svc_->admin().add_org(admin, {"430204", "石峰区", "area", 2, "430200"});
  ASSERT_TRUE(org) << org.error().detail;
  EXPECT_FALSE(svc_->admin().add_org(admin, {"430204", "重复", "area", 2, "430200"}));
  auto bad_parent = svc_->admin().add_org(admin, {"430299", "某区", "area", 2, "NOPE"});
  ASSERT_FALSE(bad_parent);
  EXPECT_EQ(bad_parent.error().field, "parent");
  auto districts = svc_->catalog().districts();
  ASSERT_TRUE(districts);
  EXPECT_EQ(districts->size(), 4u);  // city + three districts; departments excluded

  auto cat = svc_->admin().add_category(admin, {"0199", "井盖缺失", "01", "", true});
  ASSERT_TRUE(cat) << cat.error().detail;
  EXPECT_EQ(cat->level, 2);

  UserPatch p;
  p.roles = std::vector<RoleGrant>{{"supervisor", "430202"}};
  auto u = svc_->admin().update_user(actor("sec"), "zjj", p);  // roles: the security admin's
  ASSERT_TRUE(u) << u.error().detail;
  ASSERT_EQ(u->roles.size(), 1u);
  EXPECT_EQ(u->roles[0].role, Role::supervisor);
  p = {};
  p.active = false;
  ASSERT_TRUE(svc_->admin().update_user(admin, "zjj", p));
  EXPECT_FALSE(svc_->auth().login("zjj", "password-123"));
}

TEST_F(ServiceTest, BootstrapLoadedDefaultsAndFirstAdminCheck) {
  auto cats = svc_->catalog().categories();
  ASSERT_TRUE(cats);
  EXPECT_GE(cats->size(), 12u);
  bool found = false;
  for (const auto& c : *cats)
    if (c.code == "0101") found = c.parent_code == "01" && c.level == 2;
  EXPECT_TRUE(found);
  auto needs = needs_first_admin(*store_);
  ASSERT_TRUE(needs);
  EXPECT_FALSE(*needs);  // the fixture created "admin"
  // Running the defaults again changes nothing.
  ASSERT_TRUE(bootstrap_defaults(*store_, *clock_));
  EXPECT_EQ(svc_->catalog().categories()->size(), cats->size());
}

// 原定时限 and 延期后时限: an extended matter shows both, its 完成时限 the extended one.
TEST_F(ReportsTest, LedgerShowsTheOriginalAndTheExtendedDeadline) {
  IntakeReceipt r = submit("延期的问题");
  act("disp", r.code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-ZJJ";
  a.handling_class = "immediate";
  a.deadline = "2026-11-25";
  act("disp", r.code, a);
  act("zjj", r.code, action("sign"));
  ActionRequest ask = action("extend_request");
  ask.reason = "需协调供电部门";
  ask.extend_days = 5;
  act("zjj", r.code, ask);
  ActionRequest yes = action("extend_decide");
  yes.approve = true;
  auto d = act("sup", r.code, yes);
  ASSERT_TRUE(d.summary.extended_deadline);
  const std::string extended = format_date(local_date(*d.summary.extended_deadline));
  EXPECT_GT(extended, "2026-11-25");
  ASSERT_TRUE(d.summary.original_deadline);
  EXPECT_EQ(format_date(local_date(*d.summary.original_deadline)), "2026-11-25");

  auto bytes = svc_->ledger().write_memory(actor("disp"), {});
  ASSERT_TRUE(bytes) << bytes.error().detail;
  auto table = io::read_xlsx(*bytes);
  ASSERT_TRUE(table) << table.error().message;
  const auto& rows = table->rows();
  ASSERT_GE(rows.size(), 4u);
  const auto& head = rows[2].cells();
  auto col = [&](const char* name) {
    return static_cast<std::size_t>(std::find(head.begin(), head.end(), name) - head.begin());
  };
  const auto& row = rows[3];
  EXPECT_EQ(row[1], r.code);
  EXPECT_EQ(row[col("原定时限")], "2026-11-25");
  EXPECT_EQ(row[col("延期后时限")], extended);
  EXPECT_EQ(row[col("完成时限")], extended);
}

}  // namespace
}  // namespace huiyin::testing
