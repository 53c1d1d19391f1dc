// The 四下基层 figures (GET /api/v1/stats/grassroots) and an official's record (干部纪实, GET
// /api/v1/dossier/{username}), both read from the records and the matters they raised through
// the matters feature's published query functions; and the source condition the matter list
// and the ledger filter by (record_source_condition), which the figures count through too.
#include <cstdio>

#include "domain/calendar.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_store.hpp"
#include "features/matters/matters.hpp"
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

Result<std::function<void(sql::QueryBuilder&)>> record_source_condition(
    Tx& tx, const Actor& actor, const MatterQuery& q, const CatalogSnapshot& cat) {
  RecordFilter f;  // what the record list and the figures read: scope, or recorded by the asker
  f.scope = scope_of(actor);
  f.recorded_by = actor.user_id;
  if (!q.source_kind.empty() && q.source_kind != "any") {
    if (!record_kind(q.source_kind))
      return invalid("工作记录类型“" + q.source_kind + "”无效", "source_kind");
    f.kind = q.source_kind;
  }
  if (!q.source_record.empty()) {
    auto r = db::record_by_code(tx, q.source_record);
    if (!r) return invalid("工作记录“" + q.source_record + "”不存在", "source_record");
    f.id = r->id;
  }
  auto from = optional_date(q.source_from, "source_from");
  if (!from) return from.error();
  auto to = optional_date(q.source_to, "source_to");
  if (!to) return to.error();
  if (*from && *to && **from > **to) return invalid("开始日期不能晚于结束日期", "source_from");
  if (*from) f.from = format_date(**from);
  if (*to) f.to = format_date(**to);
  if (!q.source_org.empty()) {
    const Org* o = cat.orgs().find_code(q.source_org);
    if (!o) return invalid("单位“" + q.source_org + "”不存在", "source_org");
    f.org = o->id;
  }
  return std::function<void(sql::QueryBuilder&)>([f](sql::QueryBuilder& qb) {
    qb.sql += " AND m.source_kind = " + qb.bind(std::string(kSubjectRecord)) +
              " AND m.source_id IN (SELECT r.id FROM records r WHERE 1 = 1";
    db::add_record_conditions(qb, f);
    qb.sql += ")";
  });
}

MatterQuery grassroots_matter_query(const GrassrootsFigures& g, const std::string& org,
                                    const std::string& kind) {
  MatterQuery q;
  q.source_kind = kind.empty() ? "any" : kind;
  q.source_from = format_date(g.from);
  q.source_to = format_date(g.to);
  q.source_org = org;
  return q;
}

Result<GrassrootsFigures> RecordService::grassroots(const Actor& actor, const GrassrootsQuery& q) {
  if (!actor.has_work_role()) return forbidden("只有工作人员可以查看四下基层统计");
  const Instant now = ctx_.clock().now();
  auto period = period_of(q.from, q.to, now, 30);
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
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    if (!q.org.empty()) {
      const Org* o = orgs.find_code(q.org);
      if (!o) return invalid("单位“" + q.org + "”不存在", "org");
      f.org = o->id;
      g.scope = o->name;
    } else if (!scope_of(actor).all && !actor.roles.empty()) {
      g.scope = actor.primary_org().name;
    } else if (const Org* root = orgs.root()) {
      g.scope = root->name;
    }
    auto owner_of = [&](const Measure& ms) {
      OrgRef owner;
      if (ms.owner_org_id)
        if (const Org* o = orgs.find(*ms.owner_org_id)) owner = {o->code, o->name};
      return owner;
    };
    for (const Record& r : db::list_records(tx, f).items) {
      GrassrootsKind& k = g.kinds[r.kind];
      ++g.records[r.kind];
      ++k.records;
      if (!r.method.empty()) ++g.methods[r.method];
      if (r.kind == "reception") {
        if (auto it = r.counts.find("batches"); it != r.counts.end()) g.batches += it->second;
        if (auto it = r.counts.find("persons"); it != r.counts.end()) g.persons += it->second;
      }
      for (Measure& ms : db::measures_of(tx, SubjectRef{kSubjectRecord, r.id})) {
        if (ms.status == MeasureStatus::cancelled) continue;
        ++k.decisions;
        if (ms.status == MeasureStatus::done) ++k.decisions_done;
        OrgRef owner = owner_of(ms);
        g.measure_items.push_back({r.kind, r.code, "", std::move(ms), std::move(owner)});
      }
    }
    // Every matter figure is the length of the matter list with the same filter (the list the
    // figure clicks through to): the same MatterFilter, counted by the same query.
    Status failed = ok();
    auto count = [&](const MatterQuery& mq) -> std::int64_t {
      auto mf = matter_filter_of(tx, actor, mq, *catalog, now, record_source_condition);
      if (!mf) {
        failed = mf.error();
        return 0;
      }
      return db::count_matters(tx, *mf);
    };
    const MatterQuery raised = grassroots_matter_query(g, q.org, "");
    g.matters_raised = count(raised);
    MatterQuery solved = raised;
    solved.solved = true;
    g.solved = count(solved);
    for (Channel c : all<Channel>()) {
      MatterQuery by = raised;
      by.channel = std::string(code(c));
      if (std::int64_t n = count(by)) g.channels[by.channel] = n;
    }
    const MatterReader reader(tx, &actor, orgs);
    for (auto& [kind, k] : g.kinds) {
      MatterQuery of = grassroots_matter_query(g, q.org, kind);
      k.matters = count(of);
      MatterQuery answered = of;
      answered.statuses = {"resolved", "verified", "closed"};
      k.answered = count(answered);
      MatterQuery closed = of;
      closed.statuses = {"closed"};
      k.closed = count(closed);
      MatterQuery kind_solved = of;
      kind_solved.solved = true;
      k.solved = count(kind_solved);
      if (!failed) return failed;
      // The measures of the matters this kind's records raised, as the list reads them.
      auto mf = matter_filter_of(tx, actor, of, *catalog, now, record_source_condition);
      if (!mf) return mf.error();
      mf->limit = 1000;
      for (;;) {
        MatterPage page = db::list_matters(tx, *mf);
        for (const Matter& m : page.items) {
          const MatterSourceRef src = matter_source(tx, m);
          for (Measure& ms : db::measures_of(tx, m.id)) {
            if (ms.status == MeasureStatus::cancelled) continue;
            OrgRef owner = owner_of(ms);
            g.measure_items.push_back(
                {kind, src.code, m.code, reader.measure(m, std::move(ms)), std::move(owner)});
          }
        }
        if (!page.next_cursor) break;
        mf->before_id = page.next_cursor;
      }
    }
    if (!failed) return failed;
    for (const auto& item : g.measure_items) {
      ++g.measures_proposed;
      if (item.measure.status == MeasureStatus::done) ++g.measures_done;
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
