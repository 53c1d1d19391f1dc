// Keyword search in the storage behaviour suite (both backends): Chinese words of two or more
// characters, Traditional/Simplified and full-width tolerance, words that must not match,
// keyword with other filters, keyset paging and relevance order, hostile query text, and the
// upgrade that makes matters stored before the search index searchable.
#include <algorithm>
#include <map>
#include <set>

#include "store/migrations.hpp"
#include "store/search_reindex.hpp"
#include "store/store_test_support.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin::testing {
namespace {

using V = std::vector<std::string>;

class StoreSearchTest : public StoreFixture {
 protected:
  // Inserts a matter the way intake does (row, then its search key) and remembers its name.
  Id add(const std::string& name, const std::string& title, const std::string& content,
         MatterStatus status = MatterStatus::submitted) {
    Matter m;
    m.code = "ZZ-S-" + name;
    m.title = title;
    m.content = content;
    m.status = status;
    m.created_at = m.updated_at = 1000 + static_cast<Instant>(ids_.size());
    Id id = *w([&](Tx& tx) -> Result<Id> {
      auto id = db::insert_matter(tx, m);
      if (!id) return id;
      if (Status s = db::set_search_text(tx, *id, sql::matter_search_key(title, content)); !s)
        return s.error();
      return id;
    });
    ids_[id] = name;
    return id;
  }

  MatterPage page(const MatterFilter& f) {
    return r([&](Tx& tx) { return db::list_matters(tx, f); });
  }

  // Names of the matters found for `q` (sorted), with optional extra filtering.
  V find(const std::string& q, std::vector<MatterStatus> statuses = {}) {
    MatterFilter f;
    f.scope.all = true;
    f.limit = 100;
    f.q = q;
    f.statuses = std::move(statuses);
    V out;
    for (const auto& m : page(f).items) out.push_back(ids_.count(m.id) ? ids_[m.id] : "?");
    std::sort(out.begin(), out.end());
    return out;
  }

  void add_city_matters() {
    add("garbage", "小区垃圾无人清运", "楼下的垃圾桶已经三天没人清理，气味很大。");
    add("lamp", "路灯不亮", "人民路的路灯晚上不亮，行人很不安全。", MatterStatus::assigned);
    add("trad", "小區門口的路燈壞了", "晚上出行很不安全，請儘快維修。");
    add("noise", "噪音扰民", "附近工地夜间施工，噪音很大。");
    add("wide", "ＡＢＣ小区停车难", "小区车位不足，停车难。");
    add("sorting", "垃圾分类宣传", "建议加强垃圾分类宣传。", MatterStatus::closed);
    add("water", "积水严重。坑洼路面", "雨后积水严重");
  }

  std::map<Id, std::string> ids_;
};

TEST_P(StoreSearchTest, TwoCharacterWordsAreFound) {
  add_city_matters();
  EXPECT_EQ(find("垃圾"), (V{"garbage", "sorting"}));
  EXPECT_EQ(find("路灯"), (V{"lamp", "trad"}));
  EXPECT_EQ(find("噪音"), (V{"noise"}));
  EXPECT_EQ(find("小区"), (V{"garbage", "trad", "wide"}));
}

TEST_P(StoreSearchTest, LongerWordsMatchAsWholeSubstrings) {
  add_city_matters();
  EXPECT_EQ(find("垃圾桶"), (V{"garbage"}));
  EXPECT_EQ(find("垃圾分类"), (V{"sorting"}));
  EXPECT_EQ(find("夜间施工"), (V{"noise"}));
  EXPECT_EQ(find("不安全"), (V{"lamp", "trad"}));
  EXPECT_EQ(find("路灯坏了"), (V{"trad"}));
}

TEST_P(StoreSearchTest, TraditionalAndFullWidthTextMatchTheirPlainTwins) {
  add_city_matters();
  EXPECT_EQ(find("门口路灯"), V{});         // not a substring
  EXPECT_EQ(find("小区门口"), (V{"trad"}));  // Simplified query, Traditional matter
  EXPECT_EQ(find("垃圾無人"), (V{"garbage"}));  // Traditional query, Simplified matter
  EXPECT_EQ(find("噪音擾民"), (V{"noise"}));
  EXPECT_EQ(find("尽快维修"), (V{"trad"}));
  EXPECT_EQ(find("abc"), (V{"wide"}));       // full-width letters fold
  EXPECT_EQ(find("ＡＢＣ小区"), (V{"wide"}));
}

TEST_P(StoreSearchTest, WordsThatDoNotOccurMatchNothing) {
  add_city_matters();
  EXPECT_EQ(find("垃圾车"), V{});
  EXPECT_EQ(find("灯路"), V{});        // the characters occur, not in this order
  EXPECT_EQ(find("人民广场"), V{});
  EXPECT_EQ(find("重坑"), V{});        // spans a full stop in the text
  EXPECT_EQ(find("路灯 噪音"), V{});   // every word must occur
}

TEST_P(StoreSearchTest, SeveralWordsAndSingleCharacters) {
  add_city_matters();
  EXPECT_EQ(find("路灯 安全"), (V{"lamp", "trad"}));
  EXPECT_EQ(find("路灯，人民"), (V{"lamp"}));
  EXPECT_EQ(find("桶"), (V{"garbage"}));
  EXPECT_EQ(find("灯"), (V{"lamp", "trad"}));
}

TEST_P(StoreSearchTest, KeywordCombinesWithOtherFilters) {
  add_city_matters();
  EXPECT_EQ(find("垃圾", {MatterStatus::closed}), (V{"sorting"}));
  EXPECT_EQ(find("路灯", {MatterStatus::assigned}), (V{"lamp"}));
  EXPECT_EQ(find("路灯", {MatterStatus::closed}), V{});
}

TEST_P(StoreSearchTest, ChangedSearchTextReplacesTheOldKey) {
  Id id = add("moved", "路灯不亮", "晚上很黑");
  ASSERT_TRUE(w([&](Tx& tx) {
                return db::set_search_text(tx, id, sql::matter_search_key("井盖缺失", "有安全隐患"));
              }).ok());
  EXPECT_EQ(find("路灯"), V{});
  EXPECT_EQ(find("井盖"), (V{"moved"}));
}

TEST_P(StoreSearchTest, PagingWithAKeywordHasNoDuplicatesOrGaps) {
  std::vector<Id> want;
  for (int i = 0; i < 23; ++i) {
    want.push_back(add("hit" + std::to_string(i), "垃圾清运不及时", "第" + std::to_string(i) + "次反映"));
    add("miss" + std::to_string(i), "道路坑洼", "垃圾桶旁的路面");
  }
  std::sort(want.rbegin(), want.rend());
  MatterFilter f;
  f.scope.all = true;
  f.limit = 5;
  f.q = "垃圾清运";
  std::vector<Id> seen;
  int pages = 0;
  for (;;) {
    auto p = page(f);
    ++pages;
    for (const auto& m : p.items) seen.push_back(m.id);
    if (!p.next_cursor) break;
    f.before_id = p.next_cursor;
    if (pages == 2) add("late", "垃圾清运", "后来的");  // newer: must not shift later pages
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen, want);
  EXPECT_EQ(std::set<Id>(seen.begin(), seen.end()).size(), seen.size());
}

TEST_P(StoreSearchTest, RankedSearchPutsTheBestMatchFirstAsOnePage) {
  Id strong = add("strong", "垃圾堆放", "垃圾成堆，垃圾桶满了，垃圾无人清运。");
  add("weak1", "楼道杂物", "楼道里堆满杂物，偶尔也有垃圾。");
  add("weak2", "噪音扰民", "夜里施工噪音大，工地门口还有垃圾。", MatterStatus::closed);
  add("none", "路灯不亮", "晚上很黑");
  MatterFilter f;
  f.scope.all = true;
  f.q = "垃圾";
  f.limit = 2;
  f.rank_by_relevance = true;
  auto p = page(f);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[0].id, strong);   // not the newest, but the best
  EXPECT_FALSE(p.next_cursor);         // relevance order is one page
  f.statuses = {MatterStatus::closed};
  p = page(f);
  ASSERT_EQ(p.items.size(), 1u);
  EXPECT_EQ(ids_[p.items[0].id], "weak2");
  // Without ranking the same search is newest first and pages on.
  f.statuses = {};
  f.rank_by_relevance = false;
  p = page(f);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(ids_[p.items[0].id], "weak2");
  EXPECT_TRUE(p.next_cursor);
}

TEST_P(StoreSearchTest, HostileQueryTextIsJustText) {
  add_city_matters();
  add("symbols", "标点测试", "含有 a:b 与 c* 还有 100% 的文字");
  for (const char* q : {"\"", "'", "*", ":", "a:b", "c*", "!", "(", ")", "<->", "&", "|", "\\",
                        "AND", "OR", "NOT", "NEAR(垃圾", "垃圾\"", "'垃圾'", "路灯 OR 噪音",
                        "%_", "-垃圾", "^", "垃圾:*", "　", "\xff\xfe"}) {
    MatterFilter f;
    f.scope.all = true;
    f.q = q;
    Status st = store().read([&](Tx& tx) {
      (void)db::list_matters(tx, f);
      return ok();
    });
    EXPECT_TRUE(st.ok()) << q << ": " << (st.ok() ? "" : st.error().detail);
  }
  EXPECT_EQ(find("%"), V{"symbols"});    // no letter or digit: plain substring, no wildcard
  EXPECT_EQ(find("_"), V{});
  EXPECT_EQ(find("'垃圾'"), (V{"garbage", "sorting"}));
  EXPECT_EQ(find("a:b"), (V{"symbols", "wide"}));  // words "a" and "b"
}

class SearchUpgradeTest : public StoreFixture {
 protected:
  bool migrate_in_setup() const override { return false; }
};

TEST_P(SearchUpgradeTest, MattersStoredBeforeTheIndexBecomeSearchable) {
  sql::Dialect d{GetParam() == "sqlite" ? sql::Dialect::Kind::sqlite
                                        : sql::Dialect::Kind::postgresql};
  auto c = raw();
  ASSERT_EQ(*sql::apply_migrations(*c, d, 1), 1);
  // A row as version 1 wrote it: raw text (not a key) in search_text.
  c->exec(
      "INSERT INTO matters (code, title, content, channel, kind, status, created_at, updated_at, "
      "search_text) VALUES ($1, $2, $3, 'web', 'problem', 'submitted', 1, 1, $4)",
      {"ZZ-OLD", "小區路燈壞了", "晚上很黑", "小區路燈壞了 晚上很黑"});
  c.reset();
  auto v = store().migrate();
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_EQ(*v, latest_migration(GetParam()));
  MatterFilter f;
  f.scope.all = true;
  f.q = "路灯";
  auto p = r([&](Tx& tx) { return db::list_matters(tx, f); });
  ASSERT_EQ(p.items.size(), 1u);
  EXPECT_EQ(p.items[0].code, "ZZ-OLD");
  EXPECT_EQ(p.items[0].title, "小區路燈壞了");  // stored text stays as written
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSearchTest, backends(), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, SearchUpgradeTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
