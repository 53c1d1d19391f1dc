// The built web app, served from a directory: files by path with their MIME type; `/staff` and
// `/staff/*` fall back to staff.html and other page paths to index.html (single-page apps);
// /assets/* are cached for a year (file names carry content hashes). Paths that climb out of
// the directory are refused. When the directory is missing, pages get a short Chinese note that
// the web app has not been built. Reads the disk on every request; immutable, thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace huiyin::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // The directory to serve: `flag` when given; else web/dist under the current directory when
  // present; else ../web/dist next to the executable `exe`.
  static std::filesystem::path resolve_root(const std::string& flag,
                                            const std::filesystem::path& exe);

  bool available() const { return available_; }
  const std::filesystem::path& root() const { return root_; }

  // A GET/HEAD for a decoded path outside /api/.
  Response serve(std::string_view path) const;

 private:
  Response file_response(const std::filesystem::path& file, bool immutable) const;
  Response not_built(std::string_view path) const;

  std::filesystem::path root_;
  bool available_ = false;
};

std::string_view mime_type(std::string_view extension);  // ".js" → "text/javascript; charset=utf-8"

}  // namespace huiyin::http
