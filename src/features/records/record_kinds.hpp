// The kinds of field record, declared as data: a new kind is a row here (and a form), not a new
// subsystem. Each row names the channel of the matters its records raise, its methods, the
// counts it carries and whether a method is required. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/codes.hpp"

namespace huiyin {

struct CodeLabel {
  std::string_view code;
  std::string_view label;
};

struct RecordKindSpec {
  std::string_view code;          // visit
  std::string_view label;         // 走访调研
  std::string_view code_letters;  // ZF: in record codes ZZ-ZF-20261201-0001
  Channel channel;                // of the matters it raises
  std::vector<CodeLabel> methods;
  bool method_required;
  std::vector<std::string_view> counts;  // which counts it carries
};

const std::vector<RecordKindSpec>& record_kinds();
const RecordKindSpec* record_kind(std::string_view code);

// For GET /api/v1/codes: record_kinds and, per kind with methods, "<kind>_methods".
struct RecordCodeList {
  std::string name;
  std::vector<CodeLabel> entries;
};
std::vector<RecordCodeList> record_code_lists();

}  // namespace huiyin
