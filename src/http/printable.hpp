// Printable documents the server hands out as HTML (督办单, 受理告知书 …): text escaped for HTML,
// and one A4 page frame with the print styles offices expect (a red-free, 宋体 body, a centred
// title, bordered tables, a signature block), so every document prints alike from a browser.
#pragma once

#include <string>
#include <string_view>

namespace huiyin::http {

// & < > " ' escaped.
std::string html_escape(std::string_view text);

// One row of a document's table: <tr><th>th</th><td>td_html</td></tr> (td_html as is).
std::string printable_row(std::string_view th, std::string_view td_html);

// A complete HTML document: <title> and <h1> are `title` (escaped); `body_html` is inserted as is.
std::string printable_page(std::string_view title, std::string_view body_html);

}  // namespace huiyin::http
