#include "kernel/support.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "store/audit_chain.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {

std::string random_token(std::size_t n) {
  static const int init = sodium_init();
  (void)init;
  std::vector<unsigned char> buf(n);
  randombytes_buf(buf.data(), n);
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), n,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string sha256_of(std::string_view s) { return sha256_hex(std::string(s)); }

Event make_event(std::string type, std::optional<Id> matter, const Actor* actor,
                 std::string_view label, Instant at, const nlohmann::json& payload,
                 bool is_public) {
  Event e;
  e.type = std::move(type);
  e.matter_id = matter;
  if (actor) {
    e.actor_user = actor->user_id;
    e.actor_label = actor->username;
  } else {
    e.actor_label = std::string(label);
  }
  e.at = at;
  e.payload = payload.is_null() ? "{}" : payload.dump();
  e.is_public = is_public;
  return e;
}

OrgIndex load_orgs(Tx& tx) { return OrgIndex{db::list_orgs(tx)}; }

Result<std::optional<Date>> optional_date(const std::string& s, const std::string& field) {
  if (s.empty()) return std::optional<Date>{};
  auto d = parse_date(s);
  if (!d) return invalid("日期格式应为YYYY-MM-DD", field);
  return std::optional<Date>{*d};
}

std::string chain_head_line(const ChainHead& h) {
  return "审计链头: seq=" + std::to_string(h.seq) + " hash=" + h.hash.substr(0, 16) +
         "（可用 huiyin audit verify 核对）";
}

Result<std::string> next_day_code(Tx& tx, const std::string& prefix, const std::string& counter,
                                  Date day, int width) {
  std::string ymd = format_date(day);
  ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
  auto seq = db::next_sequence(tx, counter + ":" + ymd);
  if (!seq) return seq.error();
  std::string num = std::to_string(*seq);
  if (static_cast<int>(num.size()) < width) num.insert(0, width - num.size(), '0');
  return prefix + "-" + ymd + "-" + num;
}

std::string process_node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace huiyin
