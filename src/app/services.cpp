#include "kernel/services.hpp"

#include <spdlog/spdlog.h>

#include "features/admin/admin.hpp"
#include "features/matters/attachments.hpp"
#include "kernel/audit.hpp"
#include "kernel/auth.hpp"
#include "kernel/bootstrap.hpp"
#include "kernel/catalog.hpp"
#include "features/reports/common_problems.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/intake.hpp"
#include "features/reports/ledger.hpp"
#include "features/matters/matters.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/matters/measures.hpp"
#include "features/matters/routing.hpp"
#include "features/reports/stats.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "features/reports/wall.hpp"
#include "features/supervision/sla.hpp"
#include "features/reports/circular.hpp"
#include "features/notifications/inbox.hpp"
#include "features/notifications/outbox.hpp"
#include "features/notifications/webhooks.hpp"
#include "features/supervision/spot_checks.hpp"
#include "share/resources.hpp"

namespace huiyin {

Services::Services(Store& store, const Clock& clock, ServiceConfig config)
    : ctx_(std::make_unique<ServiceContext>(store, clock, std::move(config))) {
  auth_ = std::make_unique<AuthService>(*ctx_);
  intake_ = std::make_unique<IntakeService>(*ctx_);
  attachments_ = std::make_unique<AttachmentService>(*ctx_);
  matters_ = std::make_unique<MatterService>(*ctx_);
  matters_->set_source_resolver(record_source_condition);
  measures_ = std::make_unique<MeasureService>(*ctx_);
  stats_ = std::make_unique<StatsService>(*ctx_);
  wall_ = std::make_unique<WallService>(*ctx_);
  ledger_ = std::make_unique<LedgerService>(*ctx_);
  ledger_->set_source_label([](const std::string& kind) {
    const RecordKindSpec* k = record_kind(kind);
    return k ? std::string(k->label) : std::string();
  });
  ledger_->set_source_resolver(record_source_condition);
  audit_ = std::make_unique<AuditService>(store, ctx_->config().audit_key,
                                          ctx_->config().audit_anchors_path);
  admin_ = std::make_unique<AdminService>(*ctx_, *auth_);
  catalog_ = std::make_unique<CatalogService>(*ctx_);
  common_problems_ = std::make_unique<CommonProblemService>(*ctx_);
  records_ = std::make_unique<RecordService>(*ctx_, *intake_);
  sla_ = std::make_unique<SlaService>(*ctx_);
  circulars_ = std::make_unique<CircularService>(*ctx_);
  inbox_ = std::make_unique<InboxService>(*ctx_);
  webhooks_ = std::make_unique<WebhookService>(*ctx_);
  outbox_ = std::make_unique<NotificationOutbox>(*ctx_);
  previous_hook_ = store.exchange_event_hook(
      [o = outbox_.get()](Tx& tx, const Event& e) { o->on_event(tx, e); });
  previous_commit_hook_ = store.exchange_commit_hook([](Tx& tx) {
    if (!tx.touched_matters().empty()) db::refresh_matter_facts(tx, tx.touched_matters());
  });
  spot_checks_ = std::make_unique<SpotCheckService>(*ctx_, *matters_);
  duplicates_ = std::make_unique<DuplicateService>(*ctx_);
  routing_ = std::make_unique<RoutingService>(*ctx_);
  ctx_->attach_text(routing_.get(), duplicates_.get());
}

Services::~Services() {
  ctx_->store().exchange_commit_hook(std::move(previous_commit_hook_));
  ctx_->store().exchange_event_hook(std::move(previous_hook_));
}

Result<std::unique_ptr<Services>> Services::open(Store& store, const Clock& clock,
                                                 ServiceConfig config) {
  if (Status st = bootstrap_defaults(store, clock); !st) return st.error();
  // The stored per-matter figures of a database that has matters without them (filled before
  // migration 022, or by a bulk path): worked out once, in one transaction.
  auto behind = store.read([](Tx& tx) -> Result<bool> { return db::matter_facts_behind(tx); });
  if (!behind) return behind.error();
  if (*behind) {
    auto n = store.write([](Tx& tx) -> Result<std::int64_t> { return db::rebuild_matter_facts(tx); });
    if (!n) return n.error();
    spdlog::info("统计底表: 已为 {} 件事项重算", *n);
  }
  std::unique_ptr<Services> s(new Services(store, clock, std::move(config)));
  if (Status st = s->ctx_->reload(); !st) return st.error();
  if (auto c = s->ctx_->refresh_catalog(); !c) return c.error();
  return s;
}

}  // namespace huiyin
