// A real store — SQLite in a fresh temp directory, or a fresh PostgreSQL database when
// HUIYIN_SERVICE_BACKEND=postgresql (ctest runs every service test both ways; skipped without
// HUIYIN_TEST_PG_URL) — with a small city (two districts, city and district departments), one
// user per role, and Services over a manual clock. Used by the service tests.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "kernel/actor.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matters.hpp"
#include "kernel/services.hpp"
#include "store/store.hpp"

namespace huiyin::testing {

// 2026-11-23 (a Monday) 10:00 Asia/Shanghai.
constexpr Instant kMonday10am = 1795399200;

// "sqlite" or "postgresql", from HUIYIN_SERVICE_BACKEND.
std::string service_test_backend();

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The Actor (with roles) of a fixture user.
  Actor actor(const std::string& username);
  // Submits a valid matter in 荷塘区 (with name 张三 / 13812341234 unless anonymous).
  IntakeReceipt submit(const std::string& title = "小区路灯不亮", bool consent = false,
                       bool anonymous = false);
  // Runs an action as `who` with the matter's current version; fails the test on error.
  MatterDetail act(const std::string& who, const std::string& code, ActionRequest req);
  Result<MatterDetail> try_act(const std::string& who, const std::string& code, ActionRequest req);
  // Accept + assign to 市住建局 (co 市城管局), immediate, as the city dispatcher; then sign.
  void assign_and_sign(const std::string& code, std::vector<std::string> subjects = {});
  std::int64_t event_count();
  // Another store and Services over this test's database, as a second `serve` process (app
  // node) would have them; the store outlives the services.
  struct Node {
    std::unique_ptr<Store> store;
    std::unique_ptr<Services> services;
  };
  Node second_node();

  std::filesystem::path dir_;
  std::string pg_db_;  // the PostgreSQL test database, when on that backend
  std::string url_;    // the store's URL (for tampering through a raw connection)
  std::unique_ptr<Store> store_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<Services> svc_;
};

ActionRequest action(const std::string& name);

}  // namespace huiyin::testing
