// Writing the demo matters' texts: a deterministic random source (the same seed gives the same
// demo on every machine), a filler for the {slot} placeholders of the templates in
// share/data/demo, and the composition of a matter's content, the unit's reply and the
// reporter's name and phone. Not thread-safe (each seeding run owns its own objects).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/codes.hpp"
#include "demo/demo_seed_data.hpp"

namespace huiyin {

// splitmix64: tiny, fast and identical everywhere (std distributions are not).
class DemoRng {
 public:
  explicit DemoRng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next();
  int below(int n);              // 0..n-1 (0 when n <= 0)
  std::int64_t between(std::int64_t lo, std::int64_t hi);  // lo..hi inclusive
  double unit();                 // [0, 1)
  bool chance(double p) { return unit() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(below(static_cast<int>(v.size())))]; }

 private:
  std::uint64_t s_;
};

// Fills {slot} placeholders for one matter. A slot keeps its first value within the matter, so
// the title, the content and the reply name the same road; {road2} is a road other than {road}.
// Place slots come from places.tsv for `district`; numbers ({n}, {money}, ...) are drawn here;
// `fixed` gives slots known beforehand (community, town, village).
class SlotFiller {
 public:
  SlotFiller(const DemoData& data, std::uint64_t seed, std::string district,
             std::map<std::string, std::string> fixed);
  std::string fill(std::string_view tmpl);
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::string value(const std::string& slot);
  const DemoData& data_;
  DemoRng rng_;
  std::string district_;
  std::map<std::string, std::string> values_;
};

// "来电人反映:" + body + "希望有关部门尽快处理。" — the lead-in fits the channel, the closing
// request fits the kind.
std::string compose_content(const DemoData& d, DemoRng& rng, SlotFiller& f, Channel channel,
                            Kind kind, const DemoProblem& p);

// An official answer: "经核实……。市城管局已于11月3日安排……。感谢……". `again` is the answer
// after a matter came back unsolved.
std::string compose_reply(const DemoData& d, DemoRng& rng, SlotFiller& f, Kind kind,
                          const std::string& dept_name, Date done, const DemoProblem& p,
                          bool again);

std::string demo_person_name(const DemoData& d, DemoRng& rng);
std::string demo_mobile(DemoRng& rng);  // 1[3-9] and nine digits
std::string month_day(Date d);          // "11月3日"

}  // namespace huiyin
