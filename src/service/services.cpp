#include "service/services.hpp"

#include "service/admin.hpp"
#include "service/attachments.hpp"
#include "service/audit.hpp"
#include "service/auth.hpp"
#include "service/bootstrap.hpp"
#include "service/catalog.hpp"
#include "service/common_problems.hpp"
#include "service/duplicates.hpp"
#include "service/intake.hpp"
#include "service/ledger.hpp"
#include "service/matters.hpp"
#include "service/measures.hpp"
#include "service/routing.hpp"
#include "service/stats.hpp"
#include "service/wall.hpp"
#include "share/resources.hpp"

namespace huiyin {

ServiceContext::ServiceContext(Store& store, const Clock& clock, ServiceConfig config)
    : store_(store), clock_(clock), config_(std::move(config)),
      deadlines_(std::make_shared<DeadlineSetup>()), throttle_(config_.throttle) {}

std::shared_ptr<const DeadlineSetup> ServiceContext::deadlines() const {
  std::lock_guard lock(mu_);
  return deadlines_;
}

Status ServiceContext::reload() {
  auto setup = std::make_shared<DeadlineSetup>();
  std::optional<std::string> rules_tsv;
  Status st = store_.read([&](Tx& tx) -> Status {
    for (const auto& d : tx.calendar_days()) setup->calendar.set(d.date, d.type, d.name);
    rules_tsv = tx.setting(kDeadlineRulesSetting);
    return ok();
  });
  if (!st) return st;
  if (!rules_tsv) {
    if (auto r = resource("deadline_rules.tsv")) rules_tsv = std::string(*r);
  }
  if (rules_tsv) {
    auto rules = DeadlineRules::parse_tsv(*rules_tsv);
    if (!rules) return rules.error();
    setup->rules = std::move(*rules);
  }
  std::lock_guard lock(mu_);
  deadlines_ = std::move(setup);
  return ok();
}

Services::Services(Store& store, const Clock& clock, ServiceConfig config)
    : ctx_(std::make_unique<ServiceContext>(store, clock, std::move(config))) {
  auth_ = std::make_unique<AuthService>(*ctx_);
  intake_ = std::make_unique<IntakeService>(*ctx_);
  attachments_ = std::make_unique<AttachmentService>(*ctx_);
  matters_ = std::make_unique<MatterService>(*ctx_);
  measures_ = std::make_unique<MeasureService>(*ctx_);
  stats_ = std::make_unique<StatsService>(*ctx_);
  wall_ = std::make_unique<WallService>(*ctx_);
  ledger_ = std::make_unique<LedgerService>(*ctx_);
  audit_ = std::make_unique<AuditService>(store, ctx_->config().audit_key,
                                          ctx_->config().audit_anchors_path);
  admin_ = std::make_unique<AdminService>(*ctx_, *auth_);
  catalog_ = std::make_unique<CatalogService>(*ctx_);
  common_problems_ = std::make_unique<CommonProblemService>(*ctx_);
  duplicates_ = std::make_unique<DuplicateService>(*ctx_);
  routing_ = std::make_unique<RoutingService>(*ctx_);
  ctx_->attach_text(routing_.get(), duplicates_.get());
}

Services::~Services() = default;

Result<std::unique_ptr<Services>> Services::open(Store& store, const Clock& clock,
                                                 ServiceConfig config) {
  if (Status st = bootstrap_defaults(store, clock); !st) return st.error();
  std::unique_ptr<Services> s(new Services(store, clock, std::move(config)));
  if (Status st = s->ctx_->reload(); !st) return st.error();
  return s;
}

}  // namespace huiyin
