// POST/GET/DELETE /api/v1/session: sign in (session cookie + CSRF token), who am I, sign out;
// GET /api/v1/session/device-key: the key the phone encrypts its offline queue with.
#include <sodium.h>

#include "http/cookies.hpp"
#include "features/admin/handlers.hpp"
#include "features/admin/user_json.hpp"
#include "http/reply.hpp"
#include "kernel/auth.hpp"
#include "kernel/device_key.hpp"
#include "kernel/support.hpp"

namespace huiyin::http {

Response handle_login(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto username = f.str("username");
  auto password = f.str("password");
  f.require("username", username.has_value() && !username->empty(), "用户名");
  f.require("password", password.has_value() && !password->empty(), "密码");
  if (!f.ok()) return problem(f.error());
  auto login = c.services.auth().login(*username, *password, c.client());
  if (!login) return problem(login.error());
  const long max_age =
      std::max<long>(0, static_cast<long>(login->expires_at - c.services.context().clock().now()));
  Response r = json_response({{"csrf_token", login->csrf_token},
                              {"user", actor_json(login->actor)},
                              {"expires_at", iso_time(login->expires_at)}});
  r.headers.emplace_back("Set-Cookie",
                         session_cookie_header(login->cookie, max_age, c.config.secure_cookies));
  return r;
}

// Open: without a session cookie (the login page asking whether one is needed) it answers 200
// {user: null} rather than 401, so the check is no error in the browser on every visit. A cookie
// whose session has ended is still told so once (401, and the cookie is cleared), as on every
// staff endpoint.
Response handle_session_get(Context& c) {
  if (!c.session) {
    if (c.session_cookie.empty()) return json_response({{"user", nullptr}});
    Response r = problem(ErrorCode::unauthenticated, "登录已失效,请重新登录");
    r.headers.emplace_back("Set-Cookie", cleared_session_cookie_header(c.config.secure_cookies));
    return r;
  }
  return json_response({{"csrf_token", c.session->csrf_token},
                        {"user", actor_json(c.session->actor)},
                        {"expires_at", iso_time(c.session->expires_at)}});
}

// The signed-in user's device key (kernel/device_key.hpp) as standard base64. Never cached by
// the browser: the app keeps it in memory only, so a phone without the session reads nothing.
Response handle_device_key(Context& c) {
  auto key = device_key(c.services.context().config().audit_key, c.actor().user_id);
  if (!key) return problem(internal_error("服务器未配置密钥,无法离线保存"));
  std::string b64(sodium_base64_ENCODED_LEN(key->size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(key->data()),
                    key->size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.find('\0'));
  sodium_memzero(key->data(), key->size());
  Response r = json_response({{"key", b64}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response handle_logout(Context& c) {
  Status s = c.services.auth().logout(c.session_cookie);
  if (!s) return problem(s.error());
  Response r = no_content();
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie_header(c.config.secure_cookies));
  return r;
}

}  // namespace huiyin::http
