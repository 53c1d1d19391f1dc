// Store functions: orgs (with materialised paths for subtree queries), users, roles and sessions.
#include "store/directory_store.hpp"

#include "store/catalog_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

// An org without an org_states row is enabled (migration 010).
const std::string kSelectOrg =
    "SELECT id, code, name, kind, level, parent_id, path, COALESCE(s.active, 1) FROM orgs "
    "LEFT JOIN org_states s ON s.org_id = orgs.id";
// put_org reads the org's own row only, so it works at every schema version (migrations before
// 010 had no org_states; the upgrade tests write such databases).
constexpr const char* kOrgRowByCode =
    "SELECT id, code, name, kind, level, parent_id, path, 1 FROM orgs WHERE code = $1";
constexpr const char* kPutOrgState =
    "INSERT INTO org_states (org_id, active) VALUES ($1, $2) "
    "ON CONFLICT (org_id) DO UPDATE SET active = excluded.active";
constexpr const char* kUpsertOrg =
    "INSERT INTO orgs (code, name, kind, level, parent_id) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
    "level = excluded.level, parent_id = excluded.parent_id RETURNING id";
constexpr const char* kOrgPath = "SELECT path FROM orgs WHERE id = $1";
// Moves a subtree: every path under the old prefix gets the new prefix.
constexpr const char* kRepath =
    "UPDATE orgs SET path = CAST($1 AS TEXT) || substr(path, $2) WHERE path LIKE $3 ESCAPE '\\'";
constexpr const char* kSetPath = "UPDATE orgs SET path = $1 WHERE id = $2";

constexpr const char* kUserColumns =
    "id, username, display_name, password_hash, active, created_at";
const std::string kSelectUser = std::string("SELECT ") + kUserColumns + " FROM users";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, display_name, password_hash, active, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kUpdateUser =
    "UPDATE users SET username = $1, display_name = $2, password_hash = $3, active = $4 "
    "WHERE id = $5";
constexpr const char* kDeleteRoles = "DELETE FROM user_roles WHERE user_id = $1";
constexpr const char* kInsertRole =
    "INSERT INTO user_roles (user_id, role, org_id) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr const char* kRolesOf =
    "SELECT user_id, role, org_id FROM user_roles WHERE user_id = $1 ORDER BY role, org_id";

// Active users holding `role` at an org in the subtree of the org whose path is given.
const std::string kUsersWithRoleUnder =
    "SELECT DISTINCT u.id, u.username, u.display_name, u.password_hash, u.active, u.created_at "
    "FROM users u JOIN user_roles r ON r.user_id = u.id JOIN orgs o ON o.id = r.org_id "
    "WHERE r.role = $1 AND u.active = 1 AND substr(o.path, 1, length(CAST($2 AS TEXT))) = CAST($2 AS TEXT) "
    "ORDER BY u.username";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kSessionByHash =
    "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE id_hash = $1";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id_hash = $1";
constexpr const char* kDeleteExpired = "DELETE FROM sessions WHERE expires_at <= $1";
constexpr const char* kDeleteUserSessions =
    "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2";

Org org_from(const Row& r) {
  Org o;
  o.id = r.integer(0);
  o.code = r.text(1);
  o.name = r.text(2);
  o.kind = parse_org_kind(r.text(3)).value_or(OrgKind::area);
  o.level = static_cast<int>(r.integer(4));
  o.parent = r.opt_integer(5);
  o.path = r.text(6);
  o.active = r.integer(7) != 0;
  return o;
}

User user_from(const Row& r) {
  User u;
  u.id = r.integer(0);
  u.username = r.text(1);
  u.display_name = r.text(2);
  u.password_hash = r.text(3);
  u.active = r.integer(4) != 0;
  u.created_at = r.integer(5);
  return u;
}

}  // namespace

Result<Id> put_org(Tx& tx, const Org& org) {
  if (org.code.empty()) return invalid("单位编码不能为空", "code");
  std::string parent_path;
  if (org.parent) {
    auto rows = tx.conn().query(kOrgPath, {*org.parent});
    if (rows.empty()) return invalid("上级单位不存在", "parent");
    parent_path = rows[0].text(0);
  }
  std::optional<Org> existing;
  if (auto rows = tx.conn().query(kOrgRowByCode, {org.code}); !rows.empty()) existing = org_from(rows[0]);
  if (existing && org.parent && parent_path.rfind(existing->path, 0) == 0)
    return invalid("上级单位不能是本单位或其下级单位", "parent");

  Id id = tx.conn().query(kUpsertOrg, {org.code, org.name, code(org.kind), org.level, org.parent})
              .at(0)
              .integer(0);
  std::string path = (org.parent ? parent_path : "/") + std::to_string(id) + "/";
  if (existing && !existing->path.empty() && existing->path != path) {
    tx.conn().exec(kRepath, {path, static_cast<std::int64_t>(existing->path.size() + 1),
                      like_escape(existing->path) + "%"});
    if (tx.sealing()) {  // the whole moved subtree has new paths
      for (const auto& r : tx.conn().query("SELECT id FROM orgs WHERE path LIKE $1 ESCAPE '\\'",
                                    {like_escape(path) + "%"}))
        tx.seal(kSealOrgs, r.integer(0));
    }
  } else {
    tx.conn().exec(kSetPath, {path, id});
  }
  tx.seal(kSealOrgs, id);
  if (Status st = catalog_written(tx); !st) return st.error();
  return id;
}

Status set_org_active(Tx& tx, Id org_id, bool active) {
  if (tx.conn().query("SELECT 1 FROM orgs WHERE id = $1", {org_id}).empty())
    return not_found("单位不存在");
  tx.conn().exec(kPutOrgState, {org_id, active ? 1 : 0});
  tx.seal(kSealOrgStates, org_id);
  return catalog_written(tx);
}

std::optional<Org> org_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(kSelectOrg + " WHERE orgs.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

std::optional<Org> org_by_code(Tx& tx, const std::string& code) {
  auto rows = tx.conn().query(kSelectOrg + " WHERE code = $1", {code});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

std::vector<Org> list_orgs(Tx& tx) {
  std::vector<Org> out;
  for (const auto& r : tx.conn().query(kSelectOrg + " ORDER BY path", {})) out.push_back(org_from(r));
  return out;
}

Result<Id> insert_user(Tx& tx, const User& u) {
  if (u.username.empty()) return invalid("用户名不能为空", "username");
  Id id = 0;
  bool inserted = without_duplicate(tx.conn(), [&] {
    id = tx.conn().query(kInsertUser,
                  {u.username, u.display_name, u.password_hash, u.active, u.created_at})
             .at(0)
             .integer(0);
  });
  if (!inserted) return conflict("用户名“" + u.username + "”已存在");
  tx.seal(kSealUsers, id);
  return id;
}

Status update_user(Tx& tx, const User& u) {
  std::int64_t n = 0;
  bool done = without_duplicate(tx.conn(), [&] {
    n = tx.conn().exec(kUpdateUser, {u.username, u.display_name, u.password_hash, u.active, u.id});
  });
  if (!done) return conflict("用户名“" + u.username + "”已存在");
  if (n == 0) return not_found("用户不存在");
  tx.seal(kSealUsers, u.id);
  return ok();
}

std::optional<User> user_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(kSelectUser + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::optional<User> user_by_username(Tx& tx, const std::string& username) {
  auto rows = tx.conn().query(kSelectUser + " WHERE username = $1", {username});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<User> list_users(Tx& tx) {
  std::vector<User> out;
  for (const auto& r : tx.conn().query(kSelectUser + " ORDER BY username", {})) out.push_back(user_from(r));
  return out;
}

UserPage list_users_page(Tx& tx, const std::string& search, int limit, int offset) {
  std::string where;
  std::vector<Value> params;
  if (!search.empty()) {
    params.push_back("%" + like_escape(search) + "%");
    where =
        " WHERE lower(username) LIKE lower($1) ESCAPE '\\' OR lower(display_name) LIKE lower($1) "
        "ESCAPE '\\' OR EXISTS (SELECT 1 FROM user_roles r JOIN orgs o ON o.id = r.org_id "
        "WHERE r.user_id = users.id AND (o.name LIKE $1 ESCAPE '\\' OR o.code LIKE $1 ESCAPE "
        "'\\'))";
  }
  UserPage page;
  page.total = tx.conn().query("SELECT COUNT(*) FROM users" + where, params).at(0).integer(0);
  const std::string n = std::to_string(params.size() + 1), m = std::to_string(params.size() + 2);
  params.push_back(static_cast<std::int64_t>(limit));
  params.push_back(static_cast<std::int64_t>(offset));
  for (const auto& r :
       tx.conn().query(kSelectUser + where + " ORDER BY username LIMIT $" + n + " OFFSET $" + m, params))
    page.users.push_back(user_from(r));
  return page;
}

std::int64_t active_users_at_org(Tx& tx, Id org_id) {
  return tx.conn()
      .query("SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id "
             "WHERE r.org_id = $1 AND u.active = 1",
             {org_id})
      .at(0)
      .integer(0);
}

std::vector<User> users_with_role_under(Tx& tx, Role role, const std::string& org_path) {
  std::vector<User> out;
  for (const auto& r : tx.conn().query(kUsersWithRoleUnder, {std::string(code(role)), org_path}))
    out.push_back(user_from(r));
  return out;
}

Status set_user_roles(Tx& tx, Id user_id, const std::vector<UserRole>& roles) {
  if (!user_by_id(tx, user_id)) return not_found("用户不存在");
  // Concurrent role edits of one user queue on the user row, so their seals follow each other.
  if (tx.dialect().kind == Dialect::Kind::postgresql)
    tx.conn().query("SELECT id FROM users WHERE id = $1 FOR UPDATE", {user_id});
  tx.conn().exec(kDeleteRoles, {user_id});
  for (const auto& r : roles) {
    if (!org_by_id(tx, r.org_id)) return invalid("角色所属单位不存在", "org");
    tx.conn().exec(kInsertRole, {user_id, code(r.role), r.org_id});
  }
  tx.seal(kSealUserRoles, user_id);
  return ok();
}

std::vector<UserRole> roles_of(Tx& tx, Id user_id) {
  std::vector<UserRole> out;
  for (const auto& r : tx.conn().query(kRolesOf, {user_id})) {
    auto role = parse_role(r.text(1));
    if (role) out.push_back({r.integer(0), *role, r.integer(2)});
  }
  return out;
}

Status insert_session(Tx& tx, const Session& s) {
  bool inserted = without_duplicate(tx.conn(), [&] {
    tx.conn().exec(kInsertSession, {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
  });
  if (!inserted) return conflict("会话已存在");
  tx.seal(kSealSessions, s.id_hash);
  return ok();
}

std::optional<Session> session_by_hash(Tx& tx, const std::string& id_hash) {
  auto rows = tx.conn().query(kSessionByHash, {id_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Session{r.text(0), r.integer(1), r.text(2), r.integer(3), r.integer(4)};
}

Status delete_session(Tx& tx, const std::string& id_hash) {
  tx.note_session_deletion(id_hash);
  tx.conn().exec(kDeleteSession, {id_hash});
  return ok();
}

Status delete_expired_sessions(Tx& tx, Instant now) {
  tx.conn().exec(kDeleteExpired, {now});
  return ok();
}

Status delete_sessions_of_user(Tx& tx, Id user_id, const std::string& keep_hash) {
  tx.conn().exec(kDeleteUserSessions, {user_id, keep_hash});
  return ok();
}

}  // namespace huiyin::db
