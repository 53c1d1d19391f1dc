// Shared by the scheduler's service tests: a city whose calendar has Thursday and Friday
// 2026-11-26/27 off and Saturday 11-28 a make-up workday, and instants on its days.
#pragma once

#include "app/service_test_support.hpp"
#include "store/catalog_store.hpp"

namespace huiyin::testing {

inline Instant at(const char* day, int hour = 9) {
  return start_of_local_day(*parse_date(day)) + hour * 3600;
}

class HolidayServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    Status st = store_->write([&](Tx& tx) -> Status {
      return db::replace_calendar(tx, {{*parse_date("2026-11-26"), DayType::holiday, "测试假日"},
                                       {*parse_date("2026-11-27"), DayType::holiday, "测试假日"},
                                       {*parse_date("2026-11-28"), DayType::workday, "调休上班"}});
    });
    ASSERT_TRUE(st);
    ASSERT_TRUE(svc_->context().reload());
  }
};

}  // namespace huiyin::testing
