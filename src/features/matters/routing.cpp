#include "features/matters/routing.hpp"

#include <filesystem>
#include <map>

#include "features/matters/matter_views.hpp"
#include "kernel/support.hpp"
#include "text/cold_start.hpp"
#include "text/trainer.hpp"
#include "features/matters/matter_store.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kMaxLabelled = 200000;
constexpr std::size_t kMaxUnlabelled = 50000;
constexpr std::size_t kMinLabelled = 20;
const char* kNoMatter = "问题不存在或不在您的管辖范围内";

// A model label is a category code; models trained from TSV files may carry first-level names.
const Category* category_of_label(const CatalogSnapshot& cat, const std::string& label) {
  if (const Category* c = cat.category_code(label)) return c;
  for (const auto& c : cat.categories())
    if (c.level == 1 && c.name == label) return &c;
  return nullptr;
}

// The category's default lead department, or the nearest ancestor's; for a first-level
// category without one (models suggest first-level codes), the department most of its
// sub-categories default to.
std::optional<Id> default_lead(const CatalogSnapshot& cat, const Category* c) {
  const Category* start = c;
  for (int hops = 0; c && hops < 5; ++hops) {
    if (c->default_dept_org) return c->default_dept_org;
    c = c->parent ? cat.category(*c->parent) : nullptr;
  }
  if (!start) return std::nullopt;
  std::map<Id, int> votes;
  for (const auto& child : cat.categories())
    if (child.parent == start->id && child.default_dept_org) ++votes[*child.default_dept_org];
  std::optional<Id> best;
  int best_votes = 0;
  for (const auto& [org, n] : votes)
    if (n > best_votes) best = org, best_votes = n;
  return best;
}

}  // namespace

Result<text::Classifier> train_from_history(Store& store) {
  std::vector<text::Document> labelled, unlabelled;
  std::vector<Category> categories;
  Status st = store.read([&](Tx& tx) -> Status {
    categories = db::list_categories(tx);
    const CatalogSnapshot cat(0, {}, categories, {});
    std::map<Id, std::string> top;
    for (const auto& c : categories)
      if (const Category* t = cat.top_level_category(c.id)) top[c.id] = t->code;
    MatterFilter f;
    f.scope.all = true;
    f.limit = 1000;
    while (labelled.size() < kMaxLabelled) {
      MatterPage page = db::list_matters(tx, f);
      for (auto& m : page.items) {
        if (m.merged_into || m.status == MatterStatus::merged) continue;
        text::Document d{std::move(m.title), std::move(m.content), {}, {}};
        auto it = m.category_id ? top.find(*m.category_id) : top.end();
        if (it != top.end()) {
          d.label = it->second;
          labelled.push_back(std::move(d));
        } else if (unlabelled.size() < kMaxUnlabelled) {
          unlabelled.push_back(std::move(d));
        }
      }
      if (!page.next_cursor) break;
      f.before_id = page.next_cursor;
    }
    return ok();
  });
  if (!st) return st.error();
  const auto seeds = text::category_seeds(categories);
  if (seeds.empty() && labelled.empty()) return invalid("没有可训练的问题类别");
  if (labelled.size() < kMinLabelled) return text::cold_start_model(seeds);
  return text::train_classifier(labelled, unlabelled, seeds, text::TrainOptions{});
}

RoutingService::~RoutingService() { wait_idle(); }

std::string RoutingService::model_path() const {
  return (std::filesystem::path(ctx_.config().data_dir) / "model.bin").string();
}

std::shared_ptr<const text::Classifier> RoutingService::model() const {
  std::lock_guard lock(mu_);
  return model_;
}

void RoutingService::swap(std::shared_ptr<const text::Classifier> m) {
  std::lock_guard lock(mu_);
  model_ = std::move(m);
  started_ = true;
}

Status RoutingService::start() {
  std::lock_guard lock(mu_);
  if (started_) return ok();
  std::error_code ec;
  if (std::filesystem::exists(model_path(), ec)) {
    auto loaded = text::Classifier::load(model_path());
    if (loaded && loaded->trained()) {
      model_ = std::make_shared<const text::Classifier>(std::move(*loaded));
      started_ = true;
      return ok();
    }
    // An unreadable file (older format, cut short) falls back to the cold-start model.
  }
  auto cat = ctx_.refresh_catalog();
  if (!cat) return cat.error();
  const auto seeds = text::category_seeds((*cat)->categories());
  if (!seeds.empty())
    model_ = std::make_shared<const text::Classifier>(text::cold_start_model(seeds));
  started_ = true;
  return ok();
}

std::string RoutingService::top_category(std::string_view title,
                                         std::string_view content) const {
  auto m = model();
  if (!m || !m->trained()) return {};
  auto s = m->suggest(title, content, 1);
  return s.empty() ? std::string() : s[0].label;
}

Result<std::vector<RoutingSuggestion>> RoutingService::suggest(const Actor& actor,
                                                               const std::string& code) {
  if (Status st = start(); !st) return st.error();
  std::optional<Matter> matter;
  CatalogPtr catalog;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    if (!m) return ok();
    catalog = ctx_.catalog(tx);
    if (can_see(actor, *m, catalog->orgs())) matter = std::move(m);
    return ok();
  });
  if (!st) return st.error();
  if (!matter) return not_found(kNoMatter);
  std::vector<RoutingSuggestion> out;
  auto m = model();
  if (!m || !m->trained()) return out;
  const CatalogSnapshot& cat = *catalog;
  for (const auto& s : m->suggest(matter->title, matter->content, 3)) {
    const Category* c = category_of_label(cat, s.label);
    if (!c) continue;  // a label this deployment does not have
    RoutingSuggestion r;
    r.category_code = c->code;
    r.category_name = c->name;
    r.lead_org = cat.org_ref(default_lead(cat, c));
    r.confidence = s.confidence;
    out.push_back(std::move(r));
  }
  return out;
}

Status RoutingService::retrain() {
  auto trained = train_from_history(ctx_.store());
  if (!trained) return trained.error();
  auto m = std::make_shared<const text::Classifier>(std::move(*trained));
  swap(m);
  retrains_ += 1;
  // Saved beside the data so a restart keeps what was learnt (written whole, then renamed).
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(ctx_.config().data_dir, ec);
  const std::string tmp = model_path() + ".tmp";
  if (Status s = m->save(tmp); !s) return s;
  fs::rename(tmp, model_path(), ec);
  if (ec) return internal_error("无法保存分类模型:" + ec.message());
  return ok();
}

void RoutingService::record_classification(bool corrected) {
  const std::size_t n = ++classifications_;
  if (corrected) ++corrections_;
  const int every = ctx_.config().retrain_every;
  if (every <= 0 || n % static_cast<std::size_t>(every) != 0) return;
  if (training_.exchange(true)) return;  // one retrain at a time; the next round catches up
  std::lock_guard lock(mu_);
  if (worker_.joinable()) worker_.join();  // finished: training_ was false
  worker_ = std::thread([this] {
    (void)retrain();  // on failure the current model stays in use
    training_ = false;
  });
}

void RoutingService::wait_idle() {
  std::thread t;
  {
    std::lock_guard lock(mu_);
    t = std::move(worker_);
  }
  if (t.joinable()) t.join();
}

}  // namespace huiyin
