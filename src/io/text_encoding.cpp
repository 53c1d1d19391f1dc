#include "io/text_encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "domain/text_checks.hpp"

namespace huiyin::io {
namespace {

int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Converts with ICU, stopping at the first byte sequence that is not valid in `charset`.
std::optional<std::string> convert(std::string_view bytes, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  // GB18030 and UTF-16 both take at least one byte per UTF-16 unit.
  std::u16string wide(bytes.size() + 1, u'\0');
  const int32_t units =
      ucnv_toUChars(conv.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                    static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  int32_t needed = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &needed, wide.data(), units, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return std::nullopt;
  std::string out(static_cast<std::size_t>(needed), '\0');
  err = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, nullptr, wide.data(), units, &err);
  if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) return std::nullopt;
  return out;
}

TableResult<std::string> from_gb18030(std::string_view bytes) {
  if (auto out = convert(bytes, "GB18030")) return std::move(*out);
  // Find the line at fault: a GB18030 trail byte is never '\n', so lines convert one by one.
  int line = 1;
  for (std::size_t start = 0; start <= bytes.size(); ++line) {
    const auto nl = std::min(bytes.find('\n', start), bytes.size());
    if (!convert(bytes.substr(start, nl - start), "GB18030")) break;
    start = nl + 1;
  }
  return TableError{line, 0, "文件既不是 UTF-8 也不是 GB18030 编码的文本"};
}

TableResult<std::string> checked(std::string text) {
  if (auto nul = text.find('\0'); nul != std::string::npos)
    return TableError{line_of(text, nul), 0, "含有空字符(NUL),不是文本"};
  return text;
}

}  // namespace

TableResult<std::string> decode_text(std::string_view bytes, TextEncoding encoding) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (encoding == TextEncoding::automatic) encoding = TextEncoding::utf8;
  }
  if (encoding == TextEncoding::automatic) {
    for (auto [bom, charset] : {std::pair{"\xFF\xFE", "UTF-16LE"}, {"\xFE\xFF", "UTF-16BE"}}) {
      if (!bytes.starts_with(bom)) continue;
      auto out = convert(bytes.substr(2), charset);
      if (!out) return TableError{0, 0, std::string("文件不是有效的 ") + charset + " 文本"};
      return checked(std::move(*out));
    }
    encoding = valid_utf8(bytes) ? TextEncoding::utf8 : TextEncoding::gb18030;
  }
  if (encoding == TextEncoding::gb18030) {
    auto out = from_gb18030(bytes);
    if (!out) return out.error();
    return checked(std::move(*out));
  }
  if (auto bad = invalid_utf8_at(bytes); bad != std::string_view::npos)
    return TableError{line_of(bytes, bad), 0, "不是有效的 UTF-8 文本"};
  return checked(std::string(bytes));
}

}  // namespace huiyin::io
