#include "http/static_files.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "http/problem.hpp"

namespace huiyin::http {
namespace fs = std::filesystem;

namespace {

struct MimeRow {
  std::string_view ext;
  std::string_view type;
};

constexpr MimeRow kMime[] = {
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".wasm", "application/wasm"},
};

bool safe_relative(std::string_view path) {
  // Every segment must be a plain name: no "..", ".", backslashes or NULs.
  std::size_t i = 0;
  while (i <= path.size()) {
    auto slash = path.find('/', i);
    std::string_view seg =
        path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    if (seg == ".." || seg == ".") return false;
    if (seg.find('\\') != std::string_view::npos || seg.find('\0') != std::string_view::npos)
      return false;
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return true;
}

bool within(const fs::path& root, const fs::path& p) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(p, ec);
  if (ec) return false;
  auto r = root.begin(), c = canon.begin();
  for (; r != root.end(); ++r, ++c) {
    if (c == canon.end() || *r != *c) return false;
  }
  return true;
}

bool has_extension(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view last = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

std::string_view mime_type(std::string_view extension) {
  for (const auto& r : kMime)
    if (r.ext == extension) return r.type;
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  if (!root.empty() && fs::is_directory(root, ec)) {
    root_ = fs::canonical(root, ec);
    available_ = !ec && fs::is_regular_file(root_ / "index.html", ec);
  } else {
    root_ = std::move(root);
  }
}

fs::path StaticFiles::resolve_root(const std::string& flag, const fs::path& exe) {
  if (!flag.empty()) return fs::path(flag);
  std::error_code ec;
  fs::path here = fs::current_path(ec) / "web" / "dist";
  if (!ec && fs::is_directory(here, ec)) return here;
  if (!exe.empty()) {
    fs::path beside = fs::absolute(exe, ec).parent_path().parent_path() / "web" / "dist";
    if (!ec && fs::is_directory(beside, ec)) return beside;
  }
  return here;
}

Response StaticFiles::file_response(const fs::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return problem(ErrorCode::not_found, "文件不存在");
  std::ostringstream buf;
  buf << in.rdbuf();
  Response r;
  r.status = 200;
  r.content_type = std::string(mime_type(file.extension().string()));
  r.body = std::move(buf).str();
  r.set_header("Cache-Control",
               immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

Response StaticFiles::not_built(std::string_view path) const {
  Response r;
  r.status = (path == "/" || path == "/staff" || path.starts_with("/staff/")) ? 200 : 404;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>回音 Huiyin</title></head><body><h1>回音</h1>"
      "<p>网页端尚未构建。请在项目目录执行 <code>make build</code>(或 "
      "<code>bash scripts/build_web.sh</code>)后重新启动,或用 <code>--web 目录</code> "
      "指定已构建的网页目录。接口仍可通过 /api/v1 访问。</p></body></html>";
  r.set_header("Cache-Control", "no-cache");
  return r;
}

Response StaticFiles::serve(std::string_view path) const {
  if (!available_) return not_built(path);
  if (path.empty() || path.front() != '/' || !safe_relative(path.substr(1)))
    return problem(ErrorCode::not_found, "文件不存在");
  std::string_view rel = path.substr(1);
  if (!rel.empty()) {
    fs::path candidate = root_ / fs::path(std::string(rel));
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && within(root_, candidate))
      return file_response(candidate, path.starts_with("/assets/"));
    // A missing asset is a 404, never an HTML page in its place.
    if (path.starts_with("/assets/") || has_extension(path))
      return problem(ErrorCode::not_found, "文件不存在");
  }
  std::error_code ec;
  if ((path == "/staff" || path.starts_with("/staff/")) &&
      fs::is_regular_file(root_ / "staff.html", ec))
    return file_response(root_ / "staff.html", false);
  return file_response(root_ / "index.html", false);
}

}  // namespace huiyin::http
