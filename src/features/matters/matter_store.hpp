// Store functions of the matters feature: reporters (personal data, kept apart), matters with
// their org links, the ledger list, search text and evaluations. Published to other features as
// the matters' query functions (reports read matters only through these and matter_stats_store).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/escalation.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"
#include "domain/scope.hpp"
#include "store/tx.hpp"

namespace huiyin {

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
  std::optional<bool> notice_overdue;  // a petition's 受理告知书 not issued past its due day
  std::optional<bool> public_consent;  // only matters whose reporter allows publication
  std::optional<bool> solved;          // the verification said solved / not solved
  std::optional<EscalationLevel> escalation;  // running, at exactly this step of the ladder now
  std::optional<bool> returned;        // returned (退回) at least once / never
  std::optional<bool> reopened;        // reopened (重办) at least once / never
  // Matters raised by field records: appends " AND (...)" on m.source_kind / m.source_id. The
  // records feature builds it (the records are its table); empty = no such condition.
  std::function<void(sql::QueryBuilder&)> source;
  Instant now = 0;                     // for `overdue`
  int limit = 50;                      // 1..1000
  std::optional<Id> before_id;         // keyset cursor: matters with id < before_id (newest first)
  int offset = 0;                      // rows to skip (a table's page); next_cursor stays empty
  // With `q` and no `before_id`: the best keyword matches first (bm25 / ts_rank, ties newest
  // first) as a single page — next_cursor stays empty, since relevance order cannot be paged by
  // id. Without it (or with a cursor) keyword results are newest first and page like any list.
  bool rank_by_relevance = false;
};

struct MatterPage {
  std::vector<Matter> items;
  std::optional<Id> next_cursor;  // pass as before_id for the next page
};

}  // namespace huiyin

namespace huiyin::db {

Result<Id> insert_reporter(Tx& tx, const Reporter& r);
std::optional<Reporter> reporter_by_id(Tx& tx, Id id);

// insert_matter ignores id/version and returns the new id; `search_text` (the keyword search key)
// goes into the same INSERT, so the full-text index is written once. update_matter writes every
// field and the org links when the stored version equals expected_version, bumps the version,
// and fails with conflict otherwise.
Result<Id> insert_matter(Tx& tx, const Matter& m, const std::string& search_text = {});
Status update_matter(Tx& tx, const Matter& m, std::int64_t expected_version);
std::optional<Matter> matter_by_id(Tx& tx, Id id);
std::optional<Matter> matter_by_code(Tx& tx, const std::string& code);
MatterPage list_matters(Tx& tx, const MatterFilter& f);
// How many matters list_matters would list for `f` over all its pages (limit, cursor and
// offset ignored).
std::int64_t count_matters(Tx& tx, const MatterFilter& f);
// Normalised text for keyword search (filled by the service from the text layer).
Status set_search_text(Tx& tx, Id matter_id, const std::string& text);

// The hash of a matter's short 查询码 (issue 9; none for matters from before migration 007).
Status put_query_code_hash(Tx& tx, Id matter_id, const std::string& hash);
std::optional<std::string> query_code_hash(Tx& tx, Id matter_id);
// The lookup by phone (migration 008): `phone` in its stored form (domain/phone.hpp).
Status put_phone_key(Tx& tx, Id matter_id, const std::string& phone);
// The matters filed under `phone`, newest first (at most `limit`), each with its reporter's
// phone as stored, for the caller to check against the sealed reporters row.
struct PhoneKeyHit {
  Id id = 0;
  std::string code, title, status, reporter_phone;
  Instant created_at = 0;
};
std::vector<PhoneKeyHit> matters_by_phone(Tx& tx, const std::string& phone, int limit);

// The matters a record (or any other subject) raised, oldest first — the query the records
// feature and the reports read them by.
std::vector<Matter> matters_from_source(Tx& tx, const SubjectRef& source);

Result<Id> insert_evaluation(Tx& tx, const Evaluation& e);
std::vector<Evaluation> evaluations_of(Tx& tx, Id matter_id);

// Matters loaded by a SELECT built from matter_select_sql() (matter_rows.hpp), org links filled.
std::vector<Matter> load_matters(Tx& tx, const std::string& sql, const sql::Params& params);

// 原定时限: the deadline the matter's first assignment gave it (end of that local day), if any.
std::optional<Instant> first_assigned_deadline(Tx& tx, Id matter_id);
// The deadline an event's payload names (`deadline`, a local date) as the end of that day, if any.
std::optional<Instant> payload_deadline(const std::string& payload);

}  // namespace huiyin::db
