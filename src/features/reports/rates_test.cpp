// Every rate on a generated data set (both backends): sixty matters taken through the real actions
// on an injected clock — accepted in time or late, assigned, signed in time or late or returned,
// resolved in time, late, within an extension asked in time or one granted after the deadline,
// verified by the citizen or a call, reopened and resolved again, a few verified by a timeout
// rule, and 回头看 samples of two units with one failure each — and each rate, whole and per lead unit, channel and category, compared with a slow
// recomputation here from the rows and the audit events (not through the rates module).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "app/service_test_support.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/reports/rate_counts.hpp"
#include "features/reports/stats.hpp"
#include "features/supervision/spot_checks.hpp"
#include "store/catalog_store.hpp"
#include "store/store_test_support.hpp"

namespace huiyin::testing {
namespace {

Instant at(const char* day, int hour) { return start_of_local_day(*parse_date(day)) + hour * 3600; }
constexpr std::int64_t kHour = 3600, kDay = 86400;

// The expected figures of one set of matters, counted the slow way.
struct Expect {
  std::int64_t collected = 0, responded_in_time = 0, evaluated = 0, solved = 0, satisfied = 0;
  std::int64_t sign_counted = 0, signed_in_time = 0;
  std::int64_t resolved = 0, on_time = 0, after_extension = 0, late = 0;
  std::int64_t assigned = 0, returned = 0, resolved_ever = 0, reopened = 0;
  std::int64_t overdue_open = 0, overdue_resolved = 0;
  std::int64_t verified_any = 0;  // matters with any evaluation, a timeout one included
  std::int64_t spot_checked = 0, spot_failed = 0;
};

class RatesTest : public ServiceTest {
 protected:
  struct Step {
    Instant when;
    std::function<void()> run;
  };

  // A small deterministic generator (the same numbers on every platform).
  std::uint32_t next() {
    seed_ = seed_ * 1103515245u + 12345u;
    return (seed_ >> 16) & 0x7fff;
  }

  void generate(int n) {
    codes_.resize(n);
    tokens_.resize(n);
    std::vector<Step> steps;
    auto add = [&](Instant when, std::function<void()> f) { steps.push_back({when, std::move(f)}); };
    const char* units[] = {"430200-ZJJ", "430200-CGJ", "430200-SWJ"};
    const char* handlers[] = {"zjj", "cgj", "swj"};
    for (int i = 0; i < n; ++i) {
      const Instant t0 = at("2026-11-02", 9) + (i % 12) * kDay + i * 7 * 60;
      const bool hotline = next() % 3 == 0;
      const bool env = next() % 2 == 0;
      add(t0, [=, this] {
        IntakeRequest r;
        r.title = "生成的问题" + std::to_string(i);
        r.content = "测试数据,第" + std::to_string(i) + "件";
        r.category = env ? "0201" : "0101";
        r.channel = hotline ? "hotline" : "web";
        r.district = "430202";
        r.address = "荷塘区某小区东门";
        r.contact_name = "张三";
        r.contact_phone = "13812341234";
        // A hotline call is recorded by the dispatcher; the web form is the citizen's own.
        const Actor recorder = actor("disp");
        auto res = svc_->intake().submit(r, "", hotline ? &recorder : nullptr);
        ASSERT_TRUE(res) << res.error().detail;
        codes_[i] = res->code;
        tokens_[i] = res->token;
      });
      const auto code = [this, i] { return codes_[i]; };
      const std::uint32_t resp = next() % 10;
      if (resp == 0) continue;  // never touched
      if (resp == 1) {
        add(t0 + kHour, [=, this] {
          ActionRequest a = action("reject");
          a.reason = "不属于受理范围";
          act("disp", code(), a);
        });
        continue;
      }
      const Instant accepted = t0 + (resp == 2 ? 50 * kHour : kHour);
      add(accepted, [=, this] { act("disp", code(), action("accept")); });
      int u = static_cast<int>(next() % 3);
      auto assign = [=, this](int unit, Instant when) {
        add(when, [=, this] {
          ActionRequest a = action("assign");
          a.lead_org = units[unit];
          a.handling_class = "immediate";
          a.deadline = format_date(local_date(when) + std::chrono::days{7});
          act("disp", code(), a);
        });
        return end_of_local_day(local_date(when) + std::chrono::days{7});
      };
      Instant given = accepted + 600;
      Instant deadline = assign(u, given);
      const std::uint32_t sign = next() % 6;
      Instant signed_at = 0;
      if (sign == 0) {  // returned unsigned, assigned again elsewhere, signed
        add(given + kHour, [=, this] {
          ActionRequest a = action("return");
          a.reason = "不属于本单位职责";
          act(handlers[u], code(), a);
        });
        u = (u + 1) % 3;
        given += kDay;
        deadline = assign(u, given);
        signed_at = given + 2 * kHour;
      } else if (sign == 1) {
        signed_at = given + 4 * kDay;  // late
      } else if (sign == 2) {
        continue;  // never signed
      } else {
        signed_at = given + 2 * kHour;
      }
      add(signed_at, [=, this] { act(handlers[u], code(), action("sign")); });
      const std::uint32_t how = next() % 6;
      Instant resolved = 0;
      auto extend = [=, this](Instant when) {
        add(when, [=, this] {
          ActionRequest a = action("extend_request");
          a.reason = "需协调相关部门";
          a.extend_days = 5;
          act(handlers[u], code(), a);
        });
        add(when + kHour, [=, this] {
          ActionRequest a = action("extend_decide");
          a.approve = true;
          act("sup", code(), a);
        });
      };
      if (how == 0) continue;  // never resolved
      if (how == 1) {
        resolved = deadline + 2 * kDay;  // late
      } else if (how == 2) {
        extend(signed_at + kHour);  // asked in time
        resolved = deadline + kDay;
      } else if (how == 3) {
        extend(deadline + 10 * kHour);  // the deadline had passed
        resolved = deadline + kDay + 10 * kHour;
      } else {
        resolved = signed_at + kDay;
      }
      auto resolve = [=, this](Instant when) {
        add(when, [=, this] {
          ActionRequest a = action("resolve");
          a.reply = "已处理完毕";
          act(handlers[u], code(), a);
        });
      };
      resolve(resolved);
      auto evaluate = [=, this](Instant when, bool solved, const char* satisfaction) {
        add(when, [=, this] {
          ASSERT_TRUE(svc_->intake().evaluate(codes_[i], tokens_[i], {solved, satisfaction, ""}));
        });
      };
      const std::uint32_t verify = next() % 7;
      const Instant v = resolved + kDay;
      if (verify == 1) {  // unsolved: reopened, signed, resolved again, then solved
        evaluate(v, false, "dissatisfied");
        add(v + 2 * kHour, [=, this] { act(handlers[u], code(), action("sign")); });
        resolve(v + kDay);
        evaluate(v + 2 * kDay, true, "satisfied");
      } else if (verify == 2) {
        add(v, [=, this] {
          ActionRequest a = action("verify");
          a.solved = true;
          a.satisfaction = "basically_satisfied";
          act("sup", code(), a);
        });
      } else if (verify == 3) {
        add(v, [=, this] { timeout_verification(codes_[i], v); });
      } else if (verify == 4) {
        evaluate(v, true, "dissatisfied");
      } else if (verify >= 5) {
        evaluate(v, true, "satisfied");
        add(v + kHour, [=, this] { act("disp", code(), action("close")); });
      }
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step& a, const Step& b) { return a.when < b.when; });
    for (auto& s : steps) {
      clock_->set(s.when);
      s.run();
    }
    // 回头看 of two units' verified matters: the first sampled fails (重办), the rest pass.
    clock_->set(at("2026-12-28", 10));
    for (const char* unit : {"430200-ZJJ", "430200-CGJ"}) {
      auto check = svc_->spot_checks().draw(actor("sup"), {unit, "2026-11-01", "2026-12-27", 4, "rates"});
      ASSERT_TRUE(check) << check.error().detail;
      ASSERT_FALSE(check->items.empty());
      for (std::size_t k = 0; k < check->items.size(); ++k) {
        auto r = svc_->spot_checks().record(actor("sup"), check->row.code, check->items[k].matter_code,
                                            k != 0, k == 0 ? "现场复核问题仍在" : "");
        ASSERT_TRUE(r) << r.error().detail;
      }
    }
  }

  // What the verification feature's 超时默认 writes: an evaluation by the timeout rule that sets
  // the matter's verification (counted in neither 解决率 nor 满意率).
  void timeout_verification(const std::string& code, Instant when) {
    ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
      auto id = tx.conn().query("SELECT id FROM matters WHERE code = $1", {code}).at(0).integer(0);
      tx.conn().exec(
          "INSERT INTO evaluations (matter_id, solved, satisfaction, comment, source, at) "
          "VALUES ($1, 1, 'satisfied', '', 'timeout', $2)",
          {id, when});
      tx.conn().exec("UPDATE matters SET solved = 1, satisfaction = 'satisfied' WHERE id = $1", {id});
      return ok();
    }));
  }

  // The slow recomputation: every matter with its events and evaluations, each rate by its README
  // definition, keyed by `key(matter row)` ("" for the whole).
  struct Row {
    Id id;
    Instant created;
    std::string status, lead, channel, category;
    std::optional<Instant> deadline, resolved_at;
  };

  bool working(Date d) const { return svc_->context().deadlines()->calendar.is_working_day(d); }

  std::map<std::string, Expect> recompute(Instant from, Instant to, Instant now, int sign_days,
                                          const std::function<std::string(const Row&)>& key,
                                          const std::string& channel = "") {
    std::map<std::string, Expect> out;
    ASSERT_TRUE_OR(store_->read([&](Tx& tx) -> Status {
      auto rows = tx.conn().query(
          "SELECT m.id, m.created_at, m.status, COALESCE(o.code, ''), m.channel, "
          "COALESCE(c.code, ''), m.deadline, m.resolved_at FROM matters m "
          "LEFT JOIN orgs o ON o.id = m.lead_org_id LEFT JOIN categories c ON c.id = m.category_id "
          "ORDER BY m.id");
      for (const auto& r : rows) {
        Row m{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5),
              r.opt_integer(6), r.opt_integer(7)};
        if (m.status == "merged" || m.created < from || m.created >= to) continue;
        if (!channel.empty() && m.channel != channel) continue;
        Expect& e = out[key(m)];
        auto events = tx.events_of(m.id);
        ++e.collected;
        // 响应率: the first event that took it out of 待受理, within 24 hours of intake.
        for (const auto& ev : events)
          if (ev.from_status && *ev.from_status == MatterStatus::submitted) {
            if (ev.at - m.created <= 86400) ++e.responded_in_time;
            break;
          }
        // 解决率 / 满意率: the latest evaluation, unless by a timeout rule.
        auto evals = tx.conn().query(
            "SELECT solved, satisfaction, source FROM evaluations WHERE matter_id = $1 ORDER BY id DESC",
            {m.id});
        if (!evals.empty()) ++e.verified_any;
        if (!evals.empty() && evals[0].text(2) != "timeout") {
          ++e.evaluated;
          if (evals[0].integer(0) == 1) ++e.solved;
          if (evals[0].text(1) == "satisfied" || evals[0].text(1) == "basically_satisfied") ++e.satisfied;
        }
        // 及时签收率: the last assignment; the first sign after it; a return before any sign.
        std::optional<Instant> given, signed_at;
        bool returned_unsigned = false, any_assign = false, any_return = false;
        bool any_resolve = false, reopened = false;
        std::optional<Instant> last_deadline;
        bool late_extension = false;
        for (const auto& ev : events) {
          auto p = nlohmann::json::parse(ev.payload);
          if (ev.type == "assign") {
            any_assign = true;
            given = ev.at;
            signed_at.reset();
            returned_unsigned = false;
          }
          if (ev.type == "sign" && given && !signed_at) signed_at = ev.at;
          if (ev.type == "return") {
            any_return = true;
            if (!signed_at) returned_unsigned = true;
          }
          if (ev.type == "resolve") any_resolve = true;
          if (any_resolve && ev.to_status && *ev.to_status == MatterStatus::reopened) reopened = true;
          if (p.contains("deadline") && p["deadline"].is_string() && ev.type != "escalate") {
            Instant d = end_of_local_day(*parse_date(p["deadline"].get<std::string>()));
            if (ev.type == "extend_decide" && last_deadline && *last_deadline < ev.at) late_extension = true;
            last_deadline = d;
          }
        }
        if (given) {
          Date day = local_date(*given);
          for (int n = 0; n < sign_days;) {
            day += std::chrono::days{1};
            if (working(day)) ++n;
          }
          const Instant limit = end_of_local_day(day);
          if (signed_at) {
            ++e.sign_counted;
            if (*signed_at <= limit) ++e.signed_in_time;
          } else if (!returned_unsigned && now > limit) {
            ++e.sign_counted;
          }
        }
        // 回头看不合格率: the matter's recorded re-verifications, from the spot check rows.
        for (const auto& item : tx.conn().query(
                 "SELECT result FROM spot_check_items WHERE matter_id = $1 AND checked_at IS NOT NULL",
                 {m.id})) {
          ++e.spot_checked;
          if (item.text(0) == "failed") ++e.spot_failed;
        }
        if (any_assign) ++e.assigned;
        if (any_return) ++e.returned;
        if (any_resolve) ++e.resolved_ever;
        if (reopened) ++e.reopened;
        const bool resolved_now = m.status == "resolved" || m.status == "verified" || m.status == "closed";
        if (resolved_now && last_deadline) {
          ++e.resolved;
          if (*m.resolved_at > *last_deadline) ++e.late;
          else if (late_extension) ++e.after_extension;
          else ++e.on_time;
          if (*m.resolved_at > *last_deadline) ++e.overdue_resolved;
        }
        const bool running = m.status == "assigned" || m.status == "signed" ||
                             m.status == "reopened" || m.status == "returned";
        if (running && m.deadline && *m.deadline < now) ++e.overdue_open;
      }
      return ok();
    }));
    return out;
  }

  // ASSERT inside a lambda returning Status.
  static void ASSERT_TRUE_OR(const Status& st) { ASSERT_TRUE(st) << st.error().detail; }

  static void check(const StatsFigures& f, const Expect& e, const std::string& what) {
    SCOPED_TRACE(what);
    const RateSet& r = f.rates;
    auto is = [](const Fraction& got, std::int64_t num, std::int64_t den) {
      EXPECT_EQ(got.numerator, num);
      EXPECT_EQ(got.denominator, den);
    };
    is(r.response, e.responded_in_time, e.collected);
    is(r.resolution, e.solved, e.evaluated);
    is(r.satisfaction, e.satisfied, e.evaluated);
    is(r.signed_in_time, e.signed_in_time, e.sign_counted);
    is(r.on_time, e.on_time, e.resolved);
    is(r.returned, e.returned, e.assigned);
    is(r.reopened, e.reopened, e.resolved_ever);
    is(r.spot_check_failed, e.spot_failed, e.spot_checked);
    EXPECT_EQ(f.rate_counts.on_time_after_extension, e.after_extension);
    EXPECT_EQ(f.rate_counts.late, e.late);
    EXPECT_EQ(f.rate_counts.overdue_open, e.overdue_open);
    EXPECT_EQ(f.rate_counts.overdue_resolved, e.overdue_resolved);
    EXPECT_EQ(f.counts.overdue, e.overdue_open + e.overdue_resolved);
  }

  std::uint32_t seed_ = 20261102;
  std::vector<std::string> codes_, tokens_;
};

TEST_F(RatesTest, EveryRateOfAGeneratedDataSetMatchesASlowRecomputation) {
  generate(60);
  const Instant now = at("2027-01-20", 10);
  clock_->set(now);
  const StatsQuery q{"2026-11-01", "2026-11-30", "", "", ""};
  const Instant from = start_of_local_day(*parse_date("2026-11-01"));
  const Instant to = start_of_local_day(*parse_date("2026-12-01"));
  auto whole = recompute(from, to, now, 1, [](const Row&) { return std::string(); })[""];
  auto o = svc_->stats().overview(actor("boss"), q);
  ASSERT_TRUE(o) << o.error().detail;
  check(o->current, whole, "whole");
  // The data set has every case the rates tell apart.
  EXPECT_GT(whole.collected, 50);
  EXPECT_GT(whole.signed_in_time, 0);
  EXPECT_LT(whole.signed_in_time, whole.sign_counted);
  EXPECT_GT(whole.on_time, 0);
  EXPECT_GT(whole.after_extension, 0);
  EXPECT_GT(whole.late, 0);
  EXPECT_GT(whole.returned, 0);
  EXPECT_GT(whole.reopened, 0);
  EXPECT_EQ(whole.spot_failed, 2);
  EXPECT_GT(whole.spot_checked, whole.spot_failed);
  EXPECT_GT(whole.overdue_open, 0);
  EXPECT_LT(whole.evaluated, whole.verified_any) << "timeout verifications are left out";

  // Per lead unit, channel and category.
  auto by_unit = recompute(from, to, now, 1, [](const Row& m) { return m.lead; });
  auto grouped = svc_->stats().grouped(actor("boss"), q, "org");
  ASSERT_TRUE(grouped) << grouped.error().detail;
  ASSERT_EQ(grouped->size(), by_unit.size());
  for (const auto& g : *grouped) check(g.figures, by_unit[g.key], "unit " + g.key);
  auto by_channel = recompute(from, to, now, 1, [](const Row& m) { return m.channel; });
  auto channels = svc_->stats().grouped(actor("boss"), q, "channel");
  ASSERT_TRUE(channels);
  ASSERT_EQ(channels->size(), 2u);
  for (const auto& g : *channels) check(g.figures, by_channel[g.key], "channel " + g.key);
  auto by_category =
      recompute(from, to, now, 1, [](const Row& m) { return m.category.substr(0, 2); });
  auto categories = svc_->stats().grouped(actor("boss"), q, "category");
  ASSERT_TRUE(categories);
  for (const auto& g : *categories) check(g.figures, by_category[g.key], "category " + g.key);

  // Filtered by channel and category.
  StatsQuery hotline = q;
  hotline.channel = "hotline";
  auto h = svc_->stats().overview(actor("boss"), hotline);
  ASSERT_TRUE(h) << h.error().detail;
  check(h->current, by_channel["hotline"], "channel filter");
  StatsQuery env = q;
  env.category = "02";
  auto c = svc_->stats().overview(actor("boss"), env);
  ASSERT_TRUE(c) << c.error().detail;
  check(c->current, by_category["02"], "category filter");
  env.category = "nope";
  EXPECT_FALSE(svc_->stats().overview(actor("boss"), env));

  // The ranking's items carry the same rates as the grouping by lead unit.
  auto ranking = svc_->stats().rankings(actor("boss"), q, "dept");
  ASSERT_TRUE(ranking) << ranking.error().detail;
  ASSERT_EQ(ranking->items.size(), 3u);
  for (const auto& item : ranking->items) check(item.figures, by_unit[item.org.code], "rank " + item.org.code);

  // A longer sign-for limit, by the setting.
  ASSERT_TRUE(store_->write([&](Tx& tx) { return db::set_setting(tx, kSignForSetting, "3"); }));
  auto wide = recompute(from, to, now, 3, [](const Row&) { return std::string(); })[""];
  auto o3 = svc_->stats().overview(actor("boss"), q);
  ASSERT_TRUE(o3);
  check(o3->current, wide, "sign-for limit 3");
  EXPECT_GT(wide.signed_in_time, whole.signed_in_time);
}

// The stored per-matter figures are rewritten by every action in its own transaction; the figures
// read from them must equal a full recount of the matters and their events, at any `now` (a
// sign-for limit passes, a deadline passes), after a setting changes, and after a rebuild.
TEST_F(RatesTest, StoredFiguresEqualAFullRecountAfterEveryActionAndAfterARebuild) {
  generate(60);
  auto differences = [&](Instant now) {
    std::vector<std::string> out;
    Status st = store_->read([&](Tx& tx) -> Status {
      out = db::stored_figures_differences(tx, now);
      return ok();
    });
    EXPECT_TRUE(st) << st.error().detail;
    return out;
  };
  auto joined = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& d : v) s += d + "\n";
    return s;
  };
  for (const char* day : {"2026-11-10", "2026-11-20", "2026-12-05", "2027-01-20"}) {
    const auto d = differences(at(day, 10));
    EXPECT_TRUE(d.empty()) << day << ":\n" << joined(d);
  }
  ASSERT_TRUE(store_->write([&](Tx& tx) { return db::set_setting(tx, kSignForSetting, "3"); }));
  EXPECT_TRUE(differences(at("2026-12-05", 10)).empty());

  // A hand-made change of a stored figure is found, named by the count it broke...
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    tx.conn().exec("UPDATE matter_facts SET solved = 1 - solved WHERE id = (SELECT MIN(id) FROM "
                   "matter_facts WHERE evaluated = 1)");
    return ok();
  }));
  const auto broken = differences(at("2027-01-20", 10));
  ASSERT_FALSE(broken.empty());
  EXPECT_NE(joined(broken).find("solved"), std::string::npos) << joined(broken);
  // ... and a rebuild repairs it.
  auto n = store_->write([](Tx& tx) -> Result<std::int64_t> { return db::rebuild_matter_facts(tx); });
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 60);
  EXPECT_TRUE(differences(at("2027-01-20", 10)).empty());
}

// A database whose matters have no stored figures (filled before migration 022) gets them when
// the services open, and its statistics are those of the matters.
TEST_F(RatesTest, StoredFiguresMissingAtOpenAreWorkedOutBeforeTheFirstFigure) {
  generate(20);
  const Instant now = at("2026-12-20", 10);
  clock_->set(now);
  const StatsQuery q{"2026-11-01", "2026-11-30", "", "", ""};
  auto before = svc_->stats().overview(actor("boss"), q);
  ASSERT_TRUE(before) << before.error().detail;
  ASSERT_TRUE(store_->write([](Tx& tx) -> Status {
    tx.conn().exec("DELETE FROM matter_facts");
    return ok();
  }));
  svc_.reset();
  ServiceConfig cfg;
  cfg.data_dir = dir_.string();
  cfg.fast_password_hashing = true;
  cfg.audit_key = test_audit_key();
  auto reopened = Services::open(*store_, *clock_, cfg);
  ASSERT_TRUE(reopened) << reopened.error().detail;
  svc_ = std::move(*reopened);
  auto after = svc_->stats().overview(actor("boss"), q);
  ASSERT_TRUE(after) << after.error().detail;
  EXPECT_GT(after->current.counts.collected, 15);
  EXPECT_EQ(after->current.counts.collected, before->current.counts.collected);
  EXPECT_EQ(after->current.counts.solved, before->current.counts.solved);
  EXPECT_EQ(after->current.rate_counts.sign_counted, before->current.rate_counts.sign_counted);
}

}  // namespace
}  // namespace huiyin::testing
