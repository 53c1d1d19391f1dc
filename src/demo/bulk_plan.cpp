#include "demo/bulk_plan.hpp"

#include <algorithm>
#include <array>

#include "demo/demo_seed_text.hpp"
#include "domain/calendar.hpp"
#include "domain/deadline_rules.hpp"

namespace huiyin {
namespace {

constexpr Instant kHour = 3600, kDay = 86400;

template <typename T, std::size_t N>
T weighted(DemoRng& rng, const std::array<std::pair<T, int>, N>& table) {
  int total = 0;
  for (const auto& [v, w] : table) total += w;
  int x = rng.below(total);
  for (const auto& [v, w] : table) {
    if (x < w) return v;
    x -= w;
  }
  return table.front().first;
}

// Channels by share of a city's intake: the hotline carries most, then the web form, then the
// field work of 四下基层.
constexpr std::array<std::pair<Channel, int>, 11> kChannels{{
    {Channel::hotline, 44}, {Channel::web, 24}, {Channel::visit, 7}, {Channel::petition, 4},
    {Channel::onsite_office, 4}, {Channel::night_talk, 3}, {Channel::enterprise, 3},
    {Channel::process_walk, 2}, {Channel::patrol, 4}, {Channel::open311, 2},
    {Channel::joint_meeting, 3}}};

// Where a matter old enough to have finished ends; younger ones stop where the present cuts them.
constexpr std::array<std::pair<MatterStatus, int>, 11> kOutcomes{{
    {MatterStatus::closed, 46}, {MatterStatus::verified, 14}, {MatterStatus::resolved, 7},
    {MatterStatus::signed_, 5}, {MatterStatus::assigned, 4}, {MatterStatus::returned, 2},
    {MatterStatus::reopened, 4}, {MatterStatus::accepted, 2}, {MatterStatus::submitted, 2},
    {MatterStatus::rejected, 8}, {MatterStatus::merged, 6}}};

constexpr std::array<std::pair<HandlingClass, int>, 3> kClasses{
    {{HandlingClass::immediate, 22}, {HandlingClass::phased, 72}, {HandlingClass::long_term, 6}}};

constexpr std::array<std::pair<Satisfaction, int>, 3> kSatisfaction{
    {{Satisfaction::satisfied, 78}, {Satisfaction::basically_satisfied, 17},
     {Satisfaction::dissatisfied, 5}}};

std::string phrase(const DemoData& d, DemoRng& rng, const std::string& slot,
                   const char* fallback) {
  const auto& v = d.phrase(slot);
  return v.empty() ? fallback : rng.pick(v);
}

// A reporting hour as a city sees it: mostly daytime, some evening, few at night.
Instant hour_of_day(DemoRng& rng) {
  const int h = rng.chance(0.8) ? static_cast<int>(rng.between(8, 18))
                : rng.chance(0.7) ? static_cast<int>(rng.between(19, 22))
                                  : static_cast<int>(rng.between(0, 7));
  return h * kHour + rng.between(0, kHour - 1);
}

// The lead unit: the city department of the category, its district counterpart, or the street
// (or community) where it happened.
std::string lead_for(const BulkTree& tree, DemoRng& rng, const std::string& dept,
                     const BulkUnit& place) {
  const double x = rng.unit();
  const std::string suffix = dept.substr(dept.find('-') == std::string::npos ? dept.size() : dept.find('-'));
  if (x < 0.40 && !suffix.empty())
    if (const BulkUnit* u = tree.find(place.district + suffix)) return u->org.code;
  if (x < 0.62 && place.org.level >= 3) {
    const BulkUnit* street = &place;
    if (place.org.level == 4 && place.org.parent)
      if (const BulkUnit* up = tree.find(*place.org.parent)) street = up;
    return rng.chance(0.8) ? street->org.code : place.org.code;
  }
  return dept;
}

// The actions from intake to `outcome`, unconditioned by time.
std::vector<Action> path_to(MatterStatus outcome, DemoRng& rng) {
  using A = Action;
  std::vector<A> p;
  const bool accept_first = rng.chance(0.35);
  switch (outcome) {
    case MatterStatus::submitted: break;
    case MatterStatus::accepted: p = {A::accept}; break;
    case MatterStatus::rejected: p = accept_first ? std::vector<A>{A::accept, A::reject} : std::vector<A>{A::reject}; break;
    case MatterStatus::merged: p = accept_first ? std::vector<A>{A::accept, A::merge} : std::vector<A>{A::merge}; break;
    case MatterStatus::assigned: p = {A::assign}; break;
    case MatterStatus::returned: p = {A::assign, A::return_}; break;
    case MatterStatus::signed_: p = {A::assign, A::sign}; break;
    case MatterStatus::resolved: p = {A::assign, A::sign, A::resolve}; break;
    case MatterStatus::verified:
    case MatterStatus::reopened: p = {A::assign, A::sign, A::resolve, A::verify}; break;
    case MatterStatus::closed: p = {A::assign, A::sign, A::resolve, A::verify, A::close}; break;
  }
  if (accept_first && !p.empty() && p.front() == A::assign && p.size() < 5) p.insert(p.begin(), A::accept);
  return p;
}

}  // namespace

BulkMatterPlan plan_bulk_matter(const DemoData& d, const BulkTree& tree,
                                const DeadlineSetup& deadlines, const BulkPlanSpan& span,
                                std::int64_t index) {
  DemoRng rng(span.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(index));
  BulkMatterPlan plan;
  // Spread evenly over the span by index (so codes of a day come in order), at a daytime hour
  // of that local day; none in the future.
  const Instant span_len = std::max<Instant>(kDay, span.now - span.from);
  const double share = static_cast<double>(index) / static_cast<double>(std::max<std::int64_t>(1, span.count));
  const Instant day = start_of_local_day(
      local_date(span.from + static_cast<Instant>(share * static_cast<double>(span_len))));
  plan.created_at = day + hour_of_day(rng);
  if (plan.created_at >= span.now - 60)
    plan.created_at = std::max(day, span.now - 60 - rng.between(0, 4 * kHour));

  const DemoProblem& p = rng.pick(d.problems);
  const BulkUnit& place = tree.units[tree.places[static_cast<std::size_t>(rng.below(static_cast<int>(tree.places.size())))]];
  std::map<std::string, std::string> fixed;
  fixed["community"] = place.org.name;
  SlotFiller fill(d, rng.next(), place.district, std::move(fixed));
  Matter& m = plan.matter;
  m.channel = weighted(rng, kChannels);
  m.kind = p.kind;
  m.title = fill.fill(p.title);
  // Varied length: a bare account, the usual lead-in and request, or two problems in one call.
  const double shape = rng.unit();
  if (shape < 0.25) {
    m.content = fill.fill(p.content);
  } else {
    m.content = compose_content(d, rng, fill, m.channel, m.kind, p);
    if (shape > 0.85) {
      const DemoProblem& q = rng.pick(d.problems);
      m.content += "另外，" + fill.fill(q.content) + phrase(d, rng, "ask_" + std::string(code(q.kind)), "");
    }
  }
  m.address = fill.values().count("road") ? fill.values().at("road") : place.org.name;
  m.area_org_id = place.org.id;
  m.public_consent = rng.chance(0.3);
  plan.category = p.category;
  const auto cd = d.category_depts.find(p.category);
  const std::string dept = !p.dept.empty() ? p.dept : cd != d.category_depts.end() ? cd->second.dept : "";
  plan.lead = dept.empty() ? std::string() : lead_for(tree, rng, dept, place);
  if (!rng.chance(0.08)) {
    plan.reporter.name = demo_person_name(d, rng);
    plan.reporter.phone = demo_mobile(rng);
  } else {
    plan.reporter.anonymous = true;
  }

  MatterStatus outcome = weighted(rng, kOutcomes);
  if (plan.lead.empty() && outcome != MatterStatus::rejected && outcome != MatterStatus::merged)
    outcome = MatterStatus::accepted;
  const HandlingClass hc = weighted(rng, kClasses);
  const bool late = rng.chance(0.12);
  Instant t = plan.created_at;
  Instant deadline = 0;
  for (Action a : path_to(outcome, rng)) {
    BulkStep s;
    s.action = a;
    switch (a) {
      case Action::accept: t += rng.between(10 * 60, 4 * kHour); break;
      case Action::reject:
        t += rng.between(kHour, kDay);
        s.input.reason = phrase(d, rng, "reject_reason", "不属于受理范围");
        break;
      case Action::merge: t += rng.between(kHour, kDay); break;
      case Action::assign:
        t += rng.between(30 * 60, kDay);
        s.input.lead_org = 0;  // the writer puts the lead unit's id here
        s.input.handling_class = hc;
        deadline = deadlines.rules.due(t, m.channel, hc, deadlines.calendar);
        s.input.deadline = deadline;
        break;
      case Action::sign: t += rng.between(kHour, 2 * kDay); s.by_unit = true; break;
      case Action::return_:
        t += rng.between(2 * kHour, 2 * kDay);
        s.input.reason = phrase(d, rng, "return_reason", "不属于本单位职责");
        s.by_unit = true;
        break;
      case Action::resolve: {
        const Instant room = std::max<Instant>(kHour, deadline - t);
        t += late ? room + rng.between(kHour, 6 * kDay) : rng.between(kHour / 2, room);
        s.by_unit = true;
        break;
      }
      case Action::verify: {
        t += rng.between(2 * kHour, 5 * kDay);
        const bool solved = outcome != MatterStatus::reopened;
        s.input.solved = solved;
        s.input.satisfaction = solved ? weighted(rng, kSatisfaction) : Satisfaction::dissatisfied;
        break;
      }
      case Action::close: t += rng.between(10 * 60, 2 * kDay); break;
      default: break;
    }
    if (t >= span.now) break;  // the present: what is still ahead has not happened
    s.at = t;
    if (a == Action::resolve) {
      const std::string dept_name = tree.find(plan.lead) ? tree.find(plan.lead)->org.name : "";
      s.input.reply = compose_reply(d, rng, fill, m.kind, dept_name, local_date(t), p, false);
    }
    plan.steps.push_back(std::move(s));
  }
  plan.merge = !plan.steps.empty() && plan.steps.back().action == Action::merge;
  return plan;
}

}  // namespace huiyin
