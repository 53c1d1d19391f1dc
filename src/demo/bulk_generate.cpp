#include "demo/bulk_generate.hpp"

#include <chrono>
#include <map>
#include <optional>

#include "demo/bulk_orgs.hpp"
#include "demo/bulk_plan.hpp"
#include "demo/bulk_records.hpp"
#include "demo/demo_seed.hpp"
#include "demo/demo_seed_data.hpp"
#include "features/matters/intake_write.hpp"
#include "features/matters/matter_actions.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"
#include "store/search_reindex.hpp"

namespace huiyin {
namespace {

constexpr Instant kDay = 86400;
// PostgreSQL fills faster in small transactions: with the chain head written once per transaction
// 5,000 matters took 22.8 s in batches of 500 and 28.9 s in one (2026-12-04, test cluster); the
// fill is bound by round trips (~30 statements a matter), not by the head any more.
constexpr int kPostgresqlBatch = 500;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Puts the services' event hook back when the fill ends, however it ends.
class HookAside {
 public:
  explicit HookAside(Store& s) : store_(s), saved_(s.exchange_event_hook({})) {}
  ~HookAside() { store_.exchange_event_hook(std::move(saved_)); }
  HookAside(const HookAside&) = delete;
  HookAside& operator=(const HookAside&) = delete;

 private:
  Store& store_;
  sql::EventHook saved_;
};

struct Written {
  Id id = 0;
  std::string code;
};

// Writes the matters [from, to) of the run in the caller's transaction.
class BatchWriter {
 public:
  BatchWriter(Services& s, const DemoData& d, const BulkTree& tree, const Actor& dispatcher,
              const BulkPlanSpan& span, BulkRecords records)
      : s_(s), d_(d), tree_(tree), dispatcher_(dispatcher), span_(span),
        deadlines_(s.context().deadlines()), records_(std::move(records)) {}

  Status write(Tx& tx, std::int64_t from, std::int64_t to) {
    const CatalogPtr catalog = s_.context().catalog(tx);
    std::map<std::string, Written> last_of_category;  // merge targets, within the transaction
    records_.reset();
    for (std::int64_t i = from; i < to; ++i) {
      BulkMatterPlan plan = plan_bulk_matter(d_, tree_, *deadlines_, span_, i);
      auto stored = intake(tx, *catalog, plan, 1 + static_cast<int>(i % 3));
      if (!stored) return stored.error();
      Matter m = std::move(*stored);
      for (const BulkStep& step : plan.steps) {
        ActionInput in = step.input;
        std::optional<Id> merge_target;
        if (step.action == Action::merge) {
          auto it = last_of_category.find(plan.category);
          if (it == last_of_category.end()) break;  // nothing to merge into: it stays open
          in.into = it->second.code;
          merge_target = it->second.id;
        }
        const BulkUnit* lead = tree_.find(plan.lead);
        if (step.action == Action::assign) {
          if (!lead) break;
          in.lead_org = lead->org.id;
        }
        const Actor* actor = step.by_unit && lead ? &lead->handler : &dispatcher_;
        MatterFacts facts;
        facts.status = m.status;
        facts.petition = m.channel == Channel::petition;
        const Role admin[] = {Role::admin};
        auto to_status = decide(facts, step.action, in, admin);
        if (!to_status) return to_status.error();
        ActionContext c{tx, *deadlines_, *catalog, actor};
        c.merge_target = merge_target;
        c.now = step.at;
        auto r = apply_action(c, std::move(m), step.action, in, *to_status);
        if (!r) return r.error();
        m = std::move(*r);
      }
      if (m.status != MatterStatus::merged) last_of_category[plan.category] = {m.id, m.code};
    }
    return ok();
  }

 private:
  Result<Matter> intake(Tx& tx, const CatalogSnapshot& catalog, const BulkMatterPlan& plan,
                        int per_record) {
    Matter m = plan.matter;
    if (const Category* c = catalog.category_code(plan.category)) m.category_id = c->id;
    const bool staff = m.channel != Channel::web && m.channel != Channel::open311;
    IntakeWrite w;
    if (const BulkUnit* place = m.area_org_id ? tree_.find(*m.area_org_id) : nullptr) {
      auto by = records_.source_for(tx, s_.context().config().code_prefix, m.channel,
                                    plan.created_at, *place, dispatcher_, per_record);
      if (!by) return by.error();
      if (*by) {
        m.source = (*by)->source;
        w.source_kind = (*by)->kind;
        w.source_code = (*by)->code;
      }
    }
    w.matter = std::move(m);
    w.reporter = plan.reporter;
    w.code_prefix = s_.context().config().code_prefix;
    w.token = random_token(24);
    w.query_code = query_code_of(w.token);
    w.recorder = staff ? &dispatcher_ : nullptr;
    w.now = plan.created_at;
    return write_intake(tx, w);
  }

  Services& s_;
  const DemoData& d_;
  const BulkTree& tree_;
  const Actor& dispatcher_;
  const BulkPlanSpan span_;
  std::shared_ptr<const DeadlineSetup> deadlines_;
  BulkRecords records_;
};

Result<Actor> city_dispatcher(Services& s) {
  std::optional<User> u;
  Status st = s.context().store().read([&](Tx& tx) -> Status {
    u = db::user_by_username(tx, "dispatcher");
    return ok();
  });
  if (!st) return st.error();
  if (!u) return invalid("演示城市缺少派单员账号 dispatcher", "users.tsv");
  return s.auth().actor_of(u->id);
}

}  // namespace

Result<BulkReport> bulk_generate(Services& s, const BulkOptions& o) {
  BulkReport report;
  if (o.matters < 0 || o.batch <= 0) return invalid("数量无效", "matters");
  Store& store = s.context().store();
  const Instant now = o.now ? o.now : s.context().clock().now();
  auto seeded = seed_demo(s, DemoSeedOptions{.now = now});
  if (!seeded) return seeded.error();
  report.demo_seeded = seeded->seeded;
  auto data = load_demo_data();
  if (!data) return data.error();
  auto tree = grow_org_tree(s, *data, o.orgs, now);
  if (!tree) return tree.error();
  report.orgs = static_cast<int>(tree->units.size());
  report.orgs_added = tree->added;
  if (Status r = s.context().reload(); !r) return r.error();
  auto dispatcher = city_dispatcher(s);
  if (!dispatcher) return dispatcher.error();
  if (o.matters == 0) return report;

  std::optional<BulkRecords> records;
  Status st = store.read([&](Tx& tx) -> Status {
    auto r = BulkRecords::load(tx);
    if (!r) return r.error();
    records = std::move(*r);
    return ok();
  });
  if (!st) return st.error();

  const auto t0 = std::chrono::steady_clock::now();
  std::int64_t head_before = 0, head_after = 0;
  HookAside aside(store);
  sql::SuspendedSearchIndex index;
  st = store.write([&](Tx& tx) -> Status {
    head_before = tx.chain_head().seq;
    index = sql::suspend_search_index(tx.conn());
    return ok();
  });
  if (!st) return st.error();
  const BulkPlanSpan span{now - static_cast<Instant>(o.days) * kDay, now, o.matters, o.seed};
  BatchWriter writer(s, *data, *tree, *dispatcher, span, std::move(*records));
  Status fill = ok();
  const int batch = store.backend() == "postgresql" ? std::min(o.batch, kPostgresqlBatch) : o.batch;
  for (std::int64_t from = 0; from < o.matters && fill; from += batch) {
    const std::int64_t to = std::min(o.matters, from + batch);
    fill = store.write([&](Tx& tx) -> Status {
      sql::widen_cache_for_bulk_load(tx.conn());
      return writer.write(tx, from, to);
    });
    if (fill) {
      report.matters = to;
      if (o.progress) o.progress(to);
    }
  }
  report.fill_seconds = seconds_since(t0);
  // The index comes back even when the fill failed part-way (what was committed stays).
  const auto t1 = std::chrono::steady_clock::now();
  st = store.write([&](Tx& tx) -> Status {
    sql::resume_search_index(tx.conn(), index);
    head_after = tx.chain_head().seq;
    return ok();
  });
  report.index_seconds = seconds_since(t1);
  if (!fill) return fill.error();
  if (!st) return st.error();
  report.events = head_after - head_before;
  return report;
}

}  // namespace huiyin
