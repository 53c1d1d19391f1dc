// How the platform sends a short text to a citizen's phone (the one-time code of the lookup by
// phone). One small interface; the SMS webhook comes with the supervision work. Until then the
// only notifier is LogNotifier, which writes the text to the server log — for the demo and tests
// only (`serve --demo-print-otp`, also turned on by `--demo`), never in production.
#pragma once

#include <string>

#include "domain/result.hpp"

namespace huiyin {

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Sends `text` to `phone` (its stored form, domain/phone.hpp). Thread-safe.
  virtual Status send(const std::string& phone, const std::string& text) = 0;
};

// Prints "[演示] 短信 → <masked phone>: <text>" to the server log (spdlog, info).
class LogNotifier final : public Notifier {
 public:
  Status send(const std::string& phone, const std::string& text) override;
};

}  // namespace huiyin
