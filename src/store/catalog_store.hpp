// Store functions for the small reference tables: categories, campaigns, the working-day
// calendar, settings (the deadline rules TSV lives under "deadline_rules"), gap-free named
// counters (the catalog version among them) and idempotency keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

// put_category and put_campaign insert or update by code and move the catalog version.
Result<Id> put_category(Tx& tx, const Category& c);
std::vector<Category> list_categories(Tx& tx);
Result<Id> put_campaign(Tx& tx, const Campaign& c);
std::vector<Campaign> list_campaigns(Tx& tx);
std::vector<CalendarDay> calendar_days(Tx& tx);
Status replace_calendar(Tx& tx, const std::vector<CalendarDay>& days);
std::optional<std::string> setting(Tx& tx, const std::string& key);
Status set_setting(Tx& tx, const std::string& key, const std::string& value);

// Gap-free named counters (record codes per day): returns 1, 2, 3...
Result<std::int64_t> next_sequence(Tx& tx, const std::string& name);

// The catalog version: a named counter ("catalog") that moves in the same transaction as every
// write of an org, a category or a campaign, so a cached copy of those tables (the kernel's
// catalog snapshot) knows from one indexed read whether it is still what the database holds.
// put_org, put_category and put_campaign call catalog_written themselves, once per transaction
// (Tx::mark_catalog_changed), so no write path can forget it; other code that changes those
// tables must call it too. catalog_version is 0 before the first catalog write.
std::int64_t catalog_version(Tx& tx);
Status catalog_written(Tx& tx);

// Idempotency keys for creates: the first response stored under a key is returned for every
// retry with the same key.
std::optional<std::string> idempotent_response(Tx& tx, const std::string& key);
Status put_idempotent_response(Tx& tx, const std::string& key, const std::string& response,
                               Instant at);
// Overwrites the response of an existing key (an upload whose stored handle has since been
// removed as an orphan is made again under the same key).
Status replace_idempotent_response(Tx& tx, const std::string& key, const std::string& response,
                                   Instant at);

}  // namespace huiyin::db
