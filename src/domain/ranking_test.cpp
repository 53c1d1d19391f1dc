#include "domain/ranking.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

// A unit with its counts: responded in time of collected, solved and satisfied of evaluated.
RankingInput unit(std::string key, std::int64_t volume, std::int64_t in_time, std::int64_t collected,
                  std::int64_t solved, std::int64_t satisfied, std::int64_t evaluated) {
  RankingInput u{std::move(key), volume, {}};
  u.rates.response = {in_time, collected};
  u.rates.resolution = {solved, evaluated};
  u.rates.satisfaction = {satisfied, evaluated};
  return u;
}

TEST(Ranking, WilsonLowerBoundShrinksSmallSamples) {
  EXPECT_EQ(wilson_lower_bound(0, 0), 0);
  // 1 of 1 is far less sure than 95 of 100.
  EXPECT_LT(wilson_lower_bound(1, 1), wilson_lower_bound(95, 100));
  EXPECT_NEAR(wilson_lower_bound(1, 1), 0.2065, 1e-3);
  EXPECT_NEAR(wilson_lower_bound(95, 100), 0.8882, 1e-3);
  EXPECT_NEAR(wilson_lower_bound(0, 10), 0.0, 1e-9);
}

TEST(Ranking, AUnitWithOneLuckyMatterDoesNotTopTheList) {
  RankingWeights w;
  w.min_volume = 1;  // even when small units are ranked, luck does not win
  std::vector<RankingInput> units = {
      unit("lucky", 1, 1, 1, 1, 1, 1),
      unit("steady", 100, 95, 100, 95, 90, 100),
  };
  auto rows = rank_units(units, w, 100);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "steady");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].rank, 2);
  EXPECT_GT(rows[0].score, 80);
  EXPECT_LT(rows[1].score, 30);
}

TEST(Ranking, BelowTheMinimumVolumeIsListedUnrankedAfterTheRanked) {
  RankingWeights w;  // min_volume 5
  std::vector<RankingInput> units = {
      unit("tiny", 3, 3, 3, 3, 3, 3),
      unit("a", 20, 18, 20, 15, 14, 16),
      unit("b", 20, 18, 20, 15, 14, 16),
      unit("c", 10, 5, 10, 3, 2, 8),
  };
  auto rows = rank_units(units, w, 150);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].key, "a");  // tie on score and volume: by key
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].key, "b");
  EXPECT_EQ(rows[1].rank, 1);  // equal scores share a rank
  EXPECT_EQ(rows[2].key, "c");
  EXPECT_EQ(rows[2].rank, 3);
  EXPECT_EQ(rows[3].key, "tiny");
  EXPECT_FALSE(rows[3].rank.has_value());
  EXPECT_LE(rows[0].score, 150);
}

TEST(Ranking, WeightsParseFromTheSettingText) {
  auto w = RankingWeights::parse("response=20, resolution=40,satisfaction=40,min_volume=10");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->response, 20);
  EXPECT_EQ(w->min_volume, 10);
  EXPECT_EQ(RankingWeights::parse(w->to_text())->resolution, 40);
  EXPECT_FALSE(RankingWeights::parse("speed=10"));
  EXPECT_FALSE(RankingWeights::parse("response=x"));
  EXPECT_FALSE(RankingWeights::parse("response=0,resolution=0,satisfaction=0"));
  EXPECT_EQ(RankingWeights::parse("").value().satisfaction, 35);
}

}  // namespace
}  // namespace huiyin
