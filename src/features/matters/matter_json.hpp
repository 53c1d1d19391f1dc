// JSON of the matters feature's views: summaries, details, reporter, tracking, measures.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "features/matters/intake.hpp"
#include "http/json_util.hpp"
#include "kernel/views.hpp"

namespace huiyin::http {

json org_ref_json(const std::optional<OrgRef>& o);
json summary_json(const MatterSummary& s);
json detail_json(const MatterDetail& d);
json reporter_json(const ReporterView& r);
json track_json(const TrackView& t);
std::string event_type_label(std::string_view type);
json measure_json(const MeasureView& m);
// Leaders' 批示 on a matter or record: [{by, at, text, answered_at, answer}].
json instructions_json(const std::vector<InstructionView>& list);

}  // namespace huiyin::http
