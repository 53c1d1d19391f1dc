// POST /api/v1/records, GET /api/v1/records, GET /api/v1/records/{code}: field records.
#include "features/records/handlers.hpp"

#include <cctype>

#include "features/matters/matter_json.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "http/json_util.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

// One person: a username string, or {name, post} / {username, post}.
std::optional<RecordPersonInput> person(Fields& f, const json& p, const std::string& field) {
  RecordPersonInput in;
  if (p.is_string()) {
    in.username = p.get<std::string>();
  } else if (p.is_object()) {
    Fields pf(p);
    in.username = pf.str("username").value_or("");
    in.name = pf.str("name").value_or("");
    in.post = pf.str("post").value_or("");
    f.fail_from(pf, field);
  } else {
    f.fail(invalid("人员应为用户名或 {name, post}", field));
    return std::nullopt;
  }
  return in;
}

// Each element: a username string, or {name, post} (or {username, post}).
std::vector<RecordPersonInput> people(Fields& f, const json& body, const char* name) {
  std::vector<RecordPersonInput> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) {
    f.fail(invalid(std::string(name) + " 应为数组", name));
    return out;
  }
  for (std::size_t i = 0; i < it->size(); ++i)
    out.push_back(person(f, (*it)[i], std::string(name) + "[" + std::to_string(i) + "]")
                      .value_or(RecordPersonInput{}));
  return out;
}

json org_ref_json(const OrgRef& o) {
  return o.code.empty() ? json(nullptr) : json{{"code", o.code}, {"name", o.name}};
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

// The kind's own fields as kept (what it keeps per matter is shown on the matters instead).
json detail_json(const json& d) {
  json out = d.is_object() ? d : json::object();
  out.erase("matters");
  return out;
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
  for (const auto& m : v.matters) {
    json o = {{"code", m.code},
              {"title", m.title},
              {"status", code(m.status)},
              {"status_label", label(m.status)},
              {"lead_org", org_ref_json(m.lead)},
              {"deadline", iso_time_or_null(m.deadline)},
              {"answered", m.answered},
              {"overdue", m.overdue}};
    for (auto it = m.item.begin(); it != m.item.end(); ++it) o[it.key()] = it.value();
    matters.push_back(std::move(o));
  }
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
            {"detail", detail_json(r.detail)},
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
    j["instructions"] = instructions_json(v.instructions);
    json series = json::array();
    for (const auto& b : v.series) series.push_back({{"code", b.code}, {"date", b.day}, {"topic", b.topic}});
    j["series"] = std::move(series);
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
    f.fail_from(pf, "place");
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
        mi.lead_org = mf.str("lead_org").value_or("");
        mi.handling_class = mf.str("handling_class").value_or("");
        mi.deadline = mf.str("deadline").value_or("");
        const std::string base = "matters[" + std::to_string(i) + "]";
        if (m.contains("responsible") && !m["responsible"].is_null())
          mi.responsible = person(f, m["responsible"], base + ".responsible");
        if (const json* g = mf.object("group")) {
          Fields gf(*g);
          mi.group = GroupVisitInput{gf.integer("persons").value_or(0),
                                     gf.integer("representatives").value_or(0)};
          f.fail_from(gf, base + ".group");
        }
        if (auto handles = mf.str_list("attachments")) mi.attachments = *handles;
        if (const json* contact = mf.object("contact")) {
          Fields cf(*contact);
          mi.contact_name = cf.str("name").value_or("");
          mi.contact_phone = cf.str("phone").value_or("");
        }
        f.fail_from(mf, base);
        in.matters.push_back(std::move(mi));
      }
    }
  }
  auto ds = body->find("decisions");
  if (ds != body->end() && !ds->is_null()) {
    if (!ds->is_array()) {
      f.fail(invalid("decisions 应为数组", "decisions"));
    } else {
      for (std::size_t i = 0; i < ds->size() && f.ok(); ++i) {
        const json& d = (*ds)[i];
        if (!d.is_object()) {
          f.fail(invalid("交办事项应为对象", "decisions[" + std::to_string(i) + "]"));
          break;
        }
        Fields df(d);
        RecordMeasureInput di;
        di.content = df.str("content").value_or("");
        di.owner_org = df.str("owner_org").value_or("");
        di.deadline = df.str("deadline").value_or("");
        f.fail_from(df, "decisions[" + std::to_string(i) + "]");
        in.decisions.push_back(std::move(di));
      }
    }
  }
  // The kind's own fields: in `detail`, or beside the common fields (the latter win).
  if (const RecordKindSpec* spec = record_kind(in.kind)) {
    if (const json* d = f.object("detail"))
      for (auto it = d->begin(); it != d->end(); ++it) in.fields[it.key()] = it.value();
    for (const auto& fs : spec->fields)
      if (auto it = body->find(std::string(fs.code)); it != body->end())
        in.fields[std::string(fs.code)] = *it;
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
  q.series = query_text(c.req, "series");
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

namespace {

Response record_instruction(Context& c, bool instruct) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  const std::string text = f.str(instruct ? "reason" : "reply").value_or("");
  if (!f.ok()) return problem(f.error());
  auto v = instruct ? c.services.records().instruct(c.actor(), c.param("code"), text)
                    : c.services.records().answer_instruction(c.actor(), c.param("code"), text);
  if (!v) return problem(v.error());
  return json_response(record_json(*v, true));
}

}  // namespace

Response handle_record_instruct(Context& c) { return record_instruction(c, true); }
Response handle_record_answer(Context& c) { return record_instruction(c, false); }

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

Response handle_record_measure_patch(Context& c) {
  auto version = if_match_version(c.req);
  if (!version)
    return problem(HttpProblem::precondition_required,
                   "请在 If-Match 请求头中带上交办事项的版本号,以免覆盖他人的修改");
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  RecordMeasurePatch p;
  if (auto n = f.integer("progress")) p.progress = static_cast<int>(std::clamp<std::int64_t>(*n, -1, 101));
  p.status = f.str("status");
  p.evidence = f.str("evidence");
  if (!f.ok()) return problem(f.error());
  auto m = c.services.records().update_measure(c.actor(), c.param("code"), std::stoll(c.param("id")),
                                               p, *version);
  if (!m) return problem(m.error());
  return json_response(measure_json(*m));
}

json record_codes_json() {
  json kinds = json::array();
  auto field_json = [](const RecordFieldSpec& fs) {
    json o = {{"code", fs.code}, {"label", fs.label}, {"type", fs.type}, {"required", fs.required}};
    if (!fs.choices.empty()) {
      json ch = json::array();
      for (const auto& c : fs.choices) ch.push_back({{"code", c.code}, {"label", c.label}});
      o["choices"] = std::move(ch);
    }
    return o;
  };
  for (const auto& k : record_kinds()) {
    json methods = json::array(), counts = json::array(), fields = json::array(), roles = json::array();
    for (const auto& m : k.methods) methods.push_back({{"code", m.code}, {"label", m.label}});
    for (const auto& cn : k.counts)
      counts.push_back({{"code", cn.code}, {"label", cn.label}, {"required", cn.required}});
    for (const auto& fs : record_common_fields()) {
      json o = field_json(fs);
      if (fs.code == "decisions" && k.decisions_need_owner_and_deadline) o["item_requires"] = {"owner_org", "deadline"};
      if (fs.code == "matters") {
        json req = json::array();
        if (k.matter_needs_responsible) req = {"lead_org", "responsible"};
        o["item_requires"] = req;
        o["group_visits"] = k.matters_may_be_group_visits;
      }
      fields.push_back(std::move(o));
    }
    if (!k.methods.empty())
      fields.push_back({{"code", "method"}, {"label", "方式"}, {"type", "choice"},
                        {"required", k.method_required}, {"choices", methods}});
    for (const auto& fs : k.fields) fields.push_back(field_json(fs));
    for (Role r : k.roles) roles.push_back(code(r));
    kinds.push_back({{"code", k.code},
                     {"label", k.label},
                     {"channel", code(k.channel)},
                     {"channel_label", label(k.channel)},
                     {"methods", std::move(methods)},
                     {"method_required", k.method_required},
                     {"counts", std::move(counts)},
                     {"fields", std::move(fields)},
                     {"roles", std::move(roles)}});
  }
  json out = {{"record_kinds", std::move(kinds)}};
  for (const auto& list : record_code_lists()) {
    if (list.name == "record_kinds") continue;
    json entries = json::array();
    for (const auto& e : list.entries) entries.push_back({{"code", e.code}, {"label", e.label}});
    out[list.name] = std::move(entries);
  }
  return out;
}

}  // namespace huiyin::http

namespace huiyin::http {
namespace {

json rate_json(const std::optional<double>& r) { return r ? json(*r) : json(nullptr); }

Response dossier_xlsx(const Dossier& d) {
  auto bytes = dossier_xlsx_bytes(d);
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 干部纪实.xlsx, with an ASCII fallback for old clients.
  r.set_header("Content-Disposition",
               "attachment; filename=\"dossier.xlsx\"; "
               "filename*=UTF-8''%E5%B9%B2%E9%83%A8%E7%BA%AA%E5%AE%9E.xlsx");
  return r;
}


std::string compact(Date d) {
  std::string out;
  for (char ch : format_date(d))
    if (ch != '-') out += ch;
  return out;
}

GrassrootsQuery grassroots_query(const Request& req) {
  GrassrootsQuery q;
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
  q.org = query_text(req, "org");
  return q;
}

// RFC 5987 percent-encoding of a UTF-8 file name.
std::string rfc5987(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

}  // namespace

Response handle_grassroots_xlsx(Context& c) {
  auto g = c.services.records().grassroots(c.actor(), grassroots_query(c.req));
  if (!g) return problem(g.error());
  auto bytes = grassroots_xlsx_bytes(*g);
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 四下基层统计_20261101-20261130.xlsx, with an ASCII name for old clients.
  const std::string range = compact(g->from) + "-" + compact(g->to);
  r.set_header("Content-Disposition", "attachment; filename=\"grassroots_" + range +
                                          ".xlsx\"; filename*=UTF-8''" +
                                          rfc5987("四下基层统计_" + range + ".xlsx"));
  return r;
}

Response handle_grassroots_measures(Context& c) {
  auto g = c.services.records().grassroots(c.actor(), grassroots_query(c.req));
  if (!g) return problem(g.error());
  const std::string kind = query_text(c.req, "kind");
  if (!kind.empty() && !record_kind(kind))
    return problem(invalid("工作记录类型“" + kind + "”无效", "kind"));
  const std::string status = query_text(c.req, "status");
  std::optional<MeasureStatus> st;
  if (!status.empty()) {
    st = parse_measure_status(status);
    if (!st) return problem(invalid("措施状态“" + status + "”无效", "status"));
  }
  auto decisions = query_bool(c.req, "decisions");
  if (!decisions) return problem(decisions.error());
  json items = json::array();
  for (const auto& m : g->measure_items) {
    if (!kind.empty() && m.kind != kind) continue;
    if (st && m.measure.status != *st) continue;
    if (*decisions && **decisions != m.matter_code.empty()) continue;
    json o = measure_json(RecordMeasure{m.measure, m.owner});
    o["kind"] = m.kind;
    o["record"] = m.record_code.empty() ? json(nullptr) : json(m.record_code);
    o["matter"] = m.matter_code.empty() ? json(nullptr) : json(m.matter_code);
    items.push_back(std::move(o));
  }
  const auto total = static_cast<std::int64_t>(items.size());
  return json_response({{"from", format_date(g->from)},
                        {"to", format_date(g->to)},
                        {"items", std::move(items)},
                        {"total", total}});
}

Response handle_grassroots_stats(Context& c) {
  auto g = c.services.records().grassroots(c.actor(), grassroots_query(c.req));
  if (!g) return problem(g.error());
  json records = json::object(), methods = json::object(), kinds = json::object(),
       channels = json::object();
  for (const auto& [k, v] : g->records) records[k] = v;
  for (const auto& [k, v] : g->methods) methods[k] = v;
  for (const auto& [k, v] : g->channels) channels[k] = v;
  for (const auto& [k, v] : g->kinds)
    kinds[k] = {{"records", v.records},   {"matters", v.matters},
                {"answered", v.answered}, {"solved", v.solved},
                {"closed", v.closed},     {"decisions", v.decisions},
                {"decisions_done", v.decisions_done}};
  return json_response({{"from", format_date(g->from)},
                        {"to", format_date(g->to)},
                        {"records", std::move(records)},
                        {"methods", std::move(methods)},
                        {"receptions", {{"batches", g->batches}, {"persons", g->persons}}},
                        {"matters_raised", g->matters_raised},
                        {"measures", {{"proposed", g->measures_proposed}, {"done", g->measures_done}}},
                        {"solved", g->solved},
                        {"resolution_rate", rate_json(g->resolution_rate)},
                        {"kinds", std::move(kinds)},
                        {"channels", std::move(channels)},
                        {"summary_text", g->summary_text}});
}

Response handle_dossier(Context& c) {
  std::string username = c.param("username");
  const bool xlsx = username.size() > 5 && username.ends_with(".xlsx");
  if (xlsx) username.resize(username.size() - 5);
  auto d = c.services.records().dossier(c.actor(), username, query_text(c.req, "from"),
                                        query_text(c.req, "to"));
  if (!d) return problem(d.error());
  if (xlsx) return dossier_xlsx(*d);
  json records = json::array(), matters = json::array(), measures = json::array(), orgs = json::array();
  for (const auto& v : d->records) records.push_back(record_json(v, false));
  for (const auto& m : d->matters)
    matters.push_back({{"code", m.code},
                       {"title", m.title},
                       {"record", m.record_code},
                       {"status", code(m.status)},
                       {"status_label", label(m.status)},
                       {"lead_org", org_ref_json(m.lead)},
                       {"solved", m.solved ? json(*m.solved) : json(nullptr)},
                       {"satisfaction", m.satisfaction ? json(code(*m.satisfaction)) : json(nullptr)}});
  for (const auto& m : d->measures) {
    json o = measure_json(m.measure);
    o["record"] = m.record_code;
    measures.push_back(std::move(o));
  }
  for (const auto& o : d->orgs) orgs.push_back(org_ref_json(o));
  return json_response({{"username", d->username},
                        {"display_name", d->display_name},
                        {"orgs", std::move(orgs)},
                        {"records", std::move(records)},
                        {"matters", std::move(matters)},
                        {"measures", std::move(measures)}});
}

}  // namespace huiyin::http
