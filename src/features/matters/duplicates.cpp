#include "features/matters/duplicates.hpp"

#include <set>

#include "features/matters/matter_reader.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kMaxIndexed = 1000000;
const char* kNoMatter = "问题不存在或不在您的管辖范围内";

}  // namespace

bool duplicate_candidate(MatterStatus s) {
  switch (s) {
    case MatterStatus::submitted:
    case MatterStatus::accepted:
    case MatterStatus::assigned:
    case MatterStatus::signed_:
    case MatterStatus::returned:
    case MatterStatus::reopened:
    case MatterStatus::resolved:
      return true;
    default:
      return false;
  }
}

Status DuplicateService::start() {
  std::lock_guard lock(start_mu_);
  if (started_) return ok();
  const Instant since =
      ctx_.clock().now() - static_cast<Instant>(ctx_.config().duplicate_window_days) * 86400;
  std::size_t added = 0;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    seen_seq_ = tx.chain_head().seq;  // the snapshot the index is filled from
    MatterFilter f;
    f.scope.all = true;
    f.created_from = since;
    f.limit = 1000;
    for (MatterStatus s : {MatterStatus::submitted, MatterStatus::accepted, MatterStatus::assigned,
                           MatterStatus::signed_, MatterStatus::returned, MatterStatus::reopened,
                           MatterStatus::resolved})
      f.statuses.push_back(s);
    while (added < kMaxIndexed) {
      MatterPage page = db::list_matters(tx, f);
      for (const auto& m : page.items) {
        index_.add(m.id, m.title, m.content, m.area_org_id, m.created_at);
        ++added;
      }
      if (!page.next_cursor) break;
      f.before_id = page.next_cursor;
    }
    return ok();
  });
  if (!st) return st;
  started_ = true;
  return ok();
}

Result<std::size_t> DuplicateService::catch_up() {
  std::lock_guard lock(start_mu_);
  if (!started_) return std::size_t{0};
  std::vector<Matter> changed;
  std::int64_t seen = seen_seq_;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    changed.clear();
    seen = seen_seq_;
    std::set<Id> ids;
    for (const auto& r : tx.conn().query(
             "SELECT seq, matter_id FROM events WHERE seq > $1 ORDER BY seq LIMIT 5000",
             {seen_seq_})) {
      seen = r.integer(0);
      if (!r.null(1)) ids.insert(r.integer(1));
    }
    for (Id id : ids)
      if (auto m = db::matter_by_id(tx, id)) changed.push_back(std::move(*m));
    return ok();
  });
  if (!st) return st.error();
  for (const auto& m : changed) matter_saved(m);
  seen_seq_ = seen;
  return changed.size();
}

void DuplicateService::matter_saved(const Matter& m) {
  const Instant since =
      ctx_.clock().now() - static_cast<Instant>(ctx_.config().duplicate_window_days) * 86400;
  if (duplicate_candidate(m.status) && !m.merged_into && m.created_at >= since)
    index_.add(m.id, m.title, m.content, m.area_org_id, m.created_at);
  else
    index_.remove(m.id);
}

std::vector<SimilarMatter> DuplicateService::visible(Tx& tx, const Actor& actor, const Matter& m,
                                                     std::size_t k) {
  const CatalogPtr catalog = ctx_.catalog(tx);
  const OrgIndex& orgs = catalog->orgs();
  const MatterReader reader(tx, &actor, orgs);
  text::DuplicateQuery q{m.title, m.content, m.area_org_id, m.created_at};
  std::vector<SimilarMatter> out;
  // Ask for more than k: some hits may lie outside the actor's scope or have moved on.
  for (const auto& hit : index_.query(q, k * 4, std::nullopt, m.id)) {
    auto other = db::matter_by_id(tx, hit.id);
    if (!other || !duplicate_candidate(other->status) || other->merged_into) continue;
    if (!reader.can_see(*other)) continue;
    out.push_back({other->code, reader.matter(*other).title, other->status, hit.score,
                   other->created_at});
    if (out.size() >= k) break;
  }
  return out;
}

Result<std::vector<SimilarMatter>> DuplicateService::similar(const Actor& actor,
                                                             const std::string& code,
                                                             std::size_t k) {
  if (Status st = start(); !st) return st.error();
  Result<std::vector<SimilarMatter>> out = not_found(kNoMatter);
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m || !can_see(actor, *m, ctx_.catalog(tx)->orgs())) return ok();
    out = visible(tx, actor, *m, k);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

std::vector<std::string> DuplicateService::similar_codes(const Actor& actor, const Matter& m,
                                                         std::size_t k) {
  if (!start()) return {};
  std::vector<std::string> codes;
  (void)ctx_.store().read([&](Tx& tx) -> Status {
    for (auto& s : visible(tx, actor, m, k)) codes.push_back(std::move(s.code));
    return ok();
  });
  return codes;
}

}  // namespace huiyin
