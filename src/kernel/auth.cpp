#include "kernel/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "domain/text_checks.hpp"
#include "kernel/passwords.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

Error unauthenticated(std::string detail) {
  return {ErrorCode::unauthenticated, std::move(detail), {}};
}

bool valid_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 32) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
  });
}

Result<Actor> load_actor(Tx& tx, Id user_id) {
  auto user = db::user_by_id(tx, user_id);
  if (!user) return not_found("用户不存在");
  Actor a;
  a.user_id = user->id;
  a.username = user->username;
  a.display_name = user->display_name;
  for (const auto& r : db::roles_of(tx, user_id)) {
    auto org = db::org_by_id(tx, r.org_id);
    if (!org) continue;
    a.roles.push_back({r.role, *org});
  }
  return a;
}

}  // namespace

Status check_display_name(const std::string& name) {
  if (!valid_utf8(name)) return invalid("姓名含有无效字符", "display_name");
  std::size_t n = utf8_length(name);
  if (n < 1 || n > 50) return invalid("姓名应为1至50个字", "display_name");
  return ok();
}

Status check_password(const std::string& password, const std::string& username) {
  return check_password_rules(password, username);
}

Result<std::vector<UserRole>> resolve_grants(Tx& tx, Id user_id,
                                             const std::vector<RoleGrant>& grants) {
  std::vector<UserRole> out;
  for (const auto& g : grants) {
    auto role = parse_role(g.role);
    if (!role || *role == Role::citizen) return invalid("角色“" + g.role + "”不存在", "roles");
    auto org = db::org_by_code(tx, g.org);
    if (!org) return invalid("单位“" + g.org + "”不存在", "roles");
    if (!org->active) {
      // A disabled org takes no new members; a role the user already holds there may stay.
      const auto held = db::roles_of(tx, user_id);
      const bool kept = std::any_of(held.begin(), held.end(), [&](const UserRole& r) {
        return r.role == *role && r.org_id == org->id;
      });
      if (!kept) return invalid("单位“" + org->name + "”已停用,不能在该单位授予角色", "roles");
    }
    out.push_back({user_id, *role, org->id});
  }
  return out;
}

namespace {

std::ptrdiff_t hash_slots(int configured) {
  if (configured > 0) return std::min(configured, 256);
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max<std::ptrdiff_t>(1, static_cast<std::ptrdiff_t>(cores / 2));
}

// How long a login waits for a hashing slot before it is told to retry (keeps server threads
// free for other requests during a flood).
constexpr auto kGateWait = std::chrono::milliseconds(20);

std::string wait_text(Instant seconds) {
  if (seconds < 60) return std::to_string(std::max<Instant>(seconds, 1)) + "秒";
  return std::to_string((seconds + 59) / 60) + "分钟";
}

}  // namespace

AuthService::AuthService(ServiceContext& ctx)
    : ctx_(ctx),
      gate_(std::make_unique<std::counting_semaphore<256>>(
          hash_slots(ctx.config().max_concurrent_password_hashes))) {
  auto dummy = hash_password("huiyin-timing-equaliser");
  if (dummy) dummy_hash_ = *dummy;
}

std::optional<bool> AuthService::gated_verify(const std::string& hash,
                                              const std::string& password) {
  if (!gate_->try_acquire_for(kGateWait)) return std::nullopt;
  const bool match = verify_password(hash, password);
  gate_->release();
  password_checks_.fetch_add(1);
  return match;
}

Result<std::string> AuthService::hash_password(const std::string& password) const {
  if (sodium_init() < 0) return internal_error("密码组件初始化失败");
  gate_->acquire();
  struct Release {
    std::counting_semaphore<256>& g;
    ~Release() { g.release(); }
  } release{*gate_};
  char out[crypto_pwhash_STRBYTES];
  const bool fast = ctx_.config().fast_password_hashing;
  unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return internal_error("密码加密失败(内存不足)");
  return std::string(out);
}

bool AuthService::verify_password(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<Id> AuthService::create_user(const NewUser& u, const Actor* by) {
  if (!valid_username(u.username))
    return invalid("用户名应为3至32位字母、数字或 _ . -", "username");
  if (Status st = check_display_name(u.display_name); !st) return st.error();
  if (Status st = check_password(u.password, u.username); !st) return st.error();
  auto hash = hash_password(u.password);
  if (!hash) return hash.error();
  const Instant now = ctx_.clock().now();
  Id id = 0;
  TxError te;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (db::user_by_username(tx, u.username)) return te.fail(conflict("用户名已存在"));
    User user;
    user.username = u.username;
    user.display_name = u.display_name;
    user.password_hash = *hash;
    user.created_at = now;
    auto uid = db::insert_user(tx, user);
    if (!uid) return te.fail(uid.error());
    id = *uid;
    auto roles = resolve_grants(tx, id, u.roles);
    if (!roles) return te.fail(roles.error());
    if (Status s = db::set_user_roles(tx, id, *roles); !s) return s;
    nlohmann::json roles_json = nlohmann::json::array();
    for (const auto& g : u.roles) roles_json.push_back({{"role", g.role}, {"org", g.org}});
    auto ev = tx.append_event(make_event("user_create", std::nullopt, by, "system", now,
                                         {{"username", u.username}, {"roles", roles_json}}));
    if (!ev) return ev.error();
    return ok();
  });
  if (!st) return te.take(st);
  return id;
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& client) {
  const Instant now = ctx_.clock().now();
  Throttle& throttle = ctx_.throttle();
  // Refused before anything is read or hashed: a flood of guesses costs next to nothing.
  if (Instant wait = throttle.login_wait(username, client, now); wait > 0)
    return too_many_requests("登录失败次数过多,请" + wait_text(wait) + "后再试", wait);

  std::optional<User> user;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    user = db::user_by_username(tx, username);
    return ok();
  });
  if (!st) return st.error();
  // Exactly one hash for every try: unknown and inactive accounts included.
  auto match = gated_verify(user ? user->password_hash : dummy_hash_, password);
  if (!match) return too_many_requests("当前登录人数较多,请稍后重试", 1);
  const bool good = user && user->active && *match;

  std::vector<ThrottleEngaged> engaged;
  LoginResult out;
  if (good) {
    throttle.login_succeeded(username, client);
    auto actor = actor_of(user->id);
    if (!actor) return actor.error();
    out.actor = std::move(*actor);
    out.cookie = random_token(32);
    out.csrf_token = random_token(32);
    const Instant idle = ctx_.config().session_idle_minutes * 60;
    const Instant ttl = ctx_.config().session_ttl_minutes * 60;
    out.expires_at = now + (idle > 0 ? std::min(idle, ttl) : ttl);
  } else {
    engaged = throttle.login_failed(username, client, now);
    if (engaged.empty()) return unauthenticated("用户名或密码错误");
  }
  st = ctx_.store().write([&](Tx& tx) -> Status {
    if (good) {
      Session s;
      s.id_hash = sha256_of(out.cookie);
      s.user_id = user->id;
      s.csrf_token = out.csrf_token;
      s.created_at = now;
      s.expires_at = out.expires_at;
      if (Status r = db::insert_session(tx, s); !r) return r;
      if (Status r = db::delete_expired_sessions(tx, now); !r) return r;
      Actor who = out.actor;
      auto ev = tx.append_event(make_event("login", std::nullopt, &who, "anonymous", now,
                                           {{"username", username}, {"client", client}}));
      if (!ev) return ev.error();
      return ok();
    }
    // One event per throttle engaged, never one per failure.
    for (const auto& e : engaged) {
      nlohmann::json payload = {{"username", username},   {"client", client},
                                {"level", code(e.level)}, {"failures", e.failures},
                                {"until", e.until}};
      auto ev = tx.append_event(
          make_event("login_throttled", std::nullopt, nullptr, "anonymous", now, payload));
      if (!ev) return ev.error();
    }
    return ok();
  });
  if (!st) return st.error();
  if (!good) return unauthenticated("用户名或密码错误");
  return out;
}

Result<SessionView> AuthService::authenticate(const std::string& cookie) {
  if (cookie.empty()) return unauthenticated("请先登录");
  const Instant now = ctx_.clock().now();
  const std::string hash = sha256_of(cookie);
  std::optional<Session> session;
  Result<Actor> actor = unauthenticated("登录已失效,请重新登录");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    session = db::session_by_hash(tx, hash);
    if (!session || session->expires_at <= now) return ok();
    auto user = db::user_by_id(tx, session->user_id);
    if (!user || !user->active) return ok();
    actor = load_actor(tx, session->user_id);
    return ok();
  });
  if (!st) return st.error();
  if (!session || session->expires_at <= now || !actor) return unauthenticated("登录已失效,请重新登录");

  // The idle end moves with activity (at most once a minute, to spare writes), never past the
  // absolute end created_at + session_ttl_minutes.
  const Instant ttl = ctx_.config().session_ttl_minutes * 60;
  const Instant idle = ctx_.config().session_idle_minutes * 60;
  const Instant absolute_end = session->created_at + ttl;
  const Instant next_end = std::min(absolute_end, now + (idle > 0 ? idle : ttl));
  // A session from before idle timeouts (expiring later than the idle window allows) is pulled in.
  const bool too_long = idle > 0 && session->expires_at > now + idle;
  if ((ctx_.config().session_sliding && next_end - session->expires_at >= 60) || too_long) {
    Session renewed = *session;
    renewed.expires_at = next_end;
    Status w = ctx_.store().write([&](Tx& tx) -> Status {
      if (Status r = db::delete_session(tx, hash); !r) return r;
      return db::insert_session(tx, renewed);
    });
    if (w) session = renewed;
  }
  return SessionView{std::move(*actor), session->csrf_token, session->expires_at};
}

Status AuthService::logout(const std::string& cookie) {
  if (cookie.empty()) return ok();
  const std::string hash = sha256_of(cookie);
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Status {
    auto s = db::session_by_hash(tx, hash);
    if (!s) return ok();
    if (Status r = db::delete_session(tx, hash); !r) return r;
    auto user = db::user_by_id(tx, s->user_id);
    Actor who;
    who.user_id = s->user_id;
    who.username = user ? user->username : "";
    auto ev = tx.append_event(make_event("logout", std::nullopt, &who, "", now, nlohmann::json::object()));
    if (!ev) return ev.error();
    return ok();
  });
}

Status AuthService::change_password(const Actor& actor, const std::string& cookie,
                                    const std::string& current, const std::string& next,
                                    const std::string& client) {
  const Instant now = ctx_.clock().now();
  Throttle& throttle = ctx_.throttle();
  if (Instant wait = throttle.login_wait(actor.username, client, now); wait > 0)
    return too_many_requests("密码错误次数过多,请" + wait_text(wait) + "后再试", wait);
  std::optional<User> user;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    user = db::user_by_id(tx, actor.user_id);
    return ok();
  });
  if (!st) return st;
  if (!user) return unauthenticated("请先登录");
  auto match = gated_verify(user->password_hash, current);
  if (!match) return too_many_requests("当前登录人数较多,请稍后重试", 1);
  if (!*match) {
    (void)throttle.login_failed(actor.username, client, now);
    return invalid("当前密码不正确", "current_password");
  }
  if (next == current) return invalid("新密码不能与当前密码相同", "new_password");
  if (Status r = check_password(next, user->username); !r) {
    Error e = r.error();
    e.field = "new_password";
    return e;
  }
  auto hash = hash_password(next);
  if (!hash) return hash.error();
  const std::string keep = cookie.empty() ? std::string() : sha256_of(cookie);
  return ctx_.store().write([&](Tx& tx) -> Status {
    auto u = db::user_by_id(tx, actor.user_id);
    if (!u) return not_found("用户不存在");
    u->password_hash = *hash;
    if (Status r = db::update_user(tx, *u); !r) return r;
    if (Status r = db::delete_sessions_of_user(tx, u->id, keep); !r) return r;
    auto ev = tx.append_event(make_event("password_change", std::nullopt, &actor, "", now,
                                         {{"username", u->username}, {"client", client}}));
    if (!ev) return ev.error();
    return ok();
  });
}

Status AuthService::end_sessions(Id user_id, const std::string& keep_cookie) {
  const std::string keep = keep_cookie.empty() ? std::string() : sha256_of(keep_cookie);
  return ctx_.store().write(
      [&](Tx& tx) -> Status { return db::delete_sessions_of_user(tx, user_id, keep); });
}

Result<Actor> AuthService::actor_of(Id user_id) {
  Result<Actor> out = not_found("用户不存在");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    out = load_actor(tx, user_id);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

}  // namespace huiyin
