#include "store/tx.hpp"

namespace huiyin::sql {

bool without_duplicate(Connection& c, const std::function<void()>& f) {
  c.exec_script("SAVEPOINT hy_unique");
  try {
    f();
  } catch (const SqlError& e) {
    if (e.kind() != SqlError::Kind::unique) throw;
    c.exec_script("ROLLBACK TO SAVEPOINT hy_unique");
    c.exec_script("RELEASE SAVEPOINT hy_unique");
    return false;
  }
  c.exec_script("RELEASE SAVEPOINT hy_unique");
  return true;
}

std::string like_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

std::string path_prefix_condition(QueryBuilder& q, const char* column,
                                  const std::vector<std::string>& paths) {
  std::string out = "(";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (i) out += " OR ";
    out += std::string(column) + " LIKE " + q.bind(like_escape(paths[i]) + "%") + " ESCAPE '\\'";
  }
  return out + ")";
}

}  // namespace huiyin::sql
