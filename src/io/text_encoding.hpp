// The bytes of a text file from another system, as UTF-8. Chinese offices save CSV as UTF-8
// with a BOM (Excel, WPS), as GB18030/GBK (older Excel and many 12345 systems), or as UTF-16
// with a BOM (Excel's "Unicode 文本"); ICU does the converting. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/table.hpp"

namespace huiyin::io {

enum class TextEncoding {
  automatic,  // a BOM decides (UTF-8, UTF-16LE/BE); else valid UTF-8 as it is, else GB18030
  utf8,
  gb18030,  // GBK and GB2312 are subsets of it
};

// The text as UTF-8 without a BOM. Fails, at the line of the first byte that does not belong
// to the encoding, on bytes that are not text in it, and on NUL characters (which no text
// column can store).
TableResult<std::string> decode_text(std::string_view bytes, TextEncoding encoding);

}  // namespace huiyin::io
