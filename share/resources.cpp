#include "share/resources.hpp"

namespace huiyin {

std::optional<std::string_view> resource(std::string_view path) {
  for (const auto& r : resources())
    if (r.path == path) return r.bytes;
  return std::nullopt;
}

}  // namespace huiyin
