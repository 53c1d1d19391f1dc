#include "store/audit_verify.hpp"

#include <unordered_map>

#include "store/audit_chain.hpp"
#include "store/audit_seals.hpp"

namespace huiyin {
namespace {

using sql::Digest;

std::string short_hash(const std::string& h) { return h.substr(0, 12); }

std::string row_name(int table, const std::string& key) {
  return std::string(sql::sealed_tables()[table].name) + "[" + key + "]";
}

}  // namespace

void AuditFindings::add(const std::string& kind, std::string detail) {
  ++counts[kind];
  if (problems.size() < kMaxListed) problems.push_back({kind, std::move(detail)});
}

Result<AuditFindings> verify_audit(Tx& tx, const std::string& key,
                                   const std::vector<AuditAnchor>& anchors) {
  AuditFindings out;
  ChainVerifier chain(key);
  std::unordered_map<std::uint64_t, Digest> seals;
  seals.reserve(1 << 12);
  std::unordered_map<std::int64_t, const AuditAnchor*> anchor_at;
  for (const auto& a : anchors) {
    anchor_at[a.seq] = &a;
    if (a.seq > out.last_anchor_seq) out.last_anchor_seq = a.seq;
  }
  bool reported_chain = false;
  Status walk = tx.for_each_event([&](const Event& e) {
    ++out.events;
    if (!chain.feed(e) && !reported_chain) {
      reported_chain = true;
      out.first_bad_seq = chain.first_bad_seq();
      out.add("chain_broken", chain.problem());
    }
    if (auto it = anchor_at.find(e.seq); it != anchor_at.end() && it->second->hash != e.hash)
      out.add("anchor_mismatch", "事件 " + std::to_string(e.seq) + " 的哈希 " +
                                     short_hash(e.hash) + " 与链外锚点记录的 " +
                                     short_hash(it->second->hash) + " 不符（事件链被改写）");
    bool good = sql::parse_seals(e.seals, [&](std::string_view table, std::string_view k,
                                              const Digest& d) {
      auto ti = sql::sealed_table_index(table);
      if (!ti) return false;
      seals[sql::seal_key(*ti, k)] = d;
      return true;
    });
    if (!good)
      out.add("seals_malformed", "事件 " + std::to_string(e.seq) + " 的行封记录格式错误");
    out.head_seq = e.seq;
    out.head_hash = e.hash;
    return true;
  });
  if (!walk) return walk.error();
  out.keyed_events = chain.keyed_count();
  out.first_keyed_seq = chain.first_keyed_seq();

  if (key.empty() && out.events > 0 && !chain.ok() && out.keyed_events == 0)
    out.add("not_keyed", "未提供审计密钥，无法校验以密钥封存的事件");
  if (!key.empty() && out.keyed_events == 0)
    out.add("not_keyed", "审计链中没有以密钥封存的事件（数据库未升级，或封存事件已被删除）");

  const ChainHead head = tx.chain_head();
  if (head.seq != out.head_seq || head.hash != out.head_hash)
    out.add("head_mismatch", "链头记录（seq=" + std::to_string(head.seq) + "，" +
                                 short_hash(head.hash) + "）与最后一条事件（seq=" +
                                 std::to_string(out.head_seq) + "）不符（事件可能被截去）");
  if (out.last_anchor_seq > out.head_seq)
    out.add("truncated", "链外锚点记录到第 " + std::to_string(out.last_anchor_seq) +
                             " 条事件，数据库中只有 " + std::to_string(out.head_seq) +
                             " 条（链尾被截去）");

  // Rows: compare each protected row as stored with its latest seal.
  for (const auto& [k, d] : seals) out.sealed_rows += d != sql::kDeletedDigest;
  // A row found in its table takes its seal out of the map; what is left afterwards was
  // sealed as present and is gone.
  if (out.keyed_events > 0) {
    Status rows = tx.for_each_sealed_row([&](const RowSeal& r) {
      ++out.rows_checked;
      auto it = seals.find(r.key);
      if (it == seals.end() || it->second == sql::kDeletedDigest) {
        out.add("row_unsealed", row_name(r.table, r.key_text) +
                                    " 没有应用写入的记录（可能是绕过系统直接插入的）");
        return;
      }
      if (it->second != r.digest)
        out.add("row_changed",
                row_name(r.table, r.key_text) + " 的内容与最后一次应用写入时不符（被直接修改）");
      seals.erase(it);
    });
    if (!rows) return rows.error();
    for (const auto& [k, d] : seals) {
      if (d == sql::kDeletedDigest) continue;
      const int table = static_cast<int>(k >> 56);
      if (table >= static_cast<int>(sql::sealed_tables().size())) continue;
      const auto& t = sql::sealed_tables()[table];
      if (t.deletion_allowed) continue;
      const std::uint64_t low = k & ((std::uint64_t{1} << 56) - 1);
      out.add("row_deleted", std::string(t.name) +
                                 (t.text_key ? "" : "[" + std::to_string(low) + "]") +
                                 " 已被删除，而应用从未删除它");
    }
  }
  return out;
}

}  // namespace huiyin
