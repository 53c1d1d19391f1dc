// Store functions of the records feature: the `records` table. Org links, events and photos of
// a record are the kernel's (subject_store, Tx::events_of, attachment_store).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/scope.hpp"
#include "features/records/record.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct RecordFilter {
  Scope scope;
  std::string kind, method;
  std::optional<Id> org;                 // place inside this org's subtree
  std::optional<Id> leader;              // a leader who is this user
  std::optional<Id> person;              // a leader or participant who is this user
  std::string from, to;                  // days, inclusive (YYYY-MM-DD)
  std::optional<Id> recorded_by;         // also the records this user recorded
  std::optional<Id> id;                  // this record only
  std::string series;                    // the record of this code and those naming it as series
  int limit = 50;
  std::optional<Id> before_id;
};

struct RecordPage {
  std::vector<Record> items;
  std::optional<Id> next_cursor;
};

}  // namespace huiyin

namespace huiyin::db {

Result<Id> insert_record(Tx& tx, const Record& r);  // conflict when the code exists
std::optional<Record> record_by_code(Tx& tx, const std::string& code);
RecordPage list_records(Tx& tx, const RecordFilter& f);
// Appends every condition of `f` but the paging (limit, before_id) as " AND ..." to q.sql, the
// records table aliased `r`: what list_records lists, for a subquery such as the matters raised
// by those records.
void add_record_conditions(sql::QueryBuilder& q, const RecordFilter& f);

}  // namespace huiyin::db
