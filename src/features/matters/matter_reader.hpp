// What one reader may read of a matter: the one place that decides it (信访工作条例 Art. 30).
// Every output path about a matter — the detail page, its events, measures, evaluations and
// attachments, lists and their snippets, keyword search, similar matters, the ledger workbook,
// common problems and the public wall — builds what it shows through a MatterReader made for
// the asker, so a new path cannot forget a field.
//
// Readings:
// - full: staff whose role needs the matter's text (dispatchers, the handling units,
//   supervisors, leaders, administrators in scope). The reporter's contact stays masked unless
//   revealed through MatterService::reveal_contact, which is logged.
// - masked: the unit complained about (a `subject` org of the matter, or inside one) and the
//   public. Free text (title, content, reply, notes and reasons in events, measures, evaluation
//   comments) has phone, ID and card numbers and the reporter's own name masked; the address is
//   reduced to its area; the reporter fields and coordinates are dropped; the reporter's photos
//   are not listed, only the staff's evidence files of measures. Keyword search for a masked reading answers from the
//   masked text only (matches_masked), so no query answers differently because of a hidden digit.
// - none: the matter lies outside the reader's scope.
// One MatterReader serves one request inside one transaction (it reads reporters' names
// through the Tx, cached per matter). Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "kernel/actor.hpp"
#include "kernel/views.hpp"
#include "store/store.hpp"

namespace huiyin {

enum class Reading { none, masked, full };

class MatterReader {
 public:
  // A staff reader, or the public (actor == nullptr: 回音壁, photos on the wall).
  MatterReader(Tx& tx, const Actor* actor, const OrgIndex& orgs);

  Reading reading(const Matter& m) const;
  bool can_see(const Matter& m) const { return reading(m) != Reading::none; }
  bool masks(const Matter& m) const { return reading(m) == Reading::masked; }

  // The matter as this reader may read it (unchanged for a full reading). The copy keeps its
  // ids and org links (never shown), so it can be passed back to this or another reader.
  Matter matter(const Matter& m) const;
  // One free text about `m` (a note, a reason, a reply, a measure) as this reader may read it.
  std::string text(const Matter& m, std::string_view s) const;
  Event event(const Matter& m, Event e) const;  // payload strings masked for a masked reading
  Measure measure(const Matter& m, Measure ms) const;
  Evaluation evaluation(const Matter& m, Evaluation e) const;
  // The reporter's photos of `m` this reader may list: none for a masked reading.
  std::vector<Attachment> attachments(const Matter& m, std::vector<Attachment> photos) const;
  // A measure's evidence files as this reader may list them (file names masked).
  std::vector<Attachment> evidence(const Matter& m, std::vector<Attachment> files) const;
  // Whether this reader may download `a` of `m`: a masked reading only staff evidence.
  bool may_read_attachment(const Matter& m, const Attachment& a) const;
  // Whether keyword query `q` finds `m` in what this reader may read of it. Always true for a
  // full reading (the store already matched the full text).
  bool matches(const Matter& m, std::string_view q) const;

 private:
  const std::vector<std::string>& names_of(const Matter& m) const;
  std::string mask(const Matter& m, std::string_view s) const;

  Tx& tx_;
  const Actor* actor_;
  const OrgIndex& orgs_;
  mutable std::map<Id, std::vector<std::string>> names_;
};

// Whether a matter appears on the wall (consented and accepted or later, not rejected/merged).
bool on_wall(const Matter& m);

// The field record that raised `m` ({kind, code}, both empty when none), as the matter's
// submit event names it (the record itself belongs to another feature).
struct MatterSourceRef {
  std::string kind;  // visit, reception...
  std::string code;  // the record's code
};
MatterSourceRef matter_source(Tx& tx, const Matter& m);

}  // namespace huiyin
