// Text from a request (path, query, header values, exception messages) made safe for one log
// line: control characters (C0, DEL, C1) and the Unicode line and paragraph separators are
// written as escapes (\r, \n, \t, \xHH, \u2028), and a backslash as "\\", so a request can
// neither end a log line nor forge one that looks like the server's. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace huiyin::http {

std::string log_text(std::string_view s);

}  // namespace huiyin::http
