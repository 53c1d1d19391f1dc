#include "text/clustering.hpp"

#include <gtest/gtest.h>

#include <string>

namespace huiyin::text {
namespace {

TEST(Clustering, GroupsMattersOfOneProblemAcrossPlaces) {
  std::vector<std::string> titles, contents;
  const char* places[] = {"芙蓉区", "天心区", "岳麓区", "开福区", "雨花区"};
  for (int i = 0; i < 5; ++i) {
    titles.push_back(std::string(places[i]) + "老旧小区加装电梯审批难");
    contents.push_back(std::string("我们是") + places[i] + "的居民，老旧小区加装电梯申请提交半年，审批手续繁琐，业主意见难统一，请简化加装电梯审批流程。");
  }
  for (int i = 0; i < 4; ++i) {
    titles.push_back(std::string(places[i]) + "学校周边交通拥堵");
    contents.push_back(std::string(places[i]) + "某小学上学放学时段学校门口接送车辆乱停，交通拥堵严重，学生过马路不安全，希望交警在学校周边增派警力疏导。");
  }
  titles.push_back("宠物狗扰民");
  contents.push_back("楼上养狗整夜狂吠。");
  std::vector<ClusterItem> items;
  for (std::size_t i = 0; i < titles.size(); ++i)
    items.push_back({static_cast<Id>(100 + i), titles[i], contents[i], static_cast<Id>(1 + i % 5)});
  const auto clusters = cluster_texts(items);
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].members.size(), 5u);
  EXPECT_EQ(clusters[1].members.size(), 4u);
  for (Id m : clusters[0].members) EXPECT_LT(m, 105);
  EXPECT_EQ(clusters[0].areas.size(), 5u);
  EXPECT_EQ(clusters[0].examples.size(), 3u);
  bool elevator = false;
  for (const auto& k : clusters[0].keywords) elevator = elevator || k.find("加装电梯") != std::string::npos;
  EXPECT_TRUE(elevator) << ::testing::PrintToString(clusters[0].keywords);
  EXPECT_TRUE(cluster_texts({}).empty());
}

}  // namespace
}  // namespace huiyin::text
