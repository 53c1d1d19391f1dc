#include "domain/sampling.hpp"

#include <gtest/gtest.h>

#include <set>

namespace huiyin {
namespace {

TEST(Sampling, TheSameSeedGivesTheSameSampleAndAnotherSeedAnother) {
  const auto a = draw_sample(200, 10, "2026-11-HT");
  EXPECT_EQ(a, draw_sample(200, 10, "2026-11-HT"));
  EXPECT_EQ(a.size(), 10u);
  EXPECT_EQ(std::set<std::size_t>(a.begin(), a.end()).size(), 10u);  // no item twice
  for (std::size_t i : a) EXPECT_LT(i, 200u);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_NE(a, draw_sample(200, 10, "2026-11-HU"));
}

TEST(Sampling, ASampleAsLargeAsThePopulationIsAllOfIt) {
  const std::vector<std::size_t> all{0, 1, 2, 3, 4};
  EXPECT_EQ(draw_sample(5, 5, "x"), all);
  EXPECT_EQ(draw_sample(5, 50, "x"), all);
  EXPECT_TRUE(draw_sample(0, 3, "x").empty());
  EXPECT_TRUE(draw_sample(5, 0, "x").empty());
}

TEST(Sampling, TheGeneratorIsTheDocumentedOne) {
  // FNV-1a and SplitMix64 reference values: anyone can redo a draw from the README.
  EXPECT_EQ(seed_hash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(seed_hash("a"), 0xaf63dc4c8601ec8cull);
  SplitMix64 r(0);
  EXPECT_EQ(r.next(), 0xe220a8397b1dcdafull);
  EXPECT_EQ(r.next(), 0x6e789e6aa1b965f4ull);
}

TEST(Sampling, EveryItemCanBeDrawn) {
  std::set<std::size_t> seen;
  for (int s = 0; s < 200; ++s)
    for (std::size_t i : draw_sample(20, 2, "seed" + std::to_string(s))) seen.insert(i);
  EXPECT_EQ(seen.size(), 20u);
}

}  // namespace
}  // namespace huiyin
