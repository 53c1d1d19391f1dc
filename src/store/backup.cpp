#include "store/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <vector>

extern char** environ;

namespace huiyin::sql {
namespace {

struct Db {
  sqlite3* p = nullptr;
  ~Db() { sqlite3_close(p); }
};

Error failed(const std::string& what) { return Error{ErrorCode::internal, what, "db"}; }

// Runs `argv` (no shell: arguments are never interpreted) and waits for it.
Status run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return failed("无法运行 " + argv[0] + "（请安装 postgresql-client）");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return failed("等待 " + argv[0] + " 结束失败");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failed(argv[0] + " 失败（退出码 " +
                  std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "）");
  return ok();
}

}  // namespace

std::string sqlite_file_of(const std::string& url) {
  return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : std::string();
}

Status sqlite_backup(const std::string& source, const std::string& dest) {
  std::error_code ec;
  if (!std::filesystem::exists(source, ec)) return failed("数据库文件不存在：" + source);
  if (std::filesystem::exists(dest, ec)) return failed("目标文件已存在：" + dest);
  Db src, dst;
  // Read-write (never created): a WAL database needs its -shm even to be read.
  if (sqlite3_open_v2(source.c_str(), &src.p, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    return failed("无法打开数据库 " + source + "：" + sqlite3_errmsg(src.p));
  sqlite3_busy_timeout(src.p, 5000);
  if (sqlite3_open_v2(dest.c_str(), &dst.p, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    return failed("无法创建 " + dest + "：" + sqlite3_errmsg(dst.p));
  sqlite3_backup* b = sqlite3_backup_init(dst.p, "main", src.p, "main");
  if (!b) return failed(std::string("无法开始备份：") + sqlite3_errmsg(dst.p));
  // All pages in one step: one read transaction on the source, so the copy is one state of it.
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return failed(std::string("备份失败：") + sqlite3_errstr(rc));
  // The copy stands alone: one file, no -wal beside it.
  sqlite3_exec(dst.p, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string verdict;
  if (sqlite3_prepare_v2(dst.p, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (verdict != "ok") return failed("备份文件完整性检查未通过：" + verdict);
  return ok();
}

Status pg_dump_to(const std::string& url, const std::string& dest) {
  return run_program({"pg_dump", "--format=custom", "--no-owner", "--file=" + dest, "--dbname=" + url});
}

Status pg_restore_from(const std::string& file, const std::string& url) {
  return run_program({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                      "--dbname=" + url, file});
}

}  // namespace huiyin::sql
