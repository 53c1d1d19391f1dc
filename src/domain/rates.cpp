#include "domain/rates.hpp"

#include <algorithm>

namespace huiyin {

std::optional<double> Fraction::value() const {
  if (denominator <= 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

RateCounts& RateCounts::operator+=(const RateCounts& o) {
  collected += o.collected;
  responded_in_time += o.responded_in_time;
  evaluated += o.evaluated;
  solved += o.solved;
  satisfied += o.satisfied;
  assigned += o.assigned;
  returned += o.returned;
  overdue_open += o.overdue_open;
  overdue_resolved += o.overdue_resolved;
  sign_counted += o.sign_counted;
  signed_in_time += o.signed_in_time;
  resolved_with_deadline += o.resolved_with_deadline;
  on_time += o.on_time;
  on_time_after_extension += o.on_time_after_extension;
  late += o.late;
  resolved_ever += o.resolved_ever;
  reopened += o.reopened;
  spot_checked += o.spot_checked;
  spot_failed += o.spot_failed;
  return *this;
}

const std::vector<RateDefinition>& rate_definitions() {
  static const std::vector<RateDefinition> defs = {
      {RateKey::response, "response", "响应率", "24小时内首次响应", "收集问题",
       "收集后24小时内首次响应(受理、不予受理或合并)的件数 ÷ 收集问题件数。"},
      {RateKey::resolution, "resolution", "解决率", "回访已解决", "已回访",
       "回访(群众评价或电话回访)认定已解决的件数 ÷ 已回访件数;超时默认的回访不计入分子和分母。"},
      {RateKey::satisfaction, "satisfaction", "满意率", "满意或基本满意", "已回访",
       "回访为满意或基本满意的件数 ÷ 已回访件数;超时默认的回访不计入分子和分母。"},
      {RateKey::signed_in_time, "signed_in_time", "及时签收率", "时限内签收", "应签收",
       "最近一次交办后在签收时限(默认交办次日起1个工作日)内签收的件数 ÷ 已签收或签收时限已过的件数;"
       "未签收即退回的不计入。"},
      {RateKey::on_time, "on_time", "按期办结率", "按期办结", "已办结",
       "最后一次办结不晚于当时办理时限、且从未在超期后才获批延期的件数 ÷ 已办结件数;"
       "超期后延期再按新时限办结的另列(延期后按期),办结晚于时限的为逾期办结。"},
      {RateKey::returned, "returned", "退回率", "被承办单位退回", "已交办",
       "被承办单位退回过(一次或多次)的件数 ÷ 交办过的件数。", false},
      {RateKey::reopened, "reopened", "重办率", "办结后重办", "办结过",
       "办结后又被重办(回访未解决或重新交办)的件数 ÷ 办结过的件数。", false},
      {RateKey::spot_check_failed, "spot_check_failed", "回头看不合格率", "回头看不合格", "回头看已核查",
       "回头看抽查中核查不合格的次数 ÷ 已核查次数(本期反映的事项,按其主办单位)。", false},
  };
  return defs;
}

const RateDefinition& definition_of(RateKey k) {
  for (const auto& d : rate_definitions())
    if (d.key == k) return d;
  return rate_definitions().front();
}

const Fraction& RateSet::of(RateKey k) const {
  switch (k) {
    case RateKey::response: return response;
    case RateKey::resolution: return resolution;
    case RateKey::satisfaction: return satisfaction;
    case RateKey::signed_in_time: return signed_in_time;
    case RateKey::on_time: return on_time;
    case RateKey::returned: return returned;
    case RateKey::reopened: return reopened;
    case RateKey::spot_check_failed: return spot_check_failed;
  }
  return response;
}

RateSet rates_of(const RateCounts& c) {
  RateSet r;
  r.response = {c.responded_in_time, c.collected};
  r.resolution = {c.solved, c.evaluated};
  r.satisfaction = {c.satisfied, c.evaluated};
  r.signed_in_time = {c.signed_in_time, c.sign_counted};
  r.on_time = {c.on_time, c.resolved_with_deadline};
  r.returned = {c.returned, c.assigned};
  r.reopened = {c.reopened, c.resolved_ever};
  r.spot_check_failed = {c.spot_failed, c.spot_checked};
  return r;
}

Instant sign_for_limit(Instant assigned_at, int sign_days, const WorkCalendar& cal) {
  return end_of_local_day(cal.add_working_days(local_date(assigned_at), std::max(0, sign_days)));
}

const std::vector<std::string_view>& timeline_event_types() {
  static const std::vector<std::string_view> types = {
      "assign", "review_request", "recheck_request", "sign",   "return",
      "resolve", "extend_decide", "reopen",          "verify", "evaluate", "spot_check"};
  return types;
}

bool sets_deadline(std::string_view t) {
  return t == "assign" || t == "extend_decide" || t == "reopen" || t == "verify" ||
         t == "evaluate" || t == "review_request" || t == "recheck_request" || t == "spot_check";
}

bool gives_to_unit(std::string_view t) {
  return t == "assign" || t == "review_request" || t == "recheck_request";
}

TimelineFacts scan_timeline(const std::vector<TimelineEvent>& events) {
  TimelineFacts t;
  std::optional<Instant> current_deadline;
  for (const auto& e : events) {
    if (gives_to_unit(e.type)) {
      t.given = e.at;
      t.signed_at.reset();
      t.returned_unsigned = false;
    } else if (e.type == "sign") {
      if (t.given && !t.signed_at) t.signed_at = e.at;
    } else if (e.type == "return") {
      if (t.given && !t.signed_at) t.returned_unsigned = true;
    } else if (e.type == "resolve") {
      t.resolved_once = true;
    } else if (e.type == "spot_check") {
      // 回头看: a pass keeps the status, a failure reopens the matter (重办).
      ++t.spot_checked;
      if (e.to_status == "reopened") ++t.spot_failed;
    }
    if (t.resolved_once && e.to_status == "reopened") t.reopened = true;
    if (sets_deadline(e.type) && e.deadline) {
      if (e.type == "extend_decide" && current_deadline && *current_deadline < e.at)
        t.extended_after_overdue = true;
      current_deadline = e.deadline;
    }
  }
  return t;
}

SignFor sign_for(const TimelineFacts& t, Instant limit, Instant now) {
  if (!t.given) return {};
  if (t.signed_at) return {true, *t.signed_at <= limit};
  return {!t.returned_unsigned && now > limit, false};
}

void add_timeline(RateCounts& c, const std::vector<TimelineEvent>& events,
                  std::optional<Instant> resolved_at, std::optional<Instant> deadline,
                  int sign_days, const WorkCalendar& cal, Instant now) {
  const TimelineFacts t = scan_timeline(events);
  c.spot_checked += t.spot_checked;
  c.spot_failed += t.spot_failed;
  if (t.given) {
    const SignFor s = sign_for(t, sign_for_limit(*t.given, sign_days, cal), now);
    c.sign_counted += s.counted;
    c.signed_in_time += s.in_time;
  }
  if (t.resolved_once) ++c.resolved_ever;
  if (t.reopened) ++c.reopened;
  if (resolved_at && deadline) {
    ++c.resolved_with_deadline;
    if (*resolved_at > *deadline) ++c.late;
    else if (t.extended_after_overdue) ++c.on_time_after_extension;
    else ++c.on_time;
  }
}

}  // namespace huiyin
