#include "features/notifications/webhook_url.hpp"

#include <algorithm>
#include <cctype>

namespace huiyin {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error bad_url(std::string_view url, std::string_view why) {
  return invalid("推送地址无效(" + std::string(why) + "): " + std::string(url), "url");
}

}  // namespace

Result<WebhookUrl> parse_webhook_url(std::string_view url) {
  WebhookUrl u;
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return bad_url(url, "应以 http:// 或 https:// 开头");
  u.scheme = lower(url.substr(0, sep));
  if (u.scheme != "http" && u.scheme != "https") return bad_url(url, "只支持 http 和 https");
  std::string_view rest = url.substr(sep + 3);
  if (rest.find('#') != std::string_view::npos) return bad_url(url, "不能带 #");
  for (char c : rest)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return bad_url(url, "含空白或控制字符");
  const auto slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (u.target.front() == '?') u.target = "/" + u.target;
  if (authority.find('@') != std::string_view::npos) return bad_url(url, "不能带用户名或密码");
  std::string_view host = authority, port;
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(url, "IPv6 地址缺少 ]");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(url, "端口格式不对");
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return bad_url(url, "缺少主机名");
  u.host = lower(host);
  if (!port.empty() || authority.ends_with(":")) {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
      return bad_url(url, "端口应为1至65535");
    u.port = std::string(port);
    u.port_given = true;
  } else {
    u.port = u.scheme == "https" ? "443" : "80";
  }
  return u;
}

Result<std::vector<WebhookUrl>> parse_allowlist(std::string_view text) {
  std::vector<WebhookUrl> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find_first_of("\n,", i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view entry = text.substr(i, j - i);
    while (!entry.empty() && std::isspace(static_cast<unsigned char>(entry.front()))) entry.remove_prefix(1);
    while (!entry.empty() && std::isspace(static_cast<unsigned char>(entry.back()))) entry.remove_suffix(1);
    if (!entry.empty() && !entry.starts_with("#")) {
      auto u = parse_webhook_url(entry);
      if (!u) return invalid("允许列表中的地址无效: " + std::string(entry), "allowlist");
      if (u->target == "/" && !entry.ends_with("/")) u->target.clear();  // no path: any path
      out.push_back(std::move(*u));
    }
    i = j + 1;
  }
  return out;
}

bool allowed_by(const WebhookUrl& target, const std::vector<WebhookUrl>& allowlist) {
  return std::any_of(allowlist.begin(), allowlist.end(), [&](const WebhookUrl& a) {
    return a.scheme == target.scheme && a.host == target.host &&
           (!a.port_given || a.port == target.port) && target.target.starts_with(a.target);
  });
}

}  // namespace huiyin
