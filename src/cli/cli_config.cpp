#include "cli/cli_config.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace huiyin::cli {
namespace {

std::string normalise_key(std::string_view k) {
  std::string out;
  for (char c : k) {
    if (c == '-') c = '_';
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<ConfigFile> ConfigFile::parse(std::string_view text) {
  ConfigFile out;
  int line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') continue;  // section headers are allowed and ignored
    auto eq = line.find('=');
    if (eq == std::string_view::npos)
      return invalid("配置文件第 " + std::to_string(line_no) + " 行应为 key = value", "config");
    std::string_view value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    out.values_[normalise_key(trim(line.substr(0, eq)))] = std::string(value);
  }
  return out;
}

Result<ConfigFile> ConfigFile::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return not_found("无法读取配置文件 " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse(buf.str());
}

std::optional<std::string> ConfigFile::get(std::string_view key) const {
  auto it = values_.find(normalise_key(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string pick(const CLI::Option* flag, const std::string& flag_value, const char* env,
                 const ConfigFile& file, std::string_view key, std::string fallback) {
  if (flag && flag->count() > 0) return flag_value;
  if (env) {
    const char* v = std::getenv(env);
    if (v && *v) return v;
  }
  if (auto v = file.get(key)) return *v;
  return fallback;
}

void add_db_options(CLI::App* cmd, DbOptions& o) {
  o.db_flag = cmd->add_option("--db", o.db,
                              "数据库地址: sqlite:PATH 或 postgresql://... (环境变量 HUIYIN_DB)");
  cmd->add_option("--config", o.config, "配置文件 (key = value 每行一项)");
  o.data_dir_flag = cmd->add_option(
      "--data-dir", o.data_dir,
      "数据目录(附件、审计密钥 audit.key、审计锚点),默认 data (环境变量 HUIYIN_DATA_DIR)");
}

ConfigFile load_config_or_throw(const std::string& path) {
  if (path.empty()) return ConfigFile{};
  auto cfg = ConfigFile::load(path);
  if (!cfg) {
    std::cerr << "huiyin: " << cfg.error().detail << "\n";
    throw CLI::RuntimeError(2);
  }
  return std::move(cfg).value();
}

std::string resolve_db(const DbOptions& o, const ConfigFile& file) {
  return pick(o.db_flag, o.db, "HUIYIN_DB", file, "db", kDefaultDb);
}

std::string resolve_data_dir(const DbOptions& o, const ConfigFile& file) {
  return pick(o.data_dir_flag, o.data_dir, "HUIYIN_DATA_DIR", file, "data_dir", "data");
}

}  // namespace huiyin::cli
