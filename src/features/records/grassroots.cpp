// The 四下基层 figures (GET /api/v1/stats/grassroots) and an official's record (干部纪实, GET
// /api/v1/dossier/{username}), both read from the records and the matters they raised through
// the matters feature's published query functions.
#include <cstdio>

#include "domain/calendar.hpp"
#include "features/matters/matter_store.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"
#include "store/measure_store.hpp"
#include "store/subject_store.hpp"

namespace huiyin {
namespace {

constexpr int kAllRecords = 100000;

struct Period {
  Date from{}, to{};
};

Result<Period> period_of(const std::string& from, const std::string& to, Instant now,
                         int default_days) {
  auto f = optional_date(from, "from");
  if (!f) return f.error();
  auto t = optional_date(to, "to");
  if (!t) return t.error();
  Period p;
  p.to = *t ? **t : local_date(now);
  p.from = *f ? **f : p.to - std::chrono::days{default_days - 1};
  if (p.from > p.to) return invalid("开始日期不能晚于结束日期", "from");
  if ((p.to - p.from).count() > 3660) return invalid("统计区间不能超过10年", "from");
  return p;
}

bool answered(MatterStatus s) {
  return s == MatterStatus::resolved || s == MatterStatus::verified || s == MatterStatus::closed;
}

std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", r * 100.0);
  return buf;
}

std::string n(std::int64_t v) { return std::to_string(v); }

std::string summary_of(const GrassrootsFigures& g) {
  auto rec = [&](const char* k) {
    auto it = g.records.find(k);
    return it == g.records.end() ? std::int64_t{0} : it->second;
  };
  auto meth = [&](const char* k) {
    auto it = g.methods.find(k);
    return it == g.methods.end() ? std::int64_t{0} : it->second;
  };
  std::string s = "本期共开展调研走访" + n(rec("visit")) + "次,其中四不两直" + n(meth("unannounced")) +
                  "次;接待群众" + n(g.batches) + "批" + n(g.persons) + "人次;";
  std::vector<std::string> others;
  if (rec("onsite_office")) others.push_back("现场办公" + n(rec("onsite_office")) + "次");
  if (rec("night_talk")) others.push_back("夜话家常" + n(rec("night_talk")) + "场");
  if (rec("process_walk")) others.push_back("一把手走流程" + n(rec("process_walk")) + "次");
  if (rec("patrol") || rec("joint_inspection"))
    others.push_back("巡查" + n(rec("patrol") + rec("joint_inspection")) + "次");
  if (rec("joint_meeting")) others.push_back("联席会议" + n(rec("joint_meeting")) + "次");
  if (!others.empty()) {
    s += "开展";
    for (std::size_t i = 0; i < others.size(); ++i) s += (i ? "、" : "") + others[i];
    s += ";";
  }
  s += "收集意见建议" + n(g.matters_raised) + "条,提出办法举措" + n(g.measures_proposed) +
       "条,已解决" + n(g.solved) + "件";
  if (g.resolution_rate) s += ",解决率" + percent(*g.resolution_rate) + "%";
  return s;
}

}  // namespace

Result<GrassrootsFigures> RecordService::grassroots(const Actor& actor, const GrassrootsQuery& q) {
  if (!actor.has_work_role()) return forbidden("只有工作人员可以查看四下基层统计");
  auto period = period_of(q.from, q.to, ctx_.clock().now(), 30);
  if (!period) return period.error();
  RecordFilter f;
  f.scope = scope_of(actor);
  f.recorded_by = actor.user_id;
  f.from = format_date(period->from);
  f.to = format_date(period->to);
  f.limit = kAllRecords;
  GrassrootsFigures g;
  g.from = period->from;
  g.to = period->to;
  for (const auto& k : record_kinds()) {
    g.records[std::string(k.code)] = 0;
    g.kinds[std::string(k.code)] = {};
    for (const auto& m : k.methods) g.methods[std::string(m.code)] = 0;
  }
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    if (!q.org.empty()) {
      const CatalogPtr catalog = ctx_.catalog(tx);
      const Org* o = catalog->orgs().find_code(q.org);
      if (!o) return invalid("单位“" + q.org + "”不存在", "org");
      f.org = o->id;
    }
    for (const Record& r : db::list_records(tx, f).items) {
      GrassrootsKind& k = g.kinds[r.kind];
      ++g.records[r.kind];
      ++k.records;
      if (!r.method.empty()) ++g.methods[r.method];
      if (r.kind == "reception") {
        if (auto it = r.counts.find("batches"); it != r.counts.end()) g.batches += it->second;
        if (auto it = r.counts.find("persons"); it != r.counts.end()) g.persons += it->second;
      }
      const SubjectRef subject{kSubjectRecord, r.id};
      for (const Measure& ms : db::measures_of(tx, subject)) {
        if (ms.status == MeasureStatus::cancelled) continue;
        ++k.decisions;
        ++g.measures_proposed;
        if (ms.status == MeasureStatus::done) {
          ++k.decisions_done;
          ++g.measures_done;
        }
      }
      for (const Matter& m : db::matters_from_source(tx, subject)) {
        if (m.status == MatterStatus::merged) continue;
        ++g.matters_raised;
        ++k.matters;
        ++g.channels[std::string(code(m.channel))];
        if (answered(m.status)) ++k.answered;
        if (m.status == MatterStatus::closed) ++k.closed;
        if (m.solved && *m.solved) {
          ++g.solved;
          ++k.solved;
        }
        for (const Measure& ms : db::measures_of(tx, m.id)) {
          if (ms.status == MeasureStatus::cancelled) continue;
          ++g.measures_proposed;
          if (ms.status == MeasureStatus::done) ++g.measures_done;
        }
      }
    }
    return ok();
  });
  if (!st) return st.error();
  if (g.matters_raised > 0)
    g.resolution_rate = static_cast<double>(g.solved) / static_cast<double>(g.matters_raised);
  g.summary_text = summary_of(g);
  return g;
}

Result<Dossier> RecordService::dossier(const Actor& actor, const std::string& username,
                                       const std::string& from, const std::string& to) {
  auto period = period_of(from, to, ctx_.clock().now(), 365);
  if (!period) return period.error();
  const bool overseer = actor.is_admin() || actor.has(Role::supervisor);
  const char* kRefused = "干部纪实仅本人、所在单位领导、督查和管理人员可以查看";
  Dossier d;
  TxError te;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto user = db::user_by_username(tx, username);
    if (!user) return overseer ? not_found("用户不存在") : forbidden(kRefused);
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    std::vector<const Org*> their_orgs;
    for (const auto& ur : db::roles_of(tx, user->id))
      if (const Org* o = orgs.find(ur.org_id)) their_orgs.push_back(o);
    bool allowed = actor.user_id == user->id || actor.is_admin();
    for (const auto& g : actor.roles) {
      if (g.role != Role::unit_leader && g.role != Role::supervisor) continue;
      for (const Org* o : their_orgs)
        if (!g.org.parent || (g.role == Role::supervisor && in_subtree(o->path, g.org.path)) ||
            (g.role == Role::unit_leader && o->id == g.org.id))
          allowed = true;
    }
    if (!allowed) return forbidden(kRefused);
    d.username = user->username;
    d.display_name = user->display_name;
    for (const Org* o : their_orgs) d.orgs.push_back({o->code, o->name});
    RecordFilter f;
    f.scope.all = true;  // the dossier's readers are checked above; scope is the official's
    f.person = user->id;
    f.from = format_date(period->from);
    f.to = format_date(period->to);
    f.limit = kAllRecords;
    for (Record& r : db::list_records(tx, f).items) {
      const SubjectRef subject{kSubjectRecord, r.id};
      for (const Matter& m : db::matters_from_source(tx, subject)) {
        DossierMatter dm;
        dm.code = m.code;
        dm.title = m.title;
        dm.record_code = r.code;
        dm.status = m.status;
        dm.solved = m.solved;
        dm.satisfaction = m.satisfaction;
        if (m.lead_org_id)
          if (const Org* o = orgs.find(*m.lead_org_id)) dm.lead = {o->code, o->name};
        d.matters.push_back(std::move(dm));
      }
      for (auto& ms : db::measures_of(tx, subject)) {
        OrgRef owner;
        if (ms.owner_org_id)
          if (const Org* o = orgs.find(*ms.owner_org_id)) owner = {o->code, o->name};
        d.measures.push_back({{std::move(ms), owner}, r.code});
      }
      RecordView v;
      if (const Org* o = orgs.find(r.place_org_id)) v.place = {o->code, o->name};
      v.record = std::move(r);
      d.records.push_back(std::move(v));
    }
    return ok();
  });
  if (!st) return te.take(st);
  return d;
}

}  // namespace huiyin
