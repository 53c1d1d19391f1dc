// Tx: row seals (audit_seals.hpp). Each write method on a protected row calls seal() after
// writing; the seal lines wait in pending_ until the next append_event takes them into the
// event (and its keyed hash), or flush_seals() puts them in a chain-level event at commit, where
// it also writes the chain head row once for the whole transaction (tx_events.cpp).
// for_each_sealed_row() streams the protected tables for `audit verify`.
#include <ctime>

#include "store/tx.hpp"

namespace huiyin::sql {
namespace {

constexpr int kRowBatch = 2000;

Event seal_event(Instant now, std::int64_t rows, const char* reason) {
  Event e;
  e.type = "rows_sealed";
  e.actor_label = "system";
  e.at = now;
  e.payload = std::string("{\"rows\":") + std::to_string(rows) + ",\"reason\":\"" + reason + "\"}";
  return e;
}

}  // namespace

void Tx::add_seal(int table, const std::string& key_text, const Digest& d) {
  const auto& t = sealed_tables()[table];
  const std::string escaped = escape_seal_key(key_text);
  const std::uint64_t k = seal_key(table, escaped);
  std::string line = seal_line(t, escaped, d);
  auto it = pending_index_.find(k);
  if (it != pending_index_.end()) {
    pending_[it->second] = std::move(line);
    return;
  }
  pending_index_.emplace(k, pending_.size());
  pending_.push_back(std::move(line));
}

std::optional<Digest> Tx::current_digest(int table, const Value& key) {
  static const auto by_key = [] {
    std::vector<std::string> v;
    for (const auto& t : sealed_tables())
      v.push_back(seal_select(t, (std::string(t.key) + " = $1").c_str()));
    return v;
  }();
  // subject_orgs is keyed "kind:id", an expression no index serves: read the group by its two
  // columns instead (the primary key's prefix), the same rows in the same order.
  static const std::string subject_orgs_by_key =
      seal_select(sealed_tables()[kSealSubjectOrgs], "subject_kind = $1 AND subject_id = $2");
  Rows rows;
  if (table == kSealSubjectOrgs) {
    const std::string k = key.as_text();
    const auto colon = k.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    rows = c_.query(subject_orgs_by_key,
                    {k.substr(0, colon), static_cast<std::int64_t>(std::stoll(k.substr(colon + 1)))});
  } else {
    rows = c_.query(by_key[table], {key});
  }
  if (rows.empty()) return std::nullopt;
  std::string buf;
  for (const auto& r : rows) append_cells(buf, r, 1);
  return digest_bytes(buf);
}

void Tx::seal(int table, const Value& key) {
  if (!sealing()) return;
  const auto& t = sealed_tables()[table];
  const std::string key_text = key.as_text();
  auto d = current_digest(table, key);
  if (!d) {
    if (!t.deletion_allowed) add_seal(table, key_text, kDeletedDigest);
    return;
  }
  if (table == kSealSessions) {
    // A renewal (delete + insert of the same session) keeps the session's first seal.
    auto it = deleted_sessions_.find(key_text);
    if (it != deleted_sessions_.end() && it->second == *d) return;
  }
  add_seal(table, key_text, *d);
}

void Tx::note_session_deletion(const std::string& id_hash) {
  if (!sealing()) return;
  if (auto d = current_digest(kSealSessions, id_hash)) deleted_sessions_[id_hash] = *d;
}

void Tx::flush_seals(Instant now) {
  if (sealing() && !pending_.empty()) {
    auto n = static_cast<std::int64_t>(pending_.size());
    auto r = append_event(seal_event(now, n, "write"));
    if (!r) throw SqlError(SqlError::Kind::other, "could not append the seal event");
  }
  // The chain head row, written once per transaction (append_event keeps it in appended_).
  if (appended_)
    c_.exec("UPDATE chain_head SET seq = $1, hash = $2 WHERE id = 1", {appended_->seq, appended_->hash});
}

std::int64_t Tx::seal_all_rows(Instant now, std::size_t batch) {
  std::int64_t total = 0;
  Status st = for_each_sealed_row([&](const RowSeal& rs) {
    add_seal(rs.table, rs.key_text, rs.digest);
    ++total;
    if (pending_.size() >= batch) {
      auto n = static_cast<std::int64_t>(pending_.size());
      if (!append_event(seal_event(now, n, "upgrade")))
        throw SqlError(SqlError::Kind::other, "could not append the seal event");
    }
  });
  if (!st) throw SqlError(SqlError::Kind::other, st.error().detail);
  return total;
}

Status Tx::for_each_sealed_row(const std::function<void(const RowSeal&)>& f) {
  const auto& tables = sealed_tables();
  for (std::size_t ti = 0; ti < tables.size(); ++ti) {
    const auto& t = tables[ti];
    const std::string first = seal_select(t, nullptr) + " LIMIT $1";
    const std::string next =
        seal_select(t, (std::string(t.key) + " > $2").c_str()) + " LIMIT $1";
    std::optional<Value> after;
    int limit = kRowBatch;
    for (;;) {
      Rows rows = after ? c_.query(next, {limit, *after}) : c_.query(first, {limit});
      const bool full = static_cast<int>(rows.size()) == limit;
      std::size_t end = rows.size();
      if (full && t.group) {
        // The last group may continue in the next batch: leave it for then.
        const std::string last = rows.back().text(0);
        while (end > 0 && rows[end - 1].text(0) == last) --end;
        if (end == 0) {  // one group fills the batch: read it with a larger batch
          limit *= 2;
          continue;
        }
      }
      std::size_t i = 0;
      while (i < end) {
        RowSeal rs;
        rs.table = static_cast<int>(ti);
        rs.key_text = rows[i].text(0);
        std::string buf;
        std::size_t j = i;
        do {
          append_cells(buf, rows[j], 1);
          ++j;
        } while (t.group && j < end && rows[j].text(0) == rs.key_text);
        rs.key = seal_key(rs.table, escape_seal_key(rs.key_text));
        rs.digest = digest_bytes(buf);
        f(rs);
        i = j;
      }
      if (!full) break;
      const Row& last = rows[end - 1];
      after = t.text_key ? Value(last.text(0)) : Value(last.integer(0));
      limit = kRowBatch;
    }
  }
  return ok();
}

}  // namespace huiyin::sql
