// Public endpoints (no login): intake, attachments, tracking and evaluation, the 回音壁, and
// the reference lists the public form needs.
#include <sodium.h>

#include "domain/public_status.hpp"

#include "features/matters/handlers.hpp"
#include "features/matters/matter_json.hpp"
#include "http/reply.hpp"
#include "features/matters/attachments.hpp"
#include "kernel/catalog.hpp"
#include "features/matters/intake.hpp"

namespace huiyin::http {
namespace {

// A signed-in staff member recording a matter in the field counts as its recorder only when the
// request also proves it came from our app (X-CSRF-Token), never from a cookie alone.
const Actor* recorder_of(const Context& c) {
  if (!c.session) return nullptr;
  auto token = c.req.header("x-csrf-token");
  const std::string& csrf = c.session->csrf_token;
  if (!token || token->size() != csrf.size() || csrf.empty()) return nullptr;
  if (sodium_memcmp(token->data(), csrf.data(), csrf.size()) != 0) return nullptr;
  return &c.session->actor;
}

std::string track_url(const IntakeReceipt& r) {
  return "/track/" + r.code + "?token=" + r.token;
}

// `?token=` (the saved link), `?access=` (from the lookup by phone) or `?query_code=` (the
// short 查询码), from the client's address.
TrackKey track_key(const Context& c) {
  return {query_text(c.req, "token"), query_text(c.req, "query_code"), c.client(),
          query_text(c.req, "access")};
}

}  // namespace

Response handle_intake(Context& c) {
  // Public intakes are limited per source address against floods (staff recording a call are
  // not), before the body is read.
  if (!recorder_of(c)) {
    const Instant now = c.services.context().clock().now();
    if (Instant wait = c.services.context().throttle().intake(c.client(), now); wait > 0)
      return problem(too_many_requests("提交过于频繁,请稍后再试或拨打12345热线", wait));
  }
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  IntakeRequest in;
  in.title = f.str("title").value_or("");
  in.content = f.str("content").value_or("");
  in.category = f.str("category").value_or("");
  in.kind = f.str("kind").value_or("");
  in.channel = f.str("channel").value_or("");
  in.campaign = f.str("campaign").value_or("");
  in.anonymous = f.boolean("anonymous").value_or(false);
  in.public_consent = f.boolean("public_consent").value_or(false);
  if (const json* loc = f.object("location")) {
    Fields lf(*loc);
    in.address = lf.str("address").value_or("");
    in.district = lf.str("district").value_or("");
    in.lat = lf.number("lat");
    in.lng = lf.number("lng");
    f.fail_from(lf, "location");
  }
  if (const json* contact = f.object("contact")) {
    Fields cf(*contact);
    in.contact_name = cf.str("name").value_or("");
    in.contact_phone = cf.str("phone").value_or("");
    f.fail_from(cf, "contact");
  }
  if (auto handles = f.str_list("attachments")) in.attachments = *handles;
  if (!f.ok()) return problem(f.error());

  std::string key(c.req.header("idempotency-key").value_or(""));
  if (key.size() > 200) return problem(invalid("Idempotency-Key 过长(最多200个字符)", "Idempotency-Key"));
  auto receipt = c.services.intake().submit(in, key, recorder_of(c));
  if (!receipt) return problem(receipt.error());
  c.metrics.matter_created();
  json out = {{"code", receipt->code},
              {"token", receipt->token},
              {"query_code", receipt->query_code.empty() ? json(nullptr) : json(receipt->query_code)},
              {"status", code(receipt->status)},
              {"status_label", label(receipt->status)},
              {"track_url", track_url(*receipt)}};
  // Staff intake only: similar open matters, so a duplicate is caught on the spot.
  if (recorder_of(c)) out["similar"] = receipt->similar;
  Response r = json_response(out, 201);
  r.set_header("Location", "/api/v1/track/" + receipt->code);
  return r;
}

// The response's `id` is the upload's unguessable handle: only the client that made the
// upload holds it, and only it can link the upload (at intake, or as a staff member's evidence).
Response handle_attachment_upload(Context& c) {
  const Actor* uploader = recorder_of(c);  // staff, proved by the CSRF token; else anonymous
  // Anonymous uploads are rate-limited per source address (staff uploads are not), before the
  // body is sniffed or stored.
  if (!uploader) {
    const Instant now = c.services.context().clock().now();
    if (Instant wait = c.services.context().throttle().upload(c.client(), now); wait > 0)
      return problem(too_many_requests("上传过于频繁,请稍后再试", wait));
  }
  UploadRequest up;
  up.bytes = c.req.body;
  up.declared_type = std::string(c.req.header("content-type").value_or(""));
  up.file_name = std::string(c.req.header("x-file-name").value_or(""));
  up.idempotency_key = std::string(c.req.header("idempotency-key").value_or(""));
  auto saved = c.services.attachments().save(up, uploader);
  if (!saved) return problem(saved.error());
  return json_response({{"id", saved->handle},
                        {"sha256", saved->sha256},
                        {"mime", saved->mime},
                        {"size", saved->size}},
                       201);
}

Response handle_attachment_get(Context& c) {
  auto read =
      c.services.attachments().read(c.param("id"), c.session ? &c.session->actor : nullptr);
  if (!read) return problem(read.error());
  Response r;
  r.content_type = read->meta.mime;
  r.body = std::move(read->bytes);
  r.set_header("Cache-Control", c.session ? "private, max-age=3600" : "public, max-age=3600");
  // Images show in the page; a PDF is downloaded, never rendered on our origin.
  r.set_header("Content-Disposition",
               read->meta.mime.starts_with("image/") ? "inline" : "attachment");
  return r;
}

Response handle_track(Context& c) {
  auto view = c.services.intake().track(c.param("code"), track_key(c));
  if (!view) return problem(view.error());
  return json_response(track_json(*view));
}

Response handle_evaluation(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  EvaluationRequest ev;
  ev.solved = f.boolean("solved");
  ev.satisfaction = f.str("satisfaction").value_or("");
  ev.comment = f.str("comment").value_or("");
  if (!f.ok()) return problem(f.error());
  auto view = c.services.intake().evaluate(c.param("code"), track_key(c), ev);
  if (!view) return problem(view.error());
  return json_response(track_json(*view));
}

Response handle_track_request(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  PetitionRequest pr;
  pr.action = f.str("action").value_or("");
  pr.reason = f.str("reason").value_or("");
  if (!f.ok()) return problem(f.error());
  auto view = c.services.intake().petition_request(c.param("code"), track_key(c), pr);
  if (!view) return problem(view.error());
  return json_response(track_json(*view));
}

// Step 1 of the lookup by phone: always 202 {sent: true} (unless the number is malformed or the
// phone / address is throttled), whether or not matters exist for the phone.
Response handle_track_phone(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto phone = f.str("phone");
  f.require("phone", phone.has_value() && !phone->empty(), "手机号码");
  if (!f.ok()) return problem(f.error());
  if (Status s = c.services.intake().request_phone_code(*phone, c.client()); !s)
    return problem(s.error());
  return json_response({{"sent", true}}, 202);
}

// Step 2: the phone's matters for its one-time code, each with the link that opens it.
Response handle_track_phone_verify(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto phone = f.str("phone");
  auto otp = f.str("otp");
  f.require("phone", phone.has_value() && !phone->empty(), "手机号码");
  f.require("otp", otp.has_value() && !otp->empty(), "验证码");
  if (!f.ok()) return problem(f.error());
  auto found = c.services.intake().verify_phone_code(*phone, *otp, c.client());
  if (!found) return problem(found.error());
  json items = json::array();
  for (const auto& m : found->items)
    items.push_back({{"code", m.code},
                     {"title", m.title},
                     {"status", code(m.status)},
                     {"status_label", label(m.status)},
                     {"public_status_label", public_label(m.status)},
                     {"submitted_at", iso_time(m.created_at)},
                     {"track_url", "/track/" + m.code + "?access=" + found->access}});
  return json_response({{"items", std::move(items)},
                        {"access", found->access},
                        {"access_expires_at", iso_time(found->access_expires_at)}});
}





}  // namespace huiyin::http
