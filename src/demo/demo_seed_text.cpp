#include "demo/demo_seed_text.hpp"

#include <cstdio>

namespace huiyin {

std::uint64_t DemoRng::next() {
  std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int DemoRng::below(int n) { return n <= 0 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

std::int64_t DemoRng::between(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

double DemoRng::unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

SlotFiller::SlotFiller(const DemoData& data, std::uint64_t seed, std::string district,
                       std::map<std::string, std::string> fixed)
    : data_(data), rng_(seed), district_(std::move(district)), values_(std::move(fixed)) {}

std::string SlotFiller::value(const std::string& slot) {
  if (auto it = values_.find(slot); it != values_.end()) return it->second;
  std::string v;
  if (slot == "n") v = std::to_string(rng_.between(2, 12));
  else if (slot == "area") v = std::to_string(rng_.between(3, 30) * 10);
  else if (slot == "bldg") v = std::to_string(rng_.between(1, 28));
  else if (slot == "fee") v = std::to_string(rng_.between(10, 30) * 10);
  else if (slot == "km") {
    std::int64_t tenths = rng_.between(8, 35);
    v = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  } else if (slot == "kva") v = rng_.pick(std::vector<std::string>{"400", "630", "800"});
  else if (slot == "loan") v = std::to_string(rng_.between(5, 50) * 10);
  else if (slot == "money") v = std::to_string(rng_.between(30, 980) * 100);
  else if (slot == "road2") {
    const auto& roads = data_.place(district_, "road");
    const std::string road = value("road");
    for (int i = 0; i < 8 && (v.empty() || v == road); ++i) v = roads.empty() ? "" : rng_.pick(roads);
  } else {
    const auto& names = data_.place(district_, slot);
    v = names.empty() ? "" : rng_.pick(names);
  }
  values_[slot] = v;
  return v;
}

std::string SlotFiller::fill(std::string_view t) {
  std::string out;
  size_t i = 0;
  while (i < t.size()) {
    size_t open = t.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = t.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(t.substr(i, open - i));
    out += value(std::string(t.substr(open + 1, close - open - 1)));
    i = close + 1;
  }
  out.append(t.substr(i));
  return out;
}

namespace {

std::string pick_phrase(const DemoData& d, DemoRng& rng, const std::string& slot) {
  const auto& v = d.phrase(slot);
  return v.empty() ? std::string() : rng.pick(v);
}

}  // namespace

std::string compose_content(const DemoData& d, DemoRng& rng, SlotFiller& f, Channel channel,
                            Kind kind, const DemoProblem& p) {
  std::string lead = f.fill(pick_phrase(d, rng, "lead_" + std::string(code(channel))));
  std::string body = f.fill(p.content);
  std::string ask = pick_phrase(d, rng, "ask_" + std::string(code(kind)));
  return lead + body + ask;
}

std::string month_day(Date day) {
  std::chrono::year_month_day ymd{day};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

std::string compose_reply(const DemoData& d, DemoRng& rng, SlotFiller& f, Kind kind,
                          const std::string& dept_name, Date done, const DemoProblem& p,
                          bool again) {
  std::string fix = f.fill(p.fix);
  if (fix.rfind("已", 0) == 0) fix.erase(0, std::string_view("已").size());  // "已于…已将" reads badly
  std::string when = month_day(done);
  if (again)
    return "针对回访中群众反映问题仍未解决的情况，" + dept_name + "高度重视，于" + when +
           "再次组织人员现场复查，" + fix + "，并明确专人跟踪，确保问题不反弹。" +
           pick_phrase(d, rng, "reply_close");
  std::string open = kind == Kind::consultation ? pick_phrase(d, rng, "reply_open_consultation")
                     : kind == Kind::praise     ? pick_phrase(d, rng, "reply_open_praise")
                                                : pick_phrase(d, rng, "reply_open");
  const bool answer_only = kind == Kind::consultation || kind == Kind::praise;
  return open + dept_name + "已于" + when + fix + "。" +
         pick_phrase(d, rng, answer_only ? "reply_close_answer" : "reply_close");
}

std::string demo_person_name(const DemoData& d, DemoRng& rng) {
  return pick_phrase(d, rng, "surname") + pick_phrase(d, rng, "given");
}

std::string demo_mobile(DemoRng& rng) {
  static const char* prefixes[] = {"133", "135", "136", "138", "139", "150", "151", "152",
                                   "157", "158", "159", "173", "177", "180", "186", "187",
                                   "188", "189", "191", "199"};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%08lld", prefixes[rng.below(20)],
                static_cast<long long>(rng.between(0, 99999999)));
  return buf;
}

}  // namespace huiyin
