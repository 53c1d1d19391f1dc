// The public 回音壁: matters whose reporters consented to publication, from acceptance on, with
// the official reply; personal data masked in the text and never any reporter field.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct WallQuery {
  std::string category;  // category code (with children)
  std::string district;  // area org code (subtree)
  int limit = 20;        // 1..100
  std::string cursor;
};

struct WallItem {
  std::string code;
  std::string title;    // masked
  std::string content;  // masked
  std::string category_code, category_name;
  std::string district_code, district_name;
  MatterStatus status = MatterStatus::accepted;
  Instant created_at = 0;
  std::string reply;
  std::optional<Instant> resolved_at;
  std::string unit_name;  // the lead unit
};

struct WallPage {
  std::vector<WallItem> items;
  std::string next_cursor;
  std::int64_t collected = 0;  // every matter collected on the platform
  std::int64_t resolved = 0;   // of which verified as solved (StatsCounts::solved), not 办结
};

class WallService {
 public:
  explicit WallService(ServiceContext& ctx) : ctx_(ctx) {}
  Result<WallPage> list(const WallQuery& q);

 private:
  ServiceContext& ctx_;
};


}  // namespace huiyin
