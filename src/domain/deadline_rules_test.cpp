#include "domain/deadline_rules.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

Date d(const char* s) { return *parse_date(s); }

const char* kRules =
    "channel\thandling_class\tdays\tunit\n"
    "*\timmediate\t3\tworking\n"
    "*\tphased\t15\tworking\n"
    "hotline\tphased\t5\tworking\n"
    "petition\t*\t60\tcalendar\n";

WorkCalendar spring_festival_2026() {
  WorkCalendar cal;
  for (int i = 15; i <= 23; ++i)
    cal.set(d("2026-02-01") + std::chrono::days{i - 1}, DayType::holiday, "春节");
  cal.set(d("2026-02-14"), DayType::workday, "春节调休上班");
  cal.set(d("2026-02-28"), DayType::workday, "春节调休上班");
  return cal;
}

TEST(DeadlineRules, MostSpecificRuleWins) {
  auto rules = DeadlineRules::parse_tsv(kRules);
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->rule_for(Channel::hotline, HandlingClass::phased).days, 5);
  EXPECT_EQ(rules->rule_for(Channel::web, HandlingClass::phased).days, 15);
  EXPECT_EQ(rules->rule_for(Channel::petition, HandlingClass::immediate).days, 60);
  EXPECT_FALSE(rules->rule_for(Channel::petition, HandlingClass::phased).working_days);
  EXPECT_EQ(rules->rule_for(Channel::web, HandlingClass::long_term).days, 15);  // built-in default
}

TEST(DeadlineRules, WorkingDaysCrossTheSpringFestivalAndItsMakeUpSaturday) {
  auto rules = *DeadlineRules::parse_tsv(kRules);
  auto cal = spring_festival_2026();
  // Assigned Thu 2026-02-12 10:00 local. 3 working days: Fri 02-13, Sat 02-14 (make-up),
  // then the holiday to 02-23, so Tue 02-24.
  Instant assigned = start_of_local_day(d("2026-02-12")) + 10 * 3600;
  Instant due = rules.due(assigned, Channel::web, HandlingClass::immediate, cal);
  EXPECT_EQ(local_date(due), d("2026-02-24"));
  EXPECT_EQ(due, end_of_local_day(d("2026-02-24")));
}

TEST(DeadlineRules, PetitionsUseCalendarDaysAndFifteenDaysToAcknowledge) {
  auto rules = *DeadlineRules::parse_tsv(kRules);
  auto cal = spring_festival_2026();
  Instant received = start_of_local_day(d("2026-02-10")) + 9 * 3600;
  EXPECT_EQ(local_date(rules.due(received, Channel::petition, HandlingClass::phased, cal)),
            d("2026-04-11"));
  EXPECT_EQ(local_date(petition_acknowledge_due(received)), d("2026-02-25"));
  Instant due = rules.due(received, Channel::petition, HandlingClass::phased, cal);
  EXPECT_EQ(local_date(rules.extend(due, 30, Channel::petition, HandlingClass::phased, cal)),
            d("2026-05-11"));
}

TEST(DeadlineRules, DescribesDeadlinesAsOfficesDo) {
  auto cal = spring_festival_2026();
  Instant due = end_of_local_day(d("2026-02-24"));
  EXPECT_EQ(describe_deadline(due, start_of_local_day(d("2026-02-13")) + 3600, cal), "剩余2个工作日");
  EXPECT_EQ(describe_deadline(due, start_of_local_day(d("2026-02-24")) + 3600, cal), "今日到期");
  EXPECT_EQ(describe_deadline(due, start_of_local_day(d("2026-02-26")) + 3600, cal), "超期2个工作日");
}

// Bug (issue 9): after 办结 the deadline text switched to 剩余N天 and kept counting down.
TEST(DeadlineRules, ResolvedMattersSayWhetherTheyMetTheDeadline) {
  auto cal = spring_festival_2026();
  Instant due = end_of_local_day(d("2026-02-24"));
  EXPECT_EQ(describe_resolution(due, start_of_local_day(d("2026-02-13")) + 3600, cal), "按期办结");
  EXPECT_EQ(describe_resolution(due, due, cal), "按期办结");
  EXPECT_EQ(describe_resolution(due, start_of_local_day(d("2026-02-26")) + 3600, cal), "超期2个工作日办结");
}

TEST(DeadlineRules, BadRowsAreRefusedAndTsvRoundTrips) {
  EXPECT_FALSE(DeadlineRules::parse_tsv("web\tsoon\t3\tworking\n").ok());
  EXPECT_FALSE(DeadlineRules::parse_tsv("web\t*\t-1\tworking\n").ok());
  EXPECT_FALSE(DeadlineRules::parse_tsv("web\t*\t3\tweeks\n").ok());
  auto rules = *DeadlineRules::parse_tsv(kRules);
  auto again = DeadlineRules::parse_tsv(rules.to_tsv());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rules().size(), 4u);
}

TEST(DeadlineRules, ABadRowIsNamedByItsLineInTheFileCountingComments) {
  auto bad = DeadlineRules::parse_tsv("# 说明\n\nchannel\thandling_class\tdays\tunit\nweb\tsoon\t3\tworking\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().detail, "时限规则第4行无效");
}

TEST(DeadlineRules, AFileSavedWithABomReadsLikeOneWithout) {
  auto rules = DeadlineRules::parse_tsv(std::string("\xEF\xBB\xBF") + kRules);
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->rules().size(), 4u);
}

}  // namespace
}  // namespace huiyin
