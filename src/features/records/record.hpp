// Field records (工作记录) of 四下基层: a visit, later receptions, on-site meetings, night talks...
// One aggregate for every kind; what a kind carries is declared as data (record_kinds.hpp).
// Plain data.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/model.hpp"

namespace huiyin {

// A leading official or a participant: a user of the platform, or a name and post for people
// without an account.
struct RecordPerson {
  std::optional<Id> user;
  std::string username;  // when a user
  std::string name;      // display name, or the name given
  std::string post;
};

struct Record {
  Id id = 0;
  std::string code;    // ZZ-ZF-20261201-0001
  std::string kind;    // visit
  std::string method;  // unannounced, stay, random, forum, enterprise, case_study, other
  std::string day;     // YYYY-MM-DD, local
  std::optional<Instant> starts_at, ends_at;
  Id place_org_id = 0;  // the area where it was held
  std::string address;
  std::optional<double> lat, lng;
  std::string topic;
  std::string summary;
  std::vector<RecordPerson> leaders;
  std::vector<RecordPerson> participants;
  std::map<std::string, std::int64_t> counts;  // batches, persons, attendees (by kind)
  // The fields its kind alone has (record_kinds.hpp), and per raised matter what the kind keeps
  // of it ("matters": [{index, responsible?, group?}]); an object, {} when none.
  nlohmann::json detail = nlohmann::json::object();
  std::optional<Id> recorded_by;
  Instant created_at = 0;
  Instant updated_at = 0;
  std::int64_t version = 1;
};

}  // namespace huiyin
