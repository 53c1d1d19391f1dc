// The one route table (see routes.hpp). Paths follow docs/api.md; `{id:int}` accepts digits only.
#include "app/routes.hpp"

#include "app/kernel_handlers.hpp"
#include "features/admin/handlers.hpp"
#include "features/matters/handlers.hpp"
#include "features/records/handlers.hpp"
#include "features/reports/handlers.hpp"
#include "features/supervision/handlers.hpp"
#include "features/notifications/handlers.hpp"
#include "features/units/handlers.hpp"

namespace huiyin::http {

const std::vector<Route>& route_table() {
  using M = Method;
  using A = Access;
  using B = Body;
  static const std::vector<Route> table = {
      // Operations.
      {M::get, PathTemplate("/healthz"), A::open, B::none, handle_healthz},
      {M::get, PathTemplate("/metrics"), A::open, B::none, handle_metrics},

      // Public (no login).
      {M::post, PathTemplate("/api/v1/intake"), A::open, B::json, handle_intake},
      {M::post, PathTemplate("/api/v1/attachments"), A::open, B::binary, handle_attachment_upload},
      {M::get, PathTemplate("/api/v1/attachments/{id}"), A::open, B::none,
       handle_attachment_get},
      {M::get, PathTemplate("/api/v1/track/{code}"), A::open, B::none, handle_track},
      {M::post, PathTemplate("/api/v1/track/{code}/evaluation"), A::open, B::json,
       handle_evaluation},
      {M::post, PathTemplate("/api/v1/track/{code}/request"), A::open, B::json,
       handle_track_request},
      {M::post, PathTemplate("/api/v1/track/phone"), A::open, B::json, handle_track_phone},
      {M::post, PathTemplate("/api/v1/track/phone/verify"), A::open, B::json,
       handle_track_phone_verify},
      {M::get, PathTemplate("/api/v1/wall"), A::open, B::none, handle_wall},
      {M::get, PathTemplate("/api/v1/categories"), A::open, B::none, handle_categories},
      {M::get, PathTemplate("/api/v1/codes"), A::open, B::none, handle_codes},
      {M::get, PathTemplate("/api/v1/districts"), A::open, B::none, handle_districts},

      // Session.
      {M::post, PathTemplate("/api/v1/session"), A::open, B::json, handle_login},
      {M::get, PathTemplate("/api/v1/session"), A::open, B::none, handle_session_get},
      {M::del, PathTemplate("/api/v1/session"), A::staff, B::none, handle_logout},
      {M::post, PathTemplate("/api/v1/session/password"), A::staff, B::json,
       handle_password_change},
      {M::get, PathTemplate("/api/v1/session/device-key"), A::staff, B::none, handle_device_key},

      // Staff: field records (四下基层).
      {M::post, PathTemplate("/api/v1/records"), A::staff, B::json, handle_record_add},
      {M::get, PathTemplate("/api/v1/records"), A::staff, B::none, handle_record_list},
      {M::get, PathTemplate("/api/v1/records/{code}"), A::staff, B::none, handle_record_get},
      {M::post, PathTemplate("/api/v1/records/{code}/measures"), A::staff, B::json,
       handle_record_measure_add},
      {M::patch, PathTemplate("/api/v1/records/{code}/measures/{id:int}"), A::staff, B::json,
       handle_record_measure_patch},
      {M::post, PathTemplate("/api/v1/records/{code}/instruct"), A::staff, B::json,
       handle_record_instruct},
      {M::post, PathTemplate("/api/v1/records/{code}/answer"), A::staff, B::json,
       handle_record_answer},
      {M::get, PathTemplate("/api/v1/stats/grassroots"), A::staff, B::none,
       handle_grassroots_stats},
      {M::get, PathTemplate("/api/v1/stats/grassroots.xlsx"), A::staff, B::none,
       handle_grassroots_xlsx},
      {M::get, PathTemplate("/api/v1/stats/grassroots/measures"), A::staff, B::none,
       handle_grassroots_measures},
      {M::get, PathTemplate("/api/v1/dossier/{username}"), A::staff, B::none, handle_dossier},
      {M::get, PathTemplate("/api/v1/rotas"), A::staff, B::none, handle_rota_list},
      {M::post, PathTemplate("/api/v1/rotas"), A::staff, B::json, handle_rota_add},
      {M::get, PathTemplate("/api/v1/rotas/{code}"), A::staff, B::none, handle_rota_get},
      {M::patch, PathTemplate("/api/v1/rotas/{code}"), A::staff, B::json, handle_rota_patch},

      // Staff: matters.
      {M::get, PathTemplate("/api/v1/matters"), A::staff, B::none, handle_matter_list},
      {M::get, PathTemplate("/api/v1/matters/{code}"), A::staff, B::none, handle_matter_get},
      {M::post, PathTemplate("/api/v1/matters/{code}/actions"), A::staff, B::json,
       handle_matter_action},
      {M::post, PathTemplate("/api/v1/matters/{code}/reveal"), A::staff, B::none,
       handle_matter_reveal},
      {M::get, PathTemplate("/api/v1/matters/{code}/notice.html"), A::staff, B::none,
       handle_matter_notice},
      {M::get, PathTemplate("/api/v1/matters/{code}/supervision.html"), A::staff, B::none,
       handle_supervision_sheet},
      {M::get, PathTemplate("/api/v1/matters/{code}/reply.html"), A::staff, B::none,
       handle_matter_reply},
      {M::get, PathTemplate("/api/v1/matters/{code}/similar"), A::staff, B::none,
       handle_matter_similar},
      {M::get, PathTemplate("/api/v1/matters/{code}/suggestions"), A::staff, B::none,
       handle_matter_suggestions},
      {M::get, PathTemplate("/api/v1/deadline"), A::staff, B::none, handle_deadline},

      // Staff: measures.
      {M::post, PathTemplate("/api/v1/matters/{code}/measures"), A::staff, B::json,
       handle_measure_add},
      {M::get, PathTemplate("/api/v1/matters/{code}/measures"), A::staff, B::none,
       handle_measure_list},
      {M::patch, PathTemplate("/api/v1/measures/{id:int}"), A::staff, B::json,
       handle_measure_patch},

      // Staff: figures, ledger, reference data.
      {M::get, PathTemplate("/api/v1/workbench"), A::staff, B::none, handle_workbench},
      {M::get, PathTemplate("/api/v1/stats/overview"), A::staff, B::none, handle_stats_overview},
      {M::get, PathTemplate("/api/v1/stats/grouped"), A::staff, B::none, handle_stats_grouped},
      {M::get, PathTemplate("/api/v1/rankings"), A::staff, B::none, handle_rankings},
      {M::get, PathTemplate("/api/v1/supervision/ladder"), A::staff, B::none,
       handle_escalation_ladder},
      {M::get, PathTemplate("/api/v1/spot_checks"), A::staff, B::none, handle_spot_check_list},
      {M::post, PathTemplate("/api/v1/spot_checks"), A::staff, B::json, handle_spot_check_draw},
      {M::get, PathTemplate("/api/v1/spot_checks/{code}"), A::staff, B::none,
       handle_spot_check_get},
      {M::post, PathTemplate("/api/v1/spot_checks/{code}/items/{matter}"), A::staff, B::json,
       handle_spot_check_item},
      {M::get, PathTemplate("/api/v1/ledger.xlsx"), A::staff, B::none, handle_ledger_xlsx},
      {M::get, PathTemplate("/api/v1/common-problems"), A::staff, B::none,
       handle_common_problems},
      {M::get, PathTemplate("/api/v1/common-problems.xlsx"), A::staff, B::none,
       handle_common_problems_xlsx},
      {M::get, PathTemplate("/api/v1/circulars"), A::staff, B::none, handle_circulars},
      {M::post, PathTemplate("/api/v1/circulars"), A::staff, B::json, handle_circular_create},
      {M::get, PathTemplate("/api/v1/circulars/{id:int}"), A::staff, B::none, handle_circular_get},
      {M::get, PathTemplate("/api/v1/circulars/{id:int}.html"), A::staff, B::none,
       handle_circular_html},
      {M::get, PathTemplate("/api/v1/circulars/{id:int}.xlsx"), A::staff, B::none,
       handle_circular_xlsx},
      {M::get, PathTemplate("/api/v1/circulars/{id:int}/verify"), A::staff, B::none,
       handle_circular_verify},
      {M::get, PathTemplate("/api/v1/orgs"), A::staff, B::none, handle_orgs},
      {M::get, PathTemplate("/api/v1/campaigns"), A::staff, B::none, handle_campaigns},

      // Administration.
      {M::get, PathTemplate("/api/v1/admin/users"), A::user_admin, B::none, handle_admin_users},
      {M::post, PathTemplate("/api/v1/admin/users"), A::user_admin, B::json,
       handle_admin_user_add},
      {M::patch, PathTemplate("/api/v1/admin/users/{username}"), A::user_admin, B::json,
       handle_admin_user_patch},
      {M::post, PathTemplate("/api/v1/admin/orgs"), A::admin, B::json, handle_admin_org_add},
      {M::patch, PathTemplate("/api/v1/admin/orgs/{code}"), A::admin, B::json,
       handle_admin_org_patch},
      {M::get, PathTemplate("/api/v1/admin/categories"), A::admin, B::none,
       handle_admin_categories},
      {M::post, PathTemplate("/api/v1/admin/categories"), A::admin, B::json,
       handle_admin_category_add},
      {M::patch, PathTemplate("/api/v1/admin/categories/{code}"), A::admin, B::json,
       handle_admin_category_patch},
      {M::get, PathTemplate("/api/v1/admin/calendar"), A::admin, B::none, handle_admin_calendar},
      {M::put, PathTemplate("/api/v1/admin/calendar"), A::admin, B::json,
       handle_admin_calendar_put},
      {M::get, PathTemplate("/api/v1/admin/deadline-rules"), A::admin, B::none,
       handle_admin_rules},
      {M::put, PathTemplate("/api/v1/admin/deadline-rules"), A::admin, B::json,
       handle_admin_rules_put},

      // Security administrator: login throttles. Audit administrator: the audit log (read only;
      // no route changes or deletes an event).
      {M::get, PathTemplate("/api/v1/admin/throttles"), A::security, B::none,
       handle_admin_throttles},
      {M::post, PathTemplate("/api/v1/admin/throttles/lift"), A::security, B::json,
       handle_admin_throttle_lift},
      {M::get, PathTemplate("/api/v1/audit/events"), A::audit, B::none, handle_audit_events},
      {M::get, PathTemplate("/api/v1/audit/verify"), A::audit, B::none, handle_audit_verify},

      // Notifications: the staff inbox; the system administrator's webhooks.
      {M::get, PathTemplate("/api/v1/inbox"), A::staff, B::none, handle_inbox},
      {M::post, PathTemplate("/api/v1/inbox/{id:int}/read"), A::staff, B::none, handle_inbox_read},
      {M::post, PathTemplate("/api/v1/inbox/read_all"), A::staff, B::none, handle_inbox_read_all},
      {M::get, PathTemplate("/api/v1/admin/webhooks"), A::admin, B::none, handle_admin_webhooks},
      {M::post, PathTemplate("/api/v1/admin/webhooks"), A::admin, B::json,
       handle_admin_webhook_add},
      {M::put, PathTemplate("/api/v1/admin/webhooks/settings"), A::admin, B::json,
       handle_admin_webhook_settings},
      {M::get, PathTemplate("/api/v1/admin/webhooks/dead"), A::admin, B::none,
       handle_admin_webhooks_dead},
      {M::post, PathTemplate("/api/v1/admin/webhooks/dead/{id:int}/replay"), A::admin, B::none,
       handle_admin_webhook_replay},
      {M::del, PathTemplate("/api/v1/admin/webhooks/{id:int}"), A::admin, B::none,
       handle_admin_webhook_delete},
      // Staff: units leading their work (交办单, 分办, 单位设置).
      {M::get, PathTemplate("/api/v1/matters/{code}/assignment.html"), A::staff, B::none,
       handle_assignment_sheet},
      {M::get, PathTemplate("/api/v1/matters/{code}/handlers"), A::staff, B::none,
       handle_matter_unit_handlers},
      {M::get, PathTemplate("/api/v1/units/{code}/settings"), A::staff, B::none,
       handle_unit_settings},
      {M::put, PathTemplate("/api/v1/units/{code}/settings"), A::staff, B::json,
       handle_unit_settings_put},
  };
  return table;
}

RouteMatch match_route(Method method, std::string_view path) {
  RouteMatch out;
  for (const Route& r : route_table()) {
    auto params = r.path.match(path);
    if (!params) continue;
    out.path_known = true;
    out.allowed.push_back(r.method);
    if (r.method == method && !out.route) {
      out.route = &r;
      out.params = std::move(*params);
    }
  }
  return out;
}

}  // namespace huiyin::http
