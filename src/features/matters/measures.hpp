// Rectification measures (整改措施) of a matter: who does what by when, progress and evidence.
// Allowed for the lead and co-units' handlers and unit leaders, dispatchers in scope and admins;
// every change is an audit event; updates check the measure's version. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"

namespace huiyin {

struct MeasureInput {
  std::string content;    // 1..2000 characters
  std::string owner_org;  // org code, optional
  std::string owner_name;
  std::string deadline;   // YYYY-MM-DD, optional
  std::optional<int> progress;  // 0..100
  std::string status;     // planned | in_progress | done | cancelled (default planned)
  std::string evidence;
  std::vector<std::string> evidence_files;  // handles of the actor's own uploads, at most 9
};

struct MeasurePatch {
  std::optional<std::string> content;
  std::optional<int> progress;
  std::optional<std::string> status;
  std::optional<std::string> evidence;
  std::optional<std::string> deadline;  // YYYY-MM-DD; empty string clears it
  std::optional<std::string> owner_name;
  std::vector<std::string> evidence_files;  // more evidence uploads, added to those linked
};

class MeasureService {
 public:
  explicit MeasureService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<MeasureView> add(const Actor& actor, const std::string& matter_code,
                          const MeasureInput& in);
  Result<std::vector<MeasureView>> list(const Actor& actor, const std::string& matter_code);
  Result<MeasureView> update(const Actor& actor, Id measure_id, const MeasurePatch& patch,
                             std::int64_t expected_version);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
