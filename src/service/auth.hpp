// Users and sessions: argon2id password hashes (libsodium), session cookies of 32 random bytes
// of which only the SHA-256 is stored, a CSRF token per session, and audit events for every
// login success and failure. Thread-safe (state lives in the store).
#pragma once

#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/actor.hpp"
#include "service/services.hpp"

namespace huiyin {

struct RoleGrant {
  std::string role;  // role code: dispatcher, handler, ...
  std::string org;   // org code
};

struct NewUser {
  std::string username;      // 3..32 of [A-Za-z0-9_.-]
  std::string display_name;  // 1..50 characters
  std::string password;      // at least 8 characters
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
Status check_password(const std::string& password);

class AuthService {
 public:
  explicit AuthService(ServiceContext& ctx) : ctx_(ctx) {}

  // For trusted callers (the CLI, bootstrap, admin service): no actor check. conflict when the
  // username exists; invalid (field named) for bad input, unknown role or org.
  // `by` is the admin who creates it (nullptr: the CLI / system); an audit event records it.
  Result<Id> create_user(const NewUser& u, const Actor* by = nullptr);

  // unauthenticated on a wrong username or password (the same message for both).
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& client = {});
  // unauthenticated when the cookie is unknown, expired, or the user is inactive.
  Result<SessionView> authenticate(const std::string& cookie);
  Status logout(const std::string& cookie);

  // Loads a user's Actor (roles with their orgs); not_found for an unknown id.
  Result<Actor> actor_of(Id user_id);

  // argon2id with the configured limits; verify_password is constant-time.
  Result<std::string> hash_password(const std::string& password) const;
  static bool verify_password(const std::string& hash, const std::string& password);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
