// Common-problem candidates (共性问题, "表现在基层、根子在上面"): for an org subtree and period,
// clusters of similar matters across units (text/clustering.hpp) with their size, the units
// affected, categories, keywords and typical examples — as data and as an XLSX sheet, one row per
// cluster. For supervisors, leaders and administrators, within their scope. Personal data in
// example titles is masked. Thread-safe (state lives in the store).
#pragma once

#include <string>
#include <vector>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct CommonProblemQuery {
  std::string org;   // org code (subtree); empty: the actor's whole scope
  std::string from;  // YYYY-MM-DD, created on or after; default 90 days before `to`
  std::string to;    // YYYY-MM-DD inclusive; default today
};

struct ProblemExample {
  std::string code;
  std::string title;
};

struct CommonProblem {
  std::size_t size = 0;                 // matters in the cluster
  std::vector<std::string> units;       // names of the areas / lead units affected
  std::vector<std::string> categories;  // category names, most frequent first
  std::vector<std::string> keywords;
  std::vector<ProblemExample> examples;  // the most typical first
  std::vector<std::string> codes;       // every member, most typical first
  double cohesion = 0;
};

class CommonProblemService {
 public:
  explicit CommonProblemService(ServiceContext& ctx) : ctx_(ctx) {}

  // Largest clusters first; at most 20,000 matters (newest) are clustered.
  Result<std::vector<CommonProblem>> find(const Actor& actor, const CommonProblemQuery& q);
  // The same as an XLSX workbook (bytes): 序号, 问题数, 涉及单位, 问题类别, 关键词, 典型问题, 全部问题编号.
  Result<std::string> write_xlsx(const Actor& actor, const CommonProblemQuery& q);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
