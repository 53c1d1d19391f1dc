#include "http/path_template.hpp"

namespace huiyin::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

PathTemplate::PathTemplate(std::string_view tmpl) : text_(tmpl) {
  for (auto part : split(tmpl)) {
    Segment s;
    const auto close = part.find('}');
    if (part.size() >= 2 && part.front() == '{' && close != std::string_view::npos) {
      std::string_view inner = part.substr(1, close - 1);
      s.suffix = std::string(part.substr(close + 1));
      auto colon = inner.find(':');
      s.param = std::string(inner.substr(0, colon));
      s.integer = colon != std::string_view::npos && inner.substr(colon + 1) == "int";
    } else {
      s.literal = std::string(part);
    }
    segments_.push_back(std::move(s));
  }
}

std::optional<PathParams> PathTemplate::match(std::string_view path) const {
  auto parts = split(path);
  if (parts.size() != segments_.size()) return std::nullopt;
  PathParams params;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& s = segments_[i];
    if (s.param.empty()) {
      if (parts[i] != s.literal) return std::nullopt;
      continue;
    }
    std::string_view value = parts[i];
    if (!s.suffix.empty()) {
      if (!value.ends_with(s.suffix)) return std::nullopt;
      value.remove_suffix(s.suffix.size());
    }
    if (value.empty() || value.size() > 200) return std::nullopt;
    if (s.integer) {
      if (value.size() > 18) return std::nullopt;
      for (char c : value)
        if (c < '0' || c > '9') return std::nullopt;
    }
    params.emplace(s.param, std::string(value));
  }
  return params;
}

std::string PathTemplate::openapi_path() const {
  std::string out;
  for (const auto& s : segments_) {
    out += '/';
    out += s.param.empty() ? s.literal : "{" + s.param + "}" + s.suffix;
  }
  return out;
}

}  // namespace huiyin::http
