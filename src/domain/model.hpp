// Value types of the domain: orgs, users, categories, matters, measures, events, evaluations.
// Plain data with no behaviour and no I/O; ids are internal integers, people see codes.
// Personal data of reporters lives apart in Reporter so access to it is one guarded path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/codes.hpp"
#include "domain/subject.hpp"

namespace huiyin {

using Id = std::int64_t;

struct Org {
  Id id = 0;
  std::string code;  // e.g. 430202 (area, by administrative division code) or 430200-SZJ (dept)
  std::string name;
  OrgKind kind = OrgKind::area;
  int level = 0;  // 1 city, 2 district/county, 3 township/street, 4 community/village, 5 grid
  std::optional<Id> parent;
  std::string path;  // "/1/5/23/": ids from the root down to and including this org
  bool active = true;  // false once disabled (停用): kept for history, not offered for new work
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;  // argon2id, libsodium's encoded string
  bool active = true;
  Instant created_at = 0;
};

struct UserRole {
  Id user_id = 0;
  Role role = Role::handler;
  Id org_id = 0;  // the role applies within this org's subtree
};

struct Session {
  std::string id_hash;  // SHA-256 of the cookie value; the cookie itself is never stored
  Id user_id = 0;
  std::string csrf_token;
  Instant created_at = 0;
  Instant expires_at = 0;
};

struct Category {
  Id id = 0;
  std::string code;  // e.g. "01" (城乡建设), "0103" (its sub-category)
  std::string name;
  std::optional<Id> parent;
  int level = 1;
  std::optional<Id> default_dept_org;  // default lead department, if any
  bool active = true;
};

struct Reporter {
  Id id = 0;
  std::string name;
  std::string phone;
  std::string id_number;
  bool anonymous = false;
};

// subject: the unit complained about; dispatch: the area whose dispatchers the matter was
// transferred (转办) to — without one, the dispatchers of its area dispatch it.
enum class MatterOrgRole { lead, co, subject, dispatch };

struct MatterOrg {
  Id org_id = 0;
  MatterOrgRole role = MatterOrgRole::lead;
};

struct Matter {
  Id id = 0;
  std::string code;          // ZZ-20261122-000123
  std::string token_hash;    // SHA-256 of the citizen's tracking token
  std::string title;
  std::string content;
  Channel channel = Channel::web;
  Kind kind = Kind::problem;
  std::optional<Id> category_id;
  std::optional<Id> area_org_id;  // the territory (district/street/community) where it happened
  std::string address;
  std::optional<double> lat, lng;
  std::optional<Id> reporter_id;
  bool public_consent = false;  // the reporter allows publication on the 回音壁
  MatterStatus status = MatterStatus::submitted;
  std::optional<HandlingClass> handling_class;
  std::optional<Id> lead_org_id;
  std::vector<MatterOrg> orgs;  // lead, co-units, subjects
  std::optional<Id> campaign_id;
  std::optional<Id> merged_into;
  SubjectRef source;  // the field record that raised it, if any (kind + id)
  std::optional<Instant> deadline;
  std::optional<Instant> acknowledge_due;  // petitions: 告知受理 deadline
  bool extension_pending = false;
  int extension_days_requested = 0;
  int extensions_granted = 0;
  int return_count = 0;
  std::string reply;  // the unit's answer, public
  std::optional<Instant> accepted_at, assigned_at, signed_at, resolved_at, verified_at, closed_at;
  std::optional<bool> solved;
  std::optional<Satisfaction> satisfaction;
  Instant created_at = 0;
  Instant updated_at = 0;
  std::int64_t version = 1;
};

struct Measure {
  Id id = 0;
  Id matter_id = 0;  // the matter, when the subject is one (0 otherwise)
  std::string content;
  std::optional<Id> owner_org_id;
  std::string owner_name;
  std::optional<Instant> deadline;
  int progress = 0;  // percent 0..100
  MeasureStatus status = MeasureStatus::planned;
  std::string evidence;  // text, or attachment hashes separated by spaces
  Instant created_at = 0;
  Instant updated_at = 0;
  std::int64_t version = 1;
  SubjectRef subject;  // the owner: a matter (empty: the matter of matter_id) or a record
};

struct Evaluation {
  Id id = 0;
  Id matter_id = 0;
  bool solved = false;
  Satisfaction satisfaction = Satisfaction::satisfied;
  std::string comment;
  std::string source;  // citizen | staff_call (电话回访) | timeout (超时默认, by the scheduler)
  std::optional<Id> by_user;
  Instant at = 0;
};

// One audit event. `payload` is a JSON object as text; `hash` is SHA-256 (hex) over the
// canonical content and `prev_hash`, so the events form one chain across the database.
struct Event {
  Id seq = 0;  // global, gap-free order of the chain
  std::optional<Id> matter_id;  // set exactly when the subject is a matter (its id)
  // What the event is about (a matter, a field record...); empty for chain-level events. The
  // store keeps it and matter_id in step: a matter subject fills matter_id and back.
  SubjectRef subject;
  std::string type;  // action code (accept, assign...) or submit, measure_add, login...
  std::optional<Id> actor_user;
  std::string actor_label;  // "citizen", "system", or the username
  Instant at = 0;
  std::string payload;
  std::string prev_hash;
  std::string hash;
  std::optional<MatterStatus> from_status, to_status;
  bool is_public = false;  // shown on the citizen's tracking timeline
  // Row seals recorded with this event (store/audit_seals.hpp): part of the keyed hash, never
  // shown in payloads. Empty on events of the unkeyed chain (before migration 003).
  std::string seals;
};

struct Campaign {
  Id id = 0;
  std::string code;
  std::string name;
  std::optional<Instant> starts_at, ends_at;
};

struct Attachment {
  Id id = 0;
  std::optional<Id> matter_id;
  std::string sha256;
  std::string mime;
  std::int64_t size = 0;
  std::string original_name;
  Instant created_at = 0;
  std::string handle;                // unguessable, what the API addresses the upload by
  std::optional<Id> uploaded_by;     // the staff user who uploaded it; nullopt: anonymous
  std::optional<Id> measure_id;      // staff evidence of this measure (then matter_id is set too)
  SubjectRef subject;  // the owner (a matter, a record); empty while unlinked
};

}  // namespace huiyin
