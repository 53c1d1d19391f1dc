// SqlTx: orgs (with materialised paths for subtree queries), users, roles and sessions.
#include "store/sql_tx.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kOrgColumns = "id, code, name, kind, level, parent_id, path";
const std::string kSelectOrg = std::string("SELECT ") + kOrgColumns + " FROM orgs";
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

Result<Id> SqlTx::put_org(const Org& org) {
  if (org.code.empty()) return invalid("单位编码不能为空", "code");
  std::string parent_path;
  if (org.parent) {
    auto rows = c_.query(kOrgPath, {*org.parent});
    if (rows.empty()) return invalid("上级单位不存在", "parent");
    parent_path = rows[0].text(0);
  }
  auto existing = org_by_code(org.code);
  if (existing && org.parent && parent_path.rfind(existing->path, 0) == 0)
    return invalid("上级单位不能是本单位或其下级单位", "parent");

  Id id = c_.query(kUpsertOrg, {org.code, org.name, code(org.kind), org.level, org.parent})
              .at(0)
              .integer(0);
  std::string path = (org.parent ? parent_path : "/") + std::to_string(id) + "/";
  if (existing && !existing->path.empty() && existing->path != path) {
    c_.exec(kRepath, {path, static_cast<std::int64_t>(existing->path.size() + 1),
                      like_escape(existing->path) + "%"});
    if (sealing()) {  // the whole moved subtree has new paths
      for (const auto& r : c_.query("SELECT id FROM orgs WHERE path LIKE $1 ESCAPE '\\'",
                                    {like_escape(path) + "%"}))
        seal(kSealOrgs, r.integer(0));
    }
  } else {
    c_.exec(kSetPath, {path, id});
  }
  seal(kSealOrgs, id);
  return id;
}

std::optional<Org> SqlTx::org_by_id(Id id) {
  auto rows = c_.query(kSelectOrg + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

std::optional<Org> SqlTx::org_by_code(const std::string& code) {
  auto rows = c_.query(kSelectOrg + " WHERE code = $1", {code});
  if (rows.empty()) return std::nullopt;
  return org_from(rows[0]);
}

std::vector<Org> SqlTx::list_orgs() {
  std::vector<Org> out;
  for (const auto& r : c_.query(kSelectOrg + " ORDER BY path", {})) out.push_back(org_from(r));
  return out;
}

Result<Id> SqlTx::insert_user(const User& u) {
  if (u.username.empty()) return invalid("用户名不能为空", "username");
  Id id = 0;
  bool inserted = without_duplicate(c_, [&] {
    id = c_.query(kInsertUser,
                  {u.username, u.display_name, u.password_hash, u.active, u.created_at})
             .at(0)
             .integer(0);
  });
  if (!inserted) return conflict("用户名“" + u.username + "”已存在");
  seal(kSealUsers, id);
  return id;
}

Status SqlTx::update_user(const User& u) {
  std::int64_t n = 0;
  bool done = without_duplicate(c_, [&] {
    n = c_.exec(kUpdateUser, {u.username, u.display_name, u.password_hash, u.active, u.id});
  });
  if (!done) return conflict("用户名“" + u.username + "”已存在");
  if (n == 0) return not_found("用户不存在");
  seal(kSealUsers, u.id);
  return ok();
}

std::optional<User> SqlTx::user_by_id(Id id) {
  auto rows = c_.query(kSelectUser + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::optional<User> SqlTx::user_by_username(const std::string& username) {
  auto rows = c_.query(kSelectUser + " WHERE username = $1", {username});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<User> SqlTx::list_users() {
  std::vector<User> out;
  for (const auto& r : c_.query(kSelectUser + " ORDER BY username", {})) out.push_back(user_from(r));
  return out;
}

Status SqlTx::set_user_roles(Id user_id, const std::vector<UserRole>& roles) {
  if (!user_by_id(user_id)) return not_found("用户不存在");
  // Concurrent role edits of one user queue on the user row, so their seals follow each other.
  if (d_.kind == Dialect::Kind::postgresql)
    c_.query("SELECT id FROM users WHERE id = $1 FOR UPDATE", {user_id});
  c_.exec(kDeleteRoles, {user_id});
  for (const auto& r : roles) {
    if (!org_by_id(r.org_id)) return invalid("角色所属单位不存在", "org");
    c_.exec(kInsertRole, {user_id, code(r.role), r.org_id});
  }
  seal(kSealUserRoles, user_id);
  return ok();
}

std::vector<UserRole> SqlTx::roles_of(Id user_id) {
  std::vector<UserRole> out;
  for (const auto& r : c_.query(kRolesOf, {user_id})) {
    auto role = parse_role(r.text(1));
    if (role) out.push_back({r.integer(0), *role, r.integer(2)});
  }
  return out;
}

Status SqlTx::insert_session(const Session& s) {
  bool inserted = without_duplicate(c_, [&] {
    c_.exec(kInsertSession, {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
  });
  if (!inserted) return conflict("会话已存在");
  seal(kSealSessions, s.id_hash);
  return ok();
}

std::optional<Session> SqlTx::session_by_hash(const std::string& id_hash) {
  auto rows = c_.query(kSessionByHash, {id_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Session{r.text(0), r.integer(1), r.text(2), r.integer(3), r.integer(4)};
}

Status SqlTx::delete_session(const std::string& id_hash) {
  note_session_deletion(id_hash);
  c_.exec(kDeleteSession, {id_hash});
  return ok();
}

Status SqlTx::delete_expired_sessions(Instant now) {
  c_.exec(kDeleteExpired, {now});
  return ok();
}

Status SqlTx::delete_sessions_of_user(Id user_id, const std::string& keep_hash) {
  c_.exec(kDeleteUserSessions, {user_id, keep_hash});
  return ok();
}

}  // namespace huiyin::sql
