// Fair rankings of units (单位排名): a weighted total score of the three rates in which each rate
// counts by the lower bound of its 95% Wilson score interval, not its raw value, so a unit with
// one matter solved (100%, but on one case) does not outrank a unit with 95 of 100; and units
// with fewer than `min_volume` matters in the period are listed apart, unranked (样本不足).
// score = full × Σ weight_i × wilson_lower(successes_i, n_i) / Σ weight_i, with a rate of no
// cases counting 0. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/rates.hpp"
#include "domain/result.hpp"

namespace huiyin {

// The lower bound of the Wilson score interval for `successes` of `n` at z (1.96: 95%); 0 for n = 0.
double wilson_lower_bound(std::int64_t successes, std::int64_t n, double z = 1.96);

struct RankingWeights {
  int response = 30, resolution = 35, satisfaction = 35;  // 响应 30 / 解决 35 / 满意 35
  int min_volume = 5;  // fewer matters collected: listed, not ranked
  // "response=30,resolution=35,satisfaction=35,min_volume=5" (any subset, any order).
  static Result<RankingWeights> parse(std::string_view text);
  std::string to_text() const;
};

// A unit's rates as domain/rates.hpp defines them; the score reads 响应率, 解决率 and 满意率.
struct RankingInput {
  std::string key;
  std::int64_t volume = 0;  // matters collected (the sample size)
  RateSet rates;
};

struct RankingRow {
  std::string key;
  double score = 0;            // 0..full, rounded to 0.01
  std::optional<int> rank;     // 1-based; nullopt: below min_volume
};

// Ranked rows first (score descending; ties by volume, then key; equal scores share a rank),
// then the unranked ones by volume descending.
std::vector<RankingRow> rank_units(const std::vector<RankingInput>& units, const RankingWeights& w,
                                   double full);

}  // namespace huiyin
