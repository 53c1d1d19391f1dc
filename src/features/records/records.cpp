#include "features/records/records.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/text_checks.hpp"
#include "features/matters/matter_store.hpp"
#include "features/records/record_kinds.hpp"
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
    if (std::find(spec->counts.begin(), spec->counts.end(), name) == spec->counts.end())
      return invalid(std::string(spec->label) + "没有“" + name + "”这项数字", "counts." + name);
    if (value < 0 || value > 1000000) return invalid("数字应在 0 到 1000000 之间", "counts." + name);
  }
  if (in.matters.size() > kMaxMatters)
    return invalid("一次最多登记" + std::to_string(kMaxMatters) + "个问题", "matters");
  for (std::size_t i = 0; i < in.matters.size(); ++i) {
    const std::string f = "matters[" + std::to_string(i) + "].";
    if (Status s = check_text(in.matters[i].title, f + "title", "问题标题", 1, kMaxTitleChars); !s)
      return s;
    if (Status s = check_text(in.matters[i].content, f + "content", "问题内容", 1,
                              kMaxContentChars);
        !s)
      return s;
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

RecordView view_of(Tx& tx, const Actor& actor, Record r, const OrgIndex& orgs) {
  RecordView v;
  const SubjectRef subject{kSubjectRecord, r.id};
  v.place = ref_of(orgs, r.place_org_id);
  for (const auto& l : db::subject_orgs_of(tx, subject))
    if (l.role == SubjectOrgRole::co) v.units.push_back(ref_of(orgs, l.org_id));
  for (const auto& m : db::matters_from_source(tx, subject))
    if (can_see(actor, m, orgs)) v.matters.push_back({m.code, m.status});
  v.photos = db::attachments_of(tx, subject);
  for (auto& ms : db::measures_of(tx, subject)) {
    OrgRef owner = ms.owner_org_id ? ref_of(orgs, *ms.owner_org_id) : OrgRef{};
    v.measures.push_back({std::move(ms), std::move(owner)});
  }
  v.events = tx.events_of(subject);
  v.record = std::move(r);
  return v;
}

}  // namespace

Result<RecordReceipt> RecordService::create(const Actor& actor, const RecordInput& in,
                                            const std::string& key) {
  if (key.size() > 200) return invalid("Idempotency-Key 过长", "Idempotency-Key");
  const RecordKindSpec* spec = nullptr;
  if (Status s = validate(in, spec); !s) return s.error();
  if (!actor.has_work_role()) return forbidden("只有工作人员可以登记工作记录");
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
    nlohmann::json payload = {{"kind", r.kind},
                              {"method", r.method},
                              {"day", r.day},
                              {"code", r.code},
                              {"place", place->code},
                              {"leaders", r.leaders.size()},
                              {"participants", r.participants.size()},
                              {"photos", in.attachments.size()},
                              {"matters", in.matters.size()}};
    Event e = make_event("record_create", std::nullopt, &actor, actor.username, now, payload);
    e.subject = subject;
    if (auto ev = tx.append_event(e); !ev) return ev.error();
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
    out = view_of(tx, actor, std::move(*r), orgs);
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
    for (auto& r : page.items) out.items.push_back(view_of(tx, actor, std::move(r), orgs));
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
