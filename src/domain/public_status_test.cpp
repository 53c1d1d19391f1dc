#include "domain/public_status.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

// Issue 9: the 回音壁 and the track page showed 被退回 / 已回访 / 已销号 to the public.
TEST(PublicStatus, WallDoesNotShowInternalStatus被退回) {
  for (MatterStatus s : {MatterStatus::submitted, MatterStatus::accepted, MatterStatus::rejected,
                         MatterStatus::assigned, MatterStatus::signed_, MatterStatus::returned,
                         MatterStatus::resolved, MatterStatus::verified, MatterStatus::closed,
                         MatterStatus::reopened, MatterStatus::merged}) {
    const std::string_view l = public_label(s);
    EXPECT_FALSE(l.empty());
    for (std::string_view jargon : {"被退回", "已回访", "已销号", "已交办"})
      EXPECT_EQ(l.find(jargon), std::string_view::npos) << l;
  }
  EXPECT_EQ(public_label(MatterStatus::returned), "办理中");
  EXPECT_EQ(public_label(MatterStatus::resolved), "已办结待确认");
  EXPECT_EQ(public_label(MatterStatus::verified), "已解决");
  EXPECT_EQ(public_label(MatterStatus::closed), "已解决");
  EXPECT_EQ(public_label(MatterStatus::reopened), "未解决重办");
}

TEST(PublicStatus, TrackTimelineUsesPlainWording) {
  EXPECT_EQ(public_event_label("close"), "办结归档");
  EXPECT_EQ(public_event_label("return"), "重新确定承办单位");
  EXPECT_EQ(public_event_label("something_new"), "办理进展");
  for (std::string_view t : {"accept", "assign", "sign", "return", "resolve", "verify", "close",
                             "reopen", "evaluate", "merge"})
    EXPECT_EQ(public_event_label(t).find("销号"), std::string_view::npos);
}

}  // namespace
}  // namespace huiyin
