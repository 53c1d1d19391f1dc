// The service layer: the use cases of the closed loop (intake, dispatch, handling, verification,
// statistics, ledger, audit, administration) over one Store and one Clock. `Services` owns one
// object per use-case group; the HTTP layer and the CLI call these and never the store directly.
// Thread-safety: a Services object is shared by all request threads; every method is safe to call
// concurrently (state lives in the store; cached calendar and rules are swapped under a mutex;
// the catalog snapshot is immutable and checked against the store's catalog version).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "domain/deadline_rules.hpp"
#include "domain/escalation.hpp"
#include "domain/result.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/notifier.hpp"
#include "kernel/one_time_codes.hpp"
#include "kernel/throttle.hpp"
#include "store/store.hpp"

namespace huiyin {

struct ServiceConfig {
  std::string data_dir = "data";   // attachments live under <data_dir>/attachments
  std::string code_prefix = "ZZ";  // matter codes: <prefix>-YYYYMMDD-NNNNNN
  int session_ttl_minutes = 480;
  bool session_sliding = true;     // each authenticated request pushes expiry forward
  std::size_t max_attachment_bytes = 10u << 20;
  int max_attachments_per_matter = 9;
  int unlinked_upload_hours = 24;  // uploads never linked to a matter are removed after this
  bool fast_password_hashing = false;  // tests: libsodium MIN limits instead of INTERACTIVE
  int response_window_hours = 24;      // "responded in time" (matches the store's stats)
  // Text features (routing.hpp, duplicates.hpp): retrain the routing model in the background
  // after this many dispatcher classifications (0: never); the duplicate index holds the open
  // matters of this many recent days.
  int retrain_every = 50;
  int duplicate_window_days = 180;
  // Tamper evidence: the audit key the store was opened with (for `audit verify`) and the
  // anchor log outside the database (audit_anchor.hpp); empty: none.
  std::string audit_key;
  std::string audit_anchors_path;
  // Logins (等保2.0): idle sessions end after this many minutes (besides the absolute
  // session_ttl_minutes); failed logins and anonymous uploads are throttled by these rules;
  // at most this many password hashes are computed at once (0: half the cores, at least 1).
  int session_idle_minutes = 30;
  ThrottleRules throttle;
  int max_concurrent_password_hashes = 0;
  // The lookup of a reporter's matters by phone: how its one-time codes are sent (null: not
  // sent at all — the lookup still answers as usual) and their rules.
  std::shared_ptr<Notifier> notifier;
  OneTimeCodeRules one_time_codes;
};

// 超时默认 after this many working days when the setting is absent (README "问效于民").
inline constexpr int kDefaultVerifyTimeoutDays = 7;

// The calendar and deadline rules in force; replaced as a whole after an admin edit.
struct DeadlineSetup {
  WorkCalendar calendar;
  DeadlineRules rules;
  EscalationRules escalation;  // the 预警 → 约谈 ladder (setting escalation_rules)
  int verify_timeout_days = kDefaultVerifyTimeoutDays;  // 超时默认 (setting verify_timeout_days)
};

// The setting verify_timeout_days as text: 0..60, else invalid.
Result<int> parse_verify_timeout_days(const std::string& text);

class RoutingService;
class DuplicateService;

// What every use-case group shares. Not copied; owned by Services.
class ServiceContext {
 public:
  ServiceContext(Store& store, const Clock& clock, ServiceConfig config);

  Store& store() const { return store_; }
  const Clock& clock() const { return clock_; }
  const ServiceConfig& config() const { return config_; }

  std::shared_ptr<const DeadlineSetup> deadlines() const;
  // Reads the calendar and deadline rules from the store (defaults when none are stored).
  Status reload();

  // The catalog (orgs, categories, campaigns) as `tx` sees it: this process's snapshot when the
  // stored catalog version still matches, else one rebuilt through `tx` (catalog_snapshot.hpp).
  // Costs one indexed read when the snapshot is current.
  CatalogPtr catalog(Tx& tx) const { return catalog_.current(tx); }
  // The same in a read transaction of its own: run once when Services opens and by the admin
  // service right after each catalog write commits, so the next request finds it built.
  Result<CatalogPtr> refresh_catalog() const;
  const CatalogCache& catalog_cache() const { return catalog_; }

  // The in-memory text features, attached once by Services before any request (then read-only
  // pointers, safe to share); null in a context built without them.
  // Failed-login, upload and intake throttles, counted in the store (shared by every node on
  // the same database; thread-safe).
  Throttle& throttle() const { return throttle_; }

  RoutingService* routing() const { return routing_; }
  DuplicateService* duplicates() const { return duplicates_; }
  void attach_text(RoutingService* r, DuplicateService* d) {
    routing_ = r;
    duplicates_ = d;
  }

 private:
  Store& store_;
  const Clock& clock_;
  ServiceConfig config_;
  mutable std::mutex mu_;
  std::shared_ptr<const DeadlineSetup> deadlines_;
  mutable CatalogCache catalog_;
  mutable Throttle throttle_;
  RoutingService* routing_ = nullptr;
  DuplicateService* duplicates_ = nullptr;
};

class AuthService;
class IntakeService;
class AttachmentService;
class MatterService;
class MeasureService;
class StatsService;
class WallService;
class LedgerService;
class AuditService;
class AdminService;
class CatalogService;
class CommonProblemService;
class RecordService;
class SlaService;
class CircularService;
class InboxService;
class WebhookService;
class NotificationOutbox;
class SpotCheckService;

class Services {
 public:
  // Loads defaults into an empty (migrated) database and the caches; fails when the store does.
  static Result<std::unique_ptr<Services>> open(Store& store, const Clock& clock,
                                                ServiceConfig config = {});
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  ServiceContext& context() { return *ctx_; }
  AuthService& auth() { return *auth_; }
  IntakeService& intake() { return *intake_; }
  AttachmentService& attachments() { return *attachments_; }
  MatterService& matters() { return *matters_; }
  MeasureService& measures() { return *measures_; }
  StatsService& stats() { return *stats_; }
  WallService& wall() { return *wall_; }
  LedgerService& ledger() { return *ledger_; }
  AuditService& audit() { return *audit_; }
  AdminService& admin() { return *admin_; }
  CatalogService& catalog() { return *catalog_; }
  RoutingService& routing() { return *routing_; }
  DuplicateService& duplicates() { return *duplicates_; }
  CommonProblemService& common_problems() { return *common_problems_; }
  RecordService& records() { return *records_; }
  SlaService& sla() { return *sla_; }
  CircularService& circulars() { return *circulars_; }
  InboxService& inbox() { return *inbox_; }
  WebhookService& webhooks() { return *webhooks_; }
  SpotCheckService& spot_checks() { return *spot_checks_; }

 private:
  Services(Store& store, const Clock& clock, ServiceConfig config);
  std::unique_ptr<ServiceContext> ctx_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<IntakeService> intake_;
  std::unique_ptr<AttachmentService> attachments_;
  std::unique_ptr<MatterService> matters_;
  std::unique_ptr<MeasureService> measures_;
  std::unique_ptr<StatsService> stats_;
  std::unique_ptr<WallService> wall_;
  std::unique_ptr<LedgerService> ledger_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<CatalogService> catalog_;
  std::unique_ptr<CommonProblemService> common_problems_;
  std::unique_ptr<RecordService> records_;
  std::unique_ptr<SlaService> sla_;
  std::unique_ptr<CircularService> circulars_;
  std::unique_ptr<InboxService> inbox_;
  std::unique_ptr<WebhookService> webhooks_;
  // The store's event hook while these services live (Store::exchange_event_hook), and the
  // one it replaced, put back when they go.
  std::unique_ptr<NotificationOutbox> outbox_;
  sql::EventHook previous_hook_;
  // The store's commit hook while these services live: the stored per-matter figures of the
  // matters each write touched (features/matters/matter_facts_store.hpp).
  sql::CommitHook previous_commit_hook_;
  std::unique_ptr<SpotCheckService> spot_checks_;
  // Last, so they are destroyed first (a background retrain is joined before the rest goes).
  std::unique_ptr<DuplicateService> duplicates_;
  std::unique_ptr<RoutingService> routing_;
};

}  // namespace huiyin
