// Common-problem candidates (共性问题): clusters of similar matters in a set (an org subtree and
// period chosen by the caller), with size, areas affected, the most typical examples and the
// keywords that set the cluster apart. Similarity is tf-idf cosine over character 1-2-grams,
// idf learnt from the set itself; matters join when each is among the other's nearest
// neighbours above a threshold. Deterministic; a pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace huiyin::text {

struct ClusterItem {
  Id id = 0;
  std::string_view title;
  std::string_view content;
  std::optional<Id> area;  // area or lead org, for "units affected"
};

struct ClusterOptions {
  double min_similarity = 0.3;
  std::size_t neighbours = 10;
  std::size_t min_size = 3;
  std::size_t examples = 3;
  std::size_t keywords = 5;
};

struct TextCluster {
  std::vector<Id> members;     // most typical first
  std::vector<Id> examples;    // the first few members
  std::vector<Id> areas;       // distinct, ascending
  std::vector<std::string> keywords;
  double cohesion = 0;         // mean similarity of members to the cluster centre
};

// Largest clusters first (ties: smaller first member id).
std::vector<TextCluster> cluster_texts(const std::vector<ClusterItem>& items,
                                       const ClusterOptions& opt = {});

}  // namespace huiyin::text
