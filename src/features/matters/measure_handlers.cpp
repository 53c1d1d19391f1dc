// Staff endpoints on rectification measures: add and list per matter, PATCH with If-Match.
#include "features/matters/handlers.hpp"
#include "features/matters/matter_json.hpp"
#include "http/reply.hpp"
#include "features/matters/measures.hpp"

namespace huiyin::http {
namespace {

std::optional<int> progress_of(Fields& f) {
  auto p = f.integer("progress");
  if (!p) return std::nullopt;
  if (*p < 0 || *p > 100) {
    f.fail(invalid("进度应在0到100之间", "progress"));
    return std::nullopt;
  }
  return static_cast<int>(*p);
}

Response measure_response(const MeasureView& m, int status) {
  Response r = json_response(measure_json(m), status);
  r.set_header("ETag", etag(m.measure.version));
  return r;
}

}  // namespace

Response handle_measure_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  MeasureInput in;
  in.content = f.str("content").value_or("");
  in.owner_org = f.str("owner_org").value_or("");
  in.owner_name = f.str("owner_name").value_or("");
  in.deadline = f.str("deadline").value_or("");
  in.progress = progress_of(f);
  in.status = f.str("status").value_or("");
  in.evidence = f.str("evidence").value_or("");
  if (auto files = f.str_list("evidence_files")) in.evidence_files = *files;
  if (!f.ok()) return problem(f.error());
  auto m = c.services.measures().add(c.actor(), c.param("code"), in);
  if (!m) return problem(m.error());
  return measure_response(*m, 201);
}

Response handle_measure_list(Context& c) {
  auto list = c.services.measures().list(c.actor(), c.param("code"));
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& m : *list) out.push_back(measure_json(m));
  return json_response(out);
}

Response handle_measure_patch(Context& c) {
  auto version = if_match_version(c.req);
  if (!version) {
    return problem(HttpProblem::precondition_required,
                   "请在 If-Match 请求头中带上整改措施的版本号,以免覆盖他人的修改");
  }
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  MeasurePatch p;
  p.content = f.str("content");
  p.progress = progress_of(f);
  p.status = f.str("status");
  p.evidence = f.str("evidence");
  if (auto files = f.str_list("evidence_files")) p.evidence_files = *files;
  p.owner_name = f.str("owner_name");
  // "deadline": null clears it, like an empty string.
  if (body->contains("deadline") && (*body)["deadline"].is_null())
    p.deadline = std::string();
  else
    p.deadline = f.str("deadline");
  if (!f.ok()) return problem(f.error());
  auto m = c.services.measures().update(c.actor(), std::stoll(c.param("id")), p, *version);
  if (!m) return problem(m.error());
  return measure_response(*m, 200);
}

}  // namespace huiyin::http
