// Use cases of field records: record one (with the photos taken and the matters it found, each
// through the one matters intake with the record as its source), read one, list them by scope.
// Who may record: any staff role whose 条块 scope holds the place. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "features/matters/intake.hpp"
#include "features/records/record.hpp"
#include "features/records/record_store.hpp"
#include "features/records/rota.hpp"
#include "kernel/actor.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/views.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct RecordPersonInput {
  std::string username;  // a user, or:
  std::string name, post;
};

// A group visit (集体访): one 批次 of `persons` people who send `representatives` (1..5).
struct GroupVisitInput {
  std::int64_t persons = 0;
  std::int64_t representatives = 0;
};

struct RecordMatterInput {
  std::string title, content, category, kind;
  std::string contact_name, contact_phone;
  std::string area;  // area org code; default: the record's place
  std::vector<std::string> attachments;
  // Assigned on the spot when lead_org is given (the deadline defaults to the rules').
  std::string lead_org, handling_class, deadline;
  std::optional<RecordPersonInput> responsible;  // 责任到人 (a night talk's items need one)
  std::optional<GroupVisitInput> group;           // a reception's petition from a group visit
};

// A decision of the record (现场交办): a measure it owns, with its owner unit and deadline.
struct RecordMeasureInput {
  std::string content;
  std::string owner_org;  // org code
  std::string deadline;   // YYYY-MM-DD, optional
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
  // The kind's own fields (record_kinds.hpp), by field code, as given.
  std::map<std::string, nlohmann::json> fields;
  std::vector<RecordMeasureInput> decisions;  // measures the record owns (现场交办)
};

struct RecordReceipt {
  std::string code;
  std::vector<std::string> matters;  // codes, in the order given
};

struct RecordMatterRef {
  std::string code;
  MatterStatus status = MatterStatus::submitted;
  std::string title;
  OrgRef lead;
  std::optional<Instant> deadline;
  bool overdue = false;  // open past its deadline: no answer yet (事事有回音)
  bool answered = false;  // resolved, verified or closed
  nlohmann::json item = nlohmann::json::object();  // what the record keeps of it: responsible, group
};


struct RecordMeasure {
  Measure measure;
  OrgRef owner;
};

struct RecordMeasurePatch {
  std::optional<int> progress;        // 0..100
  std::optional<std::string> status;  // planned | in_progress | done | cancelled
  std::optional<std::string> evidence;
};

// Another record in brief: a joint meeting of the same series (同系列会议).
struct RecordBrief {
  std::string code, day, topic;
};

struct RecordView {
  Record record;
  // A joint meeting's series (the first meeting and every one naming it), by day, itself
  // included; empty when it stands alone. Filled by get() only.
  std::vector<RecordBrief> series;
  std::vector<RecordMeasure> measures;
  OrgRef place;
  std::vector<OrgRef> units;
  std::vector<RecordMatterRef> matters;  // those the reader may see
  std::vector<Attachment> photos;
  std::vector<Event> events;
  std::vector<InstructionView> instructions;  // leaders' 批示 and the answers (kernel/instructions)
};

struct RecordListQuery {
  std::string kind, method, org, leader, from, to, cursor;
  std::string series;  // a joint meeting's code: that meeting and those of its series
  int limit = 50;
};

struct RecordList {
  std::vector<RecordView> items;
  std::string next_cursor;
};

struct GrassrootsQuery {
  std::string from, to;  // days, inclusive; default: the last 30 days
  std::string org;       // org code (subtree); default: the asker's scope
};

// What one kind's records came to: records, the matters they raised (merged duplicates left
// out) answered / solved / struck off, and the decisions they made and those done.
struct GrassrootsKind {
  std::int64_t records = 0, matters = 0, answered = 0, solved = 0, closed = 0;
  std::int64_t decisions = 0, decisions_done = 0;
};

// The 四下基层 figures over the records whose day is in the period and whose place is in the
// asker's scope (and the org's subtree): records by kind and method, receptions' 批次 and 人次,
// the matters raised, measures proposed (the records' decisions and the measures of the matters
// they raised; cancelled ones left out) and done, solved (the matter's verification said
// solved, as in the stats overview) and resolution_rate = solved / matters_raised.
// One measure behind the figures' 办法举措: a record's own decision (matter_code empty) or a
// measure of a matter a record raised.
struct GrassrootsMeasure {
  std::string kind;         // the record's kind
  std::string record_code;  // the record that made it or raised its matter
  std::string matter_code;
  Measure measure;
  OrgRef owner;
};

struct GrassrootsFigures {
  Date from{}, to{};
  std::string scope;  // the org filtered on, else the asker's own org (the city when city-wide)
  std::map<std::string, std::int64_t> records;  // every kind, 0 when none
  std::map<std::string, std::int64_t> methods;  // every method of every kind
  std::map<std::string, GrassrootsKind> kinds;
  std::map<std::string, std::int64_t> channels;  // matters raised per channel
  std::int64_t batches = 0, persons = 0;
  std::int64_t matters_raised = 0, solved = 0;
  std::int64_t measures_proposed = 0, measures_done = 0;
  std::optional<double> resolution_rate;
  std::string summary_text;
  // The measures counted in measures_proposed (records' decisions first, then the matters'),
  // measures_done those done: the list the 办法举措 figures click through to.
  std::vector<GrassrootsMeasure> measure_items;
};

// The matters raised by field records, for the source_* filters of the matter list and the
// ledger (MatterService::set_source_resolver): records the asker may see (scope, or recorded by
// them) of kind source_kind ("any": all kinds), the record source_record, days in
// [source_from, source_to], place inside source_org's subtree. An unknown kind, record, date or
// org is invalid naming its field.
Result<std::function<void(sql::QueryBuilder&)>> record_source_condition(
    Tx& tx, const Actor& actor, const MatterQuery& q, const CatalogSnapshot& cat);

// The matter list's query behind a figure: matters raised by `kind`'s records ("" = every
// kind) of the figures' period inside `org` ("" = the asker's scope).
MatterQuery grassroots_matter_query(const GrassrootsFigures& g, const std::string& org,
                                    const std::string& kind);

// The one-page summary as XLSX bytes: title, period and scope, summary text, the figures by kind,
// method and channel.
Result<std::string> grassroots_xlsx_bytes(const GrassrootsFigures& g);

// 干部纪实: the records an official led or joined in a period, the matters those raised with
// their outcomes, and the decisions of those records.
struct DossierMatter {
  std::string code, title, record_code;
  MatterStatus status = MatterStatus::submitted;
  std::optional<bool> solved;
  std::optional<Satisfaction> satisfaction;
  OrgRef lead;
};
struct DossierMeasure {
  RecordMeasure measure;
  std::string record_code;
};
struct Dossier {
  std::string username, display_name;
  std::vector<OrgRef> orgs;
  std::vector<RecordView> records;
  std::vector<DossierMatter> matters;
  std::vector<DossierMeasure> measures;
};

// The dossier as XLSX bytes (sheets 工作记录, 发现问题, 交办事项).
Result<std::string> dossier_xlsx_bytes(const Dossier& d);

// A rota (轮值表) as given to POST /api/v1/rotas: an area, week | month, its first day, the dept
// org codes leading in turn and the supporting unit's org code.
struct RotaInput {
  std::string name, org, period, start, support, route;
  std::vector<std::string> leads;
};

struct RotaPatch {
  std::optional<std::string> name, support, route;
  std::optional<std::vector<std::string>> leads;
  std::optional<bool> active;
};

struct RotaPeriodView {
  RotaPeriodSpan span;
  OrgRef lead;
  std::string state;                 // done | missed | due
  std::vector<std::string> records;  // codes of the joint inspections of the period
};

struct RotaView {
  Rota rota;
  OrgRef org, support;
  std::vector<OrgRef> leads;
  RotaPeriodView current, next;         // today's period (the first one before it begins)
  std::vector<RotaPeriodView> periods;  // the last 8 up to the current one, oldest first
};

// The payload of a record's `record_create` event: its kind, day, code, place, how many people,
// photos, matters and decisions it has, and its counts. Shared with the bulk generator.
nlohmann::json record_create_payload(const Record& r, const std::string& place_code,
                                     std::size_t photos, std::size_t matters,
                                     std::size_t decisions);

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
  // Any staff role; over its scope. Each figure counts what the record list with the same
  // filters shows (and the matters those records raised).
  Result<GrassrootsFigures> grassroots(const Actor& actor, const GrassrootsQuery& q);
  // The official themselves, a unit leader of their unit, supervisors whose org holds it, and
  // admins; forbidden otherwise (and for an unknown username, unless admin or supervisor).
  Result<Dossier> dossier(const Actor& actor, const std::string& username, const std::string& from,
                          const std::string& to);
  // Updates a decision's progress, status or evidence: its recorder, the owner unit's staff, or
  // a staff role whose scope holds the record's place.
  Result<RecordMeasure> update_measure(const Actor& actor, const std::string& code, Id measure_id,
                                       const RecordMeasurePatch& patch,
                                       std::int64_t expected_version);
  // 批示 on a record: a leader who may read it; shown to the record's place and tracked until
  // answered. The answer (答复) by its recorder or a staff role whose scope holds its place
  // answers every 批示 waiting; none waiting: conflict.
  Result<RecordView> instruct(const Actor& actor, const std::string& code, const std::string& text);
  Result<RecordView> answer_instruction(const Actor& actor, const std::string& code,
                                        const std::string& reply);

  // Rotas (rotas.cpp). Listed and read by staff whose scope holds its area, a lead or the
  // supporting unit; created and changed by dispatchers, leaders and admins whose scope holds
  // the area (forbidden otherwise).
  Result<std::vector<RotaView>> rotas(const Actor& actor);
  Result<RotaView> rota(const Actor& actor, const std::string& code);
  Result<std::string> create_rota(const Actor& actor, const RotaInput& in);
  Result<RotaView> update_rota(const Actor& actor, const std::string& code, const RotaPatch& patch,
                               std::int64_t expected_version);

 private:
  // The defaults a kind's fields take from what they name (record_kinds.cpp): a joint
  // inspection's period, lead and supporting unit from its rota, a joint meeting's convener and
  // parties (and its series' first meeting) from the earlier meeting it continues.
  Status fill_defaults(const Actor& actor, RecordInput& in);

  ServiceContext& ctx_;
  IntakeService& intake_;
};

}  // namespace huiyin
