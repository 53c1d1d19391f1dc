#include "kernel/notifier.hpp"

#include <spdlog/spdlog.h>

#include "kernel/privacy_mask.hpp"

namespace huiyin {

Status LogNotifier::send(const std::string& phone, const std::string& text) {
  // Masked as staff see a number (privacy_mask): the log names no full phone number.
  spdlog::info("[演示] 短信 → {}: {}", mask_phone(phone), text);
  return ok();
}

}  // namespace huiyin
