// Intake validation (Chinese messages naming the field, nothing stored on error) and
// idempotency.
#include <gtest/gtest.h>

#include "features/matters/attachments.hpp"
#include "features/matters/intake.hpp"
#include "app/service_test_support.hpp"
#include "store/sql.hpp"

namespace huiyin::testing {
namespace {

IntakeRequest valid_request() {
  IntakeRequest r;
  r.title = "垃圾清运不及时";
  r.content = "小区垃圾站已经三天没有清运,气味很大。";
  r.category = "0101";
  r.district = "430202";
  r.contact_phone = "13912345678";
  return r;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct BadCase {
  const char* name;
  void (*spoil)(IntakeRequest&);
  const char* field;
};

TEST_F(ServiceTest, InvalidIntakeNamesTheFieldAndStoresNothing) {
  const BadCase cases[] = {
      {"empty title", [](IntakeRequest& r) { r.title = "  "; }, "title"},
      {"101-char title", [](IntakeRequest& r) { r.title = repeat("路", 101); }, "title"},
      {"empty content", [](IntakeRequest& r) { r.content = ""; }, "content"},
      {"5001-char content", [](IntakeRequest& r) { r.content = repeat("灯", 5001); }, "content"},
      {"bad utf-8", [](IntakeRequest& r) { r.content = "abc\xff\xfe"; }, "content"},
      {"overlong utf-8", [](IntakeRequest& r) { r.title = "\xC0\xAF"; }, "title"},
      {"unknown category", [](IntakeRequest& r) { r.category = "9999"; }, "category"},
      {"unknown district", [](IntakeRequest& r) { r.district = "999999"; }, "location.district"},
      {"dept as district", [](IntakeRequest& r) { r.district = "430200-ZJJ"; }, "location.district"},
      {"bad kind", [](IntakeRequest& r) { r.kind = "rant"; }, "kind"},
      {"bad channel", [](IntakeRequest& r) { r.channel = "fax"; }, "channel"},
      {"bad phone", [](IntakeRequest& r) { r.contact_phone = "12345678901"; }, "contact.phone"},
      {"short phone", [](IntakeRequest& r) { r.contact_phone = "1391234567"; }, "contact.phone"},
      {"lat out of range", [](IntakeRequest& r) { r.lat = 91; r.lng = 113; }, "location.lat"},
      {"lng without lat", [](IntakeRequest& r) { r.lng = 113; }, "location.lat"},
      {"too many photos", [](IntakeRequest& r) { r.attachments = std::vector<std::string>(10, "x"); },
       "attachments"},
      {"unknown photo", [](IntakeRequest& r) { r.attachments = {"424242"}; }, "attachments"},
  };
  const auto events_before = event_count();
  for (const auto& c : cases) {
    IntakeRequest r = valid_request();
    c.spoil(r);
    auto res = svc_->intake().submit(r, "");
    ASSERT_FALSE(res) << c.name;
    EXPECT_EQ(res.error().code, ErrorCode::invalid) << c.name;
    EXPECT_EQ(res.error().field, c.field) << c.name;
    EXPECT_FALSE(res.error().detail.empty()) << c.name;
  }
  EXPECT_EQ(event_count(), events_before);
  auto list = svc_->matters().list(actor("admin"), {});
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
  // The title limit counts characters, not bytes: 100 Chinese characters are fine.
  IntakeRequest r = valid_request();
  r.title = repeat("路", 100);
  r.contact_phone = "0731-22334455";
  EXPECT_TRUE(svc_->intake().submit(r, ""));
  EXPECT_EQ(svc_->intake().submit(valid_request(), "")->code, "ZZ-20261123-000002")
      << "failed submissions consumed no code";
}

TEST_F(ServiceTest, TitleErrorMessageIsChinese) {
  IntakeRequest r = valid_request();
  r.title = repeat("路", 101);
  auto res = svc_->intake().submit(r, "");
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().detail.find("标题"), std::string::npos) << res.error().detail;
  EXPECT_NE(res.error().detail.find("100"), std::string::npos) << res.error().detail;
}

TEST_F(ServiceTest, SameIdempotencyKeyGivesTheFirstReceiptAndOneMatter) {
  auto first = svc_->intake().submit(valid_request(), "phone-retry-1");
  ASSERT_TRUE(first);
  auto second = svc_->intake().submit(valid_request(), "phone-retry-1");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->code, first->code);
  EXPECT_EQ(second->token, first->token);
  EXPECT_EQ(second->query_code, first->query_code) << "the replay gives the same 查询码";
  auto other = svc_->intake().submit(valid_request(), "phone-retry-2");
  ASSERT_TRUE(other);
  EXPECT_NE(other->code, first->code);
  auto list = svc_->matters().list(actor("admin"), {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->items.size(), 2u);
}

TEST_F(ServiceTest, OneSubmitEventPerIntakeInTheSameTransaction) {
  auto before = event_count();
  auto r = svc_->intake().submit(valid_request(), "");
  ASSERT_TRUE(r);
  EXPECT_EQ(event_count(), before + 1);
  auto d = svc_->matters().get(actor("admin"), r->code);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->events.size(), 1u);
  EXPECT_EQ(d->events[0].event.type, "submit");
  EXPECT_TRUE(d->events[0].event.is_public);
  EXPECT_EQ(d->events[0].event.actor_label, "citizen");
}

TEST_F(ServiceTest, PhotosAreSniffedLinkedAndGuarded) {
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  auto a = svc_->attachments().save(png, "a.png");
  ASSERT_TRUE(a) << a.error().detail;
  EXPECT_EQ(a->mime, "image/png");
  EXPECT_EQ(a->size, 16);
  auto text = svc_->attachments().save("<html>not an image</html>");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::invalid);
  auto huge = svc_->attachments().save(std::string(11u << 20, '\xFF'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::too_large);

  EXPECT_FALSE(svc_->attachments().read(a->handle, nullptr)) << "unlinked: nobody reads it";
  IntakeRequest r = valid_request();
  r.attachments = {a->handle};
  auto m = svc_->intake().submit(r, "");
  ASSERT_TRUE(m) << m.error().detail;
  auto again = svc_->intake().submit(r, "");  // already linked
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "attachments");

  Actor disp = actor("disp");
  auto staff = svc_->attachments().read(a->handle, &disp);
  ASSERT_TRUE(staff) << staff.error().detail;
  EXPECT_EQ(staff->bytes, png);
  Actor lusong = actor("disp_lusong");
  EXPECT_FALSE(svc_->attachments().read(a->handle, &lusong));
  EXPECT_FALSE(svc_->attachments().read(a->handle, nullptr)) << "not consented to publication";
  auto d = svc_->matters().get(disp, m->code);
  ASSERT_EQ(d->attachments.size(), 1u);
}

// --- The short 查询码 (issue 9) ---

bool readable(const std::string& qc) {
  if (qc.size() != kQueryCodeLength) return false;
  for (char ch : qc)
    if (kQueryCodeAlphabet.find(ch) == std::string_view::npos) return false;
  return true;
}

TEST_F(ServiceTest, QueryCodeIsShortReadableAndFollowsTheMatterLikeTheToken) {
  auto r = svc_->intake().submit(valid_request(), "");
  ASSERT_TRUE(r);
  EXPECT_TRUE(readable(r->query_code)) << r->query_code;
  for (char bad : std::string("0O1lI"))
    EXPECT_EQ(r->query_code.find(bad), std::string::npos);
  EXPECT_NE(svc_->intake().submit(valid_request(), "")->query_code, r->query_code);

  auto by_code = svc_->intake().track(r->code, TrackKey{"", r->query_code, "10.0.0.1"});
  ASSERT_TRUE(by_code) << by_code.error().detail;
  EXPECT_EQ(by_code->code, r->code);
  EXPECT_EQ(by_code->title, "垃圾清运不及时");
  // Typed in lower case with a space in the middle, as read aloud.
  std::string typed = r->query_code.substr(0, 3) + " " + r->query_code.substr(3);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(svc_->intake().track(r->code, TrackKey{"", typed, "10.0.0.1"}));

  // A wrong 查询码 answers exactly like a matter that does not exist.
  std::string wrong = r->query_code;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  auto w = svc_->intake().track(r->code, TrackKey{"", wrong, "10.0.0.1"});
  auto missing = svc_->intake().track("ZZ-20991231-999999", TrackKey{"", r->query_code, "10.0.0.1"});
  ASSERT_FALSE(w);
  ASSERT_FALSE(missing);
  EXPECT_EQ(w.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(w.error().detail, missing.error().detail);
  EXPECT_FALSE(svc_->intake().track(r->code, TrackKey{"", "", "10.0.0.1"}));
  EXPECT_FALSE(svc_->intake().track(r->code, TrackKey{"", r->query_code + "2", "10.0.0.1"}));

  // Only a salted hash is stored: the 查询码 itself is nowhere in the database.
  std::string stored;
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    for (const auto& row : tx.conn().query("SELECT code_hash FROM matter_query_codes")) stored += row.text(0) + ";";
    for (const auto& row : tx.conn().query("SELECT response FROM idempotency_keys")) stored += row.text(0) + ";";
    return ok();
  }));
  EXPECT_NE(stored.find(';'), std::string::npos);
  EXPECT_EQ(stored.find(r->query_code), std::string::npos);
}

TEST_F(ServiceTest, TheCitizenEvaluatesWithTheQueryCode) {
  IntakeReceipt r = submit("路灯不亮");
  assign_and_sign(r.code);
  ActionRequest res = action("resolve");
  res.reply = "已更换灯泡";
  act("zjj", r.code, res);
  std::string wrong = r.query_code;
  wrong[5] = wrong[5] == '2' ? '3' : '2';
  auto bad = svc_->intake().evaluate(r.code, TrackKey{"", wrong, "10.0.0.9"}, {true, "satisfied", ""});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::not_found);
  auto good = svc_->intake().evaluate(r.code, TrackKey{"", r.query_code, "10.0.0.9"},
                                      {true, "satisfied", ""});
  ASSERT_TRUE(good) << good.error().detail;
  ASSERT_TRUE(good->evaluation);
  EXPECT_TRUE(good->evaluation->solved);
}

TEST_F(ServiceTest, WrongQueryCodesAreThrottledPerSourceNeverPerMatter) {
  auto r = svc_->intake().submit(valid_request(), "");
  ASSERT_TRUE(r);
  const int limit = svc_->context().throttle().rules().query_code_failures_per_source;
  // Guesses at this matter and at codes that do not exist count alike, per source.
  for (int i = 0; i < limit; ++i) {
    const std::string code = i % 2 ? r->code : "ZZ-20991231-00000" + std::to_string(i % 10);
    auto g = svc_->intake().track(code, TrackKey{"", "ZZZZZZ", "10.0.0.66"});
    ASSERT_FALSE(g);
    ASSERT_EQ(g.error().code, ErrorCode::not_found) << "guess " << i;
  }
  auto refused = svc_->intake().track(r->code, TrackKey{"", r->query_code, "10.0.0.66"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::too_many_requests);
  EXPECT_GT(refused.error().retry_after, 0);
  auto refused_eval =
      svc_->intake().evaluate(r->code, TrackKey{"", r->query_code, "10.0.0.66"}, {true, "satisfied", ""});
  ASSERT_FALSE(refused_eval);
  EXPECT_EQ(refused_eval.error().code, ErrorCode::too_many_requests);
  // The citizen elsewhere, and the saved link from the throttled address, still get in.
  EXPECT_TRUE(svc_->intake().track(r->code, TrackKey{"", r->query_code, "10.0.0.7"}));
  EXPECT_TRUE(svc_->intake().track(r->code, TrackKey{r->token, "", "10.0.0.66"}));
  // The window passes: the source may try again.
  clock_->advance(svc_->context().throttle().rules().window + 1);
  EXPECT_TRUE(svc_->intake().track(r->code, TrackKey{"", r->query_code, "10.0.0.66"}));
}

TEST_F(ServiceTest, AMatterFromBeforeQueryCodesKeepsWorkingWithItsToken) {
  auto r = svc_->intake().submit(valid_request(), "");
  ASSERT_TRUE(r);
  // As migrated from a release without 查询码: no row.
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    tx.conn().exec("DELETE FROM matter_query_codes");
    return ok();
  }));
  EXPECT_TRUE(svc_->intake().track(r->code, r->token));
  auto qc = svc_->intake().track(r->code, TrackKey{"", r->query_code, "10.0.0.1"});
  ASSERT_FALSE(qc);
  EXPECT_EQ(qc.error().code, ErrorCode::not_found);
}

TEST(QueryCode, NormalisesWhatIsTyped) {
  EXPECT_EQ(normalize_query_code("abc-def"), "ABCDEF");
  EXPECT_EQ(normalize_query_code(" 7kq 4mx "), "7KQ4MX");
  EXPECT_EQ(normalize_query_code("ABCDE"), "");
  EXPECT_EQ(normalize_query_code("ABCDEFG"), "");
  EXPECT_EQ(normalize_query_code("ABCDE0"), "") << "0 is never in a 查询码";
  EXPECT_EQ(normalize_query_code("ABCDEI"), "");
  EXPECT_EQ(normalize_query_code("查询码ABC"), "");
}

}  // namespace
}  // namespace huiyin::testing
