// The kinds of field record, declared as data: a new kind is a row here (and a form), not a new
// subsystem. Each row names the channel of the matters its records raise, its methods, the
// counts it carries, the fields of its own it keeps (in the record's detail), which of them are
// required, what each matter it raises must carry, and who may record it. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/codes.hpp"

namespace huiyin {

struct CodeLabel {
  std::string_view code;
  std::string_view label;
};

// How a field's value is given in POST /api/v1/records (and kept in the record's detail):
//  text   a string;                     org    an org code;
//  orgs   [org code | {name}] (a unit without an org of its own is named);
//  steps  [{name, minutes}]: the steps of a walked service item and the time each took;
//  choice one code of `choices`;
//  rota   a rota's code (a joint inspection's): the period, lead and supporting unit default to
//         the rota's for the record's date, and the lead must be the rota's for that period;
//  series the code of an earlier record of the kind (a joint meeting continued): the convener
//         and parties default to its; kept as the code of the series' first meeting.
struct RecordFieldSpec {
  std::string_view code;
  std::string_view label;
  std::string_view type;  // text | org | orgs | steps | choice | rota | series
  bool required;
  std::vector<CodeLabel> choices;  // for choice
};

struct RecordCountSpec {
  std::string_view code;  // batches, persons, attendees
  std::string_view label;
  bool required;
};

struct RecordKindSpec {
  std::string_view code;          // visit
  std::string_view label;         // 走访调研
  std::string_view code_letters;  // ZF: in record codes ZZ-ZF-20261201-0001
  Channel channel;                // of the matters it raises
  std::vector<CodeLabel> methods;
  bool method_required;
  std::vector<RecordCountSpec> counts;  // which counts it carries
  std::vector<RecordFieldSpec> fields;  // its own fields, kept in the record's detail
  // What each matter it raises must carry: a lead unit and a person responsible (责任到人);
  // whether a matter may be a group visit (集体访: persons and at most 5 representatives).
  bool matter_needs_responsible = false;
  bool matters_may_be_group_visits = false;
  // Each decision (a measure it owns) needs an owner unit and a deadline (现场交办).
  bool decisions_need_owner_and_deadline = false;
  // The roles that may record it; empty: any staff role whose scope holds the place.
  std::vector<Role> roles;

  bool has_count(std::string_view c) const;
  const RecordFieldSpec* field(std::string_view c) const;
};

// The fields every kind has, in the order a form shows them, with whether they are required.
const std::vector<RecordFieldSpec>& record_common_fields();

const std::vector<RecordKindSpec>& record_kinds();
const RecordKindSpec* record_kind(std::string_view code);

// For GET /api/v1/codes: record_kinds and, per kind with methods, "<kind>_methods".
struct RecordCodeList {
  std::string name;
  std::vector<CodeLabel> entries;
};
std::vector<RecordCodeList> record_code_lists();

// A group visit (集体访) sends at most this many representatives (信访工作条例 Art. 20).
inline constexpr int kMaxGroupRepresentatives = 5;

}  // namespace huiyin
