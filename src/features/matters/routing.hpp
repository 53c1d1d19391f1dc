// Routing suggestions for dispatchers: the text layer's classifier proposes the first-level
// category of a matter and, from the category's default lead department, the lead unit, each
// with a confidence. Model lifecycle: start() loads <data_dir>/model.bin when present, else
// builds the cold-start model from the deployment's category taxonomy; every `retrain_every`
// dispatcher classifications a background thread retrains on the deployment's history (matters
// with a category, labelled by their first-level category) and swaps the model in atomically
// (and saves it to model.bin, so a restart keeps it).
// Thread-safe: the model is an immutable Classifier behind a shared_ptr swapped under a mutex;
// at most one retrain runs at a time; the destructor waits for it.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "kernel/views.hpp"
#include "text/classifier.hpp"

namespace huiyin {

struct RoutingSuggestion {
  std::string category_code;
  std::string category_name;
  std::optional<OrgRef> lead_org;  // the category's default lead department, if any
  double confidence = 0;           // 0..1
};

// A model trained on the store's history: matters with a category (merged ones left out) are
// labelled by their first-level category code, the others are unlabelled text; the category
// names and built-in keywords are seeds. With fewer than 20 labelled matters: the cold-start
// model. Used by the service's retrain and by `huiyin model train --db`.
Result<text::Classifier> train_from_history(Store& store);

class RoutingService {
 public:
  explicit RoutingService(ServiceContext& ctx) : ctx_(ctx) {}
  ~RoutingService();
  RoutingService(const RoutingService&) = delete;
  RoutingService& operator=(const RoutingService&) = delete;

  // Loads the model (file, else cold start). Idempotent; the first suggestion calls it too.
  Status start();
  // Top three suggestions for a matter the actor may see (not_found otherwise).
  Result<std::vector<RoutingSuggestion>> suggest(const Actor& actor, const std::string& code);
  // The first-level category code the current model puts first (empty without a model).
  std::string top_category(std::string_view title, std::string_view content) const;
  // A dispatcher set a category; every retrain_every of these a background retrain starts.
  void record_classification(bool corrected);
  // Trains on the history now, swaps the model in and saves it. Blocking.
  Status retrain();

  std::shared_ptr<const text::Classifier> model() const;
  std::size_t classifications() const { return classifications_.load(); }
  std::size_t corrections() const { return corrections_.load(); }
  std::size_t retrains() const { return retrains_.load(); }
  // Waits for a running background retrain (tests, shutdown).
  void wait_idle();

 private:
  std::string model_path() const;
  void swap(std::shared_ptr<const text::Classifier> m);

  ServiceContext& ctx_;
  mutable std::mutex mu_;  // guards model_, started_, worker_
  std::shared_ptr<const text::Classifier> model_;
  bool started_ = false;
  std::thread worker_;
  std::atomic<bool> training_{false};
  std::atomic<std::size_t> classifications_{0}, corrections_{0}, retrains_{0};
};

}  // namespace huiyin
