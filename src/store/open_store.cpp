// open_store(): picks the backend from the URL and builds the SqlStore with its pool.
#include <filesystem>

#include "store/sql_store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kPoolSize = 8;

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOptions& options) {
  if (!options.audit_key.empty() && options.audit_key.size() != 32)
    return invalid("审计密钥长度应为 32 字节", "audit_key");
  using sql::Dialect;
  try {
    if (url.rfind("sqlite:", 0) == 0) {
      std::string path = url.substr(7);
      if (path.empty()) return invalid("数据库地址缺少文件路径：" + url, "db");
      std::error_code ec;
      auto parent = std::filesystem::path(path).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      if (ec) return invalid("无法创建数据库目录 " + parent.string() + "：" + ec.message(), "db");
      auto factory = [path] { return sql::open_sqlite(path); };
      factory();  // fail now, not at the first transaction, if the file cannot be opened
      return std::unique_ptr<Store>(
          new sql::SqlStore(Dialect{Dialect::Kind::sqlite}, factory, kPoolSize, options));
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
      auto factory = [url] { return sql::open_postgresql(url); };
      factory();
      return std::unique_ptr<Store>(
          new sql::SqlStore(Dialect{Dialect::Kind::postgresql}, factory, kPoolSize, options));
    }
  } catch (const sql::SqlError& e) {
    return Error{ErrorCode::internal, std::string("无法打开数据库：") + e.what(), "db"};
  }
  return invalid("不支持的数据库地址（应为 sqlite:路径 或 postgresql://…）：" + url, "db");
}

}  // namespace huiyin
