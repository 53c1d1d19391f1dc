#include "store/audit_seals.hpp"

#include <sodium.h>

#include <charconv>

namespace huiyin::sql {

const std::vector<SealedTable>& sealed_tables() {
  static const std::vector<SealedTable> tables = {
      {"orgs", "id", "code, name, kind, level, parent_id, path", "", false, false, false},
      {"users", "id", "username, display_name, password_hash, active, created_at", "", false,
       false, false},
      {"user_roles", "user_id", "role, org_id", "role, org_id", false, true, false},
      {"sessions", "id_hash", "user_id, created_at", "", true, false, true},
      {"api_keys", "id", "key_hash, name, user_id, created_at, revoked_at", "", false, false,
       false},
      {"categories", "id", "code, name, parent_id, level, default_dept_org_id, active", "", false,
       false, false},
      {"campaigns", "id", "code, name, starts_at, ends_at", "", false, false, false},
      {"calendar_days", "day", "type, name", "", true, false, false},
      {"settings", "name", "value", "", true, false, false},
      {"reporters", "id", "name, phone, id_number, anonymous", "", false, false, false},
      {"matters", "id",
       "code, token_hash, title, content, channel, kind, category_id, area_org_id, address, lat, "
       "lng, reporter_id, public_consent, status, handling_class, lead_org_id, campaign_id, "
       "merged_into, deadline, acknowledge_due, extension_pending, extension_days_requested, "
       "extensions_granted, return_count, reply, accepted_at, assigned_at, signed_at, "
       "resolved_at, verified_at, closed_at, responded_at, solved, satisfaction, created_at, "
       "updated_at, version",
       "", false, false, false},
      {"matter_orgs", "matter_id", "org_id, role", "role, org_id", false, true, false},
      {"measures", "id",
       "matter_id, content, owner_org_id, owner_name, deadline, progress, status, evidence, "
       "created_at, updated_at, version",
       "", false, false, false},
      {"evaluations", "id", "matter_id, solved, satisfaction, comment, source, by_user, at", "",
       false, false, false},
      {"attachments", "id",
       "matter_id, sha256, mime, size, original_name, created_at, handle, uploaded_by, measure_id",
       "", false, false, false},
      // Since migration 006: field records, and the org links of any subject keyed "kind:id".
      {"records", "id",
       "code, kind, method, day, starts_at, ends_at, place_org_id, address, lat, lng, topic, "
       "summary, leaders, participants, counts, recorded_by, created_at, updated_at, version",
       "", false, false, false},
      {"subject_orgs", "subject_kind || ':' || subject_id", "org_id, role", "role, org_id", true,
       true, false},
      // Since migration 007: the hash of a matter's short 查询码.
      {"matter_query_codes", "matter_id", "code_hash", "", false, false, false},
      // Since migration 010: orgs disabled or enabled again by an administrator.
      {"org_states", "org_id", "active", "", false, false, false},
      // Since migration 011: the fields a field record's kind alone has.
      {"record_details", "record_id", "detail", "", false, false, false},
      // Since migration 012: the rotas of joint inspections (轮值联合巡查).
      {"rotas", "id",
       "code, name, org_id, period, starts_on, leads, support_org_id, route, active, created_at, "
       "updated_at, version",
       "", false, false, false},
      // Since migration 013: the escalation steps fired against a matter's deadlines.
      {"matter_escalations", "matter_id", "deadline, rule, level, fired_at", "deadline, rule",
       false, true, false},
      // Since migration 015: published circulars (通报), their inputs' hash and chain anchor.
      {"circulars", "id",
       "org_id, period, year, issue, title, inputs, inputs_sha256, anchor_seq, anchor_hash, "
       "content, published_by, published_at",
       "", false, false, false},
      // Since migration 016: 回头看 samples and the re-verification of each sampled matter.
      {"spot_checks", "id", "code, org_id, period_from, period_to, size, seed, drawn_by, created_at",
       "", false, false, false},
      {"spot_check_items", "check_id",
       "matter_id, lead_org_id, result, note, checked_by, checked_at", "matter_id", false, true,
       false},
  };
  return tables;
}

std::optional<int> sealed_table_index(std::string_view name) {
  const auto& t = sealed_tables();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (name == t[i].name) return static_cast<int>(i);
  return std::nullopt;
}

std::uint64_t seal_key(int table, std::string_view key_text) {
  constexpr std::uint64_t kLow = (std::uint64_t{1} << 56) - 1;
  const std::uint64_t top = static_cast<std::uint64_t>(table) << 56;
  if (!sealed_tables().at(table).text_key) {
    std::int64_t id = 0;
    std::from_chars(key_text.data(), key_text.data() + key_text.size(), id);
    return top | (static_cast<std::uint64_t>(id) & kLow);
  }
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(key_text.data()),
                     key_text.size(), nullptr, 0);
  std::uint64_t v = 0;
  for (unsigned char b : h) v = (v << 8) | b;
  return top | (v & kLow);
}

void append_cells(std::string& buf, const Row& r, std::size_t first) {
  for (std::size_t i = first; i < r.size(); ++i) {
    if (r.null(i)) {
      buf += "N;";
      continue;
    }
    std::string v = r.text(i);
    buf += std::to_string(v.size());
    buf += ':';
    buf += v;
  }
  buf += '\n';
}

Digest digest_bytes(std::string_view buf) {
  Digest d;
  crypto_generichash(d.data(), d.size(), reinterpret_cast<const unsigned char*>(buf.data()),
                     buf.size(), nullptr, 0);
  if (d == kDeletedDigest) d[0] = 1;  // never mistaken for a deletion
  return d;
}

std::string digest_hex(const Digest& d) {
  if (d == kDeletedDigest) return "-";
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, d.data(), d.size());
  return std::string(hex, 32);
}

std::optional<Digest> digest_parse(std::string_view hex) {
  if (hex == "-") return kDeletedDigest;
  if (hex.size() != 32) return std::nullopt;
  Digest d;
  std::size_t n = 0;
  if (sodium_hex2bin(d.data(), d.size(), hex.data(), hex.size(), nullptr, &n, nullptr) != 0 ||
      n != d.size())
    return std::nullopt;
  return d;
}

std::string escape_seal_key(std::string_view key) {
  std::string s;
  for (char c : key) {
    if (c == '%') s += "%25";
    else if (c == '\t') s += "%09";
    else if (c == '\n') s += "%0A";
    else s += c;
  }
  return s;
}

std::string seal_line(const SealedTable& t, std::string_view key, const Digest& d) {
  std::string s = t.name;
  s += '\t';
  s += key;
  s += '\t';
  s += digest_hex(d);
  s += '\n';
  return s;
}

std::string seal_select(const SealedTable& t, const char* where) {
  std::string s = std::string("SELECT ") + t.key + ", " + t.columns + " FROM " + t.name;
  if (where && *where) s += std::string(" WHERE ") + where;
  s += std::string(" ORDER BY ") + t.key;
  if (*t.order) s += std::string(", ") + t.order;
  return s;
}

}  // namespace huiyin::sql
