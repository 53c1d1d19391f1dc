#include "domain/ranking.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace huiyin {

double wilson_lower_bound(std::int64_t successes, std::int64_t n, double z) {
  if (n <= 0) return 0;
  const double p = static_cast<double>(successes) / static_cast<double>(n);
  const double nn = static_cast<double>(n);
  const double z2 = z * z;
  const double centre = p + z2 / (2 * nn);
  const double margin = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return std::max(0.0, (centre - margin) / (1 + z2 / nn));
}

Result<RankingWeights> RankingWeights::parse(std::string_view text) {
  RankingWeights w;
  auto bad = [](std::string why) { return invalid("排名权重无效: " + why, "ranking_weights"); };
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) return bad(std::string(part));
    std::string_view name = part.substr(0, eq), value = part.substr(eq + 1);
    int v = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || p != value.data() + value.size() || v < 0 || v > 1000)
      return bad(std::string(part));
    if (name == "response") w.response = v;
    else if (name == "resolution") w.resolution = v;
    else if (name == "satisfaction") w.satisfaction = v;
    else if (name == "min_volume") w.min_volume = v;
    else return bad(std::string(part));
  }
  if (w.response + w.resolution + w.satisfaction == 0) return bad("权重之和不能为0");
  return w;
}

std::string RankingWeights::to_text() const {
  return "response=" + std::to_string(response) + ",resolution=" + std::to_string(resolution) +
         ",satisfaction=" + std::to_string(satisfaction) + ",min_volume=" + std::to_string(min_volume);
}

std::vector<RankingRow> rank_units(const std::vector<RankingInput>& units, const RankingWeights& w,
                                   double full) {
  struct Scored {
    const RankingInput* in;
    double score;
  };
  const double total = w.response + w.resolution + w.satisfaction;
  std::vector<Scored> ranked, unranked;
  for (const auto& u : units) {
    auto lower = [](const Fraction& f) { return wilson_lower_bound(f.numerator, f.denominator); };
    double s = w.response * lower(u.rates.response) + w.resolution * lower(u.rates.resolution) +
               w.satisfaction * lower(u.rates.satisfaction);
    s = std::round(full * s / total * 100) / 100;
    (u.volume >= w.min_volume ? ranked : unranked).push_back({&u, s});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.in->volume != b.in->volume) return a.in->volume > b.in->volume;
    return a.in->key < b.in->key;
  });
  std::sort(unranked.begin(), unranked.end(), [](const Scored& a, const Scored& b) {
    if (a.in->volume != b.in->volume) return a.in->volume > b.in->volume;
    return a.in->key < b.in->key;
  });
  std::vector<RankingRow> out;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    int rank = static_cast<int>(i) + 1;
    if (i > 0 && ranked[i].score == ranked[i - 1].score) rank = *out.back().rank;
    out.push_back({ranked[i].in->key, ranked[i].score, rank});
  }
  for (const auto& s : unranked) out.push_back({s.in->key, s.score, std::nullopt});
  return out;
}

}  // namespace huiyin
