#include "domain/codes.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

template <typename E, typename P>
void round_trips(P parse) {
  for (E v : all<E>()) {
    auto back = parse(code(v));
    ASSERT_TRUE(back.has_value()) << code(v);
    EXPECT_EQ(*back, v);
    EXPECT_FALSE(label(v).empty());
  }
  EXPECT_FALSE(parse("no_such_code").has_value());
}

TEST(Codes, EveryCodeRoundTrips) {
  round_trips<MatterStatus>(parse_status);
  round_trips<Action>(parse_action);
  round_trips<Role>(parse_role);
  round_trips<Channel>(parse_channel);
  round_trips<Kind>(parse_kind);
  round_trips<HandlingClass>(parse_handling_class);
  round_trips<Satisfaction>(parse_satisfaction);
  round_trips<OrgKind>(parse_org_kind);
  round_trips<MeasureStatus>(parse_measure_status);
}

TEST(Codes, ContractCodesAreSpelledAsPublished) {
  EXPECT_EQ(code(MatterStatus::signed_), "signed");
  EXPECT_EQ(code(Action::return_), "return");
  EXPECT_EQ(code(HandlingClass::long_term), "long_term");
  EXPECT_EQ(code(Satisfaction::basically_satisfied), "basically_satisfied");
  EXPECT_EQ(label(HandlingClass::immediate), "立行立改");
  EXPECT_EQ(all<MatterStatus>().size(), 11u);
}

}  // namespace
}  // namespace huiyin
