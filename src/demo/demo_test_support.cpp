#include "demo/demo_test_support.hpp"

#include <gtest/gtest.h>

#include "store/store_test_support.hpp"

namespace huiyin::testing {

DemoTestStore open_demo_test_store(const std::string& url, const std::filesystem::path& data_dir,
                                   Instant now, Instant chain_at) {
  DemoTestStore out;
  StoreOptions opts;
  opts.audit_key = test_audit_key();
  opts.now = [chain_at] { return chain_at; };
  auto store = open_store(url, opts);
  EXPECT_TRUE(store.ok()) << store.error().detail;
  if (!store) return out;
  out.store = std::move(*store);
  auto v = out.store->migrate();
  EXPECT_TRUE(v.ok()) << v.error().detail;
  out.clock = std::make_unique<ManualClock>(now);
  ServiceConfig cfg;
  cfg.data_dir = data_dir.string();
  cfg.fast_password_hashing = true;
  cfg.audit_key = test_audit_key();
  auto services = Services::open(*out.store, *out.clock, cfg);
  EXPECT_TRUE(services.ok()) << services.error().detail;
  if (services) out.services = std::move(*services);
  return out;
}

}  // namespace huiyin::testing
