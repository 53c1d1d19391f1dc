// Shared helpers of the text benchmarks: where the tipdm2020 data lives, reading it, timing.
// Benchmarks are executables run by hand (never by the test suite); see docs/benchmarks.md.
#pragma once

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "text/documents.hpp"
#include "text/normalize.hpp"

namespace huiyin::bench {

inline std::string data_dir() {
  if (const char* d = std::getenv("HUIYIN_DATA_DIR")) return d;
  if (const char* s = std::getenv("HUIYIN_SOURCE_DIR")) return std::string(s) + "/../shared/data/tipdm2020";
  return "../shared/data/tipdm2020";
}

inline std::vector<text::Document> load(const std::string& file, bool labelled) {
  auto r = text::read_documents_tsv(data_dir() + "/" + file, labelled);
  if (!r) {
    std::cerr << file << ": " << r.error().detail << "\n";
    return {};
  }
  return std::move(r).value();
}

// The unlabelled pool: both unlabelled files, without any text whose normalised title also
// appears in the labelled file (so no labelled message re-enters training unlabelled).
inline std::vector<text::Document> unlabelled_pool(const std::vector<text::Document>& labelled) {
  std::set<std::string> seen;
  for (const auto& d : labelled) seen.insert(text::normalize_for_index(d.title));
  std::vector<text::Document> out;
  for (const char* f : {"messages_with_votes.tsv", "messages_with_replies.tsv"})
    for (auto& d : load(f, false))
      if (seen.insert(text::normalize_for_index(d.title)).second) out.push_back(std::move(d));
  return out;
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace huiyin::bench
