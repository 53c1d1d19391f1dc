// The first worksheet of an XLSX workbook (Excel, WPS, libxlsxwriter) as a Table: each row's
// line is its row number in the sheet, each cell sits at its column (A = index 0) and holds
// its value as text: shared and inline strings as written, numbers, dates and times as Excel
// stores them (a date is a serial day count such as "46023"; no number format is applied),
// booleans as "1"/"0", error cells as "#N/A" and the like, a formula as its cached result.
// Rows without any value are left out. The zip container is read with libzip, the XML with
// expat (no DTDs accepted). Pure function over the file's bytes; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "domain/table.hpp"

namespace huiyin::io {

// What a hostile file could otherwise inflate: zipped XML compresses a thousandfold, and a
// single cell at column XFD makes a row 16,384 cells wide.
struct XlsxLimits {
  std::size_t max_unpacked_bytes = std::size_t{256} << 20;  // all parts read, uncompressed
  std::size_t max_cells = 8'000'000;  // over all rows, counting the empty cells before a value
};

TableResult<Table> read_xlsx(std::string_view bytes, const TableOptions& options = {},
                             const XlsxLimits& limits = {});

}  // namespace huiyin::io
