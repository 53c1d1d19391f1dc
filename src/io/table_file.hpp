// One entry point for tables that come from other systems (12345 work orders, exports people
// edit in Excel or WPS): CSV, TSV or XLSX bytes in, a Table out (domain/table.hpp: rows with
// their line or row number, cells by header name, errors as "第N行第M列: …"). Text is decoded
// first (io/text_encoding.hpp), so GB18030 and UTF-16 files read like UTF-8 ones. Pure functions
// over bytes, plus one that reads a file; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/table.hpp"
#include "io/text_encoding.hpp"
#include "io/xlsx_reader.hpp"

namespace huiyin::io {

enum class TableFormat {
  automatic,  // XLSX by its zip signature; otherwise text: tab-delimited (quoted as Excel
              // writes it) when the first line holds a tab, else CSV
  csv,        // CSV with options.table.delimiter
  tsv,        // the project's own TSV: no quoting
  xlsx,       // the first worksheet
};

struct TableFileOptions {
  TableFormat format = TableFormat::automatic;
  TextEncoding encoding = TextEncoding::automatic;  // CSV and TSV
  TableOptions table{.header = true};
  XlsxLimits xlsx;
};

// Fails with a position where the text or sheet is malformed, and at once (line 0) on an
// old-style .xls or an encrypted workbook, which are not zip files.
TableResult<Table> read_table(std::string_view bytes, const TableFileOptions& options = {});
// The same over a file's contents; fails when the file cannot be read.
TableResult<Table> read_table_file(const std::string& path, const TableFileOptions& options = {});

}  // namespace huiyin::io
