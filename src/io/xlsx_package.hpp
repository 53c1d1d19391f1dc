// The parts of an OOXML package (the zip file behind .xlsx) read as XML events: libzip opens
// the zip from memory, expat parses each part while it is inflated, and names reach the
// handler without their namespace prefix ("x:c" and "c" alike). A DTD anywhere stops the parse,
// and all parts read together may not unpack to more than a set number of bytes, so a small
// hostile file cannot expand without bound. One package per reader; not shared across threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/table.hpp"

struct zip;  // libzip's archive handle

namespace huiyin::io {

class XmlEvents {
 public:
  virtual ~XmlEvents() = default;
  virtual void start(std::string_view name, const char** attributes) {}
  virtual void end(std::string_view name) {}
  virtual void text(std::string_view chars) {}
  // Stops the parse; XlsxPackage::parse returns this error.
  void fail(TableError error) { failure = std::move(error); }
  std::optional<TableError> failure;
};

// The value of the attribute whose name (without prefix) is `name`; empty when there is none.
std::string_view xml_attribute(const char** attributes, std::string_view name);

class XlsxPackage {
 public:
  // Fails when the bytes are not a zip file.
  static TableResult<XlsxPackage> open(std::string_view bytes, std::size_t max_unpacked_bytes);

  bool has(const std::string& part) const;
  // Streams the part through an XML parser into `events`; the error, if any: the part is
  // missing, damaged, not well-formed, past the unpacked-size limit, or events failed it.
  std::optional<TableError> parse(const std::string& part, XmlEvents& events);

 private:
  XlsxPackage(zip* archive, std::size_t budget);
  std::unique_ptr<zip, void (*)(zip*)> zip_;
  std::size_t limit_;   // bytes all parts may unpack to
  std::size_t budget_;  // what is left of it
};

}  // namespace huiyin::io
