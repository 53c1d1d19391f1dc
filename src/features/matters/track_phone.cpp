// The lookup of a reporter's matters by the phone number they gave (issue 9): a one-time code
// sent to the phone through the notifier, then the list of the phone's matters with an access
// that opens each on the track page. The first step answers the same whether or not the phone
// has matters, and both steps are throttled per phone and per source address (kernel/throttle).
#include <spdlog/spdlog.h>

#include <atomic>
#include <set>

#include "domain/phone.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin {
namespace {

constexpr int kMostMatters = 100;

Status phone_throttled(Instant wait) {
  return too_many_requests("操作过于频繁,请" + std::to_string((wait + 59) / 60) + "分钟后再试",
                           static_cast<long>(wait));
}

Error wrong_code() { return invalid("验证码不正确或已失效,请重新获取验证码", "otp"); }

Result<std::string> phone_of(const std::string& typed) {
  std::string phone = normalize_phone(typed);
  if (phone.empty())
    return invalid("手机号码格式不正确(手机号为11位,以13-19开头;也可填写座机如0731-12345678)",
                   "phone");
  return phone;
}

// The hits whose reporter's phone (sealed row) really is this phone.
std::vector<db::PhoneKeyHit> own_matters(Tx& tx, const std::string& phone) {
  std::vector<db::PhoneKeyHit> out;
  for (auto& h : db::matters_by_phone(tx, phone, kMostMatters))
    if (normalize_phone(h.reporter_phone) == phone) out.push_back(std::move(h));
  return out;
}

}  // namespace

Status IntakeService::request_phone_code(const std::string& typed, const std::string& source) {
  auto phone = phone_of(typed);
  if (!phone) return phone.error();
  const Instant now = ctx_.clock().now();
  // Counted before anything is looked up: a refusal says nothing about the phone's matters.
  if (Instant wait = ctx_.throttle().phone_send(*phone, source, now); wait > 0)
    return phone_throttled(wait);
  bool any = false;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    any = !own_matters(tx, *phone).empty();
    return ok();
  });
  if (!st) return st.error();
  if (!any) return ok();
  Notifier* notifier = ctx_.config().notifier.get();
  if (!notifier) {
    static std::atomic<bool> warned{false};
    if (!warned.exchange(true))
      spdlog::warn("未配置短信通知渠道:按手机号查询的验证码不会发出(演示环境可用 --demo-print-otp)");
    return ok();
  }
  std::string code;
  Status issued = ctx_.store().write([&](Tx& tx) -> Status {
    code = codes_.issue(tx, *phone, now);
    return ok();
  });
  if (!issued) return issued.error();
  const std::string text = "【回音】您的查询验证码为" + code + "," +
                           std::to_string(codes_.rules().ttl / 60) +
                           "分钟内有效,仅可使用一次。如非本人操作,请忽略本短信。";
  // A failed send is logged, never told to the caller (that would tell the phone has matters).
  if (Status s = notifier->send(*phone, text); !s)
    spdlog::warn("验证码短信发送失败: {}", s.error().detail);
  return ok();
}

Result<PhoneMatters> IntakeService::verify_phone_code(const std::string& typed,
                                                      const std::string& otp,
                                                      const std::string& source) {
  auto phone = phone_of(typed);
  if (!phone) return phone.error();
  const Instant now = ctx_.clock().now();
  if (Instant wait = ctx_.throttle().phone_verify_wait(*phone, source, now); wait > 0)
    return phone_throttled(wait).error();
  CodeCheck check = CodeCheck::none;
  Status checked = ctx_.store().write([&](Tx& tx) -> Status {
    check = codes_.verify(tx, *phone, otp, now);
    return ok();
  });
  if (!checked) return checked.error();
  if (check != CodeCheck::ok) {
    ctx_.throttle().phone_verify_failed(*phone, source, now);
    return wrong_code();
  }
  PhoneMatters out;
  std::set<std::string> codes;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    for (const auto& h : own_matters(tx, *phone)) {
      PhoneMatter item{h.code, h.title,
                       parse_status(h.status).value_or(MatterStatus::submitted), h.created_at};
      codes.insert(item.code);
      out.items.push_back(std::move(item));
    }
    return ok();
  });
  if (!st) return st.error();
  Status granted = ctx_.store().write([&](Tx& tx) -> Status {
    out.access = codes_.grant(tx, codes, now);
    return ok();
  });
  if (!granted) return granted.error();
  out.access_expires_at = now + codes_.rules().grant_ttl;
  return out;
}

}  // namespace huiyin
