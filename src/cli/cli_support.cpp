#include "cli/cli_support.hpp"

#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kernel/audit_anchor.hpp"
#include "store/audit_chain.hpp"

namespace huiyin::cli {

void fail(const Error& e, int exit_code) {
  std::cerr << "huiyin: " << (e.detail.empty() ? "操作失败" : e.detail);
  if (!e.field.empty()) std::cerr << "(" << e.field << ")";
  std::cerr << "\n";
  throw CLI::RuntimeError(exit_code);
}

namespace {

std::string g_audit_key;
std::int64_t g_anchor_every = 100;
std::shared_ptr<AuditAnchorLog> g_anchors;

// The key file holds 64 hex digits (a line); anything else is refused.
std::optional<std::string> read_key_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    fail(invalid("无法读取审计密钥文件 " + path, "audit_key"));
  }
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    std::cerr << "huiyin: 警告: 审计密钥文件 " << path
              << " 可被其他用户读取，请执行 chmod 600（持有密钥者可以伪造审计链）\n";
  std::string hex;
  std::getline(in, hex);
  while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  std::string key(kAuditKeyBytes, '\0');
  std::size_t n = 0;
  if (hex.size() != kAuditKeyBytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(),
                     hex.size(), nullptr, &n, nullptr) != 0 ||
      n != kAuditKeyBytes)
    fail(invalid("审计密钥文件 " + path + " 内容无效（应为 64 位十六进制数）", "audit_key"));
  return key;
}

// Creates a new random key file (0600); when another process created it first, reads that one.
// The key is written whole to a file of this process and then linked to its name, so a second
// node starting at the same moment on the same data directory finds either no key file or a
// complete one (never an empty one it would refuse), and both end up with the same key.
std::string create_key_file(const std::string& path) {
  if (sodium_init() < 0) fail(Error{ErrorCode::internal, "libsodium 初始化失败", {}});
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string key(kAuditKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  char hex[kAuditKeyBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  const std::string tmp = path + ".new-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(invalid("无法创建审计密钥文件 " + path, "audit_key"));
  std::string line = std::string(hex, kAuditKeyBytes * 2) + "\n";
  bool good = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
              ::fsync(fd) == 0;
  ::close(fd);
  if (!good) {
    ::unlink(tmp.c_str());
    fail(invalid("无法写入审计密钥文件 " + path, "audit_key"));
  }
  const bool linked = ::link(tmp.c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!linked) {
    if (link_errno == EEXIST) {
      if (auto k = read_key_file(path)) return *k;
    }
    // A file system without hard links: created in place (exclusive, then written).
    fd = link_errno == EEXIST ? -1 : ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail(invalid("无法创建审计密钥文件 " + path, "audit_key"));
    good = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
           ::fsync(fd) == 0;
    ::close(fd);
    if (!good) fail(invalid("无法写入审计密钥文件 " + path, "audit_key"));
  }
  std::cerr << "huiyin: 已生成审计密钥 " << path
            << "（请与数据库分开备份；丢失后无法再校验审计链）\n";
  return key;
}

void prepare_sqlite_dir(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    std::filesystem::path file(url.substr(7));
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
    }
  }
}

}  // namespace

std::string audit_key_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir.empty() ? "data" : data_dir) / "audit.key").string();
}

std::string audit_anchors_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir.empty() ? "data" : data_dir) / "audit-anchors.log")
      .string();
}

const std::string& loaded_audit_key() { return g_audit_key; }
void set_audit_anchor_every(std::int64_t n) { g_anchor_every = n; }
void flush_audit_anchors() {
  if (g_anchors) g_anchors->flush();
}

std::unique_ptr<Store> open_store_or_throw(const std::string& url, bool migrate,
                                           const std::string& data_dir, AuditKeyUse use) {
  prepare_sqlite_dir(url);
  const std::string key_path = audit_key_path(data_dir);
  auto key = read_key_file(key_path);
  if (!key) {
    auto probe = open_store(url);
    if (!probe) fail(probe.error());
    if ((*probe)->audit_chain_keyed())
      fail(invalid("该数据库的审计链已用密钥封存，但找不到审计密钥文件 " + key_path +
                       "。请用 --data-dir（或环境变量 HUIYIN_DATA_DIR、配置项 data_dir）指向 "
                       "serve 使用的数据目录，或从备份恢复该文件；不会另建新密钥。",
                   "audit_key"));
    if (use == AuditKeyUse::verify) {
      g_audit_key.clear();
      if (migrate) {
        auto v = (*probe)->migrate();
        if (!v) fail(v.error());
      }
      return std::move(probe).value();
    }
    probe.value().reset();
    key = create_key_file(key_path);
  }
  g_audit_key = *key;
  StoreOptions opts;
  opts.audit_key = *key;
  if (use == AuditKeyUse::write) {
    g_anchors = std::make_shared<AuditAnchorLog>(audit_anchors_path(data_dir), g_anchor_every);
    std::weak_ptr<AuditAnchorLog> weak = g_anchors;
    opts.on_commit = [weak](std::int64_t seq, const std::string& hash) {
      if (auto a = weak.lock()) a->on_commit(seq, hash);
    };
  }
  auto store = open_store(url, opts);
  if (!store) fail(store.error());
  if (migrate) {
    auto v = (*store)->migrate();
    if (!v) fail(v.error());
  }
  return std::move(store).value();
}

std::unique_ptr<Store> open_store_or_throw(const std::string& url, bool migrate) {
  if (url.starts_with("sqlite:")) {
    std::filesystem::path file(url.substr(7));
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
    }
  }
  auto store = open_store(url);
  if (!store) fail(store.error());
  if (migrate) {
    auto v = (*store)->migrate();
    if (!v) fail(v.error());
  }
  return std::move(store).value();
}

ServiceConfig service_config(const std::string& data_dir) {
  ServiceConfig cfg;
  if (!data_dir.empty()) cfg.data_dir = data_dir;
  cfg.audit_key = g_audit_key;
  cfg.audit_anchors_path = audit_anchors_path(cfg.data_dir);
  const char* fast = std::getenv("HUIYIN_FAST_PASSWORD_HASH");
  cfg.fast_password_hashing = fast && std::string(fast) == "1";
  return cfg;
}

Opened open_services_or_throw(const std::string& url, const std::string& data_dir,
                              const Clock& clock) {
  return open_services_with_config(url, service_config(data_dir), clock);
}

Opened open_services_with_config(const std::string& url, const ServiceConfig& config,
                              const Clock& clock) {
  Opened o;
  o.store = open_store_or_throw(url, /*migrate=*/true, config.data_dir, AuditKeyUse::write);
  // The audit key is known once the store is open (it is read or created with it).
  ServiceConfig cfg = config;
  const ServiceConfig keyed = service_config(config.data_dir);
  cfg.audit_key = keyed.audit_key;
  cfg.audit_anchors_path = keyed.audit_anchors_path;
  auto services = Services::open(*o.store, clock, cfg);
  if (!services) fail(services.error());
  o.services = std::move(services).value();
  return o;
}

Actor cli_actor() {
  Actor a;
  a.user_id = 0;
  a.username = "cli";
  a.display_name = "命令行";
  ActorRole r;
  r.role = Role::admin;
  r.org.path = "/";
  a.roles.push_back(r);
  return a;
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace huiyin::cli
