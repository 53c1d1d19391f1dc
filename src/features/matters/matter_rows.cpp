#include "features/matters/matter_rows.hpp"

#include <array>

namespace huiyin::sql {
namespace {

// Written columns, in matter_params order. `responded_at` is last: it is set once, the first
// time the matter leaves `submitted`, and never moved afterwards.
constexpr std::array<const char*, 36> kWritten = {
    "code", "token_hash", "title", "content", "channel", "kind", "category_id", "area_org_id",
    "address", "lat", "lng", "reporter_id", "public_consent", "status", "handling_class",
    "lead_org_id", "campaign_id", "merged_into", "deadline", "acknowledge_due",
    "extension_pending", "extension_days_requested", "extensions_granted", "return_count",
    "reply", "accepted_at", "assigned_at", "signed_at", "resolved_at", "verified_at",
    "closed_at", "solved", "satisfaction", "created_at", "updated_at", "responded_at"};

template <typename E>
Value opt_code(const std::optional<E>& v) {
  if (!v) return {};
  return Value(code(*v));
}

}  // namespace

const std::string& matter_insert_sql() {
  static const std::string sql = [] {
    std::string cols, vals;
    for (std::size_t i = 0; i < kWritten.size(); ++i) {
      cols += std::string(i ? ", " : "") + kWritten[i];
      vals += std::string(i ? ", $" : "$") + std::to_string(i + 1);
    }
    return "INSERT INTO matters (" + cols + ", version) VALUES (" + vals + ", 1) RETURNING id";
  }();
  return sql;
}

const std::string& matter_update_sql() {
  static const std::string sql = [] {
    std::string set;
    std::size_t n = kWritten.size();
    for (std::size_t i = 0; i + 1 < n; ++i)
      set += std::string(kWritten[i]) + " = $" + std::to_string(i + 1) + ", ";
    set += "responded_at = COALESCE(responded_at, $" + std::to_string(n) + ")";
    return "UPDATE matters SET " + set + ", version = version + 1 WHERE id = $" +
           std::to_string(n + 1) + " AND version = $" + std::to_string(n + 2);
  }();
  return sql;
}

const std::string& matter_columns() {
  static const std::string cols = [] {
    std::string s = "m.id";
    for (std::size_t i = 0; i + 1 < kWritten.size(); ++i) s += std::string(", m.") + kWritten[i];
    return s + ", m.version, m.source_kind, m.source_id";
  }();
  return cols;
}

const std::string& matter_select_sql() {
  static const std::string sql = "SELECT " + matter_columns() + " FROM matters m";
  return sql;
}

Params matter_params(const Matter& m) {
  std::optional<Instant> responded;
  if (m.status != MatterStatus::submitted)
    responded = m.accepted_at ? *m.accepted_at : (m.updated_at ? m.updated_at : m.created_at);
  return {m.code,
          m.token_hash,
          m.title,
          m.content,
          code(m.channel),
          code(m.kind),
          m.category_id,
          m.area_org_id,
          m.address,
          m.lat,
          m.lng,
          m.reporter_id,
          m.public_consent,
          code(m.status),
          opt_code(m.handling_class),
          m.lead_org_id,
          m.campaign_id,
          m.merged_into,
          m.deadline,
          m.acknowledge_due,
          m.extension_pending,
          m.extension_days_requested,
          m.extensions_granted,
          m.return_count,
          m.reply,
          m.accepted_at,
          m.assigned_at,
          m.signed_at,
          m.resolved_at,
          m.verified_at,
          m.closed_at,
          m.solved,
          opt_code(m.satisfaction),
          m.created_at,
          m.updated_at,
          responded};
}

Matter matter_from(const Row& r) {
  Matter m;
  std::size_t i = 0;
  m.id = r.integer(i++);
  m.code = r.text(i++);
  m.token_hash = r.text(i++);
  m.title = r.text(i++);
  m.content = r.text(i++);
  m.channel = parse_channel(r.text(i++)).value_or(Channel::web);
  m.kind = parse_kind(r.text(i++)).value_or(Kind::problem);
  m.category_id = r.opt_integer(i++);
  m.area_org_id = r.opt_integer(i++);
  m.address = r.text(i++);
  m.lat = r.opt_real(i++);
  m.lng = r.opt_real(i++);
  m.reporter_id = r.opt_integer(i++);
  m.public_consent = r.integer(i++) != 0;
  m.status = parse_status(r.text(i++)).value_or(MatterStatus::submitted);
  if (!r.null(i)) m.handling_class = parse_handling_class(r.text(i));
  ++i;
  m.lead_org_id = r.opt_integer(i++);
  m.campaign_id = r.opt_integer(i++);
  m.merged_into = r.opt_integer(i++);
  m.deadline = r.opt_integer(i++);
  m.acknowledge_due = r.opt_integer(i++);
  m.extension_pending = r.integer(i++) != 0;
  m.extension_days_requested = static_cast<int>(r.integer(i++));
  m.extensions_granted = static_cast<int>(r.integer(i++));
  m.return_count = static_cast<int>(r.integer(i++));
  m.reply = r.text(i++);
  m.accepted_at = r.opt_integer(i++);
  m.assigned_at = r.opt_integer(i++);
  m.signed_at = r.opt_integer(i++);
  m.resolved_at = r.opt_integer(i++);
  m.verified_at = r.opt_integer(i++);
  m.closed_at = r.opt_integer(i++);
  if (!r.null(i)) m.solved = r.integer(i) != 0;
  ++i;
  if (!r.null(i)) m.satisfaction = parse_satisfaction(r.text(i));
  ++i;
  m.created_at = r.integer(i++);
  m.updated_at = r.integer(i++);
  m.version = r.integer(i++);
  if (!r.null(i)) m.source = {r.text(i), r.integer(i + 1)};
  return m;
}

std::string_view matter_org_role_code(MatterOrgRole r) {
  switch (r) {
    case MatterOrgRole::lead: return "lead";
    case MatterOrgRole::co: return "co";
    case MatterOrgRole::subject: return "subject";
    case MatterOrgRole::dispatch: return "dispatch";
  }
  return "lead";
}

MatterOrgRole parse_matter_org_role(std::string_view s) {
  if (s == "co") return MatterOrgRole::co;
  if (s == "subject") return MatterOrgRole::subject;
  if (s == "dispatch") return MatterOrgRole::dispatch;
  return MatterOrgRole::lead;
}

}  // namespace huiyin::sql
