// 交办单: the printable sheet of a matter's latest assignment (MatterService::act assign), read
// through the matter page of the one who prints it, so it masks what their view masks (a unit
// complained about never reads who complained): the matter, the lead and co-units, the handling
// class, the deadline, the dispatcher's note and who assigned it when, with lines for the unit to
// sign for it. A matter never assigned is a conflict.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "features/matters/matters.hpp"

namespace huiyin {

Result<std::string> assignment_sheet(MatterService& matters, const Actor& actor,
                                     const std::string& code);

}  // namespace huiyin
