#include "domain/public_status.hpp"

namespace huiyin {

std::string_view public_label(MatterStatus s) {
  switch (s) {
    case MatterStatus::submitted: return "待受理";
    case MatterStatus::accepted: return "已受理";
    case MatterStatus::rejected: return "不予受理";
    case MatterStatus::assigned:
    case MatterStatus::signed_:
    case MatterStatus::returned: return "办理中";
    case MatterStatus::resolved: return "已办结待确认";
    case MatterStatus::verified:
    case MatterStatus::closed: return "已解决";
    case MatterStatus::reopened: return "未解决重办";
    case MatterStatus::merged: return "已合并办理";
  }
  return "办理中";
}

std::string_view public_event_label(std::string_view type) {
  struct Row {
    std::string_view type, label;
  };
  static constexpr Row kRows[] = {
      {"submit", "提交反映"},         {"intake", "提交反映"},
      {"accept", "受理"},             {"reject", "不予受理"},
      {"assign", "交承办单位办理"},   {"sign", "承办单位开始办理"},
      {"return", "重新确定承办单位"}, {"transfer", "转交其他单位办理"},
      {"resolve", "承办单位答复"},    {"verify", "电话回访确认"},
      {"close", "办结归档"},          {"reopen", "重新办理"},
      {"evaluate", "您的评价"},       {"merge", "与同一问题合并办理"},
      {"merged", "与同一问题合并办理"}, {"extend_request", "申请延长办理时限"},
      {"extend_decide", "办理时限调整"},
      {"notice_issued", "出具受理告知书"}, {"review_request", "请求复查"},
      {"recheck_request", "请求复核"},
      {"verify_timeout", "超时未评价,默认办结"}, {"spot_check", "回头看复查"},
  };
  for (const auto& r : kRows)
    if (r.type == type) return r.label;
  return "办理进展";
}

}  // namespace huiyin
