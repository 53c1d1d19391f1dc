#include "demo/bulk_records.hpp"

#include "domain/calendar.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/record_store.hpp"
#include "features/records/records.hpp"
#include "kernel/support.hpp"
#include "store/subject_store.hpp"

namespace huiyin {

Result<BulkRecords> BulkRecords::load(Tx& tx) {
  BulkRecords out;
  RecordFilter f;
  f.scope.all = true;
  f.limit = 1000;
  for (Record& r : db::list_records(tx, f).items)
    if (const RecordKindSpec* spec = record_kind(r.kind))
      out.templates_[spec->channel].push_back(std::move(r));
  return out;
}

Result<std::optional<RaisedBy>> BulkRecords::source_for(Tx& tx, const std::string& code_prefix,
                                                        Channel channel, Instant at,
                                                        const BulkUnit& place,
                                                        const Actor& recorder, int per_record) {
  auto t = templates_.find(channel);
  if (t == templates_.end() || t->second.empty()) return std::optional<RaisedBy>{};
  const std::string day = format_date(local_date(at));
  auto c = current_.find(channel);
  if (c != current_.end() && c->second.day == day && c->second.place == place.org.id &&
      c->second.raised < per_record) {
    ++c->second.raised;
    return std::optional<RaisedBy>{c->second.by};
  }
  Record r = t->second[next_template_++ % t->second.size()];
  const RecordKindSpec* spec = record_kind(r.kind);
  auto code = next_day_code(tx, code_prefix + "-" + std::string(spec->code_letters), "record",
                            local_date(at), 4);
  if (!code) return code.error();
  r.id = 0;
  r.code = *code;
  r.day = day;
  r.starts_at = at - 3600;
  r.ends_at = at;
  r.place_org_id = place.org.id;
  r.address = place.org.name;
  r.lat.reset();
  r.lng.reset();
  if (r.detail.contains("matters")) r.detail["matters"] = nlohmann::json::array();
  r.recorded_by = recorder.user_id;
  r.created_at = r.updated_at = at;
  r.version = 1;
  auto id = db::insert_record(tx, r);
  if (!id) return id.error();
  r.id = *id;
  const SubjectRef subject{kSubjectRecord, r.id};
  if (Status s = db::set_subject_orgs(tx, subject, {{place.org.id, SubjectOrgRole::place}}); !s)
    return s.error();
  Event e = make_event("record_create", std::nullopt, &recorder, recorder.username, at,
                       record_create_payload(r, place.org.code, 0, 1, 0));
  e.subject = subject;
  if (auto ev = tx.append_event(e); !ev) return ev.error();
  Current now{{subject, r.code, r.kind}, day, place.org.id, 1};
  current_[channel] = now;
  return std::optional<RaisedBy>{now.by};
}

}  // namespace huiyin
