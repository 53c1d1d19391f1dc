#include "kernel/audit_anchor.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace huiyin {

AuditAnchorLog::AuditAnchorLog(std::string path, std::int64_t every)
    : path_(std::move(path)), every_(every < 1 ? 1 : every) {
  if (auto a = read(path_); a)
    for (const auto& x : *a) anchored_ = std::max(anchored_, x.seq);
}

void AuditAnchorLog::on_commit(std::int64_t seq, const std::string& hash) {
  std::lock_guard lock(mu_);
  if (seq <= latest_) return;
  latest_ = seq;
  latest_hash_ = hash;
  if (latest_ - anchored_ >= every_) write_locked(latest_, latest_hash_);
}

void AuditAnchorLog::flush() {
  std::lock_guard lock(mu_);
  if (latest_ > anchored_) write_locked(latest_, latest_hash_);
}

void AuditAnchorLog::write_locked(std::int64_t seq, const std::string& hash) {
  std::error_code ec;
  auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string line = std::to_string(seq) + " " + hash + " " +
                           std::to_string(static_cast<long long>(std::time(nullptr))) + "\n";
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fsync(fd) != 0) {
    std::cerr << "huiyin: 无法写入审计锚点文件 " << path_ << "\n";
    if (fd >= 0) ::close(fd);
    return;
  }
  ::close(fd);
  anchored_ = seq;
}

Result<std::vector<AuditAnchor>> AuditAnchorLog::read(const std::string& path) {
  std::vector<AuditAnchor> out;
  std::ifstream in(path);
  if (!in) return out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::istringstream ls(line);
    AuditAnchor a;
    if (!(ls >> a.seq >> a.hash >> a.at) || a.seq < 1 || a.hash.size() != 64)
      return invalid("审计锚点文件 " + path + " 第 " + std::to_string(n) + " 行格式错误",
                     "anchors");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace huiyin
