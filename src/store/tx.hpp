// Tx: the transaction handle every store function works on — a sql::Connection inside a
// transaction, the Dialect of its backend and the audit key. It is concrete: the backends differ
// only in the connection and in SQL text (Dialect), never in a Tx subclass. The handle itself
// knows only the audit chain (events and row seals) and whether it changed the catalog (the
// catalog version, store/catalog_store.hpp); the tables each belong to the store code of
// their part — store/*_store.hpp for the kernel's own tables, features/<name>/*_store.hpp for a
// feature's — as free functions in namespace huiyin::db taking a Tx&.
// Exceptions: SqlError escapes only for unexpected database failures (Store::write maps it);
// expected outcomes are values (nullopt for not found, ErrorCode::conflict for duplicates and
// stale versions). Thread-safety: one thread, like the transaction it wraps.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/audit_seals.hpp"
#include "store/dialect.hpp"
#include "store/sql.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"

namespace huiyin::sql {

// Builds SQL with numbered placeholders; values go to `params`, never into the text.
struct QueryBuilder {
  std::string sql;
  Params params;
  std::string bind(Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  }
};

// Runs f inside a savepoint; returns false (and undoes f) on a unique violation, so the
// transaction stays usable on PostgreSQL too. Other errors propagate.
bool without_duplicate(Connection& c, const std::function<void()>& f);

// `%` and `_` escaped for LIKE ... ESCAPE '\'.
std::string like_escape(std::string_view s);

// "(<column> LIKE 'p1%' OR ...)" with the paths bound: the org lies in one of the subtrees (条块
// scope conditions of every list).
std::string path_prefix_condition(QueryBuilder& q, const char* column,
                                  const std::vector<std::string>& paths);

// The chain head as stored (chain_head row): the last event's seq and hash.
struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
};

// A protected row (or group of rows: a user's roles, a matter's org links) as stored now, for
// `audit verify`: its table number and key as in store/audit_seals.hpp, and its digest.
struct RowSeal {
  int table = 0;
  std::uint64_t key = 0;
  std::array<unsigned char, 16> digest{};
  std::string key_text;
};

class Tx;

// Called by Tx::append_event for every event it stores, inside the same transaction (the
// notification outbox: rows written with the event commit or roll back with it). Must not append
// events itself.
using EventHook = std::function<void(Tx&, const Event&)>;
// Called by every write transaction once its work is done, before its seals are flushed and it
// commits (the stored per-matter figures of the matters it touched). May write rows; must not
// append events.
using CommitHook = std::function<void(Tx&)>;

class Tx {
 public:
  // With a non-empty audit key (32 bytes) every write seals the rows it touched and events
  // are keyed; without one the tx writes the v1 unkeyed chain and records no seals.
  Tx(Connection& c, const Dialect& d, const std::string& audit_key = {},
     const EventHook* on_event = nullptr)
      : c_(c), d_(d), key_(audit_key), on_event_(on_event) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  Connection& conn() { return c_; }
  const Dialect& dialect() const { return d_; }

  // Audit chain. append_event fills seq, prev_hash and hash (see audit_chain.hpp) and returns
  // the stored event; it serialises concurrent writers on the chain head.
  Result<Event> append_event(const Event& e);
  std::vector<Event> events_of(Id matter_id);
  // The events of any subject (a field record...), oldest first. Events of the v1 (unkeyed)
  // chain carry no subject columns beyond their matter.
  std::vector<Event> events_of(const SubjectRef& subject);
  // Calls f for every event in seq order, in batches; stops early when f returns false.
  Status for_each_event(const std::function<bool(const Event&)>& f);
  ChainHead chain_head();
  // Calls f for every protected row (or group) as stored, table by table, in batches.
  Status for_each_sealed_row(const std::function<void(const RowSeal&)>& f);

  // Row seals: store functions call seal() after writing a protected row (table numbers in
  // audit_seals.hpp); the seal waits for the transaction's next event.
  void seal(int table, const Value& key);
  bool sealing() const { return !key_.empty(); }
  // Before a session row is deleted: remembers its digest so a renewal in the same
  // transaction seals the pair correctly.
  void note_session_deletion(const std::string& id_hash);

  // Before commit: appends a chain-level `rows_sealed` event for seals still pending (writes
  // after the transaction's last event, or writes with no event at all), then writes the chain
  // head row once for all the events this transaction appended.
  void flush_seals(Instant now);
  // The last event this transaction appended (for anchors), if any.
  const std::optional<ChainHead>& appended() const { return appended_; }
  // Seals every protected row as stored now (the upgrade of an unkeyed chain): chain-level
  // `rows_sealed` events of at most `batch` seals each. Returns the number of rows sealed.
  std::int64_t seal_all_rows(Instant now, std::size_t batch);

  // The matters this transaction appended events for, each once, in first-touch order.
  const std::vector<Id>& touched_matters() const { return touched_matters_; }

  // Whether this transaction wrote an org, a category or a campaign (and so moved the catalog
  // version once); set by the store functions of those tables through mark_catalog_changed(),
  // which returns true the first time only.
  bool catalog_changed() const { return catalog_changed_; }
  bool mark_catalog_changed() { return !std::exchange(catalog_changed_, true); }

 private:
  std::optional<Digest> current_digest(int table, const Value& key);
  void add_seal(int table, const std::string& key_text, const Digest& d);

  Connection& c_;
  const Dialect& d_;
  const std::string& key_;
  const EventHook* on_event_;
  std::vector<std::string> pending_;                  // seal lines, in write order
  std::unordered_map<std::uint64_t, std::size_t> pending_index_;
  std::unordered_map<std::string, Digest> deleted_sessions_;  // this tx's, for a renewal
  std::optional<ChainHead> appended_;
  std::vector<Id> touched_matters_;
  bool catalog_changed_ = false;
};

}  // namespace huiyin::sql

namespace huiyin {
using Tx = sql::Tx;
using sql::ChainHead;
using sql::RowSeal;
}  // namespace huiyin
