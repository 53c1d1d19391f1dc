#include "domain/escalation.hpp"

#include <gtest/gtest.h>

#include "domain/test_calendars.hpp"

namespace huiyin {
namespace {

using testing::national_day_2026;
Date d(const char* s) { return testing::day(s); }

// The rows of share/data/escalation_rules.tsv.
EscalationRules shipped() {
  auto r = EscalationRules::parse_tsv(
      "code\tlevel\tanchor\tamount\tlabel\n"
      "warn_80\twarned\tshare\t80\t办理用时过80%预警\n"
      "warn_last_day\twarned\tlast_day\t0\t到期当日预警\n"
      "remind_1\treminded\toverdue\t1\t超期1个工作日提醒\n"
      "supervise_3\tsupervised\toverdue\t3\t超期3个工作日督办(黄牌)\n"
      "circulate_10\tcirculated\toverdue\t10\t超期10个工作日列入通报(红牌)\n"
      "talk_20\ttalk\toverdue\t20\t超期20个工作日提请约谈\n");
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : EscalationRules{};
}

Instant trigger_of(const EscalationRules& rules, const char* code, Instant start, Instant deadline,
                   const WorkCalendar& cal) {
  const EscalationRule* r = rules.find(code);
  EXPECT_NE(r, nullptr) << code;
  return r ? EscalationRules::trigger(*r, start, deadline, cal) : 0;
}

TEST(Escalation, TheDefaultLadderSkipsTheHolidayAndCountsTheMakeUpWorkday) {
  const auto cal = national_day_2026();
  const auto rules = shipped();
  const Instant start = start_of_local_day(d("2026-09-21"));
  const Instant deadline = end_of_local_day(d("2026-09-30"));  // Wednesday before the holiday
  // 提醒: the first working day after the deadline is Thursday 10-08, not 10-01.
  EXPECT_EQ(trigger_of(rules, "remind_1", start, deadline, cal), start_of_local_day(d("2026-10-08")));
  // 督办 at 3 working days late: 10-08, 10-09, then the make-up Saturday 10-10.
  EXPECT_EQ(trigger_of(rules, "supervise_3", start, deadline, cal),
            start_of_local_day(d("2026-10-10")));
  // 通报 at 10: 10-10 is the 3rd; 10-12..10-16 4th–8th; 10-19 9th, 10-20 10th.
  EXPECT_EQ(trigger_of(rules, "circulate_10", start, deadline, cal),
            start_of_local_day(d("2026-10-20")));
  EXPECT_EQ(trigger_of(rules, "warn_last_day", start, deadline, cal),
            start_of_local_day(d("2026-09-30")));
  // 80% of the time from assignment to deadline.
  EXPECT_EQ(trigger_of(rules, "warn_80", start, deadline, cal),
            start + (deadline - start) * 80 / 100);
}

TEST(Escalation, TheLastDayWarningMovesBeforeADeadlineOnARestDay) {
  const auto cal = national_day_2026();
  const auto rules = shipped();
  // A petition's calendar-day deadline can fall on a holiday: warn on the last working day.
  const Instant deadline = end_of_local_day(d("2026-10-03"));
  EXPECT_EQ(trigger_of(rules, "warn_last_day", 0, deadline, cal),
            start_of_local_day(d("2026-09-30")));
}

TEST(Escalation, TenWorkingDaysLateIsAtSupervisionOrBeyond) {
  const auto cal = national_day_2026();
  const auto rules = shipped();
  const Instant start = start_of_local_day(d("2026-11-02"));
  const Instant deadline = end_of_local_day(d("2026-11-13"));
  const Instant ten_late = start_of_local_day(cal.add_working_days(d("2026-11-13"), 10)) + 3600;
  EscalationLevel top = EscalationLevel::none;
  for (const EscalationRule* r : rules.due(start, deadline, ten_late, cal))
    if (r->level > top) top = r->level;
  EXPECT_GE(top, EscalationLevel::supervised);
  // The day before the deadline only the 80% warning is due.
  auto early = rules.due(start, deadline, start_of_local_day(d("2026-11-12")) + 3600, cal);
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0]->code, "warn_80");
}

TEST(Escalation, ParsesTheShippedTableAndRefusesBadRows) {
  auto ok = EscalationRules::parse_tsv(
      "code\tlevel\tanchor\tamount\tlabel\nwarn_80\twarned\tshare\t80\t预警\n"
      "remind_2\treminded\toverdue\t2\t超期2个工作日提醒\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->rules().size(), 2u);
  EXPECT_EQ(ok->rules()[1].amount, 2);
  EXPECT_EQ(ok->rules()[1].level, EscalationLevel::reminded);
  for (const char* bad : {"x\tsupervised\toverdue\t0\t督办\n", "x\tnone\toverdue\t1\t无\n",
                          "x\twarned\tshare\t100\t预警\n", "x\twarned\tsoon\t1\t预警\n",
                          "x\twarned\tshare\t50\n", "x\twarned\tshare\t50\ta\nx\twarned\tshare\t60\tb\n"}) {
    auto r = EscalationRules::parse_tsv(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().field, "escalation_rules");
    }
  }
  EXPECT_EQ(code(EscalationLevel::circulated), "circulated");
  EXPECT_EQ(parse_escalation_level("talk"), EscalationLevel::talk);
}

}  // namespace
}  // namespace huiyin
