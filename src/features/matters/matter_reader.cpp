#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_store.hpp"

#include "kernel/privacy_mask.hpp"
#include "text/search_key.hpp"

namespace huiyin {

MatterReader::MatterReader(Tx& tx, const Actor* actor, const OrgIndex& orgs)
    : tx_(tx), actor_(actor), orgs_(orgs) {}

Reading MatterReader::reading(const Matter& m) const {
  if (!actor_) return Reading::masked;
  if (!huiyin::can_see(*actor_, m, orgs_)) return Reading::none;
  // The unit complained about reads the masked text even where another of its roles would
  // read it in full: it must never learn who complained.
  if (is_subject_of(*actor_, m, orgs_)) return Reading::masked;
  return Reading::full;
}

const std::vector<std::string>& MatterReader::names_of(const Matter& m) const {
  auto it = names_.find(m.id);
  if (it != names_.end()) return it->second;
  std::vector<std::string> names;
  if (m.reporter_id)
    if (auto r = db::reporter_by_id(tx_, *m.reporter_id); r && !r->name.empty()) names.push_back(r->name);
  return names_.emplace(m.id, std::move(names)).first->second;
}

std::string MatterReader::mask(const Matter& m, std::string_view s) const {
  if (s.empty()) return {};
  return mask_personal_data(s, names_of(m));
}

std::string MatterReader::text(const Matter& m, std::string_view s) const {
  return masks(m) ? mask(m, s) : std::string(s);
}

Matter MatterReader::matter(const Matter& m) const {
  if (!masks(m)) return m;
  Matter v = m;
  v.title = mask(m, m.title);
  v.content = mask(m, m.content);
  v.reply = mask(m, m.reply);
  // The address is reduced to its area: a house number can name the reporter as surely as a
  // phone number.
  v.address.clear();
  if (m.area_org_id)
    if (const Org* area = orgs_.find(*m.area_org_id)) v.address = area->name;
  v.lat.reset();
  v.lng.reset();
  v.token_hash.clear();
  return v;
}

Event MatterReader::event(const Matter& m, Event e) const {
  if (masks(m)) e.payload = mask_payload(e.payload, names_of(m));
  return e;
}

Measure MatterReader::measure(const Matter& m, Measure ms) const {
  if (!masks(m)) return ms;
  ms.content = mask(m, ms.content);
  ms.evidence = mask(m, ms.evidence);
  ms.owner_name = mask(m, ms.owner_name);
  return ms;
}

Evaluation MatterReader::evaluation(const Matter& m, Evaluation e) const {
  if (!masks(m)) return e;
  e.comment = mask(m, e.comment);
  return e;
}

std::vector<Attachment> MatterReader::attachments(const Matter& m,
                                                  std::vector<Attachment> photos) const {
  if (masks(m)) return {};  // a photo can show the reporter, their door or their car
  return photos;
}

std::vector<Attachment> MatterReader::evidence(const Matter& m,
                                               std::vector<Attachment> files) const {
  if (masks(m))
    for (auto& f : files) f.original_name = mask(m, f.original_name);
  return files;
}

bool MatterReader::may_read_attachment(const Matter& m, const Attachment& a) const {
  switch (reading(m)) {
    case Reading::none:
      return false;
    case Reading::full:
      return true;
    case Reading::masked:
      return a.measure_id.has_value();
  }
  return false;
}

bool MatterReader::matches(const Matter& m, std::string_view q) const {
  if (!masks(m)) return true;
  const Matter v = matter(m);
  return text::matches_query(v.title + " " + v.content, q);
}

bool on_wall(const Matter& m) {
  if (!m.public_consent) return false;
  switch (m.status) {
    case MatterStatus::submitted:
    case MatterStatus::rejected:
    case MatterStatus::merged:
      return false;
    default:
      return true;
  }
}

}  // namespace huiyin
