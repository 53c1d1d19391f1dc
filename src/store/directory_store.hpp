// Store functions for the directory: orgs (with their `path`), users, their roles and sessions.
// Kernel tables: every feature reads them through these functions or the catalog snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

// put_org inserts or updates by code and maintains `path` (of the whole subtree when it moves);
// it moves the catalog version (catalog_store.hpp) in the same transaction.
Result<Id> put_org(Tx& tx, const Org& org);
std::optional<Org> org_by_id(Tx& tx, Id id);
std::optional<Org> org_by_code(Tx& tx, const std::string& code);
std::vector<Org> list_orgs(Tx& tx);
// Disables (停用) or enables an org (org_states, migration 010); sealed, and moves the catalog
// version. put_org leaves the state as it is.
Status set_org_active(Tx& tx, Id org_id, bool active);

Result<Id> insert_user(Tx& tx, const User& user);  // conflict if the username exists
Status update_user(Tx& tx, const User& user);
std::optional<User> user_by_id(Tx& tx, Id id);
std::optional<User> user_by_username(Tx& tx, const std::string& username);
std::vector<User> list_users(Tx& tx);
// One page of users ordered by username; `search` (may be empty) matches the username, the
// name, or the name or code of an org the user holds a role at (case-insensitive for ASCII).
struct UserPage {
  std::vector<User> users;
  std::int64_t total = 0;  // all matching users
};
UserPage list_users_page(Tx& tx, const std::string& search, int limit, int offset);
// Active users holding any role at this org (not its subtree).
std::int64_t active_users_at_org(Tx& tx, Id org_id);
// Active users holding `role` at an org of the subtree rooted at the org with path `org_path`.
std::vector<User> users_with_role_under(Tx& tx, Role role, const std::string& org_path);
Status set_user_roles(Tx& tx, Id user_id, const std::vector<UserRole>& roles);
std::vector<UserRole> roles_of(Tx& tx, Id user_id);

Status insert_session(Tx& tx, const Session& s);
std::optional<Session> session_by_hash(Tx& tx, const std::string& id_hash);
Status delete_session(Tx& tx, const std::string& id_hash);
Status delete_expired_sessions(Tx& tx, Instant now);
// Ends every session of a user except the one whose hash is `keep_hash` (may be empty).
Status delete_sessions_of_user(Tx& tx, Id user_id, const std::string& keep_hash);

}  // namespace huiyin::db
