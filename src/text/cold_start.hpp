// Weak "seed" texts that let a model work before any matter is labelled: the category taxonomy
// (each level-2/level-3 name is a short text of its first-level category) and the built-in
// keyword lists (share/data/text/category_keywords.tsv, per first-level category name).
// A cold-start model trains on these alone. Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "text/classifier.hpp"
#include "text/documents.hpp"
#include "text/trainer.hpp"

namespace huiyin::text {

// TSV with header level1, level2, level3: one seed per row, labelled level1.
std::vector<Document> taxonomy_seeds(std::string_view tsv);

// The built-in keyword lists: one seed per keyword, labelled with the category name.
std::vector<Document> keyword_seeds();

// Seeds for a deployment's categories: labels are the first-level category codes; the text of
// each is the names of the category and its descendants, plus the built-in keywords of any
// category whose name matches a built-in list.
std::vector<Document> category_seeds(const std::vector<Category>& categories);

// Weak labels from official replies: a message whose reply names the departments of exactly
// one category (share/data/text/department_keywords.tsv) gets that category; others are left out.
std::vector<Document> reply_labelled(const std::vector<Document>& unlabelled);

// A model from seeds alone.
Classifier cold_start_model(const std::vector<Document>& seeds,
                            const TrainOptions& opt = TrainOptions{});

}  // namespace huiyin::text
