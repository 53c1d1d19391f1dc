#include "features/records/record_kinds.hpp"

namespace huiyin {

bool RecordKindSpec::has_count(std::string_view c) const {
  for (const auto& x : counts)
    if (x.code == c) return true;
  return false;
}

const RecordFieldSpec* RecordKindSpec::field(std::string_view c) const {
  for (const auto& f : fields)
    if (f.code == c) return &f;
  return nullptr;
}

const std::vector<RecordFieldSpec>& record_common_fields() {
  static const std::vector<RecordFieldSpec> fields = {
      {"date", "日期", "date", true, {}},
      {"place", "地点", "place", true, {}},
      {"leaders", "带队领导", "people", true, {}},
      {"topic", "主题", "text", true, {}},
      {"participants", "参加人员", "people", false, {}},
      {"units", "参加单位", "orgs", false, {}},
      {"summary", "情况摘要", "text", false, {}},
      {"attachments", "照片", "attachments", false, {}},
      {"matters", "发现的问题", "matters", false, {}},
      {"decisions", "现场交办事项", "decisions", false, {}},
  };
  return fields;
}

const std::vector<RecordKindSpec>& record_kinds() {
  static const std::vector<RecordKindSpec> kinds = [] {
    std::vector<RecordKindSpec> k;
    k.push_back({"visit", "走访调研", "ZF", Channel::visit,
                 {{"unannounced", "四不两直暗访"},
                  {"stay", "蹲点调研"},
                  {"random", "随机走访"},
                  {"forum", "座谈会"},
                  {"enterprise", "入企服务"},
                  {"case_study", "解剖麻雀式典型调研"},
                  {"other", "其他"}},
                 true,
                 {{"attendees", "参加人数", false}},
                 {}});
    RecordKindSpec reception{"reception", "信访接待", "JF", Channel::petition,
                             {{"leader_down", "领导下访"},
                              {"regular", "常态接访"},
                              {"appointment", "定期约访"},
                              {"home_visit", "重点走访"}},
                             true,
                             {{"batches", "接待批次", true}, {"persons", "接待人次", true}},
                             {}};
    reception.matters_may_be_group_visits = true;
    k.push_back(std::move(reception));
    RecordKindSpec onsite{"onsite_office", "现场办公", "XB", Channel::onsite_office, {}, false,
                          {{"attendees", "参会人数", false}}, {}};
    onsite.decisions_need_owner_and_deadline = true;
    k.push_back(std::move(onsite));
    RecordKindSpec night{"night_talk", "夜话家常", "YH", Channel::night_talk, {}, false,
                         {{"attendees", "参加群众人数", true}},
                         {{"hosts", "主持(社区两委)", "text", false, {}}}};
    night.matter_needs_responsible = true;
    k.push_back(std::move(night));
    k.push_back({"process_walk", "一把手走流程", "ZL", Channel::process_walk, {}, false, {},
                 {{"item", "所走事项", "text", true, {}},
                  {"role", "扮演身份", "choice", true, {{"citizen", "群众"}, {"enterprise", "企业"}}},
                  {"steps", "办理环节及用时", "steps", true, {}},
                  {"fixes", "整改举措", "text", false, {}}}});
    k.push_back({"patrol", "巡查", "XC", Channel::patrol, {}, false, {},
                 {{"section", "巡查河段/路段", "text", true, {}},
                  {"route", "巡查路线", "text", false, {}},
                  {"start", "起点", "text", true, {}},
                  {"end", "终点", "text", true, {}}}});
    k.push_back({"joint_inspection", "轮值联合巡查", "LX", Channel::patrol, {}, false, {},
                 {{"rota", "轮值表", "rota", false, {}},
                  {"period", "轮值周期", "text", true, {}},
                  {"lead_dept", "轮值牵头部门", "org", true, {}},
                  {"support_unit", "配合单位", "org", true, {}},
                  {"route", "巡查路线", "text", false, {}}}});
    RecordKindSpec meeting{"joint_meeting", "联席会议", "LH", Channel::joint_meeting, {}, false,
                           {{"attendees", "参会人数", false}},
                           {{"series", "延续上次会议", "series", false, {}},
                            {"convener", "召集单位", "org", true, {}},
                            {"parties", "参会各方", "orgs", true, {}}}};
    meeting.decisions_need_owner_and_deadline = true;
    k.push_back(std::move(meeting));
    return k;
  }();
  return kinds;
}

const RecordKindSpec* record_kind(std::string_view code) {
  for (const auto& k : record_kinds())
    if (k.code == code) return &k;
  return nullptr;
}

std::vector<RecordCodeList> record_code_lists() {
  std::vector<RecordCodeList> out;
  RecordCodeList kinds{"record_kinds", {}};
  for (const auto& k : record_kinds()) kinds.entries.push_back({k.code, k.label});
  out.push_back(std::move(kinds));
  for (const auto& k : record_kinds())
    if (!k.methods.empty()) out.push_back({std::string(k.code) + "_methods", k.methods});
  return out;
}

}  // namespace huiyin
