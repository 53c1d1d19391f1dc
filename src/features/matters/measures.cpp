#include "features/matters/measures.hpp"

#include <algorithm>

#include "features/matters/attachments.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_views.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_store.hpp"
#include "store/attachment_store.hpp"
#include "store/measure_store.hpp"

namespace huiyin {
namespace {

const char* kNoMatter = "问题不存在或不在您的管辖范围内";

// Lead and co-units' handlers and unit leaders, dispatchers in scope, admins.
bool may_handle(const Actor& a, const Matter& m, const OrgIndex& orgs) {
  for (const auto& r : a.roles) {
    if (r.role == Role::admin) return true;
    if (r.role == Role::dispatcher) {
      auto roles = roles_for(a, m, Action::accept, orgs);
      if (std::find(roles.begin(), roles.end(), Role::dispatcher) != roles.end()) return true;
    }
    if (r.role == Role::handler || r.role == Role::unit_leader) {
      for (const auto& mo : m.orgs) {
        if (mo.role == MatterOrgRole::subject) continue;
        const Org* o = orgs.find(mo.org_id);
        if (o && in_subtree(o->path, r.org.path)) return true;
      }
    }
  }
  return false;
}

// A rejected, merged or struck-off (销号) matter takes no more measures; reopening it does.
Status check_open_for_measures(const Matter& m) {
  if (m.status == MatterStatus::rejected || m.status == MatterStatus::merged ||
      m.status == MatterStatus::closed)
    return conflict("该问题" + std::string(label(m.status)) + ",不能再填报或修改整改措施");
  return ok();
}

Status check_content(const std::string& s) {
  if (!valid_utf8(s)) return invalid("整改措施含有无效的字符编码", "content");
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) return invalid("请填写整改措施", "content");
  if (utf8_length(s) > 2000) return invalid("整改措施不能超过2000个字", "content");
  return ok();
}

Status check_progress(int p) {
  if (p < 0 || p > 100) return invalid("整改进展应为0至100", "progress");
  return ok();
}

Status check_evidence(const std::string& s) {
  if (!valid_utf8(s) || utf8_length(s) > 2000) return invalid("佐证材料无效或过长", "evidence");
  return ok();
}

Status check_evidence_files(const std::vector<std::string>& files, int max) {
  if (files.size() > static_cast<std::size_t>(max))
    return invalid("佐证材料一次最多" + std::to_string(max) + "个", "evidence_files");
  return ok();
}

// Links the actor's own uploads to the measure as evidence, in the measure's transaction.
Result<std::vector<Attachment>> link_evidence_files(Tx& tx, const std::vector<std::string>& files,
                                                    const Actor& actor, Id measure_id) {
  auto claimed = claim_uploads(tx, files, &actor, UploadUse::evidence, "evidence_files");
  if (!claimed) return claimed.error();
  for (const auto& a : *claimed)
    if (Status s = db::link_evidence(tx, a.id, measure_id); !s) return s.error();
  return db::evidence_of(tx, measure_id);
}

nlohmann::json measure_json(const Measure& m) {
  nlohmann::json j = {{"measure", m.id},
                      {"content", m.content},
                      {"progress", m.progress},
                      {"status", std::string(code(m.status))}};
  if (m.deadline) j["deadline"] = format_date(local_date(*m.deadline));
  return j;
}

}  // namespace

Result<MeasureView> MeasureService::add(const Actor& actor, const std::string& matter_code,
                                        const MeasureInput& in) {
  if (Status st = check_content(in.content); !st) return st.error();
  if (in.progress)
    if (Status st = check_progress(*in.progress); !st) return st.error();
  if (Status st = check_evidence(in.evidence); !st) return st.error();
  if (Status st = check_evidence_files(in.evidence_files, ctx_.config().max_attachments_per_matter);
      !st)
    return st.error();
  if (!valid_utf8(in.owner_name) || utf8_length(in.owner_name) > 50)
    return invalid("责任人不能超过50个字", "owner_name");
  MeasureStatus status = MeasureStatus::planned;
  if (!in.status.empty()) {
    auto s = parse_measure_status(in.status);
    if (!s) return invalid("措施状态无效", "status");
    status = *s;
  }
  auto deadline = optional_date(in.deadline, "deadline");
  if (!deadline) return deadline.error();

  const Instant now = ctx_.clock().now();
  TxError te;
  MeasureView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, matter_code);
    if (!m) return te.fail(not_found(kNoMatter));
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    if (!can_see(actor, *m, cat.orgs())) return te.fail(not_found(kNoMatter));
    if (!may_handle(actor, *m, cat.orgs())) return te.fail(forbidden("您无权为该问题填报整改措施"));
    if (Status s = check_open_for_measures(*m); !s) return te.fail(s.error());
    Measure ms;
    ms.matter_id = m->id;
    ms.content = in.content;
    if (!in.owner_org.empty()) {
      const Org* o = cat.orgs().find_code(in.owner_org);
      if (!o) return te.fail(invalid("责任单位“" + in.owner_org + "”不存在", "owner_org"));
      if (!o->active) return te.fail(invalid("责任单位“" + o->name + "”已停用", "owner_org"));
      ms.owner_org_id = o->id;
    }
    ms.owner_name = in.owner_name;
    if (*deadline) ms.deadline = end_of_local_day(**deadline);
    ms.progress = in.progress.value_or(status == MeasureStatus::done ? 100 : 0);
    ms.status = status;
    ms.evidence = in.evidence;
    ms.created_at = ms.updated_at = now;
    auto id = db::insert_measure(tx, ms);
    if (!id) return te.fail(id.error());
    ms.id = *id;
    ms.version = 1;
    auto files = link_evidence_files(tx, in.evidence_files, actor, ms.id);
    if (!files) return te.fail(files.error());
    nlohmann::json payload = measure_json(ms);
    if (!files->empty()) payload["evidence_files"] = files->size();
    auto ev = tx.append_event(make_event("measure_add", m->id, &actor, "", now, payload));
    if (!ev) return ev.error();
    out = MeasureView{MatterReader(tx, &actor, cat.orgs()).measure(*m, ms), m->code,
                      cat.org_ref(ms.owner_org_id), std::move(*files)};
    return ok();
  });
  if (!st) return te.take(st);
  return out;
}

Result<std::vector<MeasureView>> MeasureService::list(const Actor& actor,
                                                      const std::string& matter_code) {
  Result<std::vector<MeasureView>> out = not_found(kNoMatter);
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, matter_code);
    if (!m) return ok();
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    if (!can_see(actor, *m, cat.orgs())) return ok();
    const MatterReader reader(tx, &actor, cat.orgs());
    std::vector<MeasureView> v;
    for (auto& ms : db::measures_of(tx, m->id)) {
      auto owner = cat.org_ref(ms.owner_org_id);
      auto files = reader.evidence(*m, db::evidence_of(tx, ms.id));
      v.push_back({reader.measure(*m, std::move(ms)), m->code, owner, std::move(files)});
    }
    out = std::move(v);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<MeasureView> MeasureService::update(const Actor& actor, Id measure_id,
                                           const MeasurePatch& patch,
                                           std::int64_t expected_version) {
  if (patch.content)
    if (Status st = check_content(*patch.content); !st) return st.error();
  if (patch.progress)
    if (Status st = check_progress(*patch.progress); !st) return st.error();
  if (patch.evidence)
    if (Status st = check_evidence(*patch.evidence); !st) return st.error();
  if (patch.owner_name && (!valid_utf8(*patch.owner_name) || utf8_length(*patch.owner_name) > 50))
    return invalid("责任人不能超过50个字", "owner_name");
  if (Status st =
          check_evidence_files(patch.evidence_files, ctx_.config().max_attachments_per_matter);
      !st)
    return st.error();
  std::optional<MeasureStatus> status;
  if (patch.status) {
    status = parse_measure_status(*patch.status);
    if (!status) return invalid("措施状态无效", "status");
  }
  std::optional<std::optional<Date>> deadline;
  if (patch.deadline) {
    auto d = optional_date(*patch.deadline, "deadline");
    if (!d) return d.error();
    deadline = *d;
  }

  const Instant now = ctx_.clock().now();
  TxError te;
  MeasureView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto ms = db::measure_by_id(tx, measure_id);
    if (!ms) return te.fail(not_found("整改措施不存在"));
    auto m = db::matter_by_id(tx, ms->matter_id);
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    if (!m || !can_see(actor, *m, cat.orgs())) return te.fail(not_found("整改措施不存在"));
    if (!may_handle(actor, *m, cat.orgs())) return te.fail(forbidden("您无权修改该整改措施"));
    if (Status s = check_open_for_measures(*m); !s) return te.fail(s.error());
    if (ms->version != expected_version)
      return te.fail(conflict("该整改措施已被他人修改,请刷新后重试"));
    Measure next = *ms;
    if (patch.content) next.content = *patch.content;
    if (patch.progress) next.progress = *patch.progress;
    if (status) next.status = *status;
    if (patch.evidence) next.evidence = *patch.evidence;
    if (patch.owner_name) next.owner_name = *patch.owner_name;
    if (deadline) {
      if (*deadline) next.deadline = end_of_local_day(**deadline);
      else next.deadline.reset();
    }
    next.updated_at = now;
    if (Status s = db::update_measure(tx, next, expected_version); !s) return te.fail(s.error());
    next.version = expected_version + 1;
    auto files = link_evidence_files(tx, patch.evidence_files, actor, next.id);
    if (!files) return te.fail(files.error());
    nlohmann::json payload = measure_json(next);
    if (!patch.evidence_files.empty()) payload["evidence_files"] = patch.evidence_files.size();
    auto ev = tx.append_event(make_event("measure_update", m->id, &actor, "", now, payload));
    if (!ev) return ev.error();
    out = MeasureView{MatterReader(tx, &actor, cat.orgs()).measure(*m, next), m->code,
                      cat.org_ref(next.owner_org_id), std::move(*files)};
    return ok();
  });
  if (!st) return te.take(st);
  return out;
}

}  // namespace huiyin
