// huiyin backup --db URL -o DIR | huiyin restore --from DIR --db URL: a copy of everything a
// deployment needs to come back — the database (SQLite: its online backup API, one consistent
// state while serve goes on writing; PostgreSQL: pg_dump's custom format, one snapshot), the
// audit chain's key and anchors, and the attachments — laid out like a data directory:
//   DIR/huiyin.db | DIR/huiyin.pgdump, DIR/audit.key, DIR/audit-anchors.log, DIR/attachments/,
//   DIR/backup.json (what was copied: the chain head, matters, each file's size and SHA-256).
// With --without-key the key stays out of the folder (kept apart, as the README advises: who
// holds the key and the database can forge); restore then wants it in the data directory first.
// The anchors are copied before the database, so none names an event the copy lacks. A SQLite
// backup is verified where it lies (audit chain, protected rows, anchors) before the command
// says it is done; a restore checks every file against backup.json, refuses to write over a
// database or a different key, and verifies the restored database the same way. Exit 4 when a
// verification fails.
#include <sodium.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "kernel/audit.hpp"
#include "store/backup.hpp"

namespace huiyin::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifest = "backup.json";
constexpr const char* kSqliteFile = "huiyin.db";
constexpr const char* kPgFile = "huiyin.pgdump";

[[noreturn]] void refuse(const std::string& detail, const char* field = "backup") {
  fail(Error{ErrorCode::invalid, detail, field});
}

std::string file_sha256(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) refuse("无法读取 " + p.string());
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

void copy_file_or_throw(const fs::path& from, const fs::path& to, bool secret = false) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) refuse("无法复制 " + from.string() + " 到 " + to.string() + "：" + ec.message());
  if (secret) ::chmod(to.c_str(), 0600);
}

// Files under `dir` (recursively): count and bytes; copied to `to` when it is not empty.
std::pair<std::int64_t, std::int64_t> copy_tree(const fs::path& dir, const fs::path& to) {
  std::int64_t files = 0, bytes = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return {0, 0};
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    ++files;
    bytes += static_cast<std::int64_t>(e.file_size());
    if (to.empty()) continue;
    const fs::path target = to / fs::relative(e.path(), dir);
    fs::create_directories(target.parent_path(), ec);
    if (!fs::exists(target, ec)) copy_file_or_throw(e.path(), target);
  }
  return {files, bytes};
}

struct Found {
  ChainHead head;
  std::int64_t matters = 0;
};

Found head_and_matters(Store& store) {
  auto r = store.read([](Tx& tx) -> Result<Found> {
    Found f;
    f.head = tx.chain_head();
    f.matters = tx.conn().query("SELECT COUNT(*) FROM matters").at(0).integer(0);
    return f;
  });
  if (!r) fail(r.error());
  return *r;
}

// Verifies the database at `url` with the key of `data_dir` and the anchor file `anchors`; prints
// the outcome.
bool verify_at(const std::string& url, const std::string& data_dir, const std::string& anchors) {
  auto store = open_store_or_throw(url, /*migrate=*/false, data_dir, AuditKeyUse::verify);
  auto report = verify_audit_chain(*store, loaded_audit_key(), anchors);
  if (!report) fail(report.error());
  const AuditFindings& f = report->findings;
  if (report->ok) {
    std::cout << "校验通过: " << f.events << " 条事件、" << f.rows_checked
              << " 行受保护数据与链外锚点一致（链头 seq=" << f.head_seq << "）\n";
    return true;
  }
  std::cerr << "校验未通过:\n";
  for (const auto& p : f.problems) std::cerr << "  - [" << p.kind << "] " << p.detail << "\n";
  return false;
}

std::string iso_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void backup(const DbOptions& o, const std::string& out_dir, bool with_key) {
  const ConfigFile cfg = load_config_or_throw(o.config);
  const std::string db = resolve_db(o, cfg);
  const std::string data_dir = resolve_data_dir(o, cfg);
  const fs::path out(out_dir);
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec))
    refuse("备份目录 " + out_dir + " 已存在且不为空（每次备份用一个新目录）", "output");
  fs::create_directories(out, ec);
  if (ec) refuse("无法创建备份目录 " + out_dir + "：" + ec.message(), "output");
  ::chmod(out.c_str(), 0700);  // it holds the chain key and citizens' personal data

  // Opening checks the key: a keyed database without its key file is refused here.
  auto store = open_store_or_throw(db, /*migrate=*/false, data_dir, AuditKeyUse::verify);
  const bool sqlite = store->backend() == "sqlite";
  json files = json::array();
  auto add_file = [&](const std::string& name) {
    files.push_back({{"path", name}, {"bytes", fs::file_size(out / name)}, {"sha256", file_sha256(out / name)}});
  };
  const fs::path key = audit_key_path(data_dir), anchors = audit_anchors_path(data_dir);
  if (with_key && fs::exists(key, ec)) {
    copy_file_or_throw(key, out / "audit.key", /*secret=*/true);
    add_file("audit.key");
  }
  if (fs::exists(anchors, ec)) {  // before the database: no anchor past the copy's head
    copy_file_or_throw(anchors, out / "audit-anchors.log");
    add_file("audit-anchors.log");
  }
  Found live = head_and_matters(*store);  // the copy holds at least this much
  const std::string db_file = sqlite ? kSqliteFile : kPgFile;
  Status st = sqlite ? sql::sqlite_backup(sql::sqlite_file_of(db), (out / db_file).string())
                     : sql::pg_dump_to(db, (out / db_file).string());
  if (!st) fail(st.error());
  ::chmod((out / db_file).c_str(), 0600);
  store.reset();
  // After the database: every attachment the copy names is already on disk by then.
  auto [att_files, att_bytes] = copy_tree(fs::path(data_dir) / "attachments", out / "attachments");

  Found copied = live;
  bool verified = false;
  if (sqlite) {
    const std::string copy_url = "sqlite:" + (out / db_file).string();
    // Without the key in the backup, the live one checks it (the anchors are the copy's).
    const std::string key_dir = with_key ? out.string() : data_dir;
    verified = verify_at(copy_url, key_dir, (out / "audit-anchors.log").string());
    auto copy = open_store_or_throw(copy_url, /*migrate=*/false, key_dir, AuditKeyUse::verify);
    copied = head_and_matters(*copy);
  }
  add_file(db_file);  // after the check: opening the copy to verify it rewrites its header
  json manifest = {
      {"format", 1},
      {"made_at", iso_now()},
      {"backend", sqlite ? "sqlite" : "postgresql"},
      {"database", db_file},
      {"head", {{"seq", copied.head.seq}, {"hash", copied.head.hash}}},
      {"matters", copied.matters},
      {"attachments", {{"files", att_files}, {"bytes", att_bytes}}},
      {"files", files},
      {"key", with_key},
      {"verified", verified},
  };
  std::ofstream(out / kManifest) << manifest.dump(2) << "\n";
  if (sqlite && !verified) {
    std::cerr << "huiyin: 备份已写出，但校验未通过，请勿依赖此备份：" << out_dir << "\n";
    throw CLI::RuntimeError(4);
  }
  std::cout << "备份完成: " << copied.matters << " 件事项, 事件链头 seq=" << copied.head.seq
            << ", 附件 " << att_files << " 个\n";
  if (!sqlite)
    std::cout << "PostgreSQL 备份为 pg_dump 自定义格式；恢复后由 huiyin restore 校验\n";
  std::cout << out.string() << "\n";
}

void restore(const DbOptions& o, const std::string& from_dir) {
  const ConfigFile cfg = load_config_or_throw(o.config);
  const std::string db = resolve_db(o, cfg);
  const std::string data_dir = resolve_data_dir(o, cfg);
  const fs::path from(from_dir);
  std::error_code ec;
  json manifest;
  {
    std::ifstream in(from / kManifest);
    if (!in) refuse("不是备份目录（缺少 " + std::string(kManifest) + "）：" + from_dir, "from");
    manifest = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!manifest.is_object() || manifest.value("format", 0) != 1 || !manifest.contains("files"))
      refuse(std::string(kManifest) + " 无法识别", "from");
  }
  // Every file as it was written: a changed or missing one stops the restore before anything.
  for (const auto& f : manifest["files"]) {
    const std::string name = f.value("path", "");
    if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos)
      refuse(std::string(kManifest) + " 中的文件名无效：" + name, "from");
    if (!fs::exists(from / name, ec)) refuse("备份缺少文件 " + name, "from");
    if (file_sha256(from / name) != f.value("sha256", ""))
      refuse("备份文件 " + name + " 与 " + kManifest + " 记录的摘要不符（已损坏或被改动）", "from");
  }
  const std::string db_file = manifest.value("database", "");
  const bool sqlite_backup = manifest.value("backend", "") == "sqlite";
  const bool sqlite_target = !sql::sqlite_file_of(db).empty();
  if (sqlite_backup != sqlite_target)
    refuse("备份来自 " + manifest.value("backend", std::string("?")) + "，目标数据库类型不同：" + db, "db");
  // The key and anchors of the data directory must be absent or the same as the backup's.
  // (A backup made --without-key finds its key there, put by the operator.)
  for (const char* name : {"audit.key", "audit-anchors.log"}) {
    const fs::path mine = fs::path(data_dir) / name, theirs = from / name;
    const bool key = std::string_view(name) == "audit.key";
    if (fs::exists(mine, ec) && (fs::exists(theirs, ec) ? file_sha256(mine) != file_sha256(theirs) : !key))
      refuse(std::string("数据目录 ") + data_dir + " 已有不同的 " + name + "（恢复到一个新的数据目录）", "data_dir");
  }
  if (!fs::exists(from / "audit.key", ec) && !fs::exists(fs::path(data_dir) / "audit.key", ec) &&
      manifest.value("key", true) == false)
    refuse("备份不含审计密钥（--without-key）：先把另行保管的 audit.key 放进数据目录 " + data_dir, "data_dir");
  if (sqlite_target) {
    const fs::path target = sql::sqlite_file_of(db);
    if (fs::exists(target, ec)) refuse("目标数据库文件已存在，不会覆盖：" + target.string(), "db");
    if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
    copy_file_or_throw(from / db_file, target);
  } else {
    // pg_restore in one transaction: into an empty database, or nothing at all.
    if (Status st = sql::pg_restore_from((from / db_file).string(), db); !st)
      fail(Error{st.error().code, st.error().detail + "（目标数据库须为空库；未做任何改动）", "db"});
  }
  fs::create_directories(data_dir, ec);
  if (fs::exists(from / "audit.key", ec))
    copy_file_or_throw(from / "audit.key", fs::path(data_dir) / "audit.key", /*secret=*/true);
  if (fs::exists(from / "audit-anchors.log", ec))
    copy_file_or_throw(from / "audit-anchors.log", fs::path(data_dir) / "audit-anchors.log");
  auto [att_files, att_bytes] = copy_tree(from / "attachments", fs::path(data_dir) / "attachments");
  (void)att_bytes;

  const bool ok = verify_at(db, data_dir, audit_anchors_path(data_dir));
  auto store = open_store_or_throw(db, /*migrate=*/false, data_dir, AuditKeyUse::verify);
  Found got = head_and_matters(*store);
  const std::int64_t want_seq = manifest["head"].value("seq", std::int64_t{0});
  const std::int64_t want_matters = manifest.value("matters", std::int64_t{0});
  std::cout << "已恢复: " << got.matters << " 件事项, 事件链头 seq=" << got.head.seq << ", 附件 "
            << att_files << " 个\n";
  if (!ok || got.head.seq < want_seq || got.matters < want_matters) {
    if (ok)
      std::cerr << "huiyin: 恢复的数据少于备份记录（事件链头 seq=" << want_seq << "，" << want_matters
                << " 件事项）\n";
    throw CLI::RuntimeError(4);
  }
}

}  // namespace

void add_backup(CLI::App& app) {
  CLI::App* b = app.add_subcommand("backup", "备份数据库、审计密钥与锚点、附件到一个新目录，并校验备份");
  auto bo = std::make_shared<DbOptions>();
  auto out = std::make_shared<std::string>();
  auto without_key = std::make_shared<bool>(false);
  add_db_options(b, *bo);
  b->add_option("-o,--output", *out, "备份目录（新建或为空）")->required();
  b->add_flag("--without-key", *without_key,
              "不带审计密钥（密钥另行保管；恢复前须先把 audit.key 放进目标数据目录）");
  b->callback([bo, out, without_key] { backup(*bo, *out, !*without_key); });

  CLI::App* r = app.add_subcommand("restore", "从备份目录恢复到新的数据库与数据目录，并校验审计链");
  auto ro = std::make_shared<DbOptions>();
  auto from = std::make_shared<std::string>();
  add_db_options(r, *ro);
  r->add_option("--from", *from, "备份目录（huiyin backup 写出的）")->required();
  r->callback([ro, from] { restore(*ro, *from); });
}

}  // namespace huiyin::cli
