#include "io/xlsx_package.hpp"

#include <expat.h>
#include <zip.h>

#include <cstring>

namespace huiyin::io {
namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

struct ParseContext {
  XML_Parser parser;
  XmlEvents* events;
};

void stop_if_failed(ParseContext* c) {
  if (c->events->failure) XML_StopParser(c->parser, XML_FALSE);
}

void on_start(void* user, const XML_Char* name, const XML_Char** attributes) {
  auto* c = static_cast<ParseContext*>(user);
  c->events->start(local_name(name), attributes);
  stop_if_failed(c);
}

void on_end(void* user, const XML_Char* name) {
  auto* c = static_cast<ParseContext*>(user);
  c->events->end(local_name(name));
  stop_if_failed(c);
}

void on_text(void* user, const XML_Char* chars, int len) {
  auto* c = static_cast<ParseContext*>(user);
  c->events->text(std::string_view(chars, static_cast<std::size_t>(len)));
  stop_if_failed(c);
}

void on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* c = static_cast<ParseContext*>(user);
  c->events->fail({0, 0, "XLSX 文件含有 DTD,不予读取"});
  stop_if_failed(c);
}

TableError damaged(const std::string& part, const std::string& why) {
  return {0, 0, "XLSX 文件已损坏(" + part + ": " + why + ")"};
}

}  // namespace

std::string_view xml_attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; a && *a; a += 2)
    if (local_name(a[0]) == name) return a[1];
  return {};
}

XlsxPackage::XlsxPackage(zip* archive, std::size_t budget)
    : zip_(archive, [](zip* z) { zip_discard(z); }), limit_(budget), budget_(budget) {}

TableResult<XlsxPackage> XlsxPackage::open(std::string_view bytes, std::size_t max_unpacked) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    TableError e{0, 0, std::string("不是有效的 XLSX 文件(") + zip_error_strerror(&error) + ")"};
    zip_error_fini(&error);
    return e;
  }
  zip_error_fini(&error);
  return XlsxPackage(archive, max_unpacked);
}

bool XlsxPackage::has(const std::string& part) const {
  return zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<TableError> XlsxPackage::parse(const std::string& part, XmlEvents& events) {
  const zip_int64_t index = zip_name_locate(zip_.get(), part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return TableError{0, 0, "XLSX 文件缺少 " + part};
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
      zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0), zip_fclose);
  if (!file) return damaged(part, zip_strerror(zip_.get()));
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate(nullptr),
                                                                 XML_ParserFree);
  if (!parser) return TableError{0, 0, "内存不足,无法读取 XLSX 文件"};
  ParseContext context{parser.get(), &events};
  XML_SetUserData(parser.get(), &context);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  static constexpr std::size_t kChunk = 64 * 1024;
  auto buffer = std::make_unique<char[]>(kChunk);
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer.get(), kChunk);
    if (n < 0) return damaged(part, zip_file_strerror(file.get()));
    const auto got = static_cast<std::size_t>(n);
    if (got > budget_)
      return TableError{0, 0, "XLSX 文件解压后过大(超过 " + std::to_string(limit_ >> 20) + " MB)"};
    budget_ -= got;
    const bool last = got == 0;
    if (XML_Parse(parser.get(), buffer.get(), static_cast<int>(got), last) == XML_STATUS_ERROR) {
      if (events.failure) return events.failure;
      return damaged(part, "XML 第" + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                               "行: " + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
    if (last) break;
  }
  return std::nullopt;
}

}  // namespace huiyin::io
