// Defaults for a fresh database: categories, the working-day calendar and the deadline rules
// shipped in share/data (embedded in the binary). Idempotent: each part is loaded only when its
// table is empty, so administrators' edits are never overwritten.
// Thread-safety: call once at start-up (it runs in one write transaction).
#pragma once

#include <string_view>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace huiyin {

// Setting keys under which the service keeps its editable data.
inline constexpr const char* kDeadlineRulesSetting = "deadline_rules";
inline constexpr const char* kEscalationRulesSetting = "escalation_rules";
// 超时默认: working days after the day of 办结 with no verification before the scheduler
// verifies the matter as source "timeout" (an integer; 0 turns the rule off; default 7).
inline constexpr const char* kVerifyTimeoutSetting = "verify_timeout_days";

Status bootstrap_defaults(Store& store, const Clock& clock);

// The same, with the category TSV given (`code\tname\tparent`, header line, `#` comments).
Status bootstrap_defaults(Store& store, const Clock& clock, std::string_view categories_tsv);

// True when no active user holds the admin role (the CLI then prints how to create one).
Result<bool> needs_first_admin(Store& store);

}  // namespace huiyin
