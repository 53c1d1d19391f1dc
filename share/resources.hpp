// Files from share/data, compiled into the binary. Paths are relative to share/data,
// e.g. "categories.tsv", "demo/zhuzhou_orgs.tsv". Immutable; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace huiyin {

struct Resource {
  std::string_view path;
  std::string_view bytes;
};

const std::vector<Resource>& resources();
std::optional<std::string_view> resource(std::string_view path);

}  // namespace huiyin
