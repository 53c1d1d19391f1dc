#include "text/duplicate_index.hpp"

#include <gtest/gtest.h>

namespace huiyin::text {
namespace {

const char* kTitle = "A3区杜鹃文苑小区外的非法汽车检测站要开业了";
const char* kContent =
    "我们是杜鹃文苑小区的业主，在杜鹃路和雷峰大道交界处，一家汽车检测站正在装修施工，不日即将开门营业。"
    "检测站距离居民楼不到五十米，尾气和噪音将严重影响居民生活，请相关部门前来调查并依法处理。";
const char* kTraditionalTitle = "A3區杜鵑文苑小區外的非法汽車檢測站要開業了";
const char* kTraditionalContent =
    "我們是杜鵑文苑小區的業主，在杜鵑路和雷峰大道交界處，一家汽車檢測站正在裝修施工，不日即將開門營業。"
    "檢測站距離居民樓不到五十米，尾氣和噪音將嚴重影響居民生活，請相關部門前來調查並依法處理。";

void fill(DuplicateIndex& index) {
  index.add(1, kTitle, kContent, 7, 1700000000);
  index.add(2, "A市公交线路调整", "希望增加123路公交车班次，早高峰太挤，等车要半个小时以上。", 7, 1700000000);
  index.add(3, "小区物业乱收费", "物业公司擅自提高物业费，业主多次反映没有结果，请有关部门查处。", 8, 1700000000);
}

TEST(DuplicateIndex, FindsReorderedCopyAndNotOtherMatters) {
  DuplicateIndex index;
  fill(index);
  const std::string reordered =
      "检测站距离居民楼不到五十米，尾气和噪音将严重影响居民生活，请相关部门前来调查并依法处理。"
      "我们是杜鹃文苑小区的业主，在杜鹃路和雷峰大道交界处，一家汽车检测站正在装修施工，不日即将开门营业。";
  const auto m = index.query({kTitle, reordered, 7, 1700003600});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].id, 1);
  EXPECT_GE(m[0].score, index.options().threshold);
}

TEST(DuplicateIndex, TraditionalTwinScoresLikeTheOriginal) {
  DuplicateIndex index;
  fill(index);
  const auto a = index.query({kTitle, kContent, 7, 1700000000});
  const auto b = index.query({kTraditionalTitle, kTraditionalContent, 7, 1700000000});
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].id, b[0].id);
  EXPECT_DOUBLE_EQ(a[0].score, b[0].score);
  EXPECT_DOUBLE_EQ(a[0].score, 1.0);
}

TEST(DuplicateIndex, PlaceAndTimeWindowLowerTheScore) {
  DuplicateIndex index;
  fill(index);
  const double same = index.query({kTitle, kContent, 7, 1700000000}, 1, 0.0).at(0).score;
  const double other_place = index.query({kTitle, kContent, 9, 1700000000}, 1, 0.0).at(0).score;
  const double much_later = index.query({kTitle, kContent, 7, 1700000000 + 200LL * 86400}, 1, 0.0).at(0).score;
  EXPECT_LT(other_place, same);
  EXPECT_LT(much_later, same);
  EXPECT_EQ(index.query({kTitle, kContent, std::nullopt, 0}, 1, 0.0).at(0).score, same);
}

TEST(DuplicateIndex, RemoveReplaceAndExclude) {
  DuplicateIndex index;
  fill(index);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_TRUE(index.query({kTitle, kContent, 7, 0}, 5, {}, 1).empty());  // itself excluded
  index.add(1, "完全不同的内容", "路灯坏了很久没人修，晚上出行不安全，希望尽快维修。", 7, 0);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_TRUE(index.query({kTitle, kContent, 7, 0}).empty());
  EXPECT_TRUE(index.remove(2));
  EXPECT_FALSE(index.remove(2));
  EXPECT_EQ(index.size(), 2u);
  EXPECT_GT(index.memory_bytes(), 0u);
}

TEST(DuplicateIndex, GrowsPastItsInitialCapacity) {
  DuplicateIndex index({}, 16);
  for (int i = 0; i < 3000; ++i)
    index.add(i + 10, "编号" + std::to_string(i), "第" + std::to_string(i * 7919) + "号问题的不同内容" + std::to_string(i), {}, 0);
  index.add(5, kTitle, kContent, {}, 0);
  const auto m = index.query({kTitle, kContent, {}, 0});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].id, 5);
}

TEST(MinHash, EstimateTracksExactSimilarity) {
  const std::string half = std::string(kContent).substr(0, std::string(kContent).size() / 2);
  const double exact = exact_similarity("", kContent, "", half);
  const double est = sketch_similarity(sketch_text("", kContent), sketch_text("", half));
  EXPECT_NEAR(est, exact, 0.2);
  EXPECT_GT(exact, 0.8);  // a shortened copy is contained in the original
  EXPECT_LT(exact_similarity(kTitle, kContent, "小区物业乱收费", "物业公司擅自提高物业费"), 0.1);
}

}  // namespace
}  // namespace huiyin::text
