// Which records a reader may see by 条块 scope: everything, or records linked to (lead/co/subject)
// or lying in (area) the org subtrees given by path prefix. Plain data; the rules that fill it
// are in kernel/actor.hpp.
#pragma once

#include <string>
#include <vector>

namespace huiyin {

struct Scope {
  bool all = false;
  std::vector<std::string> org_paths;  // "/1/5/" style prefixes
};

}  // namespace huiyin
