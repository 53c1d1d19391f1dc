#include "features/matters/intake_write.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "domain/phone.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matter_store.hpp"
#include "features/matters/petition.hpp"
#include "features/matters/search_text.hpp"
#include "kernel/support.hpp"

namespace huiyin {

std::string query_code_of(const std::string& token) {
  static constexpr std::string_view kDomain = "huiyin query code v1:";
  const std::string in = std::string(kDomain) + token;
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                     nullptr, 0);
  std::uint64_t v = 0;
  for (unsigned char b : h) v = (v << 8) | b;
  std::string out;
  for (std::size_t i = 0; i < kQueryCodeLength; ++i) {
    out += kQueryCodeAlphabet[v % kQueryCodeAlphabet.size()];
    v /= kQueryCodeAlphabet.size();
  }
  return out;
}

std::string query_code_hash_of(const std::string& matter_code, const std::string& query_code) {
  return sha256_of(matter_code + ":" + query_code);
}

Result<Matter> write_intake(Tx& tx, const IntakeWrite& w) {
  auto rid = db::insert_reporter(tx, w.reporter);
  if (!rid) return rid.error();
  auto matter_code = next_day_code(tx, w.code_prefix, "matter", local_date(w.now), 6);
  if (!matter_code) return matter_code.error();

  Matter m = w.matter;
  m.code = *matter_code;
  m.token_hash = sha256_of(w.token);
  m.reporter_id = *rid;
  m.status = MatterStatus::submitted;
  if (m.channel == Channel::petition) m.acknowledge_due = petition_acknowledge_due(w.now);
  m.created_at = m.updated_at = w.now;
  auto mid = db::insert_matter(tx, m, search_text_for(m.title, m.content));
  if (!mid) return mid.error();
  m.id = *mid;
  if (Status s = db::put_query_code_hash(tx, *mid, query_code_hash_of(m.code, w.query_code)); !s)
    return s.error();
  // Found later by the reporter's phone (track_phone.cpp), in its stored form.
  if (const std::string phone = normalize_phone(w.reporter.phone); !phone.empty())
    if (Status s = db::put_phone_key(tx, *mid, phone); !s) return s.error();
  if (w.before_event)
    if (Status s = w.before_event(tx, *mid); !s) return s.error();

  nlohmann::json payload = {{"channel", std::string(code(m.channel))},
                            {"kind", std::string(code(m.kind))},
                            {"attachments", w.attachments}};
  if (!m.source.empty())
    payload["source"] = {{"kind", w.source_kind.empty() ? m.source.kind : w.source_kind},
                         {"code", w.source_code}};
  Event e = make_event("submit", *mid, w.recorder, "citizen", w.now, payload, true);
  e.to_status = MatterStatus::submitted;
  auto ev = tx.append_event(e);
  if (!ev) return ev.error();
  return m;
}

}  // namespace huiyin
