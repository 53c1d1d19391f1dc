#include "features/records/records.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/text_checks.hpp"
#include "features/matters/matter_store.hpp"
#include "features/records/record_kinds.hpp"
#include "kernel/instructions.hpp"
#include "kernel/support.hpp"
#include "store/attachment_store.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/measure_store.hpp"
#include "store/subject_store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kMaxTopicChars = 100;
constexpr std::size_t kMaxSummaryChars = 5000;
constexpr std::size_t kMaxPeople = 50;
constexpr std::size_t kMaxMatters = 50;

constexpr std::size_t kMaxFieldChars = 1000;
constexpr std::size_t kMaxListItems = 30;

// The kind's own fields: present when required, of their type (org codes are resolved in the
// write transaction, fields_detail).
Status validate_fields(const RecordInput& in, const RecordKindSpec& spec) {
  for (const auto& [name, value] : in.fields)
    if (!spec.field(name) && !value.is_null())
      return invalid(std::string(spec.label) + "没有“" + name + "”这一项", name);
  for (const auto& fs : spec.fields) {
    const std::string name(fs.code);
    auto it = in.fields.find(name);
    const bool given = it != in.fields.end() && !it->second.is_null() &&
                       !(it->second.is_string() && it->second.get<std::string>().empty()) &&
                       !(it->second.is_array() && it->second.empty());
    if (!given) {
      if (fs.required) return invalid("请填写" + std::string(fs.label), name);
      continue;
    }
    const nlohmann::json& v = it->second;
    const std::string label(fs.label);
    if (fs.type == "text" || fs.type == "org" || fs.type == "choice" || fs.type == "rota" ||
        fs.type == "series") {
      if (!v.is_string()) return invalid(label + "应为文字", name);
      if (Status s = check_text(v.get<std::string>(), name, label.c_str(), 0, kMaxFieldChars); !s) return s;
      if (fs.type == "choice" &&
          std::none_of(fs.choices.begin(), fs.choices.end(),
                       [&](const CodeLabel& c) { return c.code == v.get<std::string>(); }))
        return invalid(label + "“" + v.get<std::string>() + "”无效", name);
    } else if (fs.type == "orgs") {
      if (!v.is_array() || v.size() > kMaxListItems)
        return invalid(label + "应为单位代码或 {name} 的数组,最多" + std::to_string(kMaxListItems) + "项", name);
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string f = name + "[" + std::to_string(i) + "]";
        if (v[i].is_string()) continue;
        if (!v[i].is_object() || !v[i].contains("name") || !v[i]["name"].is_string())
          return invalid("应为单位代码或 {name}", f);
        if (Status s = check_text(v[i]["name"].get<std::string>(), f + ".name", "单位名称", 1, 100); !s)
          return s;
      }
    } else if (fs.type == "steps") {
      if (!v.is_array() || v.size() > kMaxListItems)
        return invalid(label + "应为 {name, minutes} 的数组,最多" + std::to_string(kMaxListItems) + "项", name);
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string f = name + "[" + std::to_string(i) + "]";
        if (!v[i].is_object() || !v[i].contains("name") || !v[i]["name"].is_string())
          return invalid("每个环节应有名称", f + ".name");
        if (Status s = check_text(v[i]["name"].get<std::string>(), f + ".name", "环节名称", 1, 100); !s)
          return s;
        if (!v[i].contains("minutes") || !v[i]["minutes"].is_number_integer() ||
            v[i]["minutes"].get<std::int64_t>() < 0 || v[i]["minutes"].get<std::int64_t>() > 100000)
          return invalid("用时应为 0 到 100000 分钟的整数", f + ".minutes");
        for (auto k = v[i].begin(); k != v[i].end(); ++k)
          if (k.key() != "name" && k.key() != "minutes" && k.key() != "note")
            return invalid("环节只有 name、minutes、note", f + "." + k.key());
        if (v[i].contains("note") &&
            (!v[i]["note"].is_string() ||
             !check_text(v[i]["note"].get<std::string>(), f + ".note", "说明", 0, 200)))
          return invalid("说明应为200字以内的文字", f + ".note");
      }
    }
  }
  return ok();
}

// 批次 and 人次 as the recorder enters them, no fewer than the petitions itemised: each itemised
// petition is at least one 批次 and one person (a group visit: its persons), and there are at
// least as many persons as 批次. A group visit (集体访) is one 批次 of at least two persons
// with 1 to 5 representatives (信访工作条例 Art. 20).
Status validate_receptions(const RecordInput& in, const RecordKindSpec& spec) {
  if (!spec.matters_may_be_group_visits) return ok();
  std::int64_t persons_itemised = 0;
  for (std::size_t i = 0; i < in.matters.size(); ++i) {
    const auto& g = in.matters[i].group;
    if (!g) {
      persons_itemised += 1;
      continue;
    }
    const std::string f = "matters[" + std::to_string(i) + "].group.";
    if (g->persons < 2 || g->persons > 100000) return invalid("集体访人数应至少2人", f + "persons");
    if (g->representatives < 1 || g->representatives > kMaxGroupRepresentatives)
      return invalid("集体访应推选1至" + std::to_string(kMaxGroupRepresentatives) + "名代表",
                     f + "representatives");
    if (g->representatives > g->persons) return invalid("代表人数不能多于来访人数", f + "representatives");
    persons_itemised += g->persons;
  }
  const auto count = [&](const char* c) {
    auto it = in.counts.find(c);
    return it == in.counts.end() ? std::int64_t{0} : it->second;
  };
  const std::int64_t batches = count("batches"), persons = count("persons");
  if (batches < static_cast<std::int64_t>(in.matters.size()))
    return invalid("接待批次(" + std::to_string(batches) + ")不能少于登记的信访事项数(" +
                       std::to_string(in.matters.size()) + ")",
                   "counts.batches");
  if (persons < batches)
    return invalid("接待人次不能少于接待批次", "counts.persons");
  if (persons < persons_itemised)
    return invalid("接待人次(" + std::to_string(persons) + ")不能少于登记的来访人数(" +
                       std::to_string(persons_itemised) + ")",
                   "counts.persons");
  return ok();
}

Status validate(const RecordInput& in, const RecordKindSpec*& spec) {
  spec = record_kind(in.kind);
  if (!spec) return invalid("记录类型“" + in.kind + "”不存在", "kind");
  if (in.method.empty() && spec->method_required) return invalid("请选择方式", "method");
  if (!in.method.empty() &&
      std::none_of(spec->methods.begin(), spec->methods.end(),
                   [&](const CodeLabel& m) { return m.code == in.method; }))
    return invalid("方式“" + in.method + "”不属于" + std::string(spec->label), "method");
  if (!parse_date(in.date)) return invalid("日期应为 YYYY-MM-DD", "date");
  if (in.place_org.empty()) return invalid("请选择地点所在区域", "place.org");
  if (Status s = check_text(in.topic, "topic", "主题", 1, kMaxTopicChars); !s) return s;
  if (Status s = check_text(in.summary, "summary", "情况摘要", 0, kMaxSummaryChars); !s) return s;
  if (Status s = check_text(in.address, "place.address", "地址", 0, 200); !s) return s;
  if (in.leaders.empty()) return invalid("请填写带队领导", "leaders");
  if (in.leaders.size() > kMaxPeople || in.participants.size() > kMaxPeople)
    return invalid("人员最多" + std::to_string(kMaxPeople) + "人", "participants");
  for (const auto& [name, value] : in.counts) {
    if (!spec->has_count(name))
      return invalid(std::string(spec->label) + "没有“" + name + "”这项数字", "counts." + name);
    if (value < 0 || value > 1000000) return invalid("数字应在 0 到 1000000 之间", "counts." + name);
  }
  for (const auto& c : spec->counts)
    if (c.required && !in.counts.count(std::string(c.code)))
      return invalid("请填写" + std::string(c.label), "counts." + std::string(c.code));
  if (in.matters.size() > kMaxMatters)
    return invalid("一次最多登记" + std::to_string(kMaxMatters) + "个问题", "matters");
  if (Status s = validate_fields(in, *spec); !s) return s;
  if (Status s = validate_receptions(in, *spec); !s) return s;
  if (in.decisions.size() > kMaxMatters)
    return invalid("一次最多登记" + std::to_string(kMaxMatters) + "项交办事项", "decisions");
  for (std::size_t i = 0; i < in.decisions.size(); ++i) {
    const std::string f = "decisions[" + std::to_string(i) + "].";
    const auto& d = in.decisions[i];
    if (Status s = check_text(d.content, f + "content", "交办事项", 1, 1000); !s) return s;
    if (!d.deadline.empty() && !parse_date(d.deadline))
      return invalid("日期应为 YYYY-MM-DD", f + "deadline");
    if (spec->decisions_need_owner_and_deadline) {
      if (d.owner_org.empty()) return invalid("请填写责任单位", f + "owner_org");
      if (d.deadline.empty()) return invalid("请填写完成时限", f + "deadline");
    }
  }
  for (std::size_t i = 0; i < in.matters.size(); ++i) {
    const std::string f = "matters[" + std::to_string(i) + "].";
    if (Status s = check_text(in.matters[i].title, f + "title", "问题标题", 1, kMaxTitleChars); !s)
      return s;
    if (Status s = check_text(in.matters[i].content, f + "content", "问题内容", 1,
                              kMaxContentChars);
        !s)
      return s;
    const RecordMatterInput& m = in.matters[i];
    if (!m.deadline.empty() && !parse_date(m.deadline))
      return invalid("日期应为 YYYY-MM-DD", f + "deadline");
    if (m.lead_org.empty() && (!m.deadline.empty() || !m.handling_class.empty()))
      return invalid("现场交办请填写主办单位", f + "lead_org");
    if (spec->matter_needs_responsible) {
      if (m.lead_org.empty()) return invalid("每个事项须明确责任单位", f + "lead_org");
      if (!m.responsible) return invalid("每个事项须明确责任人(责任到人)", f + "responsible");
    }
    if (m.group && !spec->matters_may_be_group_visits)
      return invalid(std::string(spec->label) + "没有集体访", f + "group");
  }
  return ok();
}

Result<std::vector<RecordPerson>> people_of(Tx& tx, const std::vector<RecordPersonInput>& in,
                                            const std::string& field) {
  std::vector<RecordPerson> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    RecordPerson p;
    if (!in[i].username.empty()) {
      auto u = db::user_by_username(tx, in[i].username);
      if (!u || !u->active) return invalid("用户“" + in[i].username + "”不存在", f);
      p.user = u->id;
      p.username = u->username;
      p.name = u->display_name.empty() ? u->username : u->display_name;
    } else {
      if (Status s = check_text(in[i].name, f + ".name", "姓名", 1, 50); !s) return s.error();
      p.name = in[i].name;
    }
    if (Status s = check_text(in[i].post, f + ".post", "职务", 0, 50); !s) return s.error();
    p.post = in[i].post;
    out.push_back(std::move(p));
  }
  return out;
}

// The record's detail: the kind's fields with org codes resolved ({code, name}), and what the
// kind keeps of each raised matter (its person responsible, its group visit). Checks here that
// each on-the-spot assignment is within the recorder's power, before anything is stored.
Result<nlohmann::json> detail_of(Tx& tx, const RecordInput& in, const RecordKindSpec& spec,
                                 const OrgIndex& orgs, const Org& place, const Actor& actor) {
  nlohmann::json d = nlohmann::json::object();
  auto org_entry = [&](const std::string& c, const std::string& field) -> Result<nlohmann::json> {
    const Org* o = orgs.find_code(c);
    if (!o) return invalid("单位“" + c + "”不存在", field);
    return nlohmann::json{{"code", o->code}, {"name", o->name}};
  };
  for (const auto& fs : spec.fields) {
    const std::string name(fs.code);
    auto it = in.fields.find(name);
    if (it == in.fields.end() || it->second.is_null()) continue;
    const nlohmann::json& v = it->second;
    if (v.is_string() && v.get<std::string>().empty()) continue;
    if (fs.type == "org") {
      auto e = org_entry(v.get<std::string>(), name);
      if (!e) return e.error();
      d[name] = *e;
    } else if (fs.type == "orgs") {
      nlohmann::json a = nlohmann::json::array();
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i].is_string()) {
          auto e = org_entry(v[i].get<std::string>(), name + "[" + std::to_string(i) + "]");
          if (!e) return e.error();
          a.push_back(*e);
        } else {
          a.push_back({{"name", v[i]["name"]}});
        }
      }
      d[name] = std::move(a);
    } else if (fs.type == "steps") {
      nlohmann::json a = nlohmann::json::array();
      std::int64_t total = 0;
      for (const auto& st : v) {
        nlohmann::json o = {{"name", st["name"]}, {"minutes", st["minutes"]}};
        if (st.contains("note")) o["note"] = st["note"];
        total += st["minutes"].get<std::int64_t>();
        a.push_back(std::move(o));
      }
      d[name] = std::move(a);
      d[name + "_minutes"] = total;
    } else if (fs.type == "rota") {
      auto rota = db::rota_by_code(tx, v.get<std::string>());
      if (!rota) return invalid("轮值表“" + v.get<std::string>() + "”不存在", name);
      auto lead = in.fields.find("lead_dept");
      const std::string lead_code =
          lead != in.fields.end() && lead->second.is_string() ? lead->second.get<std::string>() : "";
      if (Status s = check_rota_turn(*rota, in.date, lead_code, orgs); !s) return s.error();
      d[name] = {{"code", rota->code}, {"name", rota->name}};
    } else {
      d[name] = v;
    }
  }
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = 0; i < in.matters.size(); ++i) {
    const RecordMatterInput& m = in.matters[i];
    const std::string f = "matters[" + std::to_string(i) + "].";
    if (!m.lead_org.empty()) {
      const Org* lead = orgs.find_code(m.lead_org);
      if (!lead) return invalid("主办单位“" + m.lead_org + "”不存在", f + "lead_org");
      const Org* area = m.area.empty() ? &place : orgs.find_code(m.area);
      if (!area || area->kind != OrgKind::area)
        return invalid("所在区域“" + m.area + "”不存在", f + "area");
      if (Status s = may_assign_at_intake(actor, *area, *lead, orgs); !s) {
        Error e = s.error();
        e.field = f + "lead_org";
        return e;
      }
    }
    nlohmann::json item = {{"index", i}};
    if (m.responsible) {
      auto p = people_of(tx, {*m.responsible}, f + "responsible");
      if (!p) {
        Error e = p.error();
        e.field = f + "responsible" + e.field.substr(std::min(e.field.size(), (f + "responsible[0]").size()));
        return e;
      }
      const RecordPerson& rp = p->front();
      nlohmann::json o = {{"name", rp.name}, {"post", rp.post}};
      if (rp.user) {
        o["user"] = *rp.user;
        o["username"] = rp.username;
      }
      item["responsible"] = std::move(o);
    }
    if (m.group)
      item["group"] = {{"persons", m.group->persons}, {"representatives", m.group->representatives}};
    if (item.size() > 1) items.push_back(std::move(item));
  }
  if (!items.empty()) d["matters"] = std::move(items);
  return d;
}

std::vector<std::string> paths_of(const std::vector<db::SubjectOrg>& links, const OrgIndex& orgs) {
  std::vector<std::string> out;
  for (const auto& l : links)
    if (const Org* o = orgs.find(l.org_id)) out.push_back(o->path);
  return out;
}

bool may_read(const Actor& a, const Record& r, const std::vector<db::SubjectOrg>& links,
              const OrgIndex& orgs) {
  if (r.recorded_by && *r.recorded_by == a.user_id) return true;
  return can_see_paths(a, paths_of(links, orgs));
}

OrgRef ref_of(const OrgIndex& orgs, Id id) {
  if (const Org* o = orgs.find(id)) return {o->code, o->name};
  return {};
}

bool answered_status(MatterStatus s) {
  return s == MatterStatus::resolved || s == MatterStatus::verified || s == MatterStatus::closed;
}

bool open_status(MatterStatus s) {
  return !answered_status(s) && s != MatterStatus::rejected && s != MatterStatus::merged;
}

// An event's actor as people read them: the user's display name, else the event's label.
std::string actor_name(Tx& tx, const Event& e) {
  if (e.actor_user)
    if (auto u = db::user_by_id(tx, *e.actor_user)) return u->display_name;
  return e.actor_label;
}

RecordView view_of(Tx& tx, const Actor& actor, Record r, const OrgIndex& orgs, Instant now) {
  RecordView v;
  const SubjectRef subject{kSubjectRecord, r.id};
  v.place = ref_of(orgs, r.place_org_id);
  for (const auto& l : db::subject_orgs_of(tx, subject))
    if (l.role == SubjectOrgRole::co) v.units.push_back(ref_of(orgs, l.org_id));
  const auto items = r.detail.value("matters", nlohmann::json::array());
  int index = 0;
  for (const auto& m : db::matters_from_source(tx, subject)) {
    const int i = index++;
    if (!can_see(actor, m, orgs)) continue;
    RecordMatterRef ref;
    ref.code = m.code;
    ref.status = m.status;
    ref.title = m.title;
    if (m.lead_org_id) ref.lead = ref_of(orgs, *m.lead_org_id);
    ref.deadline = m.deadline;
    ref.answered = answered_status(m.status);
    ref.overdue = m.deadline && open_status(m.status) && *m.deadline < now;
    for (const auto& it : items)
      if (it.value("index", -1) == i) {
        ref.item = it;
        ref.item.erase("index");
        // A responsible person's account is named by username, never by id.
        if (ref.item.contains("responsible")) ref.item["responsible"].erase("user");
      }
    v.matters.push_back(std::move(ref));
  }
  v.photos = db::attachments_of(tx, subject);
  for (auto& ms : db::measures_of(tx, subject)) {
    OrgRef owner = ms.owner_org_id ? ref_of(orgs, *ms.owner_org_id) : OrgRef{};
    v.measures.push_back({std::move(ms), std::move(owner)});
  }
  v.events = tx.events_of(subject);
  v.instructions = instructions_of(v.events, [&](const Event& e) { return actor_name(tx, e); });
  v.record = std::move(r);
  return v;
}

}  // namespace

nlohmann::json record_create_payload(const Record& r, const std::string& place_code,
                                     std::size_t photos, std::size_t matters,
                                     std::size_t decisions) {
  nlohmann::json payload = {{"kind", r.kind},
                            {"method", r.method},
                            {"day", r.day},
                            {"code", r.code},
                            {"place", place_code},
                            {"leaders", r.leaders.size()},
                            {"participants", r.participants.size()},
                            {"photos", photos},
                            {"matters", matters},
                            {"decisions", decisions}};
  if (!r.counts.empty()) payload["counts"] = r.counts;
  return payload;
}

Result<RecordReceipt> RecordService::create(const Actor& actor, const RecordInput& given,
                                            const std::string& key) {
  if (key.size() > 200) return invalid("Idempotency-Key 过长", "Idempotency-Key");
  RecordInput in = given;
  if (Status s = fill_defaults(actor, in); !s) return s.error();
  const RecordKindSpec* spec = nullptr;
  if (Status s = validate(in, spec); !s) return s.error();
  if (!actor.has_work_role()) return forbidden("只有工作人员可以登记工作记录");
  if (!spec->roles.empty() &&
      std::none_of(actor.roles.begin(), actor.roles.end(), [&](const ActorRole& g) {
        return std::find(spec->roles.begin(), spec->roles.end(), g.role) != spec->roles.end();
      }))
    return forbidden("您的角色不能登记" + std::string(spec->label));
  const std::string idem_key = key.empty() ? std::string() : "record:" + key;
  const Instant now = ctx_.clock().now();
  TxError te;
  Record saved;

  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (!idem_key.empty())
      if (auto stored = db::idempotent_response(tx, idem_key)) {
        auto again = db::record_by_code(tx, *stored);
        if (!again) return te.fail(internal_error("幂等记录缺失"));
        if (again->recorded_by != actor.user_id)
          return te.fail(conflict("该 Idempotency-Key 已被使用"));
        saved = *again;
        return ok();
      }
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const Org* place = orgs.find_code(in.place_org);
    if (!place || place->kind != OrgKind::area)
      return te.fail(invalid("区域“" + in.place_org + "”不存在", "place.org"));
    if (!can_see_paths(actor, {place->path}))
      return te.fail(forbidden("该区域不在您的工作范围内"));
    std::vector<db::SubjectOrg> links = {{place->id, SubjectOrgRole::place}};
    for (std::size_t i = 0; i < in.units.size(); ++i) {
      const Org* u = orgs.find_code(in.units[i]);
      if (!u) return te.fail(invalid("单位“" + in.units[i] + "”不存在", "units[" + std::to_string(i) + "]"));
      links.push_back({u->id, SubjectOrgRole::co});
    }
    Record r;
    auto detail = detail_of(tx, in, *spec, orgs, *place, actor);
    if (!detail) return te.fail(detail.error());
    r.detail = std::move(*detail);
    std::vector<Measure> decisions;
    for (std::size_t i = 0; i < in.decisions.size(); ++i) {
      const auto& d = in.decisions[i];
      Measure m;
      m.content = d.content;
      if (!d.deadline.empty()) m.deadline = end_of_local_day(*parse_date(d.deadline));
      m.created_at = m.updated_at = now;
      if (!d.owner_org.empty()) {
        const Org* o = orgs.find_code(d.owner_org);
        if (!o)
          return te.fail(invalid("单位“" + d.owner_org + "”不存在",
                                 "decisions[" + std::to_string(i) + "].owner_org"));
        m.owner_org_id = o->id;
        m.owner_name = o->name;
      }
      decisions.push_back(std::move(m));
    }
    auto leaders = people_of(tx, in.leaders, "leaders");
    if (!leaders) return te.fail(leaders.error());
    auto participants = people_of(tx, in.participants, "participants");
    if (!participants) return te.fail(participants.error());
    r.leaders = std::move(*leaders);
    r.participants = std::move(*participants);
    // Numbered by the day of the work itself (a visit recorded the next morning keeps its day).
    auto code = next_day_code(tx, ctx_.config().code_prefix + "-" + std::string(spec->code_letters),
                              "record", *parse_date(in.date), 4);
    if (!code) return code.error();
    r.code = *code;
    r.kind = in.kind;
    r.method = in.method;
    r.day = in.date;
    r.place_org_id = place->id;
    r.address = in.address;
    r.lat = in.lat;
    r.lng = in.lng;
    r.topic = in.topic;
    r.summary = in.summary;
    r.counts = in.counts;
    r.recorded_by = actor.user_id;
    r.created_at = r.updated_at = now;
    auto id = db::insert_record(tx, r);
    if (!id) return te.fail(id.error());
    r.id = *id;
    const SubjectRef subject{kSubjectRecord, r.id};
    if (Status s = db::set_subject_orgs(tx, subject, links); !s) return s;
    for (std::size_t i = 0; i < in.attachments.size(); ++i) {
      auto a = db::attachment_by_handle(tx, in.attachments[i]);
      if (!a || a->uploaded_by != actor.user_id || a->matter_id || !a->subject.empty())
        return te.fail(invalid("照片不存在或已被使用", "attachments[" + std::to_string(i) + "]"));
      if (Status s = db::link_attachment_to(tx, a->id, subject); !s) return te.fail(s.error());
    }
    for (auto& m : decisions) {
      m.subject = subject;
      auto mid = db::insert_measure(tx, m);
      if (!mid) return te.fail(mid.error());
      m.id = *mid;
    }
    Event e = make_event("record_create", std::nullopt, &actor, actor.username, now,
                         record_create_payload(r, place->code, in.attachments.size(),
                                               in.matters.size(), decisions.size()));
    e.subject = subject;
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    for (const auto& m : decisions) {
      const Org* o = m.owner_org_id ? orgs.find(*m.owner_org_id) : nullptr;
      nlohmann::json p = {{"measure", m.id}, {"owner", o ? o->code : ""}, {"code", r.code}};
      Event me = make_event("measure_add", std::nullopt, &actor, actor.username, now, p);
      me.subject = subject;
      if (auto ev = tx.append_event(me); !ev) return ev.error();
    }
    if (!idem_key.empty())
      if (Status s = db::put_idempotent_response(tx, idem_key, r.code, now); !s) return s;
    saved = r;
    return ok();
  });
  if (!st) return te.take(st);

  // Each problem found goes through the one intake path, keyed per matter, so a retry after a
  // failure part-way submits only what is missing.
  RecordReceipt receipt;
  receipt.code = saved.code;
  std::string place_code;
  (void)ctx_.store().read([&](Tx& tx) -> Status {
    if (auto o = db::org_by_id(tx, saved.place_org_id)) place_code = o->code;
    return ok();
  });
  for (std::size_t i = 0; i < in.matters.size(); ++i) {
    const auto& mi = in.matters[i];
    IntakeRequest req;
    req.title = mi.title;
    req.content = mi.content;
    req.category = mi.category;
    req.kind = mi.kind;
    req.channel = std::string(code(spec->channel));
    req.district = mi.area.empty() ? place_code : mi.area;
    req.address = saved.address;
    req.contact_name = mi.contact_name;
    req.contact_phone = mi.contact_phone;
    req.attachments = mi.attachments;
    req.source = {kSubjectRecord, saved.id};
    req.source_code = saved.code;
    req.source_kind = saved.kind;
    if (!mi.lead_org.empty()) {
      IntakeRequest::Assignment as{mi.lead_org, mi.handling_class, mi.deadline, {}};
      for (const auto& item : saved.detail.value("matters", nlohmann::json::array()))
        if (item.value("index", -1) == static_cast<int>(i) && item.contains("responsible")) {
          const auto& p = item["responsible"];
          as.note = "责任人:" + p.value("name", "");
          if (!p.value("post", "").empty()) as.note += "(" + p.value("post", "") + ")";
        }
      req.assign = as;
    }
    const std::string mkey = key.empty() ? std::string() : key + "/matter/" + std::to_string(i);
    auto r = intake_.submit(req, mkey, &actor);
    if (!r) {
      Error e = r.error();
      if (!e.field.empty()) e.field = "matters[" + std::to_string(i) + "]." + e.field;
      e.detail = "记录" + saved.code + "已保存;第" + std::to_string(i + 1) + "个问题未登记:" +
                 e.detail;
      return e;
    }
    receipt.matters.push_back(r->code);
  }
  return receipt;
}

Result<RecordView> RecordService::get(const Actor& actor, const std::string& code) {
  std::optional<RecordView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto r = db::record_by_code(tx, code);
    if (!r) return not_found("记录不存在");
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    if (!may_read(actor, *r, db::subject_orgs_of(tx, {kSubjectRecord, r->id}), orgs))
      return not_found("记录不存在");
    out = view_of(tx, actor, std::move(*r), orgs, ctx_.clock().now());
    const RecordKindSpec* spec = record_kind(out->record.kind);
    if (spec && spec->field("series")) {
      RecordFilter f;
      f.scope = scope_of(actor);
      f.recorded_by = actor.user_id;
      f.kind = out->record.kind;
      f.series = out->record.detail.value("series", out->record.code);
      f.limit = 200;
      for (const auto& m : db::list_records(tx, f).items)
        out->series.push_back({m.code, m.day, m.topic});
      std::sort(out->series.begin(), out->series.end(),
                [](const RecordBrief& a, const RecordBrief& b) { return a.day < b.day; });
      if (out->series.size() < 2) out->series.clear();
    }
    return ok();
  });
  if (!st) return st.error();
  return std::move(*out);
}

Result<RecordList> RecordService::list(const Actor& actor, const RecordListQuery& q) {
  if (!actor.has_work_role()) return forbidden("只有工作人员可以查看工作记录");
  if (!q.kind.empty() && !record_kind(q.kind)) return invalid("记录类型“" + q.kind + "”不存在", "kind");
  if (!q.from.empty() && !parse_date(q.from)) return invalid("日期应为 YYYY-MM-DD", "from");
  if (!q.to.empty() && !parse_date(q.to)) return invalid("日期应为 YYYY-MM-DD", "to");
  RecordFilter f;
  f.scope = scope_of(actor);
  f.recorded_by = actor.user_id;
  f.kind = q.kind;
  f.method = q.method;
  f.series = q.series;
  f.from = q.from;
  f.to = q.to;
  f.limit = std::clamp(q.limit, 1, 200);
  if (!q.cursor.empty()) {
    try {
      f.before_id = std::stoll(q.cursor);
    } catch (...) {
      return invalid("cursor 无效", "cursor");
    }
  }
  RecordList out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    if (!q.org.empty()) {
      const Org* o = orgs.find_code(q.org);
      if (!o) return invalid("单位“" + q.org + "”不存在", "org");
      f.org = o->id;
    }
    if (!q.leader.empty()) {
      auto u = db::user_by_username(tx, q.leader);
      if (!u) return invalid("用户“" + q.leader + "”不存在", "leader");
      f.leader = u->id;
    }
    auto page = db::list_records(tx, f);
    for (auto& r : page.items)
      out.items.push_back(view_of(tx, actor, std::move(r), orgs, ctx_.clock().now()));
    if (page.next_cursor) out.next_cursor = std::to_string(*page.next_cursor);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<RecordMeasure> RecordService::add_measure(const Actor& actor, const std::string& code,
                                                const RecordMeasureInput& in) {
  if (Status s = check_text(in.content, "content", "措施内容", 1, 1000); !s) return s.error();
  std::optional<Instant> deadline;
  if (!in.deadline.empty()) {
    auto d = parse_date(in.deadline);
    if (!d) return invalid("日期应为 YYYY-MM-DD", "deadline");
    deadline = end_of_local_day(*d);
  }
  const Instant now = ctx_.clock().now();
  TxError te;
  std::optional<RecordMeasure> out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto r = db::record_by_code(tx, code);
    if (!r) return te.fail(not_found("记录不存在"));
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const SubjectRef subject{kSubjectRecord, r->id};
    if (!may_read(actor, *r, db::subject_orgs_of(tx, subject), orgs))
      return te.fail(not_found("记录不存在"));
    const Org* place = orgs.find(r->place_org_id);
    const bool recorder = r->recorded_by && *r->recorded_by == actor.user_id;
    if (!recorder && !(place && can_see_paths(actor, {place->path})))
      return te.fail(forbidden("只有记录人或本区域工作人员可以添加交办措施"));
    if (const RecordKindSpec* spec = record_kind(r->kind);
        spec && spec->decisions_need_owner_and_deadline) {
      if (in.owner_org.empty()) return te.fail(invalid("请填写责任单位", "owner_org"));
      if (in.deadline.empty()) return te.fail(invalid("请填写完成时限", "deadline"));
    }
    Measure m;
    m.subject = subject;
    m.content = in.content;
    m.deadline = deadline;
    m.created_at = m.updated_at = now;
    OrgRef owner;
    if (!in.owner_org.empty()) {
      const Org* o = orgs.find_code(in.owner_org);
      if (!o) return te.fail(invalid("单位“" + in.owner_org + "”不存在", "owner_org"));
      m.owner_org_id = o->id;
      m.owner_name = o->name;
      owner = {o->code, o->name};
    }
    auto id = db::insert_measure(tx, m);
    if (!id) return te.fail(id.error());
    m.id = *id;
    nlohmann::json payload = {{"measure", m.id}, {"owner", owner.code}, {"code", r->code}};
    Event e = make_event("measure_add", std::nullopt, &actor, actor.username, now, payload);
    e.subject = subject;
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    out = RecordMeasure{db::measure_by_id(tx, m.id).value_or(m), owner};
    return ok();
  });
  if (!st) return te.take(st);
  return std::move(*out);
}

}  // namespace huiyin

namespace huiyin {

Result<RecordMeasure> RecordService::update_measure(const Actor& actor, const std::string& code,
                                                   Id measure_id, const RecordMeasurePatch& patch,
                                                   std::int64_t expected_version) {
  if (patch.progress && (*patch.progress < 0 || *patch.progress > 100))
    return invalid("进展应为0至100", "progress");
  std::optional<MeasureStatus> status;
  if (patch.status) {
    status = parse_measure_status(*patch.status);
    if (!status) return invalid("措施状态无效", "status");
  }
  if (patch.evidence)
    if (Status s = check_text(*patch.evidence, "evidence", "佐证材料", 0, 2000); !s) return s.error();
  const Instant now = ctx_.clock().now();
  TxError te;
  std::optional<RecordMeasure> out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto r = db::record_by_code(tx, code);
    if (!r) return te.fail(not_found("记录不存在"));
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const SubjectRef subject{kSubjectRecord, r->id};
    auto ms = db::measure_by_id(tx, measure_id);
    if (!ms || ms->subject.kind != subject.kind || ms->subject.id != subject.id)
      return te.fail(not_found("交办事项不存在"));
    const Org* owner = ms->owner_org_id ? orgs.find(*ms->owner_org_id) : nullptr;
    bool owner_staff = false;
    if (owner)
      for (const auto& g : actor.roles)
        if ((g.role == Role::handler || g.role == Role::unit_leader) &&
            in_subtree(g.org.path, owner->path))
          owner_staff = true;
    const Org* place = orgs.find(r->place_org_id);
    const bool recorder = r->recorded_by && *r->recorded_by == actor.user_id;
    if (!owner_staff && !may_read(actor, *r, db::subject_orgs_of(tx, subject), orgs))
      return te.fail(not_found("记录不存在"));
    if (!owner_staff && !recorder && !(place && can_see_paths(actor, {place->path})))
      return te.fail(forbidden("只有记录人、责任单位或本区域工作人员可以更新交办事项"));
    if (ms->version != expected_version)
      return te.fail(conflict("该交办事项已被他人修改,请刷新后重试"));
    Measure next = *ms;
    if (patch.progress) next.progress = *patch.progress;
    if (status) next.status = *status;
    if (patch.evidence) next.evidence = *patch.evidence;
    if (next.status == MeasureStatus::done) next.progress = 100;
    next.updated_at = now;
    if (Status s = db::update_measure(tx, next, expected_version); !s) return te.fail(s.error());
    nlohmann::json payload = {{"measure", next.id},
                              {"code", r->code},
                              {"status", std::string(huiyin::code(next.status))},
                              {"progress", next.progress}};
    Event e = make_event("measure_update", std::nullopt, &actor, actor.username, now, payload);
    e.subject = subject;
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    OrgRef o = owner ? OrgRef{owner->code, owner->name} : OrgRef{};
    out = RecordMeasure{db::measure_by_id(tx, next.id).value_or(next), o};
    return ok();
  });
  if (!st) return te.take(st);
  return std::move(*out);
}

namespace {

// One 批示 step on a record: checks who may take it, appends its event, reads the record back.
Result<RecordView> record_instruction_step(ServiceContext& ctx, const Actor& actor,
                                           const std::string& code, bool instruct,
                                           const std::string& text) {
  if (Status s = check_text(text, instruct ? "reason" : "reply", instruct ? "批示内容" : "答复内容", 1, 2000);
      !s)
    return s.error();
  if (instruct && !actor.has(Role::leader)) return forbidden("只有领导可以作出批示");
  const Instant now = ctx.clock().now();
  TxError te;
  std::optional<RecordView> out;
  Status st = ctx.store().write([&](Tx& tx) -> Status {
    auto r = db::record_by_code(tx, code);
    if (!r) return te.fail(not_found("记录不存在"));
    const CatalogPtr catalog = ctx.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const SubjectRef subject{kSubjectRecord, r->id};
    if (!may_read(actor, *r, db::subject_orgs_of(tx, subject), orgs))
      return te.fail(not_found("记录不存在"));
    if (!instruct) {
      const Org* place = orgs.find(r->place_org_id);
      const bool recorder = r->recorded_by && *r->recorded_by == actor.user_id;
      if (!recorder && !(place && can_see_paths(actor, {place->path})))
        return te.fail(forbidden("只有记录人或本区域工作人员可以答复批示"));
      auto waiting = instructions_of(tx.events_of(subject), [](const Event& e) { return e.actor_label; });
      if (!instruction_pending(waiting)) return te.fail(conflict("没有待答复的批示"));
    }
    nlohmann::json payload = {{"code", r->code}};
    payload[instruct ? "reason" : "reply"] = text;
    Event e = make_event(instruct ? "instruct" : "answer", std::nullopt, &actor, actor.username, now,
                         payload);
    e.subject = subject;
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    out = view_of(tx, actor, std::move(*r), orgs, now);
    return ok();
  });
  if (!st) return te.take(st);
  return std::move(*out);
}

}  // namespace

Result<RecordView> RecordService::instruct(const Actor& actor, const std::string& code,
                                           const std::string& text) {
  return record_instruction_step(ctx_, actor, code, true, text);
}

Result<RecordView> RecordService::answer_instruction(const Actor& actor, const std::string& code,
                                                     const std::string& reply) {
  return record_instruction_step(ctx_, actor, code, false, reply);
}

}  // namespace huiyin
