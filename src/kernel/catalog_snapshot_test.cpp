// The catalog snapshot as a value: a city's org tree down to the grids, found by id, code and
// path; categories up to their first level; campaigns by code. No database.
#include "kernel/catalog_snapshot.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace huiyin {
namespace {

// A city (id 1) with `districts` districts, each with `streets` streets of `communities`
// communities of `grids` grids, plus one department per district; ids in creation order,
// paths as the store makes them. Returned in a scrambled order (the snapshot must not care).
std::vector<Org> city(int districts, int streets, int communities, int grids) {
  std::vector<Org> out;
  Id next = 1;
  auto add = [&](std::string code, OrgKind kind, int level, const Org* parent) -> Org {
    Org o;
    o.id = next++;
    o.code = std::move(code);
    o.name = "单位" + std::to_string(o.id);
    o.kind = kind;
    o.level = level;
    if (parent) o.parent = parent->id;
    o.path = (parent ? parent->path : "/") + std::to_string(o.id) + "/";
    out.push_back(o);
    return o;
  };
  const Org root = add("430200", OrgKind::area, 1, nullptr);
  for (int d = 0; d < districts; ++d) {
    const Org district = add("D" + std::to_string(d), OrgKind::area, 2, &root);
    add("D" + std::to_string(d) + "-CGJ", OrgKind::dept, 3, &district);
    for (int s = 0; s < streets; ++s) {
      const Org street = add(district.code + "S" + std::to_string(s), OrgKind::area, 3, &district);
      for (int c = 0; c < communities; ++c) {
        const Org community = add(street.code + "C" + std::to_string(c), OrgKind::area, 4, &street);
        for (int g = 0; g < grids; ++g)
          add(community.code + "G" + std::to_string(g), OrgKind::area, 5, &community);
      }
    }
  }
  // Reverse, then swap neighbours: parents no longer come first.
  std::reverse(out.begin(), out.end());
  for (std::size_t i = 0; i + 1 < out.size(); i += 2) std::swap(out[i], out[i + 1]);
  return out;
}

TEST(CatalogSnapshot, CityOfThousandsOfOrgsFindsEveryOneByIdCodeAndPath) {
  const std::vector<Org> rows = city(9, 12, 8, 3);  // 1 + 9 × (2 + 12 × (1 + 8 × 4)) = 3,583
  ASSERT_EQ(rows.size(), 3583u);
  const CatalogSnapshot cat(7, rows, {}, {});
  EXPECT_EQ(cat.version(), 7);
  const OrgIndex& orgs = cat.orgs();
  ASSERT_EQ(orgs.size(), rows.size());
  for (const Org& o : rows) {
    const Org* by_id = orgs.find(o.id);
    ASSERT_NE(by_id, nullptr) << o.code;
    EXPECT_EQ(by_id->code, o.code);
    EXPECT_EQ(orgs.find_code(o.code), by_id);
    EXPECT_EQ(orgs.find_path(o.path), by_id);
  }
  EXPECT_EQ(orgs.find(99999), nullptr);
  EXPECT_EQ(orgs.find_code("nope"), nullptr);
  EXPECT_EQ(orgs.find_path("/1/99999/"), nullptr);
  EXPECT_FALSE(cat.org_ref(99999));
  EXPECT_FALSE(cat.org_ref(std::nullopt));
  EXPECT_EQ(cat.org_ref(orgs.find_code("D3S4C5G2")->id)->code, "D3S4C5G2");

  ASSERT_NE(orgs.root(), nullptr);
  EXPECT_EQ(orgs.root()->code, "430200");
  // The org tree lists parents before their subtrees, as the forms show it.
  for (std::size_t i = 0; i + 1 < orgs.list().size(); ++i)
    EXPECT_LT(orgs.list()[i].path, orgs.list()[i + 1].path);
  // Children: a district's department and streets; a community's grids; none under a grid.
  const Org* district = orgs.find_code("D3");
  EXPECT_EQ(orgs.children(district->id).size(), 13u);
  const Org* community = orgs.find_code("D3S4C5");
  const auto& grids = orgs.children(community->id);
  ASSERT_EQ(grids.size(), 3u);
  for (const Org* g : grids) EXPECT_EQ(g->parent, community->id);
  EXPECT_TRUE(orgs.children(grids[0]->id).empty());
  EXPECT_TRUE(orgs.children(99999).empty());
}

TEST(CatalogSnapshot, CategoriesAndCampaignsAreFoundByIdAndCode) {
  std::vector<Category> cats = {{1, "01", "城乡建设", {}, 1, {}, true},
                                {2, "0101", "市政设施", 1, 2, 40, true},
                                {3, "010101", "路灯", 2, 3, {}, false},
                                {4, "02", "环境保护", {}, 1, {}, true}};
  std::vector<Campaign> campaigns = {{5, "ZZXC", "常态化走找想促", 10, 20}};
  const CatalogSnapshot cat(1, {}, cats, campaigns);
  EXPECT_EQ(cat.category_code("0101")->id, 2);
  EXPECT_EQ(cat.category(3)->code, "010101");
  EXPECT_EQ(cat.category_code("99"), nullptr);
  EXPECT_EQ(cat.top_level_category(3)->code, "01");
  EXPECT_EQ(cat.top_level_category(4)->code, "02");
  EXPECT_EQ(cat.top_level_category(99), nullptr);
  ASSERT_EQ(cat.categories().size(), 4u);
  EXPECT_EQ(cat.categories()[2].code, "010101");  // as stored, inactive ones too
  EXPECT_EQ(cat.campaign_code("ZZXC")->id, 5);
  EXPECT_EQ(cat.campaign(5)->name, "常态化走找想促");
  EXPECT_EQ(cat.campaign_code("nope"), nullptr);
  EXPECT_TRUE(cat.orgs().list().empty());
  EXPECT_EQ(cat.orgs().root(), nullptr);
}

}  // namespace
}  // namespace huiyin
