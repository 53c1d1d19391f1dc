#include "kernel/catalog_snapshot.hpp"

#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {

CatalogSnapshot::CatalogSnapshot(std::int64_t version, std::vector<Org> orgs,
                                 std::vector<Category> categories, std::vector<Campaign> campaigns)
    : version_(version),
      orgs_(std::move(orgs)),
      categories_(std::move(categories)),
      campaigns_(std::move(campaigns)) {
  category_by_id_.reserve(categories_.size());
  category_by_code_.reserve(categories_.size());
  for (const Category& c : categories_) {
    category_by_id_.emplace(c.id, &c);
    category_by_code_.emplace(c.code, &c);
  }
  for (const Campaign& c : campaigns_) {
    campaign_by_id_.emplace(c.id, &c);
    campaign_by_code_.emplace(c.code, &c);
  }
}

CatalogPtr CatalogSnapshot::load(Tx& tx, std::int64_t version) {
  return std::make_shared<const CatalogSnapshot>(version, db::list_orgs(tx),
                                                 db::list_categories(tx), db::list_campaigns(tx));
}

std::optional<OrgRef> CatalogSnapshot::org_ref(std::optional<Id> id) const {
  if (!id) return std::nullopt;
  const Org* o = orgs_.find(*id);
  if (!o) return std::nullopt;
  return OrgRef{o->code, o->name};
}

namespace {

template <typename Map, typename Key>
auto lookup(const Map& m, const Key& k) -> typename Map::mapped_type {
  auto it = m.find(k);
  return it == m.end() ? nullptr : it->second;
}

}  // namespace

const Category* CatalogSnapshot::category(Id id) const { return lookup(category_by_id_, id); }

const Category* CatalogSnapshot::category_code(const std::string& code) const {
  return lookup(category_by_code_, code);
}

const Category* CatalogSnapshot::top_level_category(Id id) const {
  const Category* c = category(id);
  for (int hops = 0; c && c->parent && hops < 5; ++hops) {
    const Category* up = category(*c->parent);
    if (!up) break;
    c = up;
  }
  return c;
}

const Campaign* CatalogSnapshot::campaign(Id id) const { return lookup(campaign_by_id_, id); }

const Campaign* CatalogSnapshot::campaign_code(const std::string& code) const {
  return lookup(campaign_by_code_, code);
}

CatalogPtr CatalogCache::held() const {
  std::lock_guard lock(mu_);
  return held_;
}

CatalogPtr CatalogCache::current(Tx& tx) {
  const std::int64_t version = db::catalog_version(tx);
  // A transaction that changed the catalog sees its own rows, never the held snapshot.
  const bool own_changes = tx.catalog_changed();
  if (!own_changes)
    if (CatalogPtr h = held(); h && h->version() == version) return h;

  std::unique_lock build(build_mu_, std::defer_lock);
  if (!own_changes) {
    build.lock();
    // Built by the caller this one queued behind?
    if (CatalogPtr h = held(); h && h->version() == version) return h;
  }
  CatalogPtr built = CatalogSnapshot::load(tx, version);
  builds_.fetch_add(1);
  // Held for others only when it shows one committed state: see the header.
  if (!own_changes && db::catalog_version(tx) == version) {
    std::lock_guard lock(mu_);
    held_ = built;
  }
  return built;
}

}  // namespace huiyin
