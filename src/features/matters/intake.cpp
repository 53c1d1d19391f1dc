#include "features/matters/intake.hpp"
#include "features/matters/intake_write.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/deadline_rules.hpp"
#include "domain/phone.hpp"
#include "domain/state_machine.hpp"
#include "features/matters/attachments.hpp"
#include "features/matters/matter_actions.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_views.hpp"
#include "features/matters/petition.hpp"
#include "features/matters/search_text.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_store.hpp"
#include "store/attachment_store.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {



namespace {

Status validate(const IntakeRequest& r, std::size_t max_attachments) {
  if (Status st = check_text(r.title, "title", "标题", 1, kMaxTitleChars); !st) return st;
  if (Status st = check_text(r.content, "content", "详细描述", 1, kMaxContentChars); !st) return st;
  if (Status st = check_text(r.address, "location.address", "地点", 0, 200); !st) return st;
  if (Status st = check_text(r.contact_name, "contact.name", "联系人", 0, 50); !st) return st;
  if (!r.kind.empty() && !parse_kind(r.kind)) return invalid("诉求类型无效", "kind");
  if (!r.channel.empty() && !parse_channel(r.channel)) return invalid("来源渠道无效", "channel");
  if (r.lat && (!std::isfinite(*r.lat) || *r.lat < -90 || *r.lat > 90))
    return invalid("纬度应在-90至90之间", "location.lat");
  if (r.lng && (!std::isfinite(*r.lng) || *r.lng < -180 || *r.lng > 180))
    return invalid("经度应在-180至180之间", "location.lng");
  if (r.lat.has_value() != r.lng.has_value())
    return invalid("经纬度须同时填写", r.lat ? "location.lng" : "location.lat");
  if (!r.anonymous && !r.contact_phone.empty() && !valid_phone(r.contact_phone))
    return invalid("联系电话格式不正确(手机号为11位,以13-19开头;座机如0731-12345678)",
                   "contact.phone");
  if (r.attachments.size() > max_attachments)
    return invalid("照片最多" + std::to_string(max_attachments) + "张", "attachments");
  return ok();
}

// What an Idempotency-Key is bound to: a hash of the request as the service read it, and the
// signed-in recorder (0: the public). Stored with the receipt.
struct KeyBinding {
  std::string body_sha256;
  Id user = 0;
};

KeyBinding binding_of(const IntakeRequest& r, const Actor* recorder) {
  // Every field as name, length and bytes (raw, so invalid text hashes apart, never throws).
  std::string canon;
  auto add = [&](std::string_view name, std::string_view v) {
    canon.append(name).append(":").append(std::to_string(v.size())).append(":").append(v);
  };
  auto add_number = [&](std::string_view name, const std::optional<double>& v) {
    char buf[40];
    int n = v ? std::snprintf(buf, sizeof buf, "%.17g", *v) : std::snprintf(buf, sizeof buf, "-");
    add(name, std::string_view(buf, static_cast<std::size_t>(n)));
  };
  add("title", r.title);
  add("content", r.content);
  add("category", r.category);
  add("kind", r.kind);
  add("channel", r.channel);
  add("address", r.address);
  add("district", r.district);
  add_number("lat", r.lat);
  add_number("lng", r.lng);
  add("contact_name", r.contact_name);
  add("contact_phone", r.contact_phone);
  add("anonymous", r.anonymous ? "1" : "0");
  add("public_consent", r.public_consent ? "1" : "0");
  for (const auto& a : r.attachments) add("attachment", a);
  add("campaign", r.campaign);
  if (!r.source.empty()) add("source", r.source.kind + ":" + std::to_string(r.source.id));
  if (r.assign) {
    add("assign.lead_org", r.assign->lead_org);
    add("assign.handling_class", r.assign->handling_class);
    add("assign.deadline", r.assign->deadline);
    add("assign.note", r.assign->note);
  }
  return {sha256_of(canon), recorder ? recorder->user_id : 0};
}

bool same_hash(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// `query_code`: the matter has one (receipts stored before 查询码 existed say nothing).
nlohmann::json receipt_json(const IntakeReceipt& r, const KeyBinding& b) {
  return {{"code", r.code},
          {"token", r.token},
          {"query_code", !r.query_code.empty()},
          {"status", std::string(code(r.status))},
          {"body_sha256", b.body_sha256},
          {"user", b.user}};
}

// The stored receipt when `binding` matches the one it was stored with; a replay with another
// body or by another user (or a key stored before keys were bound) is refused, so a key never
// hands out another submission's receipt and token.
Result<IntakeReceipt> replay_of(const std::string& text, const KeyBinding& binding) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("body_sha256") ||
      j.value("body_sha256", "") != binding.body_sha256 || j.value("user", Id{0}) != binding.user)
    return invalid("该 Idempotency-Key 已用于另一份内容不同的提交,请换用新的 Idempotency-Key 后重试",
                   "Idempotency-Key");
  IntakeReceipt r;
  r.code = j.value("code", "");
  r.token = j.value("token", "");
  if (j.value("query_code", false)) r.query_code = query_code_of(r.token);
  r.status = parse_status(j.value("status", "submitted")).value_or(MatterStatus::submitted);
  return r;
}

bool token_matches(const Matter& m, const std::string& token) {
  if (token.empty() || m.token_hash.empty()) return false;
  return same_hash(sha256_of(token), m.token_hash);
}

// The token when one is given, else the access of a verified phone code, else the 查询码 (a
// matter from before 查询码 has none to match).
bool key_matches(Tx& tx, const Matter& m, const TrackKey& key, const OneTimeCodes& codes,
                 Instant now) {
  if (!key.token.empty()) return token_matches(m, key.token);
  if (!key.access.empty()) return codes.grants(tx, key.access, m.code, now);
  const std::string qc = normalize_query_code(key.query_code);
  if (qc.empty()) return false;
  auto stored = db::query_code_hash(tx, m.id);
  return stored && same_hash(query_code_hash_of(m.code, qc), *stored);
}

// A 查询码 try (no token): refused while its source is throttled.
bool by_query_code(const TrackKey& key) {
  return key.token.empty() && key.access.empty() && !key.query_code.empty();
}

Status query_code_allowed(Throttle& throttle, const TrackKey& key, Instant now) {
  if (!by_query_code(key)) return ok();
  if (Instant wait = throttle.query_code_wait(key.source, now); wait > 0)
    return too_many_requests("查询码输错次数过多,请" + std::to_string((wait + 59) / 60) +
                                 "分钟后再试,或使用提交时保存的查询链接",
                             static_cast<long>(wait));
  return ok();
}

std::string public_note(const Event& e) {
  auto j = nlohmann::json::parse(e.payload, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {};
  return j.value("public_note", "");
}

void add_timeline(std::vector<TimelineItem>& out, const std::vector<Event>& events, bool skip_submit) {
  for (const auto& e : events) {
    if (!e.is_public || (skip_submit && e.type == "submit")) continue;
    out.push_back({e.at, e.type, e.to_status, public_note(e)});
  }
}

}  // namespace

Status may_assign_at_intake(const Actor& a, const Org& area, const Org& lead, const OrgIndex& orgs);

namespace {

// The assignment decided on the spot, as `assign` would apply it, in the intake transaction:
// the lead unit (within the recorder's power), the handling class and the deadline.
Result<Matter> assign_on_the_spot(Tx& tx, const CatalogSnapshot& cat, const DeadlineSetup& dl,
                                  const Actor& recorder, const Matter& m,
                                  const IntakeRequest::Assignment& as,
                                  const std::string& source_code, Instant now, TxError& te) {
  auto fail = [&](Error e) -> Result<Matter> {
    (void)te.fail(e);
    return e;
  };
  const Org* lead = cat.orgs().find_code(as.lead_org);
  if (!lead) return fail(invalid("主办单位“" + as.lead_org + "”不存在", "lead_org"));
  const Org* area = m.area_org_id ? cat.orgs().find(*m.area_org_id) : nullptr;
  if (!area) return fail(invalid("现场交办须有所在区域", "location.district"));
  if (Status s = may_assign_at_intake(recorder, *area, *lead, cat.orgs()); !s) {
    Error e = s.error();
    e.field = "lead_org";
    return fail(e);
  }
  ActionInput in;
  in.lead_org = lead->id;
  in.note = as.note;
  in.handling_class = as.handling_class.empty() ? std::optional<HandlingClass>(HandlingClass::phased)
                                                : parse_handling_class(as.handling_class);
  if (!in.handling_class) return fail(invalid("办理类型无效", "handling_class"));
  if (!as.deadline.empty()) {
    auto d = parse_date(as.deadline);
    if (!d) return fail(invalid("日期应为 YYYY-MM-DD", "deadline"));
    if (*d < local_date(now)) return fail(invalid("办理时限不能早于今天", "deadline"));
    in.deadline = end_of_local_day(*d);
  } else {
    in.deadline = dl.rules.due(now, m.channel, *in.handling_class, dl.calendar);
  }
  // The rule of `assign` decides, with the power the on-the-spot decision gives the recorder.
  const Role dispatcher[] = {Role::dispatcher};
  MatterFacts facts{m.status, false, 0, m.channel == Channel::petition};
  auto to = decide(facts, Action::assign, in, dispatcher);
  if (!to) return fail(to.error());
  ActionContext c{tx, dl, cat, &recorder, {}, {}, {}, {}, now};
  c.payload_extra["on_the_spot"] = source_code;
  auto stored = apply_action(c, m, Action::assign, in, *to);
  if (!stored) return fail(stored.error());
  return stored;
}

}  // namespace

Status may_assign_at_intake(const Actor& a, const Org& area, const Org& lead, const OrgIndex& orgs) {
  Matter m;
  m.area_org_id = area.id;
  if (may_assign_to(a, m, lead, orgs)) return ok();
  for (const auto& r : a.roles)
    if (r.role == Role::leader && (!r.org.parent || (in_subtree(area.path, r.org.path) &&
                                                     in_subtree(lead.path, r.org.path))))
      return ok();
  return forbidden("只有本区域的派单人员或带队领导可以现场交办至“" + lead.name + "”");
}

Result<IntakeReceipt> IntakeService::submit(const IntakeRequest& typed, const std::string& key,
                                            const Actor* recorder) {
  // A phone pasted as "138 1234 5678" or "+86 138…" is kept (and checked) as its digits, in the
  // one form the lookup by phone compares (domain/phone).
  IntakeRequest req = typed;
  req.contact_phone = stored_phone(typed.contact_phone);
  if (key.size() > 200) return invalid("Idempotency-Key 过长", "Idempotency-Key");
  const std::string idem_key = key.empty() ? std::string() : "intake:" + key;
  const KeyBinding binding = binding_of(req, recorder);
  if (!idem_key.empty()) {
    std::optional<std::string> stored;
    Status st = ctx_.store().read([&](Tx& tx) -> Status {
      stored = db::idempotent_response(tx, idem_key);
      return ok();
    });
    if (!st) return st.error();
    if (stored) return replay_of(*stored, binding);
  }
  if (Status st = validate(req, ctx_.config().max_attachments_per_matter); !st) return st.error();

  const Instant now = ctx_.clock().now();
  const Channel channel = req.channel.empty() ? Channel::web : *parse_channel(req.channel);
  // Channels that only staff record (hotline, petition, visits...) cannot be claimed by the
  // public: a web form is a web matter.
  if (!recorder && channel != Channel::web && channel != Channel::open311)
    return invalid("群众反映只能通过网上渠道提交,“" + std::string(label(channel)) +
                       "”渠道的问题由工作人员登记",
                   "channel");
  const Kind kind = req.kind.empty() ? Kind::problem : *parse_kind(req.kind);
  if (req.assign && !recorder) return forbidden("群众反映不能直接交办");
  IntakeReceipt receipt;
  receipt.token = random_token(24);
  receipt.query_code = query_code_of(receipt.token);
  TxError te;
  std::optional<Result<IntakeReceipt>> replay;
  std::optional<Matter> saved;

  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (!idem_key.empty())
      if (auto stored = db::idempotent_response(tx, idem_key)) {
        replay = replay_of(*stored, binding);
        return ok();
      }
    Matter m;
    m.source = req.source;
    if (!req.category.empty() || !req.district.empty() || !req.campaign.empty()) {
      const CatalogPtr catalog = ctx_.catalog(tx);
      if (!req.category.empty()) {
        const Category* c = catalog->category_code(req.category);
        if (!c || !c->active)
          return te.fail(invalid("问题类别“" + req.category + "”不存在", "category"));
        m.category_id = c->id;
      }
      if (!req.district.empty()) {
        const Org* org = catalog->orgs().find_code(req.district);
        if (!org || org->kind != OrgKind::area)
          return te.fail(invalid("所在区域“" + req.district + "”不存在", "location.district"));
        if (!org->active)
          return te.fail(invalid("所在区域“" + org->name + "”已停用,请选择现在的区域", "location.district"));
        m.area_org_id = org->id;
      }
      if (!req.campaign.empty()) {
        const Campaign* c = catalog->campaign_code(req.campaign);
        if (!c) return te.fail(invalid("活动“" + req.campaign + "”不存在", "campaign"));
        m.campaign_id = c->id;
      }
    }
    auto photos = claim_uploads(tx, req.attachments, recorder, UploadUse::intake_photo,
                                "attachments");
    if (!photos) return te.fail(photos.error());

    Reporter rep;
    rep.anonymous = req.anonymous;
    if (!req.anonymous) {
      rep.name = req.contact_name;
      rep.phone = req.contact_phone;
    }
    m.title = req.title;
    m.content = req.content;
    m.channel = channel;
    m.kind = kind;
    m.address = req.address;
    m.lat = req.lat;
    m.lng = req.lng;
    m.public_consent = req.public_consent;
    IntakeWrite w{m, rep, ctx_.config().code_prefix, receipt.token, receipt.query_code,
                  req.source_kind, req.source_code, req.attachments.size(), recorder, now,
                  [&](Tx& t, Id mid) -> Status {
                    for (const Attachment& a : *photos)
                      if (Status s = db::link_attachment(t, a.id, mid); !s) return s;
                    return ok();
                  }};
    auto stored = write_intake(tx, w);
    if (!stored) return stored.error();
    m = std::move(*stored);
    receipt.code = m.code;
    saved = m;
    receipt.status = MatterStatus::submitted;
    if (req.assign) {
      auto assigned = assign_on_the_spot(tx, *ctx_.catalog(tx), *ctx_.deadlines(), *recorder, m,
                                         *req.assign, req.source_code, now, te);
      if (!assigned) return assigned.error();
      saved = *assigned;
      receipt.status = assigned->status;
    }
    if (!idem_key.empty())
      if (Status s = db::put_idempotent_response(tx, idem_key, receipt_json(receipt, binding).dump(),
                                                now);
          !s)
        return s;
    return ok();
  });
  if (replay) return *replay;
  if (!st) {
    // A concurrent retry with the same key may have won the race: answer with its receipt.
    if (!idem_key.empty() && !te.error) {
      std::optional<std::string> stored;
      Status r = ctx_.store().read([&](Tx& tx) -> Status {
        stored = db::idempotent_response(tx, idem_key);
        return ok();
      });
      if (r && stored) return replay_of(*stored, binding);
    }
    return te.take(st);
  }
  if (DuplicateService* dups = ctx_.duplicates(); dups && saved) {
    dups->matter_saved(*saved);
    if (recorder) receipt.similar = dups->similar_codes(*recorder, *saved);
  }
  return receipt;
}

namespace {

Result<TrackView> build_track(Tx& tx, const CatalogSnapshot& cat, const Matter& m, Instant now) {
  TrackView v;
  v.code = m.code;
  v.title = m.title;
  v.content = m.content;
  v.created_at = m.created_at;
  const Matter* shown = &m;
  std::optional<Matter> kept;
  if (m.merged_into) {
    kept = db::matter_by_id(tx, *m.merged_into);
    // Follow a chain of merges to the matter that is handled.
    for (int hops = 0; kept && kept->merged_into && hops < 10; ++hops)
      kept = db::matter_by_id(tx, *kept->merged_into);
    if (kept) {
      shown = &*kept;
      v.merged_into = kept->code;
    }
  }
  v.status = shown->status;
  const auto* category = shown->category_id ? cat.category(*shown->category_id)
                         : m.category_id   ? cat.category(*m.category_id)
                                           : nullptr;
  if (category) {
    v.category_code = category->code;
    v.category_name = category->name;
  }
  v.deadline = shown->deadline;
  // The unit's name is public for the reporter (as on the 回音壁); never a handler's name.
  if (auto lead = cat.org_ref(shown->lead_org_id)) v.lead_unit = lead->name;
  // The kept matter of a merge is another person's: its reply is read as the public reads it.
  v.reply = kept ? MatterReader(tx, nullptr, cat.orgs()).text(*kept, kept->reply) : shown->reply;
  v.resolved_at = shown->resolved_at;
  // A merged matter's reporter may evaluate the kept matter's answer once, like its own.
  auto answered = [](MatterStatus s) {
    return s == MatterStatus::resolved || s == MatterStatus::verified ||
           s == MatterStatus::closed;
  };
  v.can_evaluate = kept ? answered(kept->status) && db::evaluations_of(tx, m.id).empty()
                        : m.status == MatterStatus::resolved;
  auto evals = db::evaluations_of(tx, m.id);
  if (!evals.empty()) v.evaluation = evals.back();
  const auto events = tx.events_of(m.id);
  add_timeline(v.timeline, events, false);
  if (!kept && m.channel == Channel::petition) {
    v.petition = petition_progress(m, events, cat.orgs(), now);
    v.petition_request_org = cat.org_ref(v.petition->request_org);
  }
  if (kept) {
    const std::size_t own = v.timeline.size();
    add_timeline(v.timeline, tx.events_of(kept->id), true);
    const MatterReader public_reader(tx, nullptr, cat.orgs());
    for (std::size_t i = own; i < v.timeline.size(); ++i)
      v.timeline[i].note = public_reader.text(*kept, v.timeline[i].note);
  }
  return v;
}

// The reporter of a merged duplicate evaluates the answer of the matter it was merged into:
// one evaluation row and one public event on the merged matter; its status stays `merged`.
Result<TrackView> evaluate_merged(Tx& tx, const CatalogSnapshot& cat, Matter m,
                                  const ActionInput& in, const std::string& comment, Instant now) {
  if (!in.solved) return invalid("请选择问题是否解决", "solved");
  if (!in.satisfaction) return invalid("请选择满意度", "satisfaction");
  std::optional<Matter> kept = db::matter_by_id(tx, *m.merged_into);
  for (int hops = 0; kept && kept->merged_into && hops < 10; ++hops)
    kept = db::matter_by_id(tx, *kept->merged_into);
  if (!kept) return not_found("未找到该问题,请核对编号和查询码");
  if (kept->status != MatterStatus::resolved && kept->status != MatterStatus::verified &&
      kept->status != MatterStatus::closed)
    return conflict("该问题尚未办结,办结后才能评价");
  if (!db::evaluations_of(tx, m.id).empty()) return conflict("您已评价过该问题");
  Evaluation e;
  e.matter_id = m.id;
  e.solved = *in.solved;
  e.satisfaction = *in.satisfaction;
  e.comment = comment;
  e.source = "citizen";
  e.at = now;
  if (auto id = db::insert_evaluation(tx, e); !id) return id.error();
  const std::int64_t expected = m.version;
  m.solved = *in.solved;
  m.satisfaction = *in.satisfaction;
  m.updated_at = now;
  if (Status st = db::update_matter(tx, m, expected); !st) return st.error();
  m.version = expected + 1;
  nlohmann::json p = {{"solved", *in.solved},
                      {"satisfaction", std::string(code(*in.satisfaction))},
                      {"kept", kept->code}};
  if (!comment.empty()) p["comment"] = comment;
  Event ev = make_event("evaluate", m.id, nullptr, "citizen", now, p, true);
  ev.from_status = m.status;
  ev.to_status = m.status;
  if (auto r = tx.append_event(ev); !r) return r.error();
  return build_track(tx, cat, m, now);
}

}  // namespace

std::string normalize_query_code(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (kQueryCodeAlphabet.find(ch) == std::string_view::npos) return {};
    out += ch;
    if (out.size() > kQueryCodeLength) return {};
  }
  return out.size() == kQueryCodeLength ? out : std::string();
}

Result<TrackView> IntakeService::track(const std::string& code, const TrackKey& key) {
  const Instant now = ctx_.clock().now();
  if (Status st = query_code_allowed(ctx_.throttle(), key, now); !st) return st.error();
  Result<TrackView> out = not_found("未找到该问题,请核对编号和查询码");
  bool matched = false;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m || !key_matches(tx, *m, key, codes_, now)) return ok();
    matched = true;
    out = build_track(tx, *ctx_.catalog(tx), *m, now);
    return ok();
  });
  if (!st) return st.error();
  if (!matched && by_query_code(key)) ctx_.throttle().query_code_failed(key.source, now);
  return out;
}

Result<TrackView> IntakeService::citizen_write(const std::string& code, const TrackKey& key,
                                               const CitizenWrite& write) {
  const Instant now = ctx_.clock().now();
  if (Status st = query_code_allowed(ctx_.throttle(), key, now); !st) return st.error();
  auto deadlines = ctx_.deadlines();
  TxError te;
  Result<TrackView> out = not_found("未找到该问题,请核对编号和查询码");
  std::optional<Matter> saved;
  bool wrong_key = false;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m || !key_matches(tx, *m, key, codes_, now)) {
      wrong_key = true;
      return te.fail(not_found("未找到该问题,请核对编号和查询码"));
    }
    const CatalogPtr catalog = ctx_.catalog(tx);
    CitizenStep step{tx, *catalog, *deadlines, *m, now, saved};
    out = write(step);
    if (!out) return te.fail(out.error());
    return ok();
  });
  if (wrong_key && by_query_code(key)) ctx_.throttle().query_code_failed(key.source, now);
  if (!st) return te.take(st);
  if (DuplicateService* dups = ctx_.duplicates(); dups && saved) dups->matter_saved(*saved);
  return out;
}

Result<TrackView> IntakeService::evaluate(const std::string& code, const TrackKey& key,
                                          const EvaluationRequest& req) {
  ActionInput in;
  in.solved = req.solved;
  if (!req.satisfaction.empty()) {
    in.satisfaction = parse_satisfaction(req.satisfaction);
    if (!in.satisfaction) return invalid("满意度无效", "satisfaction");
  }
  if (!valid_utf8(req.comment)) return invalid("意见含有无效的字符编码", "comment");
  if (utf8_length(req.comment) > 500) return invalid("意见不能超过500个字", "comment");
  return citizen_write(code, key, [&](CitizenStep& s) -> Result<TrackView> {
    if (s.m.merged_into) return evaluate_merged(s.tx, s.cat, s.m, in, req.comment, s.now);
    MatterFacts facts{s.m.status, s.m.extension_pending, s.m.extensions_granted,
                      s.m.channel == Channel::petition};
    const Role citizen[] = {Role::citizen};
    auto to = decide(facts, Action::evaluate, in, citizen);
    if (!to) return to.error();
    ActionContext c{s.tx, s.deadlines, s.cat, nullptr, req.comment, {}, {}, {}, s.now};
    auto stored = apply_action(c, s.m, Action::evaluate, in, *to);
    if (!stored) return stored.error();
    s.saved = *stored;
    return build_track(s.tx, s.cat, *stored, s.now);
  });
}

Result<TrackView> IntakeService::petition_request(const std::string& code, const TrackKey& key,
                                                  const PetitionRequest& req) {
  std::optional<Action> asked;
  if (!req.action.empty()) {
    asked = parse_action(req.action);
    if (asked != Action::review_request && asked != Action::recheck_request)
      return invalid("请求类型无效(review_request 或 recheck_request)", "action");
  }
  if (!valid_utf8(req.reason)) return invalid("理由含有无效的字符编码", "reason");
  if (utf8_length(req.reason) > kMaxReasonChars) return invalid("理由不能超过2000个字", "reason");
  return citizen_write(code, key, [&](CitizenStep& s) -> Result<TrackView> {
    if (s.m.channel != Channel::petition || s.m.merged_into)
      return conflict("只有信访事项可以请求复查、复核");
    const PetitionProgress progress = petition_progress(s.m, s.tx.events_of(s.m.id), s.cat.orgs(), s.now);
    const Action action =
        asked.value_or(next_petition_request(progress.stage).value_or(Action::recheck_request));
    ActionInput in;
    in.reason = req.reason;
    const Role citizen[] = {Role::citizen};
    auto to = decide(with_petition(facts_of(s.m), progress, s.now), action, in, citizen);
    if (!to) return to.error();
    ActionContext c{s.tx, s.deadlines, s.cat, nullptr, {}, {}, {}, {}, s.now};
    if (Status ps = prepare_petition_request(s.m, progress, s.cat, action, in, c.payload_extra); !ps)
      return ps.error();
    auto stored = apply_action(c, s.m, action, in, *to);
    if (!stored) return stored.error();
    s.saved = *stored;
    return build_track(s.tx, s.cat, *stored, s.now);
  });
}

}  // namespace huiyin
