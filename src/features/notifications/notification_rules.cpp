#include "features/notifications/notification_rules.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace huiyin {
namespace {

using R = InboxRecipients;

const std::vector<NotificationRule> kRules = {
    {"assign", "", "", R::lead_unit, "新交办", "matter.assigned"},
    {"return", "", "", R::dispatch_unit, "被退回", "matter.returned"},
    {"escalate", "level", "warned", R::lead_unit, "预警", "matter.escalated"},
    {"escalate", "level", "reminded", R::lead_unit, "超期提醒", "matter.escalated"},
    {"escalate", "level", "supervised", R::lead_unit, "督办", "matter.escalated"},
    {"escalate", "level", "circulated", R::lead_leaders, "通报", "matter.escalated"},
    {"escalate", "level", "talk", R::lead_leaders, "约谈建议", "matter.escalated"},
    {"urge", "", "", R::lead_unit, "催办", "matter.urged"},
    {"supervise", "", "", R::lead_unit, "督办", "matter.supervised"},
    {"extend_decide", "approve", "true", R::extension_requester, "延期已批准",
     "matter.extension_decided"},
    {"extend_decide", "approve", "false", R::extension_requester, "延期未批准",
     "matter.extension_decided"},
    {"reopen", "", "", R::lead_unit, "重办", "matter.reopened"},
    {"resolve", "", "", R::none, "", "matter.resolved"},
    // The reporter hears of progress, not only of the end.
    {"sign", "", "", R::none, "", "reporter.progress", true, "已由承办单位签收,正在办理"},
    {"measure_add", "", "", R::none, "", "reporter.progress", true, "新增了整改措施"},
    {"measure_update", "", "", R::none, "", "reporter.progress", true, "整改措施有了新进展"},
    {"resolve", "", "", R::none, "", "reporter.resolved", true, "已办结,请查看答复并评价是否解决"},
    {"reopen", "", "", R::none, "", "reporter.reopened", true, "已重新交办办理"},
    // Units leading their work: 批示, 分办, 审核答复.
    {"instruct", "", "", R::lead_unit, "领导批示", "matter.instructed"},
    {"delegate", "", "", R::delegated_handler, "分办给我", "matter.delegated"},
    {"reply_for_review", "", "", R::lead_leaders, "答复待审核", "matter.reply_for_review"},
    {"review_reply", "approve", "false", R::reply_author, "答复被退回修改", "matter.reply_reviewed"},
    {"review_reply", "approve", "true", R::reply_author, "答复审核通过", "matter.reply_reviewed"},
    // Verification: 回头看 found it unsolved (重办); 超时默认 closed the verification.
    {"spot_check", "passed", "false", R::lead_unit, "回头看不合格,重办", "matter.reopened"},
    {"spot_check", "passed", "false", R::none, "", "reporter.reopened", true, "经回头看复核,已重新交办办理"},
    {"verify_timeout", "", "", R::none, "", "matter.verified"},
};

std::string payload_value(const nlohmann::json& p, std::string_view field) {
  auto it = p.find(std::string(field));
  if (it == p.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

}  // namespace

const std::vector<NotificationRule>& notification_rules() { return kRules; }

std::vector<const NotificationRule*> rules_for(const Event& e) {
  std::vector<const NotificationRule*> out;
  std::optional<nlohmann::json> payload;
  for (const auto& r : kRules) {
    if (r.action != e.type) continue;
    if (!r.when_field.empty()) {
      if (!payload) payload = nlohmann::json::parse(e.payload.empty() ? "{}" : e.payload, nullptr, false);
      if (!payload->is_object() || payload_value(*payload, r.when_field) != r.when_value) continue;
    }
    out.push_back(&r);
  }
  return out;
}

std::vector<std::string> webhook_event_types() {
  std::vector<std::string> out;
  for (const auto& r : kRules) {
    if (r.webhook_event.empty()) continue;
    std::string t(r.webhook_event);
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace huiyin
