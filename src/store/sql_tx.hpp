// SqlTx: the one implementation of Tx over a sql::Connection that is inside a transaction.
// Methods are spread over tx_*.cpp files by concept (directory, catalog, matters, work items,
// events, stats); the backends differ only where Dialect says so.
// Exceptions: SqlError escapes only for unexpected database failures (Store::write maps it);
// expected outcomes are values (nullopt for not found, ErrorCode::conflict for duplicates and
// stale versions). Thread-safety: one thread, like the transaction it wraps.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/audit_seals.hpp"
#include "store/dialect.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

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

class SqlTx final : public Tx {
 public:
  // With a non-empty audit key (32 bytes) every write seals the rows it touched and events
  // are keyed; without one the tx writes the v1 unkeyed chain and records no seals.
  SqlTx(Connection& c, const Dialect& d, const std::string& audit_key = {})
      : c_(c), d_(d), key_(audit_key) {}

  Result<Id> put_org(const Org& org) override;
  std::optional<Org> org_by_id(Id id) override;
  std::optional<Org> org_by_code(const std::string& code) override;
  std::vector<Org> list_orgs() override;

  Result<Id> insert_user(const User& user) override;
  Status update_user(const User& user) override;
  std::optional<User> user_by_id(Id id) override;
  std::optional<User> user_by_username(const std::string& username) override;
  std::vector<User> list_users() override;
  Status set_user_roles(Id user_id, const std::vector<UserRole>& roles) override;
  std::vector<UserRole> roles_of(Id user_id) override;
  Status insert_session(const Session& s) override;
  std::optional<Session> session_by_hash(const std::string& id_hash) override;
  Status delete_session(const std::string& id_hash) override;
  Status delete_expired_sessions(Instant now) override;
  Status delete_sessions_of_user(Id user_id, const std::string& keep_hash) override;

  Result<Id> put_category(const Category& c) override;
  std::vector<Category> list_categories() override;
  Result<Id> put_campaign(const Campaign& c) override;
  std::vector<Campaign> list_campaigns() override;
  std::vector<CalendarDay> calendar_days() override;
  Status replace_calendar(const std::vector<CalendarDay>& days) override;
  std::optional<std::string> setting(const std::string& key) override;
  Status set_setting(const std::string& key, const std::string& value) override;
  Result<std::int64_t> next_sequence(const std::string& name) override;

  Result<Id> insert_reporter(const Reporter& r) override;
  std::optional<Reporter> reporter_by_id(Id id) override;

  Result<Id> insert_matter(const Matter& m) override;
  Status update_matter(const Matter& m, std::int64_t expected_version) override;
  std::optional<Matter> matter_by_id(Id id) override;
  std::optional<Matter> matter_by_code(const std::string& code) override;
  MatterPage list_matters(const MatterFilter& f) override;
  Status set_search_text(Id matter_id, const std::string& text) override;

  Result<Id> insert_measure(const Measure& m) override;
  Status update_measure(const Measure& m, std::int64_t expected_version) override;
  std::optional<Measure> measure_by_id(Id id) override;
  std::vector<Measure> measures_of(Id matter_id) override;
  Result<Id> insert_evaluation(const Evaluation& e) override;
  std::vector<Evaluation> evaluations_of(Id matter_id) override;

  Result<Id> insert_attachment(const Attachment& a) override;
  Status link_attachment(Id attachment_id, Id matter_id) override;
  std::vector<Attachment> attachments_of(Id matter_id) override;
  std::optional<Attachment> attachment_by_id(Id id) override;
  std::optional<Attachment> attachment_by_handle(const std::string& handle) override;
  Status link_evidence(Id attachment_id, Id measure_id) override;
  std::vector<Attachment> evidence_of(Id measure_id) override;
  std::vector<std::pair<Id, std::string>> unlinked_attachments_before(Instant before,
                                                                      int limit) override;
  Status delete_unlinked_attachment(Id id) override;
  bool attachment_sha_in_use(const std::string& sha256) override;

  Result<Event> append_event(const Event& e) override;
  std::vector<Event> events_of(Id matter_id) override;
  Status for_each_event(const std::function<bool(const Event&)>& f) override;
  ChainHead chain_head() override;
  Status for_each_sealed_row(const std::function<void(const RowSeal&)>& f) override;

  std::optional<std::string> idempotent_response(const std::string& key) override;
  Status put_idempotent_response(const std::string& key, const std::string& response,
                                 Instant at) override;

  StatsCounts stats(const StatsFilter& f) override;
  std::vector<GroupCount> stats_grouped(const StatsFilter& f, GroupBy by) override;

  // Before commit: appends a chain-level `rows_sealed` event for seals still pending (writes
  // after the transaction's last event, or writes with no event at all).
  void flush_seals(Instant now);
  // The last event this transaction appended (for anchors), if any.
  const std::optional<ChainHead>& appended() const { return appended_; }
  // Seals every protected row as stored now (the upgrade of an unkeyed chain): chain-level
  // `rows_sealed` events of at most `batch` seals each. Returns the number of rows sealed.
  std::int64_t seal_all_rows(Instant now, std::size_t batch);

 private:
  // Records the current digest of table `table`'s row (or group) `key` (deleted if absent).
  void seal(int table, const Value& key);
  std::optional<Digest> current_digest(int table, const Value& key);
  void note_session_deletion(const std::string& id_hash);
  void add_seal(int table, const std::string& key_text, const Digest& d);
  bool sealing() const { return !key_.empty(); }
  std::vector<Matter> load_matters(const std::string& sql, const Params& params);
  void write_matter_orgs(Id matter_id, const Matter& m);
  std::string stats_sql(const StatsFilter& f, const char* key, const char* joins,
                        QueryBuilder& q);

  Connection& c_;
  const Dialect& d_;
  const std::string& key_;
  std::vector<std::string> pending_;                  // seal lines, in write order
  std::unordered_map<std::uint64_t, std::size_t> pending_index_;
  std::unordered_map<std::string, Digest> deleted_sessions_;  // this tx's, for a renewal
  std::optional<ChainHead> appended_;
};

}  // namespace huiyin::sql
