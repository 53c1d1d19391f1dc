// Events of a matter told in plain 政务 wording for every client (the staff timeline, the ledger
// workbook): who acted, by role and display name ("派单员 张三"; the reporter only as
// "反映人(群众)", never by name), and what happened with org names instead of codes
// ("交办至 荷塘区城管局办理,办理时限 2026-12-01"). Internal to the matters service; one
// EventWording serves one request inside one transaction (users are read through the Tx and
// cached). Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/model.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "store/store.hpp"

namespace huiyin {

class EventWording {
 public:
  EventWording(Tx& tx, const CatalogSnapshot& cat) : tx_(tx), cat_(cat) {}

  // "派单员 张三", "反映人(群众)", "系统".
  std::string actor_label(const Event& e);
  // "派单员 张三 受理", "承办人 李四 办结(1项整改措施未完成)". `payload` is the event's payload
  // as the reader may read it (already masked for a masked reading).
  std::string summary(const Event& e, const std::string& actor_label, const nlohmann::json& payload);

 private:
  struct Who {
    std::string name;
    std::vector<Role> roles;
  };
  const Who& who(Id user);
  std::string org_name(const nlohmann::json& code) const;

  Tx& tx_;
  const CatalogSnapshot& cat_;
  std::map<Id, Who> users_;
};

}  // namespace huiyin
