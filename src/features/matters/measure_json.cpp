#include "features/matters/matter_json.hpp"

namespace huiyin::http {

json measure_json(const MeasureView& v) {
  const Measure& m = v.measure;
  json files = json::array();
  for (const auto& a : v.files)
    files.push_back({{"id", a.handle}, {"mime", a.mime}, {"size", a.size}, {"name", a.original_name}});
  json j = {
      {"id", m.id},
      {"matter_code", v.matter_code},
      {"content", m.content},
      {"owner_org", org_ref_json(v.owner_org)},
      {"owner_name", m.owner_name},
      {"deadline", iso_time_or_null(m.deadline)},
      {"progress", m.progress},
      {"status", code(m.status)},
      {"status_label", label(m.status)},
      {"evidence", m.evidence},
      {"version", m.version},
      {"created_at", iso_time(m.created_at)},
      {"updated_at", iso_time(m.updated_at)},
  };
  j["evidence_files"] = std::move(files);
  return j;
}

}  // namespace huiyin::http
