// The catalog — orgs, categories and campaigns — as one immutable snapshot, and the cache that
// keeps this process's copy of it in step with the database.
//
// A CatalogSnapshot is built once and never changed; it is shared as
// std::shared_ptr<const CatalogSnapshot>, so any number of threads read it without locks, and a
// request keeps the one it started with even when a newer one replaces it. Orgs are found by
// id, code or path, categories and campaigns by id or code, all through hash maps.
//
// How it stays current. Every write of an org, a category or a campaign moves the catalog
// version (a named counter, store/catalog_store.hpp) in its own transaction, whichever process
// writes it: this node's admin service, another node, the CLI (`huiyin org add`), the demo
// seed, bootstrap defaults. CatalogCache::current(tx) reads that version through the caller's
// transaction — one primary-key read of one row — and hands back the held snapshot when it
// carries the same version; otherwise it builds a new one through the same transaction and, in
// the cases below, holds it for the next callers. So another node's change shows at the next
// transaction that asks, with no timer and no notification channel. The admin service also
// refreshes right after its own write commits, so the first request after an edit here does
// not pay for the rebuild.
//
// Why inside the caller's transaction. The use cases decide scope and permissions from the
// catalog and the rows in one transaction; a snapshot checked against the version that same
// transaction reads is exactly the catalog that transaction would have read itself (the
// version moves with every catalog commit), so nothing changes for the use cases except that
// the tables are not read again. Checking outside (a timer, or before the transaction) would
// let a use case see a new matter row with an org the snapshot does not know yet. Snapshots
// built from transactions that cannot vouch for them are used by that transaction only and
// not held: one that changed the catalog itself (its rows are not committed, and its version
// number could be reissued after a rollback), and one whose version moved while the tables
// were read (PostgreSQL write transactions are READ COMMITTED: statements see different
// commits). Read transactions (REPEATABLE READ on PostgreSQL, one WAL snapshot on SQLite) and
// SQLite's write transactions see one state and always qualify.
//
// A restored database whose counter lands exactly on the held version with other contents
// would not be noticed: restart the nodes after a restore. The held snapshot is replaced
// whenever a qualifying transaction sees another version, so it follows a counter that went
// back too.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/model.hpp"
#include "kernel/org_index.hpp"
#include "kernel/views.hpp"
#include "store/tx.hpp"

namespace huiyin {

class CatalogSnapshot {
 public:
  CatalogSnapshot(std::int64_t version, std::vector<Org> orgs, std::vector<Category> categories,
                  std::vector<Campaign> campaigns);
  CatalogSnapshot(const CatalogSnapshot&) = delete;
  CatalogSnapshot& operator=(const CatalogSnapshot&) = delete;

  // Reads every org, category and campaign through `tx`, labelled `version`.
  static std::shared_ptr<const CatalogSnapshot> load(Tx& tx, std::int64_t version);

  // The catalog version it was built at (db::catalog_version; 0 before any catalog write).
  std::int64_t version() const { return version_; }

  const OrgIndex& orgs() const { return orgs_; }
  // Code and name of an org, for views; nullopt for none or an unknown id.
  std::optional<OrgRef> org_ref(std::optional<Id> id) const;

  // Categories ordered by code, as stored.
  const std::vector<Category>& categories() const { return categories_; }
  const Category* category(Id id) const;
  const Category* category_code(const std::string& code) const;
  // The first-level category above `id` (itself at level 1); nullptr for an unknown id.
  const Category* top_level_category(Id id) const;

  // Campaigns ordered by code, as stored.
  const std::vector<Campaign>& campaigns() const { return campaigns_; }
  const Campaign* campaign(Id id) const;
  const Campaign* campaign_code(const std::string& code) const;

 private:
  std::int64_t version_;
  OrgIndex orgs_;
  std::vector<Category> categories_;
  std::vector<Campaign> campaigns_;
  std::unordered_map<Id, const Category*> category_by_id_;
  std::unordered_map<std::string, const Category*> category_by_code_;
  std::unordered_map<Id, const Campaign*> campaign_by_id_;
  std::unordered_map<std::string, const Campaign*> campaign_by_code_;
};

using CatalogPtr = std::shared_ptr<const CatalogSnapshot>;

// This process's catalog: the snapshot held for every thread, checked against the stored
// version by each transaction that asks (see the top of this file). Thread-safe; one per
// ServiceContext.
class CatalogCache {
 public:
  // The catalog as `tx` sees it (never null).
  CatalogPtr current(Tx& tx);
  // The snapshot held now, unchecked; null before the first current().
  CatalogPtr held() const;
  // How many snapshots this cache has built (each read the three tables once).
  std::int64_t builds() const { return builds_.load(); }

 private:
  mutable std::mutex mu_;  // guards held_
  std::mutex build_mu_;    // one build at a time: callers that queued behind it reuse its result
  CatalogPtr held_;
  std::atomic<std::int64_t> builds_{0};
};

}  // namespace huiyin
