#include "demo/demo_seed_plan.hpp"

#include <algorithm>
#include <map>

#include "demo/demo_seed_text.hpp"

namespace huiyin {
namespace {

constexpr Instant kMin = 60, kHour = 3600, kDay = 86400;

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string suffix_of(const std::string& dept) {  // "430200-CGJ" -> "CGJ"
  auto pos = dept.find('-');
  return pos == std::string::npos ? std::string() : dept.substr(pos + 1);
}

std::string person_of(const std::string& display) {  // "张伟（市城管局）" -> "张伟"
  auto pos = display.find("（");
  return pos == std::string::npos ? display : display.substr(0, pos);
}

// Final statuses and how many of every hundred matters end there, roughly as in a working
// hotline: most closed, a tail in every other state.
struct TargetWeight {
  MatterStatus status;
  int weight;
};
const TargetWeight kTargets[] = {
    {MatterStatus::closed, 190},  {MatterStatus::verified, 28}, {MatterStatus::resolved, 30},
    {MatterStatus::signed_, 42},  {MatterStatus::assigned, 18}, {MatterStatus::accepted, 12},
    {MatterStatus::submitted, 16}, {MatterStatus::returned, 10}, {MatterStatus::rejected, 22},
    {MatterStatus::reopened, 16}, {MatterStatus::merged, 16},
};

struct ChannelWeight {
  Channel channel;
  int weight;
};
const ChannelWeight kChannels[] = {
    {Channel::web, 26},       {Channel::hotline, 40},    {Channel::visit, 9},
    {Channel::petition, 5},   {Channel::onsite_office, 6}, {Channel::night_talk, 7},
    {Channel::open311, 3},    {Channel::process_walk, 1}, {Channel::patrol, 3},
};

bool staff_channel(Channel c) {
  return c != Channel::web && c != Channel::open311 && c != Channel::hotline;
}

// What one matter is about and where, decided before its steps are laid out.
struct Spec {
  MatterStatus target = MatterStatus::submitted;
  const DemoProblem* problem = nullptr;
  Channel channel = Channel::web;
  const DemoOrg* area = nullptr;
  std::string district;
  std::uint64_t text_seed = 0;
  Instant created = 0;
  int merge_into = -1;
  bool anonymous = false;
};

class Planner {
 public:
  Planner(const DemoData& d, const DeadlineSetup& dl, const DemoPlanOptions& o)
      : d_(d), dl_(dl), o_(o), rng_(o.seed), limit_(o.now - 5 * kMin) {
    index_people();
    index_areas();
    subs_ = sub_categories();
  }

  std::vector<DemoMatterPlan> run() {
    std::vector<DemoMatterPlan> out;
    for (int i = 0; i < o_.matters; ++i) {
      specs_.push_back(spec_for(i));
      out.push_back(build(i, specs_.back()));
    }
    return out;
  }

 private:
  // ---- who is who -------------------------------------------------------------------------
  void index_people() {
    for (const auto& u : d_.users)
      for (const auto& g : u.roles) {
        const DemoOrg* o = d_.org(g.org);
        if (g.role == "dispatcher" && o && o->parent.empty() && city_dispatcher_.empty()) {
          city_dispatcher_ = u.username;
          city_code_ = o->code;
        }
        if (g.role == "dispatcher" && o && o->level == 2 && o->kind == OrgKind::area)
          district_dispatcher_.emplace(o->code, u.username);
        if (g.role == "supervisor" && supervisor_.empty()) supervisor_ = u.username;
        if (g.role == "collector" && collector_.empty()) {
          collector_ = u.username;
          collector_area_ = o;
        }
        if (g.role == "admin" && admin_.empty()) admin_ = u.username;
      }
    if (supervisor_.empty()) supervisor_ = admin_;
    if (city_dispatcher_.empty()) city_dispatcher_ = admin_;
  }

  std::string district_of(const DemoOrg* o) const {
    while (o && !(o->kind == OrgKind::area && o->level == 2)) o = d_.org(o->parent);
    return o ? o->code : std::string();
  }

  void index_areas() {
    std::map<std::string, int> l3, l4;
    for (const auto& o : d_.orgs) {
      if (o.kind != OrgKind::area || o.level < 3) continue;
      std::string dist = district_of(&o);
      if (dist.empty()) continue;
      if (o.level == 3) ++l3[dist];
      if (o.level == 4) {
        ++l4[dist];
        (ends_with(o.name, "村") ? villages_ : communities_)[dist].push_back(&o);
      }
      if (o.level == 3) towns_[dist].push_back(&o);
    }
    for (const auto& o : d_.orgs)
      if (o.kind == OrgKind::area && o.level == 2) {
        districts_.push_back(&o);
        district_weight_.push_back(8 + l4[o.code] + l3[o.code] / 2);
      }
    if (collector_area_) collector_district_ = district_of(collector_area_);
  }

  // ---- time -------------------------------------------------------------------------------
  Instant local_seconds(Instant t) const { return (t + kShanghaiOffset) % kDay; }
  Date next_working(Date day) const {
    do day += std::chrono::days(1);
    while (!dl_.calendar.is_working_day(day));
    return day;
  }
  // Moves t into office hours (08:30-18:00 on a working day).
  Instant office(Instant t) {
    Date day = local_date(t);
    Instant sec = local_seconds(t);
    if (dl_.calendar.is_working_day(day) && sec >= 8 * kHour + 30 * kMin && sec < 18 * kHour) return t;
    if (!dl_.calendar.is_working_day(day) || sec >= 18 * kHour) day = next_working(day);
    return start_of_local_day(day) + 8 * kHour + 30 * kMin + rng_.between(0, 100 * kMin);
  }
  // The time `delay` after `prev`, in office hours for staff, always before "now".
  Instant after(Instant prev, Instant delay, bool staff) {
    Instant t = prev + std::max<Instant>(delay, kMin);
    if (staff) t = office(t);
    if (t >= limit_) t = prev + std::max<Instant>(1, (limit_ - prev) / 3);
    return t;
  }

  // ---- what each matter is ----------------------------------------------------------------
  template <typename W>
  int weighted(const W& items) {
    int total = 0;
    for (const auto& w : items) total += w.weight;
    int r = rng_.below(total);
    for (size_t i = 0; i < std::size(items); ++i) {
      if (r < items[i].weight) return static_cast<int>(i);
      r -= items[i].weight;
    }
    return 0;
  }

  static bool fits(Channel c, const DemoProblem& p) {
    const std::string top = p.category.substr(0, 2);
    if (c == Channel::enterprise) return top == "11";
    if (c == Channel::process_walk) return top == "10" || top == "11";
    if (c == Channel::patrol) return top == "01" || top == "02" || top == "03" || top == "08";
    return true;
  }

  Channel channel_for(const DemoProblem& p) {
    const std::string top = p.category.substr(0, 2);
    if (top == "11" && rng_.chance(0.6)) return Channel::enterprise;
    if (top == "10" && rng_.chance(0.2)) return Channel::process_walk;
    if ((top == "01" || top == "02" || top == "03") && rng_.chance(0.12)) return Channel::patrol;
    for (;;) {
      Channel c = kChannels[weighted(kChannels)].channel;
      if (fits(c, p)) return c;
    }
  }

  const DemoProblem* problem_for_category(const std::string& cat) {
    std::vector<const DemoProblem*> v;
    for (const auto& p : d_.problems)
      if (p.category == cat) v.push_back(&p);
    return v.empty() ? &rng_.pick(d_.problems) : rng_.pick(v);
  }

  const DemoProblem* random_problem(Channel c) {
    for (;;) {
      const DemoProblem& p = rng_.pick(d_.problems);
      // city-management and environment matters are the bulk of a real hotline
      const std::string top = p.category.substr(0, 2);
      if (top != "01" && top != "02" && top != "03" && rng_.chance(0.3)) continue;
      if (fits(c, p)) return &p;
    }
  }

  std::vector<std::string> sub_categories() const {
    std::vector<std::string> v;
    for (const auto& p : d_.problems)
      if (v.empty() || v.back() != p.category) v.push_back(p.category);
    return v;
  }

  void place(Spec& s) {
    const bool village = s.problem->content.find("{village}") != std::string::npos ||
                         s.problem->title.find("{village}") != std::string::npos;
    if (!village && collector_area_ && rng_.chance(0.5) &&
        (s.channel == Channel::visit || s.channel == Channel::night_talk ||
         s.channel == Channel::patrol)) {
      s.district = collector_district_;
      s.area = collector_area_;
      return;
    }
    int total = 0;
    for (int w : district_weight_) total += w;
    int r = rng_.below(total);
    size_t k = 0;
    while (k + 1 < district_weight_.size() && r >= district_weight_[k]) r -= district_weight_[k++];
    s.district = districts_[k]->code;
    const auto& pool = village && !villages_[s.district].empty() ? villages_[s.district]
                       : !communities_[s.district].empty()    ? communities_[s.district]
                                                               : towns_[s.district];
    s.area = pool.empty() ? districts_[k] : rng_.pick(pool);
  }

  Instant created_for(MatterStatus target, Channel ch) {
    double lo = 0.5, hi = o_.days;
    switch (target) {
      case MatterStatus::submitted: lo = 0.02, hi = 1.2; break;
      case MatterStatus::accepted: lo = 0.2, hi = 3; break;
      case MatterStatus::assigned:
        if (rng_.chance(0.7)) lo = 0.3, hi = 3; else lo = 6, hi = 20;  // some left unsigned: overdue
        break;
      case MatterStatus::returned: lo = 1, hi = 10; break;
      case MatterStatus::signed_: lo = 1, hi = 40; break;
      case MatterStatus::resolved: lo = 1.5, hi = 12; break;
      case MatterStatus::verified: lo = 4, hi = 30; break;
      case MatterStatus::closed: lo = 6, hi = o_.days; break;
      case MatterStatus::reopened: lo = 8, hi = 60; break;
      default: break;
    }
    Instant age = static_cast<Instant>((lo + (hi - lo) * rng_.unit()) * kDay);
    Date day = local_date(o_.now - age);
    Instant t;
    if (ch == Channel::web || ch == Channel::open311)
      t = start_of_local_day(day) + rng_.between(7 * kHour, 23 * kHour + 30 * kMin);
    else if (ch == Channel::hotline)
      t = start_of_local_day(day) + rng_.between(8 * kHour, 21 * kHour);
    else
      t = office(start_of_local_day(day) + rng_.between(9 * kHour, 17 * kHour));
    if (t > limit_ - 2 * kHour) t = limit_ - 2 * kHour - rng_.between(0, 2 * kHour);
    return t;
  }

  Spec spec_for(int i) {
    Spec s;
    const std::vector<std::string>& subs = subs_;
    const int n_status = static_cast<int>(std::size(kTargets));
    const auto& channels = all<Channel>();
    // The first matters cover every status, every channel and every sub-category once.
    s.target = i < n_status ? kTargets[i].status : kTargets[weighted(kTargets)].status;
    if (s.target == MatterStatus::merged) {
      std::vector<int> any;  // earlier matters a duplicate can be merged into
      for (int j = 0; j < i; ++j) {
        if (specs_[j].target == MatterStatus::merged || specs_[j].target == MatterStatus::rejected)
          continue;
        if (specs_[j].created > limit_ - 4 * kHour) continue;
        any.push_back(j);
      }
      if (any.empty()) s.target = MatterStatus::closed;
      else {
        const int j = rng_.pick(any);
        const Spec& t = specs_[j];
        s.merge_into = j;
        s.problem = t.problem;
        s.district = t.district;
        s.area = t.area;
        s.text_seed = t.text_seed;
        s.channel = channel_for(*s.problem);
        s.anonymous = rng_.chance(0.1);
        s.created = std::min<Instant>(t.created + rng_.between(3 * kHour, 6 * kDay),
                                      limit_ - kHour - rng_.between(0, kHour));
        return s;
      }
    }
    if (i < static_cast<int>(channels.size())) {
      s.channel = channels[static_cast<size_t>(i)];
      s.problem = random_problem(s.channel);
    } else if (i < static_cast<int>(channels.size() + subs.size())) {
      s.problem = problem_for_category(subs[static_cast<size_t>(i) - channels.size()]);
      s.channel = channel_for(*s.problem);
    } else {
      s.problem = random_problem(Channel::web);
      s.channel = channel_for(*s.problem);
    }
    place(s);
    s.text_seed = rng_.next();
    s.anonymous = (s.channel == Channel::web || s.channel == Channel::hotline ||
                   s.channel == Channel::open311) && rng_.chance(0.12);
    s.created = created_for(s.target, s.channel);
    return s;
  }

  // ---- the steps --------------------------------------------------------------------------
  struct Ctx {
    int index;
    const Spec& spec;
    DemoMatterPlan& plan;
    SlotFiller filler;
    std::string dispatcher, lead, alternate, handler, subject;
    HandlingClass hc = HandlingClass::immediate;
    Instant t = 0, deadline = 0;
  };

  DemoStep& push(Ctx& c, DemoStepKind kind, const std::string& actor) {
    DemoStep s;
    s.kind = kind;
    s.at = c.t;
    s.actor = actor;
    c.plan.steps.push_back(std::move(s));
    return c.plan.steps.back();
  }
  DemoStep& act(Ctx& c, const std::string& actor, const std::string& action) {
    DemoStep& s = push(c, DemoStepKind::act, actor);
    s.action.action = action;
    return s;
  }
  const std::string& org_name(const std::string& code) const {
    static const std::string none;
    const DemoOrg* o = d_.org(code);
    return o ? o->name : none;
  }
  std::string handler_of(const std::string& dept) {
    auto v = d_.handlers_of(dept);
    if (v.empty()) return admin_;
    return v.size() > 1 && rng_.chance(0.25) ? v[1] : v[0];
  }
  std::string phrase(const std::string& slot) {
    const auto& v = d_.phrase(slot);
    return v.empty() ? std::string() : rng_.pick(v);
  }
  Instant accept_delay() {
    return rng_.chance(0.85) ? rng_.between(10 * kMin, 5 * kHour) : rng_.between(20 * kHour, 48 * kHour);
  }

  void assign(Ctx& c, const std::string& lead) {
    // A district centre assigns only to units of its district: work for a city department is
    // handed up to the city's centre (转办), which assigns it from then on.
    if (c.dispatcher != city_dispatcher_ && !city_code_.empty() &&
        lead.rfind(c.spec.district, 0) != 0) {
      c.t = after(c.t, rng_.between(5 * kMin, 2 * kHour), true);
      DemoStep& t = act(c, c.dispatcher, "transfer");
      t.action.to_org = city_code_;
      t.action.reason = "需由市级部门" + org_name(lead) + "办理,转市12345热线统一交办";
      c.dispatcher = city_dispatcher_;
    }
    c.t = after(c.t, rng_.between(5 * kMin, 3 * kHour), true);
    DemoStep& s = act(c, c.dispatcher, "assign");
    s.action.lead_org = lead;
    s.action.handling_class = std::string(code(c.hc));
    if (!c.subject.empty()) s.action.subject_orgs = {c.subject};
    if (c.spec.area && c.spec.area->level >= 4 && rng_.chance(0.15)) {
      const DemoOrg* street = d_.org(c.spec.area->parent);
      if (street && street->code != lead) s.action.co_orgs.push_back(street->code);
    }
    c.deadline = dl_.rules.due(c.t, c.spec.channel, c.hc, dl_.calendar);
  }

  void sign_and_plan(Ctx& c, bool first) {
    c.t = after(c.t, rng_.between(20 * kMin, 20 * kHour), true);
    act(c, c.handler, "sign");
    if (!first) return;
    c.t = after(c.t, rng_.between(10 * kMin, 90 * kMin), true);
    DemoStep& m = push(c, DemoStepKind::add_measures, c.handler);
    MeasureInput in;
    in.content = c.filler.fill(c.spec.problem->fix);
    in.owner_org = c.lead;
    const DemoUser* u = d_.user(c.handler);
    in.owner_name = u ? person_of(u->display_name) : c.handler;
    in.deadline = format_date(local_date(c.deadline));
    in.progress = static_cast<int>(rng_.between(1, 6) * 10);
    in.status = "in_progress";
    m.measures.push_back(in);
    if (c.hc != HandlingClass::immediate) {
      MeasureInput lasting = in;
      lasting.content = "建立长效管理机制，定期开展巡查回访，防止问题反弹";
      lasting.progress = 0;
      lasting.status = "planned";
      m.measures.push_back(lasting);
    }
  }

  void maybe_extend(Ctx& c) {
    if (c.hc == HandlingClass::immediate || !rng_.chance(0.2)) return;
    c.t = after(c.t, std::max<Instant>(kHour, (c.deadline - c.t) / 2), true);
    DemoStep& r = act(c, c.handler, "extend_request");
    r.action.reason = phrase("extend_reason");
    const int days = static_cast<int>(rng_.between(5, 15));
    r.action.extend_days = days;
    c.t = after(c.t, rng_.between(2 * kHour, 24 * kHour), true);
    DemoStep& dcs = act(c, supervisor_, "extend_decide");
    const bool approve = rng_.chance(0.85);
    dcs.action.approve = approve;
    if (!approve) {  // chosen by the days asked, so the demo's random sequence stays as it was
      const auto& why = d_.phrase("extend_refusal");
      if (!why.empty()) dcs.action.reason = why[static_cast<std::size_t>(days) % why.size()];
    }
    if (approve) c.deadline = dl_.rules.extend(c.deadline, days, c.spec.channel, c.hc, dl_.calendar);
  }

  void resolve(Ctx& c, bool again) {
    Instant when;
    if (rng_.chance(0.12))  // resolved late: counts as overdue
      when = c.deadline + rng_.between(12 * kHour, 5 * kDay);
    else
      when = c.t + static_cast<Instant>((c.deadline - c.t) * (0.15 + 0.7 * rng_.unit()));
    c.t = after(c.t, when - c.t, true);
    DemoStep& f = push(c, DemoStepKind::finish_measures, c.handler);
    f.evidence = rng_.pick(std::vector<std::string>{"整改前后对比照片及现场核查记录已存档",
                                                    "现场照片、工作台账已上传存档",
                                                    "回访记录及整改照片已归档"});
    DemoStep& s = act(c, c.handler, "resolve");
    s.action.reply = compose_reply(d_, rng_, c.filler, c.spec.problem->kind, org_name(c.lead),
                                   local_date(c.t), *c.spec.problem, again);
  }

  // The reporter's own evaluation through the tracking link, or a staff phone call (回访)
  // recorded by the dispatcher when the reporter is anonymous or did not answer online.
  void evaluate(Ctx& c, bool solved) {
    std::string sat = "dissatisfied", comment = phrase("comment_unsolved");
    if (solved) {
      double r = rng_.unit();
      sat = r < 0.8 ? "satisfied" : r < 0.95 ? "basically_satisfied" : "dissatisfied";
      comment = phrase(sat == "satisfied" ? "comment_satisfied" : "comment_basic");
    }
    if (c.spec.anonymous || rng_.chance(0.45)) {
      c.t = after(c.t, rng_.between(2 * kHour, 3 * kDay), true);
      DemoStep& s = act(c, c.dispatcher, "verify");
      s.action.solved = solved;
      s.action.satisfaction = sat;
      s.action.comment = comment;
    } else {
      c.t = after(c.t, rng_.between(2 * kHour, 3 * kDay), false);
      DemoStep& s = push(c, DemoStepKind::evaluate, "");
      s.evaluation.solved = solved;
      s.evaluation.satisfaction = sat;
      s.evaluation.comment = comment;
    }
    if (!solved) c.deadline = dl_.rules.due(c.t, c.spec.channel, c.hc, dl_.calendar);
  }

  void close(Ctx& c) {
    c.t = after(c.t, rng_.between(1 * kHour, 2 * kDay), true);
    DemoStep& s = act(c, c.dispatcher, "close");
    s.action.note = "经回访核实，问题已解决，予以销号。";
  }

  void reopen_by_supervisor(Ctx& c) {
    c.t = after(c.t, rng_.between(5 * kDay, 20 * kDay), true);
    DemoStep& s = act(c, supervisor_, "reopen");
    s.action.reason = phrase("reopen_reason");
    c.deadline = dl_.rules.due(c.t, c.spec.channel, c.hc, dl_.calendar);
  }

  HandlingClass class_for(const Spec& s) {
    const Kind k = s.problem->kind;
    if (k == Kind::consultation || k == Kind::praise) return HandlingClass::immediate;
    if (s.target == MatterStatus::signed_ && s.created < o_.now - 6 * kDay && rng_.chance(0.6))
      return rng_.chance(0.7) ? HandlingClass::phased : HandlingClass::long_term;
    if (k == Kind::suggestion) {
      double r = rng_.unit();
      return r < 0.3 ? HandlingClass::immediate : r < 0.8 ? HandlingClass::phased : HandlingClass::long_term;
    }
    double r = rng_.unit();
    if (s.problem->category == "0105" || s.problem->category == "0204" || s.problem->category == "0205")
      return r < 0.5 ? HandlingClass::campaign : HandlingClass::immediate;
    return r < 0.62 ? HandlingClass::immediate : r < 0.92 ? HandlingClass::phased
                                               : r < 0.97 ? HandlingClass::campaign
                                                          : HandlingClass::long_term;
  }

  std::string campaign_for(const Spec& s) {
    auto active = [&](const std::string& code) {
      for (const auto& c : d_.campaigns)
        if (c.code == code && s.created >= o_.now + c.starts_days * kDay &&
            s.created <= o_.now + c.ends_days * kDay)
          return true;
      return false;
    };
    const std::string& cat = s.problem->category;
    const bool field = s.channel == Channel::visit || s.channel == Channel::night_talk ||
                       s.channel == Channel::onsite_office || s.channel == Channel::process_walk;
    if (field && active("zzxc") && rng_.chance(0.75)) return "zzxc";
    if ((s.channel == Channel::patrol || cat == "0104" || cat == "0105" || cat == "0204" ||
         cat == "0205") && active("csglzz") && rng_.chance(0.6))
      return "csglzz";
    const std::string top = cat.substr(0, 2);
    if ((top == "05" || top == "09" || top == "12") && active("wqzbss") && rng_.chance(0.3))
      return "wqzbss";
    return {};
  }

  IntakeRequest request_for(Ctx& c) {
    const Spec& s = c.spec;
    DemoRng own(s.text_seed ^ (static_cast<std::uint64_t>(c.index) << 32));
    IntakeRequest r;
    r.title = c.filler.fill(s.problem->title);
    r.content = compose_content(d_, own, c.filler, s.channel, s.problem->kind, *s.problem);
    r.kind = std::string(code(s.problem->kind));
    r.channel = std::string(code(s.channel));
    r.category = (s.channel == Channel::web || s.channel == Channel::open311) && own.chance(0.35)
                     ? std::string()  // the citizen left it to the dispatcher
                     : s.problem->category;
    r.district = s.area ? s.area->code : s.district;
    std::string addr = org_name(s.district);
    const DemoOrg* a = s.area;
    if (a && a->level == 5) a = d_.org(a->parent);
    if (a && a->level == 4) addr += org_name(a->parent) + a->name;
    else if (a && a->level == 3) addr += a->name;
    const auto& v = c.filler.values();
    if (auto it = v.find("road"); it != v.end() && !it->second.empty()) addr += it->second;
    else if (auto et = v.find("estate"); et != v.end() && !et->second.empty()) addr += et->second;
    r.address = addr;
    const auto& center = d_.place(s.district, "center");
    if (!center.empty()) {
      auto comma = center[0].find(',');
      if (comma != std::string::npos) {
        r.lat = std::stod(center[0].substr(0, comma)) + (own.unit() - 0.5) * 0.04;
        r.lng = std::stod(center[0].substr(comma + 1)) + (own.unit() - 0.5) * 0.04;
      }
    }
    r.anonymous = s.anonymous;
    if (!s.anonymous) {
      r.contact_name = demo_person_name(d_, own);
      r.contact_phone = demo_mobile(own);
    }
    r.public_consent = own.chance(0.6);
    r.campaign = campaign_for(s);
    return r;
  }

  std::map<std::string, std::string> fixed_slots(const Spec& s) const {
    std::map<std::string, std::string> f;
    const DemoOrg* a = s.area;
    if (!a) return f;
    if (a->level == 5) a = d_.org(a->parent);
    if (!a) return f;
    f["community"] = a->name;
    if (a->level == 4) {
      f["town"] = org_name(a->parent);
      if (ends_with(a->name, "村")) f["village"] = a->name;
    } else {
      f["town"] = a->name;
    }
    return f;
  }

  DemoMatterPlan build(int i, const Spec& s) {
    DemoMatterPlan plan;
    plan.index = i;
    plan.target = s.target;
    Ctx c{i, s, plan, SlotFiller(d_, s.text_seed, s.district, fixed_slots(s)), {}, {}, {}, {}, {}};
    c.t = s.created;

    // Who dispatches and who leads: district offices handle their own city-management work.
    auto dd = district_dispatcher_.find(s.district);
    c.dispatcher = dd != district_dispatcher_.end() && rng_.chance(0.6) ? dd->second : city_dispatcher_;
    const auto& cd = d_.category_depts.at(s.problem->category);
    c.lead = s.problem->dept.empty() ? cd.dept : s.problem->dept;
    c.alternate = cd.alternate == c.lead ? cd.dept : cd.alternate;
    const std::string local = s.district + "-" + suffix_of(c.lead);
    if (!s.problem->subject.empty()) {
      // A complaint about the district's own unit: the city department leads, and the unit
      // complained about is named so that it reads the matter masked.
      const std::string subject = s.district + "-" + s.problem->subject;
      if (d_.org(subject)) c.subject = subject;
      c.dispatcher = city_dispatcher_;
    } else if (c.dispatcher != city_dispatcher_ && d_.org(local) &&
               !d_.handlers_of(local).empty() && rng_.chance(0.8)) {
      c.lead = local;
    }
    c.handler = handler_of(c.lead);
    c.hc = class_for(s);

    plan.request = request_for(c);
    DemoStep& submit = push(c, DemoStepKind::submit, "");
    if (s.channel == Channel::hotline || s.channel == Channel::petition)
      submit.actor = city_dispatcher_;
    else if (staff_channel(s.channel))
      submit.actor = s.area == collector_area_ ? collector_ : c.dispatcher;

    const MatterStatus T = s.target;
    if (T == MatterStatus::submitted) return plan;
    if (T == MatterStatus::merged) {
      c.t = after(c.t, accept_delay(), true);
      DemoStep& m = act(c, city_dispatcher_, "merge");
      m.merge_into = s.merge_into;
      m.action.note = "与前期反映问题重复，合并办理";
      return plan;
    }
    if (T == MatterStatus::rejected) {
      if (rng_.chance(0.5)) {
        c.t = after(c.t, accept_delay(), true);
        act(c, c.dispatcher, "accept");
      }
      c.t = after(c.t, accept_delay(), true);
      act(c, c.dispatcher, "reject").action.reason = phrase("reject_reason");
      return plan;
    }
    c.t = after(c.t, accept_delay(), true);
    DemoStep& acc = act(c, c.dispatcher, "accept");
    if (plan.request.category.empty()) acc.action.category = s.problem->category;
    // The petition office prints the 受理告知书 as it accepts the petition.
    if (s.channel == Channel::petition) push(c, DemoStepKind::notice, city_dispatcher_);
    if (T == MatterStatus::accepted) return plan;

    const bool detour = T == MatterStatus::returned || rng_.chance(0.09);
    if (detour) {  // sent to the wrong unit first, which hands it back
      const std::string wrong = c.alternate;
      assign(c, wrong);
      c.t = after(c.t, rng_.between(1 * kHour, 24 * kHour), true);
      std::string reason = phrase("return_reason");
      if (auto p = reason.find("{dept}"); p != std::string::npos)
        reason.replace(p, 6, org_name(c.lead));
      act(c, handler_of(wrong), "return").action.reason = reason;
      if (T == MatterStatus::returned) return plan;
    }
    assign(c, c.lead);
    if (T == MatterStatus::assigned) return plan;
    sign_and_plan(c, true);
    maybe_extend(c);
    if (T == MatterStatus::signed_) return plan;
    resolve(c, false);
    if (T == MatterStatus::resolved) return plan;

    if (T == MatterStatus::reopened && rng_.chance(0.6)) {
      evaluate(c, false);
      return plan;
    }
    if (T == MatterStatus::closed && rng_.chance(0.08)) {  // came back unsolved, then fixed
      evaluate(c, false);
      sign_and_plan(c, false);
      resolve(c, true);
    }
    evaluate(c, true);
    if (T == MatterStatus::verified) return plan;
    close(c);
    if (T == MatterStatus::reopened) {
      reopen_by_supervisor(c);
      return plan;
    }
    if (T == MatterStatus::closed && rng_.chance(0.04)) {  // 回头看 found it back, fixed again
      reopen_by_supervisor(c);
      sign_and_plan(c, false);
      resolve(c, true);
      c.t = after(c.t, rng_.between(2 * kHour, 2 * kDay), true);
      DemoStep& v = act(c, c.dispatcher, "verify");
      v.action.solved = true;
      v.action.satisfaction = "satisfied";
      v.action.comment = phrase("comment_satisfied");
      close(c);
    }
    return plan;
  }

  const DemoData& d_;
  const DeadlineSetup& dl_;
  DemoPlanOptions o_;
  DemoRng rng_;
  Instant limit_;
  std::string city_dispatcher_, city_code_, supervisor_, collector_, admin_, collector_district_;
  const DemoOrg* collector_area_ = nullptr;
  std::map<std::string, std::string> district_dispatcher_;
  std::vector<const DemoOrg*> districts_;
  std::vector<int> district_weight_;
  std::map<std::string, std::vector<const DemoOrg*>> communities_, villages_, towns_;
  std::vector<std::string> subs_;
  std::vector<Spec> specs_;
};

}  // namespace

std::vector<DemoMatterPlan> plan_demo_matters(const DemoData& data, const DeadlineSetup& deadlines,
                                              const DemoPlanOptions& options) {
  return Planner(data, deadlines, options).run();
}

}  // namespace huiyin
