// Texts for training and evaluation, read from TSV files by header name: `title`, `content`
// and (when labelled) `label`, and `reply` when present; other columns are ignored, so exports
// with extra columns work.
// Pure functions over bytes plus one file reader; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace huiyin::text {

struct Document {
  std::string title;
  std::string content;
  std::string label;  // empty when unlabelled
  std::string reply;  // the official reply, when the file has a `reply` column
};

// need_label: the file must have a `label` column and every row a non-empty label.
Result<std::vector<Document>> parse_documents_tsv(std::string_view bytes, bool need_label);
Result<std::vector<Document>> read_documents_tsv(const std::string& path, bool need_label);

}  // namespace huiyin::text
