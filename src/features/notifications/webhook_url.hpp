// Webhook target URLs and the administrator's allowlist (setting `webhook_allowlist`). An entry
// is scheme://host[:port][/path]: a target matches when its scheme and host are the same (host
// case-insensitive), the port is the same where the entry names one, and its path starts with the
// entry's path — so `http://127.0.0.1` never lets `http://127.0.0.1.evil.example` through.
// Without the setting only loopback is allowed (a gateway on the same host). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace huiyin {

struct WebhookUrl {
  std::string scheme;  // http | https
  std::string host;    // lower case; an IPv6 address without brackets
  std::string port;    // as given, else 80 / 443
  bool port_given = false;
  std::string target;  // path and query, "/" when empty
};

// invalid (field "url") unless http:// or https:// with a host, no user info, no fragment.
Result<WebhookUrl> parse_webhook_url(std::string_view url);

inline constexpr std::string_view kDefaultWebhookAllowlist =
    "http://127.0.0.1\nhttp://localhost\nhttp://[::1]\nhttps://127.0.0.1\nhttps://localhost\n"
    "https://[::1]";

// The entries of an allowlist text (one a line or comma separated; blanks and # comments skipped);
// invalid naming the first bad entry.
Result<std::vector<WebhookUrl>> parse_allowlist(std::string_view text);
bool allowed_by(const WebhookUrl& target, const std::vector<WebhookUrl>& allowlist);

}  // namespace huiyin
