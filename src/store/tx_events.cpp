// Tx: the audit chain. The first append_event of a transaction reads and locks the single-row
// chain head; each event links to the one before it; the head row is written once, by
// flush_seals() just before COMMIT (tx_seals.cpp) — all inside the caller's transaction, so the
// events commit together with the state change they explain and concurrent appends queue up.
// (Writing the head per event left one dead row version per event on PostgreSQL until commit,
// each later lookup walking past them: quadratic in the events of a transaction.)
#include <algorithm>

#include "store/audit_chain.hpp"
#include "store/tx.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kEventColumns =
    "seq, matter_id, type, actor_user, actor_label, at, from_status, to_status, is_public, "
    "payload, prev_hash, hash, seals, subject_kind, subject_id";
const std::string kSelectEvent = std::string("SELECT ") + kEventColumns + " FROM events";
// The v1 insert (no key: the unkeyed chain, also on a schema before migration 003).
constexpr const char* kInsertEventV1 =
    "INSERT INTO events (seq, matter_id, type, actor_user, actor_label, at, from_status, "
    "to_status, is_public, payload, prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr const char* kInsertEvent =
    "INSERT INTO events (seq, matter_id, type, actor_user, actor_label, at, from_status, "
    "to_status, is_public, payload, prev_hash, hash, seals, subject_kind, subject_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
constexpr const char* kHead = "SELECT seq, hash FROM chain_head WHERE id = 1";
constexpr int kBatch = 500;

Event event_from(const Row& r) {
  Event e;
  e.seq = r.integer(0);
  e.matter_id = r.opt_integer(1);
  e.type = r.text(2);
  e.actor_user = r.opt_integer(3);
  e.actor_label = r.text(4);
  e.at = r.integer(5);
  if (!r.null(6)) e.from_status = parse_status(r.text(6));
  if (!r.null(7)) e.to_status = parse_status(r.text(7));
  e.is_public = r.integer(8) != 0;
  e.payload = r.text(9);
  e.prev_hash = r.text(10);
  e.hash = r.text(11);
  e.seals = r.text(12);
  if (!r.null(13)) e.subject = {r.text(13), r.integer(14)};
  return e;
}

Value status_value(const std::optional<MatterStatus>& s) {
  if (!s) return {};
  return Value(code(*s));
}

}  // namespace

Result<Event> Tx::append_event(const Event& in) {
  if (in.type.empty()) return invalid("事件类型不能为空", "type");
  Event e = in;
  if (appended_) {  // the head is locked and known since this transaction's first event
    e.seq = appended_->seq + 1;
    e.prev_hash = appended_->hash;
  } else {
    auto head = c_.query(d_.select_chain_head());
    if (head.empty()) throw SqlError(SqlError::Kind::other, "chain_head row missing");
    e.seq = head[0].integer(0) + 1;
    e.prev_hash = head[0].text(1);
  }
  if (e.payload.empty()) e.payload = "{}";
  if (e.subject.empty() && e.matter_id) e.subject = {kSubjectMatter, *e.matter_id};
  if (e.subject.kind == kSubjectMatter) e.matter_id = e.subject.id;
  Value subject_kind, subject_id;
  if (!e.subject.empty()) {
    subject_kind = Value(e.subject.kind);
    subject_id = Value(e.subject.id);
  }
  if (sealing()) {
    e.seals.clear();
    for (const auto& line : pending_) e.seals += line;
    pending_.clear();
    pending_index_.clear();
    e.hash = keyed_event_hash(e, key_);
    c_.exec(kInsertEvent, {e.seq, e.matter_id, e.type, e.actor_user, e.actor_label, e.at,
                           status_value(e.from_status), status_value(e.to_status), e.is_public,
                           e.payload, e.prev_hash, e.hash, e.seals, subject_kind, subject_id});
  } else {
    e.seals.clear();
    e.hash = event_hash(e);
    c_.exec(kInsertEventV1, {e.seq, e.matter_id, e.type, e.actor_user, e.actor_label, e.at,
                             status_value(e.from_status), status_value(e.to_status), e.is_public,
                             e.payload, e.prev_hash, e.hash});
  }
  appended_ = ChainHead{e.seq, e.hash};
  if (e.matter_id && std::find(touched_matters_.begin(), touched_matters_.end(), *e.matter_id) ==
                         touched_matters_.end())
    touched_matters_.push_back(*e.matter_id);
  if (on_event_ && *on_event_) (*on_event_)(*this, e);
  return e;
}

std::vector<Event> Tx::events_of(const SubjectRef& subject) {
  std::vector<Event> out;
  for (const auto& r : c_.query(kSelectEvent + " WHERE subject_kind = $1 AND subject_id = $2 "
                                               "ORDER BY seq",
                                {subject.kind, subject.id}))
    out.push_back(event_from(r));
  return out;
}

std::vector<Event> Tx::events_of(Id matter_id) {
  std::vector<Event> out;
  for (const auto& r : c_.query(kSelectEvent + " WHERE matter_id = $1 ORDER BY seq", {matter_id}))
    out.push_back(event_from(r));
  return out;
}

Status Tx::for_each_event(const std::function<bool(const Event&)>& f) {
  const std::string sql = kSelectEvent + " WHERE seq > $1 ORDER BY seq LIMIT $2";
  std::int64_t after = 0;
  for (;;) {
    auto rows = c_.query(sql, {after, kBatch});
    for (const auto& r : rows) {
      Event e = event_from(r);
      after = e.seq;
      if (!f(e)) return ok();
    }
    if (static_cast<int>(rows.size()) < kBatch) return ok();
  }
}

ChainHead Tx::chain_head() {
  if (appended_) return *appended_;  // not written back until commit
  auto rows = c_.query(kHead);
  if (rows.empty()) return {};
  return {rows[0].integer(0), rows[0].text(1)};
}

}  // namespace huiyin::sql
