// A subject reference: what a kernel row (an event of the audit chain, an attachment, an org
// link) belongs to — a matter, a field record, later a common problem or a campaign. Kinds are
// stable English codes; ids are the subject table's internal ids. Plain data.
#pragma once

#include <cstdint>
#include <string>

namespace huiyin {

struct SubjectRef {
  std::string kind;  // "matter", "record"; empty: none (a chain-level event)
  std::int64_t id = 0;
  bool empty() const { return kind.empty(); }
  bool operator==(const SubjectRef&) const = default;
};

inline constexpr const char* kSubjectMatter = "matter";
inline constexpr const char* kSubjectRecord = "record";

// How an org is linked to a subject: the unit that leads it, co-units, the unit complained
// about, and the place (the area where it happened or was held).
enum class SubjectOrgRole { lead, co, subject, place };

}  // namespace huiyin
