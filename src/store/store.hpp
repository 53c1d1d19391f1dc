// The storage interface: one Store per database, implemented once over a generic SQL layer
// (sql.hpp) with two backends, SQLite (embedded default, `sqlite:PATH`) and PostgreSQL
// (`postgresql://...`). All reads and writes happen inside a transaction (Tx); a write
// transaction commits only when its function returns ok, so a state change and the audit event
// that explains it land together or not at all.
// Thread-safety: a Store is shared by all threads; each Tx belongs to the thread that opened it.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"

namespace huiyin {

// Which matters a reader may see: everything, or matters linked to (lead/co/subject) or lying in
// (area) the org subtrees given by path prefix.
struct Scope {
  bool all = false;
  std::vector<std::string> org_paths;  // "/1/5/" style prefixes
};

struct MatterFilter {
  Scope scope;
  std::vector<MatterStatus> statuses;  // any of these; empty = all
  std::optional<Id> org;               // lead org or area inside this org's subtree
  std::optional<Id> lead_org;          // exactly this lead org
  std::optional<Id> category;          // this category or its children
  std::optional<Channel> channel;
  std::optional<Id> campaign;
  std::optional<Instant> created_from, created_to;  // [from, to)
  std::string q;                       // keywords in title or content (see keyword_source)
  std::optional<bool> overdue;         // deadline passed and not yet resolved
  std::optional<bool> public_consent;  // only matters whose reporter allows publication
  Instant now = 0;                     // for `overdue`
  int limit = 50;                      // 1..1000
  std::optional<Id> before_id;         // keyset cursor: matters with id < before_id (newest first)
  // With `q` and no `before_id`: the best keyword matches first (bm25 / ts_rank, ties newest
  // first) as a single page — next_cursor stays empty, since relevance order cannot be paged by
  // id. Without it (or with a cursor) keyword results are newest first and page like any list.
  bool rank_by_relevance = false;
};

struct MatterPage {
  std::vector<Matter> items;
  std::optional<Id> next_cursor;  // pass as before_id for the next page
};

struct StatsFilter {
  Scope scope;
  std::optional<Id> org;  // subtree
  Instant from = 0, to = 0;  // matters created in [from, to)
  Instant now = 0;
};

// Counts behind the three rates; every figure is a count of matters (see README for definitions).
// Merged duplicates are left out of every count (the matter they merged into carries them).
struct StatsCounts {
  std::int64_t collected = 0;           // created in the period (merged ones excluded)
  std::int64_t responded = 0;           // left `submitted` (accepted or rejected)
  std::int64_t responded_in_time = 0;   // ... within 24 hours of intake
  std::int64_t accepted = 0;            // accepted at some point
  std::int64_t rejected = 0;
  std::int64_t assigned = 0;
  std::int64_t resolved = 0;            // handler answered (resolved, verified, closed)
  std::int64_t evaluated = 0;           // verification recorded (by citizen or staff)
  std::int64_t solved = 0;              // verification said solved
  std::int64_t satisfied = 0;           // satisfied or basically satisfied
  std::int64_t closed = 0;
  std::int64_t overdue = 0;             // open past deadline now, or resolved after deadline
  std::int64_t returned = 0;            // returns (退回) suffered so far by the period's matters
};

enum class GroupBy { org_lead, category, channel, day, status };

struct GroupCount {
  std::string key;  // org id, category id, channel code, YYYY-MM-DD (local) or status code
  StatsCounts counts;
};

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

class Tx {
 public:
  virtual ~Tx() = default;

  // Orgs. put_org inserts or updates by code and maintains `path`.
  virtual Result<Id> put_org(const Org& org) = 0;
  virtual std::optional<Org> org_by_id(Id id) = 0;
  virtual std::optional<Org> org_by_code(const std::string& code) = 0;
  virtual std::vector<Org> list_orgs() = 0;

  // Users, roles, sessions.
  virtual Result<Id> insert_user(const User& user) = 0;  // conflict if the username exists
  virtual Status update_user(const User& user) = 0;
  virtual std::optional<User> user_by_id(Id id) = 0;
  virtual std::optional<User> user_by_username(const std::string& username) = 0;
  virtual std::vector<User> list_users() = 0;
  virtual Status set_user_roles(Id user_id, const std::vector<UserRole>& roles) = 0;
  virtual std::vector<UserRole> roles_of(Id user_id) = 0;
  virtual Status insert_session(const Session& s) = 0;
  virtual std::optional<Session> session_by_hash(const std::string& id_hash) = 0;
  virtual Status delete_session(const std::string& id_hash) = 0;
  virtual Status delete_expired_sessions(Instant now) = 0;
  // Ends every session of a user except the one whose hash is `keep_hash` (may be empty).
  virtual Status delete_sessions_of_user(Id user_id, const std::string& keep_hash) = 0;

  // Categories, campaigns, calendar, settings (deadline rules TSV lives under "deadline_rules").
  virtual Result<Id> put_category(const Category& c) = 0;  // insert or update by code
  virtual std::vector<Category> list_categories() = 0;
  virtual Result<Id> put_campaign(const Campaign& c) = 0;  // insert or update by code
  virtual std::vector<Campaign> list_campaigns() = 0;
  virtual std::vector<CalendarDay> calendar_days() = 0;
  virtual Status replace_calendar(const std::vector<CalendarDay>& days) = 0;
  virtual std::optional<std::string> setting(const std::string& key) = 0;
  virtual Status set_setting(const std::string& key, const std::string& value) = 0;

  // Gap-free named counters (matter codes per day): returns 1, 2, 3...
  virtual Result<std::int64_t> next_sequence(const std::string& name) = 0;

  // Reporters (personal data, kept apart).
  virtual Result<Id> insert_reporter(const Reporter& r) = 0;
  virtual std::optional<Reporter> reporter_by_id(Id id) = 0;

  // Matters. insert_matter ignores id/version and returns the new id. update_matter writes
  // every field and the org links when the stored version equals expected_version, bumps the
  // version, and fails with conflict otherwise.
  virtual Result<Id> insert_matter(const Matter& m) = 0;
  virtual Status update_matter(const Matter& m, std::int64_t expected_version) = 0;
  virtual std::optional<Matter> matter_by_id(Id id) = 0;
  virtual std::optional<Matter> matter_by_code(const std::string& code) = 0;
  virtual MatterPage list_matters(const MatterFilter& f) = 0;
  // Normalised text for keyword search (filled by the service from the text layer).
  virtual Status set_search_text(Id matter_id, const std::string& text) = 0;

  // Measures and evaluations.
  virtual Result<Id> insert_measure(const Measure& m) = 0;
  virtual Status update_measure(const Measure& m, std::int64_t expected_version) = 0;
  virtual std::optional<Measure> measure_by_id(Id id) = 0;
  virtual std::vector<Measure> measures_of(Id matter_id) = 0;
  virtual Result<Id> insert_evaluation(const Evaluation& e) = 0;
  virtual std::vector<Evaluation> evaluations_of(Id matter_id) = 0;

  // Attachments (bytes live on disk by hash; rows here).
  virtual Result<Id> insert_attachment(const Attachment& a) = 0;
  virtual Status link_attachment(Id attachment_id, Id matter_id) = 0;
  virtual std::vector<Attachment> attachments_of(Id matter_id) = 0;
  virtual std::optional<Attachment> attachment_by_id(Id id) = 0;
  // attachments_of lists a matter's own photos; staff evidence is listed per measure.
  virtual std::optional<Attachment> attachment_by_handle(const std::string& handle) = 0;
  // Links an unlinked upload to a measure (and its matter) as evidence.
  virtual Status link_evidence(Id attachment_id, Id measure_id) = 0;
  virtual std::vector<Attachment> evidence_of(Id measure_id) = 0;
  // Uploads never linked to a matter and created before `before`: (id, sha256), oldest first.
  virtual std::vector<std::pair<Id, std::string>> unlinked_attachments_before(Instant before,
                                                                              int limit) = 0;
  // Deletes the row only while it is still unlinked.
  virtual Status delete_unlinked_attachment(Id id) = 0;
  virtual bool attachment_sha_in_use(const std::string& sha256) = 0;

  // Audit chain. append_event fills seq, prev_hash and hash (see audit_chain.hpp) and returns
  // the stored event; it serialises concurrent writers on the chain head.
  virtual Result<Event> append_event(const Event& e) = 0;
  virtual std::vector<Event> events_of(Id matter_id) = 0;
  // Calls f for every event in seq order, in batches; stops early when f returns false.
  virtual Status for_each_event(const std::function<bool(const Event&)>& f) = 0;
  virtual ChainHead chain_head() = 0;
  // Calls f for every protected row (or group) as stored, table by table, in batches.
  virtual Status for_each_sealed_row(const std::function<void(const RowSeal&)>& f) = 0;

  // Idempotency keys for creates: the first response stored under a key is returned for
  // every retry with the same key.
  virtual std::optional<std::string> idempotent_response(const std::string& key) = 0;
  virtual Status put_idempotent_response(const std::string& key, const std::string& response,
                                         Instant at) = 0;

  // Statistics.
  virtual StatsCounts stats(const StatsFilter& f) = 0;
  virtual std::vector<GroupCount> stats_grouped(const StatsFilter& f, GroupBy by) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs f in a write transaction: commits when f returns ok, rolls back otherwise (and on
  // exception). Busy/serialisation failures are retried a few times before giving up (then
  // ErrorCode::conflict), so f may run more than once: keep side effects other than Tx calls
  // out of it. A write inside a write on the same thread is refused (ErrorCode::internal);
  // unexpected database failures come back as ErrorCode::internal.
  virtual Status write(const std::function<Status(Tx&)>& f) = 0;
  // Runs f in a read-only transaction with a consistent snapshot.
  virtual Status read(const std::function<Status(Tx&)>& f) = 0;
  // Applies pending migrations; returns the schema version reached.
  virtual Result<int> migrate() = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
  // Whether the audit chain has been sealed under a key (migration 003 and its upgrade done).
  // false on a database that is not migrated that far; never fails.
  virtual bool audit_chain_keyed() = 0;
};

// How a store is opened. With an audit key every write records row seals and appends keyed
// events, and migrate() seals an unkeyed chain under it; without one the store writes the v1
// unkeyed chain, and refuses to append to a keyed one.
struct StoreOptions {
  std::string audit_key;  // 32 bytes, or empty
  // Called after each write transaction that appended events commits, with the last event's
  // seq and hash (for anchors outside the database). Called from the writing thread.
  std::function<void(std::int64_t seq, const std::string& hash)> on_commit;
  // The time of the chain-level events the store appends itself (seals); default: wall clock.
  std::function<Instant()> now;
};

// Opens `sqlite:PATH` or `postgresql://...` (also `postgres://`). Does not migrate.
Result<std::unique_ptr<Store>> open_store(const std::string& url,
                                          const StoreOptions& options = {});

}  // namespace huiyin
