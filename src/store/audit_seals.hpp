// Row seals: the tables whose rows a figure, a decision or an access rests on, and the digest
// of a row as stored. Every Tx write on such a row reads it back with the explicit column list
// below and records (table, key, digest) in the next audit event (events.seals), so `audit
// verify` can tell a row changed, deleted or inserted behind the application's back. Columns
// not listed (matters.search_text, sessions.expires_at/csrf_token, columns added later) are
// not covered: extend a list here only together with a migration that re-seals the table.
// Pure data and functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.hpp"

namespace huiyin::sql {

struct SealedTable {
  const char* name;      // table name, also the name in events.seals
  const char* key;       // key column: the row's primary key, or the group's parent id
  const char* columns;   // digested columns, in this order (after the key)
  const char* order;     // row order inside a group ("" for one-row keys)
  bool text_key;         // key is text (hashed into the 56-bit key space)
  bool group;            // one digest over all rows with the same key (sorted by `order`)
  bool deletion_allowed; // a sealed row may disappear without it being tampering (sessions)
};

enum SealTableIndex : int {
  kSealOrgs, kSealUsers, kSealUserRoles, kSealSessions, kSealApiKeys, kSealCategories,
  kSealCampaigns, kSealCalendarDays, kSealSettings, kSealReporters, kSealMatters,
  kSealMatterOrgs, kSealMeasures, kSealEvaluations, kSealAttachments, kSealRecords,
  kSealSubjectOrgs, kSealMatterQueryCodes, kSealOrgStates, kSealRecordDetails,
  kSealRotas,
  kSealMatterEscalations,
  kSealCirculars,
  kSealSpotChecks,
  kSealSpotCheckItems,
};

// Index in this list = the table number in seal keys (never reorder; append only).
const std::vector<SealedTable>& sealed_tables();
std::optional<int> sealed_table_index(std::string_view name);

using Digest = std::array<unsigned char, 16>;
inline constexpr Digest kDeletedDigest{};  // all zero: the row was deleted

// The key as written in events.seals (%, tab and newline escaped); seal_key() takes this form.
std::string escape_seal_key(std::string_view raw);
// 64-bit map key: table number in the top byte, then the id (or 56 bits of a hash of a text key).
std::uint64_t seal_key(int table, std::string_view key_text);
// Appends a row's cells from column `first` on (null distinct from every text, each cell
// length-prefixed) to `buf`; digest_bytes() is BLAKE2b-128 of the buffer.
void append_cells(std::string& buf, const Row& r, std::size_t first);
Digest digest_bytes(std::string_view buf);

std::string digest_hex(const Digest& d);   // 32 hex digits, "-" for deleted
std::optional<Digest> digest_parse(std::string_view hex);

// One seal line of events.seals: "<table>\t<escaped key>\t<digest>\n". parse_seals calls f(table, key_text, digest) per line; false on malformed text.
std::string seal_line(const SealedTable& t, std::string_view key, const Digest& d);
template <typename F>
bool parse_seals(std::string_view text, F f);

// SELECT <key>, <columns> FROM <table> [WHERE <key> = $1] ORDER BY <key>[, <order>].
std::string seal_select(const SealedTable& t, const char* where);

template <typename F>
bool parse_seals(std::string_view text, F f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    auto t1 = line.find('\t');
    auto t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) return false;
    auto d = digest_parse(line.substr(t2 + 1));
    if (!d) return false;
    if (!f(line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), *d)) return false;
  }
  return true;
}

}  // namespace huiyin::sql
