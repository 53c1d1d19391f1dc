// db::list_matters: the ledger query — every filter of MatterFilter, newest first, keyset
// paging on id (pages neither skip nor repeat rows while matters are added), or a table's page
// by OFFSET (any page number can be opened; no cursor then). db::count_matters counts the same
// filter. A keyword list asked for by relevance is one page, best matches first (see MatterFilter).
#include "features/matters/escalation_store.hpp"
#include "features/matters/matter_filter.hpp"
#include "features/matters/matter_rows.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;

namespace {

// The WHERE conditions of every filter but the cursor, appended to q.sql.
void add_conditions(QueryBuilder& q, const ListSource& src, const MatterFilter& f) {
  if (!src.where.empty()) q.sql += " AND " + src.where;
  add_scope(q, f.scope);
  if (!f.statuses.empty()) {
    std::string in;
    for (auto s : f.statuses) in += (in.empty() ? "" : ", ") + q.bind(code(s));
    q.sql += " AND m.status IN (" + in + ")";
  }
  if (f.org) add_org_subtree(q, *f.org);
  if (f.lead_org) q.sql += " AND m.lead_org_id = " + q.bind(*f.lead_org);
  if (f.category) add_category(q, *f.category);
  if (f.channel) q.sql += " AND m.channel = " + q.bind(code(*f.channel));
  if (f.campaign) q.sql += " AND m.campaign_id = " + q.bind(*f.campaign);
  if (f.public_consent) q.sql += " AND m.public_consent = " + q.bind(*f.public_consent);
  if (f.created_from) q.sql += " AND m.created_at >= " + q.bind(*f.created_from);
  if (f.created_to) q.sql += " AND m.created_at < " + q.bind(*f.created_to);
  if (f.solved) q.sql += *f.solved ? " AND m.solved = 1" : " AND (m.solved IS NULL OR m.solved = 0)";
  if (f.source) f.source(q);
  if (f.escalation) q.sql += " AND " + escalation_condition(q, *f.escalation);
  if (f.overdue) {
    std::string cond = overdue_condition(q, f.now);
    q.sql += *f.overdue ? " AND " + cond : " AND NOT " + cond;
  }
  if (f.notice_overdue) {
    std::string cond = notice_overdue_condition(q, f.now);
    q.sql += *f.notice_overdue ? " AND " + cond : " AND NOT " + cond;
  }
  if (f.returned) q.sql += *f.returned ? " AND m.return_count > 0" : " AND m.return_count = 0";
  if (f.reopened)
    q.sql += std::string(*f.reopened ? " AND " : " AND NOT ") +
             "EXISTS (SELECT 1 FROM events e WHERE e.matter_id = m.id AND e.to_status = 'reopened')";
}

}  // namespace

MatterPage list_matters(Tx& tx, const MatterFilter& f) {
  QueryBuilder q;
  ListSource src;
  if (!f.q.empty()) src = keyword_source(q, tx.dialect(), f.q, f.rank_by_relevance && !f.before_id);
  q.sql = "SELECT " + matter_columns() + src.from + " WHERE 1 = 1";
  add_conditions(q, src, f);
  if (f.before_id) q.sql += " AND " + src.id + " < " + q.bind(*f.before_id);
  int limit = f.limit < 1 ? 1 : (f.limit > 1000 ? 1000 : f.limit);
  q.sql += src.order;
  q.sql += " LIMIT " + q.bind(static_cast<std::int64_t>(limit) + 1);
  if (f.offset > 0) q.sql += " OFFSET " + q.bind(static_cast<std::int64_t>(f.offset));

  MatterPage page;
  page.items = load_matters(tx, q.sql, q.params);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    if (!src.ranked && f.offset == 0) page.next_cursor = page.items.back().id;
  }
  return page;
}

std::int64_t count_matters(Tx& tx, const MatterFilter& f) {
  QueryBuilder q;
  ListSource src;
  if (!f.q.empty()) src = keyword_source(q, tx.dialect(), f.q, false);
  q.sql = "SELECT COUNT(*)" + src.from + " WHERE 1 = 1";
  add_conditions(q, src, f);
  auto rows = tx.conn().query(q.sql, q.params);
  return rows.empty() ? 0 : rows[0].integer(0);
}

}  // namespace huiyin::db
