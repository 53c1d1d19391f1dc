#include "features/records/record_kinds.hpp"

namespace huiyin {

const std::vector<RecordKindSpec>& record_kinds() {
  static const std::vector<RecordKindSpec> kinds = {
      {"visit", "走访调研", "ZF", Channel::visit,
       {{"unannounced", "四不两直暗访"},
        {"stay", "蹲点调研"},
        {"random", "随机走访"},
        {"forum", "座谈会"},
        {"enterprise", "入企服务"},
        {"case_study", "解剖麻雀式典型调研"},
        {"other", "其他"}},
       true,
       {"attendees"}},
  };
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
