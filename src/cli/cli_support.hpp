// What the commands share: opening the store (creating the SQLite file's folder on a fresh
// start), migrating, opening the services with settings from the environment, the trusted
// actor of the command line, and turning an Error into a message and an exit code.
// Used from main's thread only.
#pragma once

#include <memory>
#include <string>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "store/store.hpp"

namespace huiyin::cli {

// Prints "huiyin: <detail>" to stderr and throws CLI::RuntimeError(exit_code).
[[noreturn]] void fail(const Error& e, int exit_code = 1);

// Opens the store at `url` (and for sqlite: creates the parent folder) without the audit key,
// for commands that only read rows (model train --db); migrates when asked.
std::unique_ptr<Store> open_store_or_throw(const std::string& url, bool migrate);

// How a command uses the audit key <data_dir>/audit.key (kept outside the database):
//  write  — it writes: loads the key, or creates one (mode 0600) when the database's chain is
//           not keyed yet; anchors the chain in <data_dir>/audit-anchors.log;
//  verify — loads the key if there is one, never creates one.
// A keyed database without its key file is an error in both cases, never a new key.
enum class AuditKeyUse { verify, write };
std::unique_ptr<Store> open_store_or_throw(const std::string& url, bool migrate,
                                           const std::string& data_dir, AuditKeyUse use);
std::string audit_key_path(const std::string& data_dir);
std::string audit_anchors_path(const std::string& data_dir);
// The audit key the last open_store_or_throw loaded (empty: none).
const std::string& loaded_audit_key();
// Anchor cadence for stores opened afterwards (serve: audit_anchor_every, default 100).
void set_audit_anchor_every(std::int64_t n);
// Writes a last anchor for the head this process reached (end of a command, shutdown).
void flush_audit_anchors();

// ServiceConfig from the environment: HUIYIN_FAST_PASSWORD_HASH=1 (tests) lowers argon2id's
// limits to libsodium's minimum; data_dir as given; the loaded audit key and anchor log.
ServiceConfig service_config(const std::string& data_dir);

struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<Services> services;
};
// Store (with the audit key, AuditKeyUse::write) migrated, defaults bootstrapped, services
// ready.
Opened open_services_or_throw(const std::string& url, const std::string& data_dir,
                              const Clock& clock);
Opened open_services_with_config(const std::string& url, const ServiceConfig& config,
                              const Clock& clock);

// The command line is trusted (whoever runs it owns the database): it acts as an admin at the
// root of the org tree.
Actor cli_actor();

const Clock& system_clock();

}  // namespace huiyin::cli
