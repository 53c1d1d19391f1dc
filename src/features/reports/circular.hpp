// Circulars (通报): a month's figures of an org (发文单位) as leaders publish them — the rates
// and counts, the unit ranking, the overdue, returned and reopened matters, the 督办 / 通报 /
// 约谈 lists and good-practice cases (典型案例) chosen from resolved matters. The figures are
// the output of the stats module itself (StatsService::overview and ::rankings, serialised by
// figures_json / rankings_json, the very functions behind GET /api/v1/stats/overview and
// GET /api/v1/rankings), never a computation of their own; each list is MatterService::list for
// the query kept beside it, so its length is the total of GET /api/v1/matters for that query.
// Publishing stores the canonical inputs (figures, ranking, each list's query and codes, the
// cases), their SHA-256 and the audit chain head at that moment; verify() recomputes the inputs
// now and says whether they still match. Supervisors, leaders and admins, within their scope.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct CircularRequest {
  std::string period;              // YYYY-MM
  std::string org;                 // org code (发文单位, figures over its subtree); default: the asker's
  std::optional<int> issue;        // 期号 within the year; default: the org's next number
  std::vector<std::string> cases;  // codes of resolved matters (典型案例)
};

struct Circular {
  std::optional<Id> id;          // nullopt: a preview, not stored
  OrgRef org;
  std::string period;            // YYYY-MM
  int year = 0, issue = 0;
  std::string title;
  nlohmann::json inputs;         // canonical: what the hash covers
  std::string inputs_sha256;
  std::int64_t anchor_seq = 0;   // the audit chain head when published (0 for a preview)
  std::string anchor_hash;
  nlohmann::json content;        // what is printed (inputs with titles, units, dates)
  Instant published_at = 0;
  std::string published_by;      // display name
};

struct CircularCheck {
  bool stored_intact = false;    // the stored inputs still hash to the stored SHA-256
  bool inputs_match = false;     // recomputed now, the inputs are the same
  std::string stored_sha256, recomputed_sha256;
  std::vector<std::string> changed;  // which parts differ: figures.<key>, ranking, lists.<key>, cases
  std::int64_t anchor_seq = 0;
  std::string anchor_hash;
};

// The lists of a circular, in order: key, title, and whether the list is of the period
// (created in it) or of the ladder as it stands.
struct CircularListSpec {
  const char* key;
  const char* title;
};
const std::vector<CircularListSpec>& circular_lists();

class CircularService {
 public:
  explicit CircularService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<Circular> preview(const Actor& actor, const CircularRequest& req);
  Result<Circular> publish(const Actor& actor, const CircularRequest& req);
  // Published circulars in the asker's scope, newest first (content left empty).
  Result<std::vector<Circular>> list(const Actor& actor, const std::string& org);
  Result<Circular> get(const Actor& actor, Id id);
  Result<CircularCheck> verify(const Actor& actor, Id id);

 private:
  ServiceContext& ctx_;
};

// The printable 通报 (http/printable.hpp page): header (发文单位, 期号, date), the figures —
// each a link to the staff ledger with the filter behind it (`base` is prepended to
// "/staff/ledger?…": empty for the same server) — the ranking, the lists and the cases.
std::string circular_html(const Circular& c, const std::string& base = {});
// The same as XLSX: a summary sheet, the ranking, and a sheet per list naming its matters.
Result<std::string> circular_xlsx(const Circular& c);

}  // namespace huiyin
