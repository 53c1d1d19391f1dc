// Use cases of field records: record one (with the photos taken and the matters it found, each
// through the one matters intake with the record as its source), read one, list them by scope.
// Who may record: any staff role whose 条块 scope holds the place. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "features/matters/intake.hpp"
#include "features/records/record.hpp"
#include "features/records/record_store.hpp"
#include "kernel/actor.hpp"
#include "kernel/views.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct RecordPersonInput {
  std::string username;  // a user, or:
  std::string name, post;
};

struct RecordMatterInput {
  std::string title, content, category, kind;
  std::string contact_name, contact_phone;
  std::string area;  // area org code; default: the record's place
  std::vector<std::string> attachments;
};

struct RecordInput {
  std::string kind, method, date;  // date YYYY-MM-DD
  std::string place_org, address;
  std::optional<double> lat, lng;
  std::vector<RecordPersonInput> leaders, participants;
  std::vector<std::string> units;  // org codes of the units present
  std::string topic, summary;
  std::map<std::string, std::int64_t> counts;
  std::vector<std::string> attachments;  // upload handles (the recorder's own)
  std::vector<RecordMatterInput> matters;
};

struct RecordReceipt {
  std::string code;
  std::vector<std::string> matters;  // codes, in the order given
};

struct RecordMatterRef {
  std::string code;
  MatterStatus status = MatterStatus::submitted;
};

// A decision of the record (现场交办): a measure it owns, with its owner unit and deadline.
struct RecordMeasureInput {
  std::string content;
  std::string owner_org;  // org code
  std::string deadline;   // YYYY-MM-DD, optional
};

struct RecordMeasure {
  Measure measure;
  OrgRef owner;
};

struct RecordView {
  Record record;
  std::vector<RecordMeasure> measures;
  OrgRef place;
  std::vector<OrgRef> units;
  std::vector<RecordMatterRef> matters;  // those the reader may see
  std::vector<Attachment> photos;
  std::vector<Event> events;
};

struct RecordListQuery {
  std::string kind, method, org, leader, from, to, cursor;
  int limit = 50;
};

struct RecordList {
  std::vector<RecordView> items;
  std::string next_cursor;
};

class RecordService {
 public:
  RecordService(ServiceContext& ctx, IntakeService& intake) : ctx_(ctx), intake_(intake) {}

  // A retry with the same `idempotency_key` makes neither the record nor any of its matters
  // twice, and answers the same codes.
  Result<RecordReceipt> create(const Actor& actor, const RecordInput& in,
                               const std::string& idempotency_key);
  Result<RecordView> get(const Actor& actor, const std::string& code);
  // Adds a decision the record owns; by its recorder or a staff role whose scope holds its place.
  Result<RecordMeasure> add_measure(const Actor& actor, const std::string& code,
                                    const RecordMeasureInput& in);
  Result<RecordList> list(const Actor& actor, const RecordListQuery& q);

 private:
  ServiceContext& ctx_;
  IntakeService& intake_;
};

}  // namespace huiyin
