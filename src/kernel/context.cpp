// ServiceContext: the store, clock, configuration, cached deadline setup and catalog snapshot
// every use case shares.
#include <stdexcept>
#include <optional>
#include <string>

#include "kernel/services.hpp"
#include "share/resources.hpp"
#include "kernel/bootstrap.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {

ServiceContext::ServiceContext(Store& store, const Clock& clock, ServiceConfig config)
    : store_(store), clock_(clock), config_(std::move(config)),
      deadlines_(std::make_shared<DeadlineSetup>()),
      throttle_(config_.throttle, &store_, config_.audit_key) {}

std::shared_ptr<const DeadlineSetup> ServiceContext::deadlines() const {
  std::lock_guard lock(mu_);
  return deadlines_;
}

Status ServiceContext::reload() {
  auto setup = std::make_shared<DeadlineSetup>();
  std::optional<std::string> rules_tsv, escalation_tsv, verify_timeout;
  Status st = store_.read([&](Tx& tx) -> Status {
    for (const auto& d : db::calendar_days(tx)) setup->calendar.set(d.date, d.type, d.name);
    rules_tsv = db::setting(tx, kDeadlineRulesSetting);
    escalation_tsv = db::setting(tx, kEscalationRulesSetting);
    verify_timeout = db::setting(tx, kVerifyTimeoutSetting);
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
  if (!escalation_tsv) {
    if (auto r = resource("escalation_rules.tsv")) escalation_tsv = std::string(*r);
  }
  if (escalation_tsv) {
    auto rules = EscalationRules::parse_tsv(*escalation_tsv);
    if (!rules) return rules.error();
    setup->escalation = std::move(*rules);
  }
  if (verify_timeout) {
    auto days = parse_verify_timeout_days(*verify_timeout);
    if (!days) return days.error();
    setup->verify_timeout_days = *days;
  }
  std::lock_guard lock(mu_);
  deadlines_ = std::move(setup);
  return ok();
}

Result<int> parse_verify_timeout_days(const std::string& text) {
  int days = -1;
  std::size_t used = 0;
  try {
    days = std::stoi(text, &used);
  } catch (const std::exception&) {
    days = -1;
  }
  if (days < 0 || days > 60 || used != text.size())
    return invalid("超时默认天数应为0到60之间的整数(0为不启用): " + text, kVerifyTimeoutSetting);
  return days;
}

Result<CatalogPtr> ServiceContext::refresh_catalog() const {
  return store_.read([&](Tx& tx) -> Result<CatalogPtr> { return catalog_.current(tx); });
}

}  // namespace huiyin
