#include "demo/demo_seed_data.hpp"

#include <set>

#include "domain/table.hpp"
#include "share/resources.hpp"

namespace huiyin {

std::vector<std::string> split_field(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + sep.size();
  }
  return out;
}

namespace {

const std::vector<std::string> kNone;


// Rows of a TSV text without comments (#...), blank lines and the header line; each row keeps
// its 1-based line number for error messages, and reads as padded with empty cells.
Table rows_of(std::string_view text) { return read_tsv(text, {.header = true, .comments = true}); }

Error bad(const std::string& file, int line, const std::string& what) {
  return invalid("演示数据 " + file + " 第" + std::to_string(line) + "行:" + what, file);
}

Result<std::string_view> file(const DemoFiles& files, const std::string& name) {
  auto it = files.find(name);
  if (it == files.end()) return invalid("缺少演示数据文件 " + name, name);
  return it->second;
}

Status parse_orgs(std::string_view text, DemoData& d) {
  std::set<std::string> seen;
  for (const TableRow& r : rows_of(text)) {
    DemoOrg o;
    o.code = r[0];
    o.name = r[1];
    auto kind = parse_org_kind(r[2]);
    if (o.code.empty() || o.name.empty() || !kind) return bad("orgs.tsv", r.line(), "单位编码、名称或类型无效");
    o.kind = *kind;
    try {
      o.level = std::stoi(r[3]);
    } catch (...) {
      return bad("orgs.tsv", r.line(), "层级无效");
    }
    o.parent = r[4];
    if (!o.parent.empty() && !seen.count(o.parent))
      return bad("orgs.tsv", r.line(), "上级单位" + o.parent + "不存在或排在后面");
    if (!seen.insert(o.code).second) return bad("orgs.tsv", r.line(), "单位编码重复");
    d.orgs.push_back(std::move(o));
  }
  if (d.orgs.empty() || !d.orgs.front().parent.empty()) return bad("orgs.tsv", 1, "缺少根单位");
  return ok();
}

Status parse_users(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    if (r[0].empty() || !parse_role(r[2]) || !d.org(r[3]))
      return bad("users.tsv", r.line(), "用户名、角色或单位无效");
    DemoUser* u = nullptr;
    for (auto& x : d.users)
      if (x.username == r[0]) u = &x;
    if (!u) {
      d.users.push_back({r[0], r[1], {}});
      u = &d.users.back();
    }
    u->roles.push_back({r[2], r[3]});
  }
  return ok();
}

Status parse_campaigns(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    DemoCampaign c{r[0], r[1], 0, 0};
    try {
      c.starts_days = std::stoi(r[2]);
      c.ends_days = std::stoi(r[3]);
    } catch (...) {
      return bad("campaigns.tsv", r.line(), "起止天数无效");
    }
    if (c.code.empty() || c.name.empty()) return bad("campaigns.tsv", r.line(), "活动编码或名称为空");
    d.campaigns.push_back(std::move(c));
  }
  return ok();
}

Status parse_category_depts(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    if (!d.org(r[1]) || !d.org(r[2])) return bad("category_depts.tsv", r.line(), "单位不存在");
    d.category_depts[r[0]] = {r[1], r[2]};
  }
  return ok();
}

Status parse_problems(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    auto kind = parse_kind(r[1]);
    if (!kind || r[2].empty() || r[3].empty() || r[4].empty())
      return bad("problems.tsv", r.line(), "类型、标题、内容或办理措施无效");
    if (!d.category_depts.count(r[0])) return bad("problems.tsv", r.line(), "类别未配置主办单位");
    if (!r[5].empty() && !d.org(r[5])) return bad("problems.tsv", r.line(), "单位不存在");
    d.problems.push_back({r[0], *kind, r[2], r[3], r[4], r[5], r[6]});
  }
  if (d.problems.empty()) return bad("problems.tsv", 1, "没有问题模板");
  return ok();
}

Status parse_places(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    if (r[0].empty() || r[1].empty() || r[2].empty()) return bad("places.tsv", r.line(), "字段为空");
    d.places[r[0]][r[1]] = split_field(r[2], "、");
  }
  return ok();
}

Status parse_phrases(std::string_view text, DemoData& d) {
  for (const TableRow& r : rows_of(text)) {
    if (r[0].empty()) return bad("phrases.tsv", r.line(), "类别为空");
    d.phrases[r[0]].push_back(r[1]);
  }
  return ok();
}

// Every department a demo matter may be assigned to must have someone to sign for it.
Status check_handlers(const DemoData& d) {
  auto need = [&](const std::string& dept) -> Status {
    if (d.handlers_of(dept).empty())
      return invalid("演示数据:单位" + dept + "没有承办人账号", "users.tsv");
    return ok();
  };
  for (const auto& [cat, cd] : d.category_depts) {
    if (Status s = need(cd.dept); !s) return s;
    if (Status s = need(cd.alternate); !s) return s;
  }
  for (const auto& p : d.problems)
    if (!p.dept.empty())
      if (Status s = need(p.dept); !s) return s;
  return ok();
}

}  // namespace

const std::vector<std::string>& DemoData::place(const std::string& district,
                                                const std::string& slot) const {
  for (const std::string& key : {district, std::string("*")}) {
    auto it = places.find(key);
    if (it == places.end()) continue;
    auto jt = it->second.find(slot);
    if (jt != it->second.end() && !jt->second.empty()) return jt->second;
  }
  return kNone;
}

const std::vector<std::string>& DemoData::phrase(const std::string& slot) const {
  auto it = phrases.find(slot);
  return it == phrases.end() ? kNone : it->second;
}

const DemoOrg* DemoData::org(const std::string& code) const {
  for (const auto& o : orgs)
    if (o.code == code) return &o;
  return nullptr;
}

const DemoUser* DemoData::user(const std::string& username) const {
  for (const auto& u : users)
    if (u.username == username) return &u;
  return nullptr;
}

std::vector<std::string> DemoData::handlers_of(const std::string& org_code) const {
  std::vector<std::string> out;
  for (const char* role : {"handler", "unit_leader"})
    for (const auto& u : users)
      for (const auto& g : u.roles)
        if (g.role == role && g.org == org_code) out.push_back(u.username);
  return out;
}

Result<DemoData> parse_demo_data(const DemoFiles& files) {
  DemoData d;
  struct Part {
    const char* name;
    Status (*parse)(std::string_view, DemoData&);
  };
  // Order matters: later files refer to orgs and category departments.
  static const Part parts[] = {
      {"orgs.tsv", parse_orgs},         {"users.tsv", parse_users},
      {"campaigns.tsv", parse_campaigns}, {"category_depts.tsv", parse_category_depts},
      {"problems.tsv", parse_problems}, {"places.tsv", parse_places},
      {"phrases.tsv", parse_phrases},
  };
  for (const Part& p : parts) {
    auto text = file(files, p.name);
    if (!text) return text.error();
    if (Status s = p.parse(*text, d); !s) return s.error();
  }
  if (Status s = check_handlers(d); !s) return s.error();
  return d;
}

Result<DemoData> load_demo_data() {
  DemoFiles files;
  for (const char* name : {"orgs.tsv", "users.tsv", "campaigns.tsv", "category_depts.tsv",
                           "problems.tsv", "places.tsv", "phrases.tsv"}) {
    if (auto r = resource(std::string("demo/") + name)) files[name] = *r;
  }
  return parse_demo_data(files);
}

}  // namespace huiyin
