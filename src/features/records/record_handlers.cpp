// POST /api/v1/records, GET /api/v1/records, GET /api/v1/records/{code}: field records.
#include "features/records/handlers.hpp"

#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "http/json_util.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

// Each element: a username string, or {name, post} (or {username, post}).
std::vector<RecordPersonInput> people(Fields& f, const json& body, const char* name) {
  std::vector<RecordPersonInput> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) {
    f.fail(invalid(std::string(name) + " 应为数组", name));
    return out;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& p = (*it)[i];
    RecordPersonInput in;
    if (p.is_string()) {
      in.username = p.get<std::string>();
    } else if (p.is_object()) {
      Fields pf(p);
      in.username = pf.str("username").value_or("");
      in.name = pf.str("name").value_or("");
      in.post = pf.str("post").value_or("");
      if (!pf.ok()) {
        Error e = pf.error();
        e.field = std::string(name) + "[" + std::to_string(i) + "]." + e.field;
        f.fail(e);
      }
    } else {
      f.fail(invalid("人员应为用户名或 {name, post}", std::string(name) + "[" + std::to_string(i) + "]"));
    }
    out.push_back(std::move(in));
  }
  return out;
}

json person_json(const RecordPerson& p) {
  json o = {{"name", p.name}, {"post", p.post}};
  o["username"] = p.username.empty() ? json(nullptr) : json(p.username);
  return o;
}

json org_json(const OrgRef& o) { return {{"code", o.code}, {"name", o.name}}; }

json measure_json(const RecordMeasure& rm) {
  const Measure& m = rm.measure;
  return {{"id", m.id},
          {"content", m.content},
          {"owner", rm.owner.code.empty() ? json(nullptr) : org_json(rm.owner)},
          {"deadline", iso_time_or_null(m.deadline)},
          {"progress", m.progress},
          {"status", code(m.status)},
          {"status_label", label(m.status)},
          {"version", m.version}};
}

json record_json(const RecordView& v, bool full) {
  const Record& r = v.record;
  const RecordKindSpec* spec = record_kind(r.kind);
  std::string method_label;
  if (spec)
    for (const auto& m : spec->methods)
      if (m.code == r.method) method_label = m.label;
  json leaders = json::array(), participants = json::array(), units = json::array();
  for (const auto& p : r.leaders) leaders.push_back(person_json(p));
  for (const auto& p : r.participants) participants.push_back(person_json(p));
  for (const auto& u : v.units) units.push_back(org_json(u));
  json counts = json::object();
  for (const auto& [k, n] : r.counts) counts[k] = n;
  json matters = json::array();
  for (const auto& m : v.matters)
    matters.push_back({{"code", m.code}, {"status", code(m.status)}, {"status_label", label(m.status)}});
  json measures = json::array();
  for (const auto& m : v.measures) measures.push_back(measure_json(m));
  json j = {{"code", r.code},
            {"kind", r.kind},
            {"kind_label", spec ? std::string(spec->label) : r.kind},
            {"method", r.method.empty() ? json(nullptr) : json(r.method)},
            {"method_label", method_label},
            {"date", r.day},
            {"place", {{"org", v.place.code}, {"name", v.place.name}, {"address", r.address}}},
            {"leaders", std::move(leaders)},
            {"participants", std::move(participants)},
            {"units", std::move(units)},
            {"topic", r.topic},
            {"summary", r.summary},
            {"counts", std::move(counts)},
            {"matters", std::move(matters)},
            {"measures", std::move(measures)},
            {"created_at", iso_time(r.created_at)},
            {"version", r.version}};
  if (full) {
    json photos = json::array();
    for (const auto& a : v.photos)
      photos.push_back({{"id", a.handle}, {"name", a.original_name}, {"mime", a.mime}, {"size", a.size}});
    json events = json::array();
    for (const auto& e : v.events)
      events.push_back({{"type", e.type}, {"at", iso_time(e.at)}, {"actor", e.actor_label}});
    j["attachments"] = std::move(photos);
    j["events"] = std::move(events);
  }
  return j;
}

}  // namespace

Response handle_record_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  RecordInput in;
  in.kind = f.str("kind").value_or("");
  in.method = f.str("method").value_or("");
  in.date = f.str("date").value_or("");
  in.topic = f.str("topic").value_or("");
  in.summary = f.str("summary").value_or("");
  f.require("kind", !in.kind.empty(), "记录类型");
  f.require("date", !in.date.empty(), "日期");
  if (const json* place = f.object("place")) {
    Fields pf(*place);
    in.place_org = pf.str("org").value_or("");
    in.address = pf.str("address").value_or("");
    in.lat = pf.number("lat");
    in.lng = pf.number("lng");
    if (!pf.ok()) {
      Error e = pf.error();
      e.field = "place." + e.field;
      f.fail(e);
    }
  }
  in.leaders = people(f, *body, "leaders");
  in.participants = people(f, *body, "participants");
  if (auto units = f.str_list("units")) in.units = *units;
  if (auto handles = f.str_list("attachments")) in.attachments = *handles;
  if (const json* counts = f.object("counts")) {
    for (auto it = counts->begin(); it != counts->end(); ++it) {
      if (!it->is_number_integer()) {
        f.fail(invalid("数字应为整数", "counts." + it.key()));
        break;
      }
      in.counts[it.key()] = it->get<std::int64_t>();
    }
  }
  auto ms = body->find("matters");
  if (ms != body->end() && !ms->is_null()) {
    if (!ms->is_array()) {
      f.fail(invalid("matters 应为数组", "matters"));
    } else {
      for (std::size_t i = 0; i < ms->size() && f.ok(); ++i) {
        const json& m = (*ms)[i];
        if (!m.is_object()) {
          f.fail(invalid("问题应为对象", "matters[" + std::to_string(i) + "]"));
          break;
        }
        Fields mf(m);
        RecordMatterInput mi;
        mi.title = mf.str("title").value_or("");
        mi.content = mf.str("content").value_or("");
        mi.category = mf.str("category").value_or("");
        mi.kind = mf.str("kind").value_or("");
        mi.area = mf.str("area").value_or("");
        if (auto handles = mf.str_list("attachments")) mi.attachments = *handles;
        if (const json* contact = mf.object("contact")) {
          Fields cf(*contact);
          mi.contact_name = cf.str("name").value_or("");
          mi.contact_phone = cf.str("phone").value_or("");
        }
        if (!mf.ok()) {
          Error e = mf.error();
          e.field = "matters[" + std::to_string(i) + "]." + e.field;
          f.fail(e);
        }
        in.matters.push_back(std::move(mi));
      }
    }
  }
  if (!f.ok()) return problem(f.error());
  std::string key(c.req.header("idempotency-key").value_or(""));
  auto receipt = c.services.records().create(c.actor(), in, key);
  if (!receipt) return problem(receipt.error());
  json matters = json::array();
  for (const auto& m : receipt->matters) matters.push_back({{"code", m}});
  Response r = json_response({{"code", receipt->code}, {"matters", std::move(matters)}}, 201);
  r.set_header("Location", "/api/v1/records/" + receipt->code);
  return r;
}

Response handle_record_list(Context& c) {
  RecordListQuery q;
  q.kind = query_text(c.req, "kind");
  q.method = query_text(c.req, "method");
  q.org = query_text(c.req, "org");
  q.leader = query_text(c.req, "leader");
  q.from = query_text(c.req, "from");
  q.to = query_text(c.req, "to");
  q.cursor = query_text(c.req, "cursor");
  auto list = c.services.records().list(c.actor(), q);
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& v : list->items) items.push_back(record_json(v, false));
  return json_response(
      {{"items", std::move(items)},
       {"next_cursor", list->next_cursor.empty() ? json(nullptr) : json(list->next_cursor)}});
}

Response handle_record_get(Context& c) {
  auto v = c.services.records().get(c.actor(), c.param("code"));
  if (!v) return problem(v.error());
  return json_response(record_json(*v, true));
}

Response handle_record_measure_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  RecordMeasureInput in;
  in.content = f.str("content").value_or("");
  in.owner_org = f.str("owner_org").value_or("");
  in.deadline = f.str("deadline").value_or("");
  if (!f.ok()) return problem(f.error());
  auto m = c.services.records().add_measure(c.actor(), c.param("code"), in);
  if (!m) return problem(m.error());
  return json_response(measure_json(*m), 201);
}

}  // namespace huiyin::http
