// Configuration of the `huiyin` commands, layered: a command-line flag wins, then the
// environment (HUIYIN_DB, HUIYIN_PORT, ...), then the optional config file (`--config FILE`,
// `key = value` lines, `#` comments), then the built-in default. Plain values; not shared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "domain/result.hpp"

namespace huiyin::cli {

class ConfigFile {
 public:
  // Reads `key = value` lines; keys are case-insensitive and `-`/`_` are the same
  // (`max-body` = `max_body`). invalid (with the line number) on a line without `=`.
  static Result<ConfigFile> parse(std::string_view text);
  static Result<ConfigFile> load(const std::string& path);  // not_found when unreadable

  std::optional<std::string> get(std::string_view key) const;

 private:
  std::map<std::string, std::string> values_;
};

// The value of one setting: the flag when it was given on the command line, else env var
// `env` when set and non-empty, else the config file's `key`, else `fallback`.
std::string pick(const CLI::Option* flag, const std::string& flag_value, const char* env,
                 const ConfigFile& file, std::string_view key, std::string fallback);

// Options every command that touches the database shares: --db, --config and --data-dir
// (where attachments, the audit key and the audit anchors live).
struct DbOptions {
  std::string db;
  std::string config;
  std::string data_dir;
  CLI::Option* db_flag = nullptr;
  CLI::Option* data_dir_flag = nullptr;
};
void add_db_options(CLI::App* cmd, DbOptions& o);
// The config file named by --config (empty when none was given).
ConfigFile load_config_or_throw(const std::string& path);
// --db, HUIYIN_DB, `db` in the config file, else sqlite:data/huiyin.db.
std::string resolve_db(const DbOptions& o, const ConfigFile& file);
// --data-dir, HUIYIN_DATA_DIR, `data_dir` in the config file, else `data`.
std::string resolve_data_dir(const DbOptions& o, const ConfigFile& file);

inline constexpr const char* kDefaultDb = "sqlite:data/huiyin.db";

}  // namespace huiyin::cli
