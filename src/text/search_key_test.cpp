#include "text/search_key.hpp"

#include <gtest/gtest.h>

namespace huiyin::text {
namespace {

TEST(SearchKey, BigramsInOrderThenCharacters) {
  EXPECT_EQ(search_key("路灯坏了"), "路灯 灯坏 坏了 路 灯 坏 了");
}

TEST(SearchKey, BigramsDoNotCrossPunctuation) {
  EXPECT_EQ(search_key("垃圾，臭"), "垃圾 垃 圾 臭");
}

TEST(SearchKey, TraditionalAndSimplifiedGiveTheSameKey) {
  EXPECT_EQ(search_key("垃圾站臭氣熏天"), search_key("垃圾站臭气熏天"));
}

TEST(SearchKey, QueryOfTwoCharactersIsOneBigram) {
  const SearchQuery q = parse_search_query("垃圾");
  ASSERT_EQ(q.phrases.size(), 1u);
  EXPECT_EQ(fts5_match(q), "\"垃圾\"");
  EXPECT_EQ(pg_tsquery(q), "垃圾");
}

TEST(SearchKey, LongerQueryIsAPhraseOfConsecutiveBigrams) {
  const SearchQuery q = parse_search_query("路燈不亮 物业");
  EXPECT_EQ(fts5_match(q), "\"路灯 灯不 不亮\" AND \"物业\"");
  EXPECT_EQ(pg_tsquery(q), "(路灯 <-> 灯不 <-> 不亮) & 物业");
}

TEST(SearchKey, QueryPhraseIsASubsequenceOfTheDocumentKey) {
  // Whatever substring of 2+ characters is asked for, its bigrams appear consecutively.
  const std::string key = " " + search_key("A3区杜鹃文苑小区外的非法汽车检测站") + " ";
  for (const char* q : {"小区", "汽车检测", "文苑小区外", "a3区"}) {
    const auto phrase = parse_search_query(q).phrases.at(0);
    std::string joined = " ";
    for (const auto& t : phrase) joined += t + " ";
    EXPECT_NE(key.find(joined), std::string::npos) << q;
  }
}

TEST(SearchKey, OneCharacterQueryAndEmptyQuery) {
  EXPECT_EQ(fts5_match(parse_search_query("臭")), "\"臭\"");
  EXPECT_TRUE(parse_search_query("，。！").empty());
  EXPECT_EQ(fts5_match(parse_search_query("\"; DROP")), "\"dr ro op\"");  // quotes never pass
}

TEST(SearchKey, MatchesQueryLikeTheIndex) {
  EXPECT_TRUE(matches_query("小区路灯坏了 联系135****7777", "路灯 7777"));
  EXPECT_TRUE(matches_query("小區路燈壞了", "路灯"));  // Traditional text, Simplified query
  EXPECT_FALSE(matches_query("联系135****7777", "1351"));  // a hidden digit is not there
  EXPECT_FALSE(matches_query("路灯坏了", "路灯 物业"));    // every word must match
  EXPECT_TRUE(matches_query("路灯坏了", ""));
}

}  // namespace
}  // namespace huiyin::text
