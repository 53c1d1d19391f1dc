// Users and sessions: argon2id password hashes (libsodium), session cookies of 32 random bytes
// of which only the SHA-256 is stored, a CSRF token per session, and audit events for logins,
// logouts, password changes and each throttle engaged (not each failure).
// 等保2.0: failed logins are throttled (throttle.hpp) before any hash is computed; every login
// try that is not throttled computes exactly one password hash, whether the account exists, is
// inactive or active, so its time does not tell them apart; at most a few hashes run at once so
// a flood of logins cannot starve other requests. Sessions end after session_idle_minutes idle
// and after session_ttl_minutes in any case.
// Thread-safe (state lives in the store and the throttle).
#pragma once

#include <atomic>
#include <memory>
#include <semaphore>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct RoleGrant {
  std::string role;  // role code: dispatcher, handler, ...
  std::string org;   // org code
};

struct NewUser {
  std::string username;      // 3..32 of [A-Za-z0-9_.-]
  std::string display_name;  // 1..50 characters
  std::string password;      // passwords.hpp rules
  std::vector<RoleGrant> roles;
};

struct LoginResult {
  std::string cookie;      // the session cookie value (url-safe base64, never stored)
  std::string csrf_token;  // to be sent back as X-CSRF-Token on every staff write
  Instant expires_at = 0;
  Actor actor;
};

struct SessionView {
  Actor actor;
  std::string csrf_token;
  Instant expires_at = 0;
};

// Role grants (role code, org code) → rows; invalid naming field "roles" when a code is unknown.
Result<std::vector<UserRole>> resolve_grants(Tx& tx, Id user_id, const std::vector<RoleGrant>& g);
// Input rules for users (invalid naming the field), shared with the admin service.
Status check_display_name(const std::string& name);
// The password rules of passwords.hpp (not containing `username`).
Status check_password(const std::string& password, const std::string& username);

class AuthService {
 public:
  explicit AuthService(ServiceContext& ctx);

  // For trusted callers (the CLI, bootstrap, admin service): no actor check. conflict when the
  // username exists; invalid (field named) for bad input, unknown role or org.
  // `by` is the admin who creates it (nullptr: the CLI / system); an audit event records it.
  Result<Id> create_user(const NewUser& u, const Actor* by = nullptr);

  // unauthenticated on a wrong username or password (the same message for both);
  // too_many_requests (with retry_after) when the throttle refuses the try or too many hashes
  // are running. `client` is the source address (http/client_address.hpp).
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& client = {});
  // unauthenticated when the cookie is unknown, expired (idle or absolute), or the user is
  // inactive. Activity pushes the idle end forward (at most to the absolute end).
  Result<SessionView> authenticate(const std::string& cookie);
  Status logout(const std::string& cookie);
  // The signed-in user changes their own password: unauthenticated when `current` is wrong,
  // invalid when `next` breaks the rules. Ends the user's other sessions (keeps `cookie`'s).
  Status change_password(const Actor& actor, const std::string& cookie, const std::string& current,
                         const std::string& next, const std::string& client = {});
  // Ends every session of the user except the one with `keep_cookie` (may be empty).
  Status end_sessions(Id user_id, const std::string& keep_cookie = {});

  // How many password hashes were verified so far (tests: a throttled try costs none, every
  // other try exactly one).
  long password_checks() const { return password_checks_.load(); }

  // Loads a user's Actor (roles with their orgs); not_found for an unknown id.
  Result<Actor> actor_of(Id user_id);

  // argon2id with the configured limits; verify_password is constant-time.
  Result<std::string> hash_password(const std::string& password) const;
  static bool verify_password(const std::string& hash, const std::string& password);

 private:
  // Verifies under the hash gate; nullopt when no slot freed up in time.
  std::optional<bool> gated_verify(const std::string& hash, const std::string& password);

  ServiceContext& ctx_;
  std::unique_ptr<std::counting_semaphore<256>> gate_;
  std::string dummy_hash_;  // verified for unknown usernames: the same work as a real account
  std::atomic<long> password_checks_{0};
};

}  // namespace huiyin
