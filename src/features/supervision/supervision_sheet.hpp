// 督办单: the printable sheet of a matter's latest 督办 (by hand, MatterService::act supervise),
// read through the matter page of the one who prints it, so it masks what their view masks: the
// matter, its unit and deadline, where it stands on the escalation ladder, the 督办意见, 挂牌 or
// not, the date the unit must answer by, and the unit's answer once given (else lines to write
// it on). A matter never supervised is a conflict.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "features/matters/matters.hpp"

namespace huiyin {

Result<std::string> supervision_sheet(MatterService& matters, const Actor& actor,
                                      const std::string& code);

}  // namespace huiyin
