#include "features/matters/matter_filter.hpp"

#include "text/search_key.hpp"
#include "text/utf8.hpp"

namespace huiyin::sql {

void add_scope(QueryBuilder& q, const Scope& scope) {
  if (scope.all) return;
  if (scope.org_paths.empty()) {
    q.sql += " AND 1 = 0";
    return;
  }
  const std::string paths = path_prefix_condition(q, "o.path", scope.org_paths);
  // The scope's org ids once (uncorrelated), so most rows pass on their area or lead unit
  // without a lookup; only the rest look for a co-unit link.
  const std::string in_scope = "(SELECT o.id FROM orgs o WHERE " + paths + ")";
  q.sql += " AND (m.area_org_id IN " + in_scope + " OR m.lead_org_id IN " + in_scope +
           " OR EXISTS (SELECT 1 FROM matter_orgs mo JOIN orgs o ON o.id = mo.org_id "
           "WHERE mo.matter_id = m.id AND " +
           paths + "))";
}

void add_org_subtree(QueryBuilder& q, Id id) {
  // The subtree's ids once (an uncorrelated subquery), not a lookup per row: the indexes on the
  // lead and area columns then serve.
  std::string p = q.bind(id);
  const std::string subtree = "(SELECT o.id FROM orgs o, orgs root WHERE root.id = " + p +
                              " AND o.path LIKE root.path || '%')";
  q.sql += " AND (m.lead_org_id IN " + subtree + " OR m.area_org_id IN " + subtree + ")";
}

void add_category(QueryBuilder& q, Id id) {
  std::string p = q.bind(id);
  q.sql += " AND m.category_id IN (SELECT id FROM categories WHERE id = " + p +
           " OR parent_id = " + p + " OR parent_id IN (SELECT id FROM categories WHERE parent_id = " +
           p + "))";
}

ListSource keyword_source(QueryBuilder& q, const Dialect& d, const std::string& keyword,
                          bool ranked) {
  ListSource src;
  const text::SearchQuery parsed = text::parse_search_query(keyword);
  if (parsed.empty()) {
    // Re-encoded so invalid UTF-8 from a client cannot make the database refuse the value.
    std::string p = q.bind("%" + like_escape(text::encode_utf8(text::decode_utf8(keyword))) + "%");
    src.where = "(m.title LIKE " + p + " ESCAPE '\\' OR m.content LIKE " + p + " ESCAPE '\\')";
    return src;
  }
  const std::string p = q.bind(d.match_text(parsed));
  if (ranked) {
    src.from = " FROM matters m JOIN (" + d.keyword_scores(p) + ") hit ON hit.id = m.id";
    src.order = " ORDER BY hit.score, m.id DESC";
    src.ranked = true;
    return src;
  }
  src.from = d.keyword_from();
  src.where = d.keyword_condition(p);
  src.id = d.keyword_id();
  src.order = " ORDER BY " + src.id + " DESC";
  return src;
}

const std::string& deadline_runs_condition() {
  static const std::string cond = [] {
    std::string in;
    for (MatterStatus s : deadline_running_statuses())
      in += (in.empty() ? "'" : ", '") + std::string(code(s)) + "'";
    return "(m.deadline IS NOT NULL AND m.status IN (" + in + "))";
  }();
  return cond;
}

std::string overdue_condition(QueryBuilder& q, Instant now) {
  return "(" + deadline_runs_condition() + " AND m.deadline < " + q.bind(now) + ")";
}

std::string notice_overdue_condition(QueryBuilder& q, Instant now) {
  return "(m.channel = 'petition' AND m.acknowledge_due IS NOT NULL AND m.acknowledge_due < " +
         q.bind(now) +
         " AND m.status NOT IN ('rejected', 'merged') AND NOT EXISTS (SELECT 1 FROM events e "
         "WHERE e.matter_id = m.id AND e.type = 'notice_issued'))";
}

}  // namespace huiyin::sql
