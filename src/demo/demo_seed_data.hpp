// The demo city as data: the TSV files under share/data/demo (embedded in the binary) parsed
// into plain values — org tree, users, campaigns, the category -> lead unit map, and the text
// templates and place names the demo matters are written from. Pure parsing, no I/O besides
// reading the embedded resources; the result is immutable and safe to share across threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/codes.hpp"
#include "domain/result.hpp"
#include "kernel/auth.hpp"

namespace huiyin {

struct DemoOrg {
  std::string code, name;
  OrgKind kind = OrgKind::area;
  int level = 0;
  std::string parent;  // org code; empty at the root
};

struct DemoUser {
  std::string username, display_name;
  std::vector<RoleGrant> roles;
};

struct DemoCampaign {
  std::string code, name;
  int starts_days = 0, ends_days = 0;  // relative to the seeding day
};

struct DemoCategoryDept {
  std::string dept;       // default lead department (org code)
  std::string alternate;  // where a wrongly assigned matter usually comes back from
};

struct DemoProblem {
  std::string category;  // sub-category code
  Kind kind = Kind::problem;
  std::string title, content, fix;  // with {slot} placeholders
  std::string dept;                 // lead department when it differs from the category's
  std::string subject;              // suffix of the district unit complained about, if any
};

struct DemoData {
  std::vector<DemoOrg> orgs;  // parents before children
  std::vector<DemoUser> users;
  std::vector<DemoCampaign> campaigns;
  std::map<std::string, DemoCategoryDept> category_depts;  // by sub-category code
  std::vector<DemoProblem> problems;
  // district code ("*" for any) -> slot -> names
  std::map<std::string, std::map<std::string, std::vector<std::string>>> places;
  std::map<std::string, std::vector<std::string>> phrases;  // slot -> phrases

  // Names for `slot` in `district`, falling back to the "*" list; empty when there are none.
  const std::vector<std::string>& place(const std::string& district, const std::string& slot) const;
  const std::vector<std::string>& phrase(const std::string& slot) const;
  const DemoOrg* org(const std::string& code) const;
  // Usernames holding handler or unit_leader at exactly this org, handlers first.
  std::vector<std::string> handlers_of(const std::string& org_code) const;
  const DemoUser* user(const std::string& username) const;
};

// The TSV texts by file name (orgs.tsv, users.tsv, ...), as stored under share/data/demo.
using DemoFiles = std::map<std::string, std::string_view>;

// Parses and cross-checks the files: every parent org exists and comes first, every role and
// org of a user exists, every department a matter may be sent to has a handler. invalid names
// the file and line at fault.
Result<DemoData> parse_demo_data(const DemoFiles& files);
// The same over the embedded share/data/demo files.
Result<DemoData> load_demo_data();

// The parts of a demo data cell separated by `sep` (an empty cell is one empty part).
std::vector<std::string> split_field(std::string_view s, std::string_view sep);

}  // namespace huiyin
