// The lookup of a reporter's matters by phone (issue 9) as a service, on both backends, with the
// clock driven by hand: the code goes through the notifier only when the phone has matters,
// verifies once, expires after 10 minutes, and opens exactly that phone's matters.
#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "app/service_test_support.hpp"
#include "features/matters/intake.hpp"

namespace huiyin::testing {
namespace {

class RecordingNotifier final : public Notifier {
 public:
  Status send(const std::string& phone, const std::string& text) override {
    std::lock_guard lock(mu_);
    sent.push_back({phone, text});
    return ok();
  }
  std::string last_code() const {
    std::lock_guard lock(mu_);
    std::smatch m;
    if (sent.empty() || !std::regex_search(sent.back().second, m, std::regex("([0-9]{6})")))
      return {};
    return m[1];
  }
  std::vector<std::pair<std::string, std::string>> sent;

 private:
  mutable std::mutex mu_;
};

class TrackPhoneTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    notifier_ = std::make_shared<RecordingNotifier>();
    ServiceConfig cfg;
    cfg.data_dir = dir_.string();
    cfg.fast_password_hashing = true;
    cfg.notifier = notifier_;
    auto svc = Services::open(*store_, *clock_, cfg);
    ASSERT_TRUE(svc) << svc.error().detail;
    phone_svc_ = std::move(*svc);
  }
  void TearDown() override {
    phone_svc_.reset();
    ServiceTest::TearDown();
  }
  IntakeService& intake() { return phone_svc_->intake(); }
  IntakeReceipt submit_with_phone(const std::string& title, const std::string& phone) {
    IntakeRequest r;
    r.title = title;
    r.content = "小区门口的路灯坏了,晚上出行不便,请尽快修复。";
    r.contact_name = "李四";
    r.contact_phone = phone;
    auto rec = intake().submit(r, "");
    EXPECT_TRUE(rec) << rec.error().detail;
    return *rec;
  }

  std::shared_ptr<RecordingNotifier> notifier_;
  std::unique_ptr<Services> phone_svc_;
};

TEST_F(TrackPhoneTest, ACodeIsSentOnlyForAPhoneWithMattersAndOpensExactlyThem) {
  const auto first = submit_with_phone("路灯不亮", "13912340001");
  clock_->advance(3600);
  const auto second = submit_with_phone("井盖缺失", "13912340001");
  submit_with_phone("别人的问题", "13912340002");

  ASSERT_TRUE(intake().request_phone_code("13700000000", "10.0.0.1"));
  EXPECT_TRUE(notifier_->sent.empty()) << "nothing is sent for a phone without matters";
  ASSERT_TRUE(intake().request_phone_code("+86 139 1234 0001", "10.0.0.1"));
  ASSERT_EQ(notifier_->sent.size(), 1u);
  EXPECT_EQ(notifier_->sent[0].first, "13912340001");
  const std::string otp = notifier_->last_code();
  ASSERT_EQ(otp.size(), 6u);

  auto found = intake().verify_phone_code("13912340001", otp, "10.0.0.1");
  ASSERT_TRUE(found) << found.error().detail;
  ASSERT_EQ(found->items.size(), 2u);
  EXPECT_EQ(found->items[0].code, second.code) << "newest first";
  EXPECT_EQ(found->items[1].code, first.code);
  TrackKey key{"", "", "10.0.0.1", found->access};
  EXPECT_TRUE(intake().track(first.code, key));
  clock_->advance(30 * 60);
  auto late = intake().track(first.code, key);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::not_found) << "the access lasts 30 minutes";

  auto again = intake().verify_phone_code("13912340001", otp, "10.0.0.1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "otp") << "single use";
}

TEST_F(TrackPhoneTest, AnExpiredCodeAnswersLikeAWrongOne) {
  submit_with_phone("路灯不亮", "13912340003");
  ASSERT_TRUE(intake().request_phone_code("13912340003", "10.0.0.2"));
  const std::string otp = notifier_->last_code();
  clock_->advance(10 * 60);
  auto expired = intake().verify_phone_code("13912340003", otp, "10.0.0.2");
  ASSERT_FALSE(expired);
  auto none = intake().verify_phone_code("13700000001", "123456", "10.0.0.2");
  ASSERT_FALSE(none);
  EXPECT_EQ(expired.error().code, none.error().code);
  EXPECT_EQ(expired.error().detail, none.error().detail);
  EXPECT_EQ(expired.error().field, none.error().field);
  // Within the 10 minutes a fresh code works.
  ASSERT_TRUE(intake().request_phone_code("13912340003", "10.0.0.2"));
  clock_->advance(9 * 60 + 59);
  EXPECT_TRUE(intake().verify_phone_code("13912340003", notifier_->last_code(), "10.0.0.2"));
}

TEST_F(TrackPhoneTest, WithoutANotifierTheAnswerIsTheSameAndNothingIsSent) {
  submit_with_phone("路灯不亮", "13912340004");
  ASSERT_TRUE(svc_->intake().request_phone_code("13912340004", "10.0.0.3"));
  ASSERT_TRUE(svc_->intake().request_phone_code("13700000004", "10.0.0.3"));
  auto r = svc_->intake().verify_phone_code("13912340004", "000000", "10.0.0.3");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "otp");
}

}  // namespace
}  // namespace huiyin::testing
