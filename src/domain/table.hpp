// Tables read from text: the rows of a TSV file (the project's own data files under share/data)
// or a CSV file (RFC 4180, what other systems export), each row with the 1-based line it starts
// on, cells addressable by position or by header name, and errors that say where a person should
// look: "第3行第2列: 日期无效". Pure functions over UTF-8 text (a leading BOM is dropped); turning
// GB18030 or UTF-16 bytes into UTF-8 and reading XLSX is io/table_file.hpp's job, which hands
// back the same Table. A Table is a value: nothing changes it after reading, so it is safe to
// share across threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace huiyin {

// A place in a table and what is wrong there. line: the 1-based line a TSV or CSV record starts
// on, or an XLSX row number; column: 1-based (A = 1), 0 when the whole row is meant; line 0 when
// the whole file is.
struct TableError {
  int line = 0;
  int column = 0;
  std::string message;

  std::string text() const;  // "第3行第2列: 日期无效", "第3行: …", or the message alone
  Error to_error(std::string field = {}) const { return invalid(text(), std::move(field)); }
};

template <typename T>
using TableResult = Result<T, TableError>;

class TableRow {
 public:
  using Header = std::shared_ptr<const std::vector<std::string>>;
  TableRow(int line, std::vector<std::string> cells, Header header = {})
      : line_(line), cells_(std::move(cells)), header_(std::move(header)) {}

  int line() const { return line_; }
  std::size_t size() const { return cells_.size(); }
  const std::vector<std::string>& cells() const { return cells_; }
  bool blank() const;  // no cell holds anything
  // The i-th cell (0-based); empty past the end, so a short row reads as padded with empty cells.
  const std::string& operator[](std::size_t i) const { return i < cells_.size() ? cells_[i] : none(); }
  // The cell under the header column `name` (see Table::column); empty when there is none.
  const std::string& cell(std::string_view name) const;
  // Errors at this row: at its i-th cell (0-based, shown 1-based), at the column named `name`
  // (the whole row when there is no such column), or at the whole row.
  TableError error(std::size_t i, std::string message) const;
  TableError error_at(std::string_view name, std::string message) const;
  TableError error(std::string message) const { return {line_, 0, std::move(message)}; }

 private:
  friend class Table;
  static const std::string& none();
  int line_;
  std::vector<std::string> cells_;
  Header header_;
};

class Table {
 public:
  Table() = default;
  // The rows a reader found, in order (blank ones already left out); with `header` the first of
  // them names the columns.
  Table(std::vector<TableRow> rows, bool header);

  // The header's cells; empty when the table was read without one (or the file was empty).
  const std::vector<std::string>& header() const;
  int header_line() const { return header_line_; }  // 0 without a header
  const TableRow::Header& shared_header() const { return header_; }
  // The index of the first header cell equal to `name`, spaces and tabs around it ignored.
  std::optional<std::size_t> column(std::string_view name) const;

  const std::vector<TableRow>& rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  auto begin() const { return rows_.begin(); }
  auto end() const { return rows_.end(); }

 private:
  TableRow::Header header_;
  int header_line_ = 0;
  std::vector<TableRow> rows_;
};

// Options every reader takes.
struct TableOptions {
  bool header = false;    // the first row read names the columns and is not among rows()
  bool comments = false;  // skip lines whose first character is '#' (outside a quoted field)
  char delimiter = ',';   // CSV only: ',' or, for Excel's tab-delimited text, '\t'
};

// TSV as the project writes it: one row a line, cells split at every tab, no quoting; "\n" or
// "\r\n" ends a line; empty lines are skipped. Reading TSV cannot fail.
Table read_tsv(std::string_view utf8, const TableOptions& options = {});
// CSV per RFC 4180: fields in double quotes may hold the delimiter, line breaks and doubled
// quotes (""); records end at CRLF, LF or CR; empty lines are skipped; a quote inside an
// unquoted field is kept as it is (as Excel reads it). Fails on a quoted field that never closes
// or text after a closing quote, at the line and column where that field starts.
TableResult<Table> read_csv(std::string_view utf8, const TableOptions& options = {});

}  // namespace huiyin
