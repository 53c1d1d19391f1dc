// Petitions (信访) after intake: where a petition matter stands with its documents — the
// 受理告知书 due 15 days after intake (issued when the receiving office first prints it, an event
// `notice_issued`), the written reply of each stage (处理 / 复查 / 复核意见书) and the 30 days after
// it within which the petitioner may ask the office above for the next stage (events
// `review_request`, `recheck_request`). All of it is read from the matter row and its events;
// no table of its own. The documents are rendered here from values the service has already
// passed through the per-actor view. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/state_machine.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/views.hpp"
#include <nlohmann/json.hpp>

namespace huiyin {

inline constexpr std::string_view kNoticeIssued = "notice_issued";

// PetitionProgress: kernel/views.hpp (the matter page carries it).

// The progress of a petition matter `m` with its events, as of `now`.
PetitionProgress petition_progress(const Matter& m, const std::vector<Event>& events,
                                   const OrgIndex& orgs, Instant now);

// `f` with the petition's stage and request window filled in.
MatterFacts with_petition(MatterFacts f, const PetitionProgress& p, Instant now);

// For a review_request / recheck_request `a` that decide() allowed: the office above the one
// that replied as the new lead (in.lead_org) and what the event records of it (`extra`).
// conflict when there is no office above. Other actions: nothing to do.
Status prepare_petition_request(const Matter& m, const PetitionProgress& p,
                                const CatalogSnapshot& cat, Action a, ActionInput& in,
                                nlohmann::json& extra);

// A printable document's content, already as the reader may see it.
struct PetitionDocument {
  std::string code;
  std::string petitioner;  // a name, "匿名", or the withheld wording
  std::string title, content;
  std::string office;      // 受理机关 (notice) / the office that replied (reply)
  std::string reply;       // reply only
  std::string next_office; // reply: where the next request goes (empty: none or final)
  PetitionStage stage = PetitionStage::handle;
  Date date{};             // 受理日期 / 答复日期
  Date printed{};
};

// 受理告知书 and 处理 / 复查 / 复核意见书 as standalone printable HTML pages (escaped text).
std::string notice_html(const PetitionDocument& d);
std::string reply_html(const PetitionDocument& d);

}  // namespace huiyin
