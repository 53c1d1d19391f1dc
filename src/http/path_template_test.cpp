#include "http/path_template.hpp"

#include <gtest/gtest.h>

namespace huiyin::http {
namespace {

TEST(PathTemplate, MatchesLiteralsAndNamedSegments) {
  PathTemplate t("/api/v1/matters/{code}/actions");
  auto p = t.match("/api/v1/matters/ZZ-20261122-000001/actions");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at("code"), "ZZ-20261122-000001");
  EXPECT_FALSE(t.match("/api/v1/matters/ZZ-1"));
  EXPECT_FALSE(t.match("/api/v1/matters//actions"));
  EXPECT_FALSE(t.match("/api/v1/matters/ZZ-1/actions/extra"));
}

TEST(PathTemplate, IntegerParamsTakeDigitsOnly) {
  PathTemplate t("/api/v1/measures/{id:int}");
  EXPECT_TRUE(t.match("/api/v1/measures/42"));
  EXPECT_FALSE(t.match("/api/v1/measures/4x2"));
  EXPECT_FALSE(t.match("/api/v1/measures/-1"));
  EXPECT_FALSE(t.match("/api/v1/measures/1234567890123456789"));  // would overflow int64
}

TEST(PathTemplate, ParamWithSuffixTakesTheSegmentBeforeIt) {
  PathTemplate t("/api/v1/circulars/{id:int}.html");
  auto p = t.match("/api/v1/circulars/12.html");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->at("id"), "12");
  EXPECT_FALSE(t.match("/api/v1/circulars/12"));
  EXPECT_FALSE(t.match("/api/v1/circulars/12.xlsx"));
  EXPECT_FALSE(t.match("/api/v1/circulars/.html"));
  EXPECT_FALSE(t.match("/api/v1/circulars/1x.html"));
  EXPECT_FALSE(PathTemplate("/api/v1/circulars/{id:int}").match("/api/v1/circulars/12.html"));
  EXPECT_EQ(t.openapi_path(), "/api/v1/circulars/{id}.html");
}

TEST(PathTemplate, OpenApiFormDropsTypes) {
  EXPECT_EQ(PathTemplate("/api/v1/measures/{id:int}").openapi_path(), "/api/v1/measures/{id}");
  EXPECT_EQ(PathTemplate("/healthz").openapi_path(), "/healthz");
}

}  // namespace
}  // namespace huiyin::http
