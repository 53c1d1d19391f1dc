// Posting a webhook: the signature (X-Huiyin-Signature: sha256=<lowercase hex HMAC-SHA256 of the
// raw body under the webhook's secret>), the headers, and the poster — an interface so the
// delivery job is tested with a fake, and BeastPoster, a blocking Boost.Beast client with a
// 10-second limit per request. https needs the build to have found OpenSSL (webhook_tls()); a
// build without it refuses https targets. Thread-safe (each post uses its own socket).
#pragma once

#include <map>
#include <string>

#include "features/notifications/webhook_url.hpp"

namespace huiyin {

// "sha256=" + lowercase hex HMAC-SHA256(secret, body).
std::string webhook_signature(const std::string& secret, const std::string& body);

// Whether this build can post to https:// targets.
bool webhook_tls();

struct PostResult {
  bool ok = false;    // a 2xx answer
  bool sent = false;  // the request was written to the target (its data left this host)
  int status = 0;     // HTTP status, 0 when none came back
  std::string error;  // Chinese, when not ok
};

class WebhookPoster {
 public:
  virtual ~WebhookPoster() = default;
  virtual PostResult post(const WebhookUrl& url, const std::map<std::string, std::string>& headers,
                          const std::string& body) = 0;
};

class BeastPoster final : public WebhookPoster {
 public:
  PostResult post(const WebhookUrl& url, const std::map<std::string, std::string>& headers,
                  const std::string& body) override;
};

}  // namespace huiyin
