// What a handler gets: the request, its typed path params, the services, and the signed-in
// session when there is one. Handlers are plain functions `Response (Context&)` listed in the
// route table (routes.cpp); the chain in app.cpp fills the context before calling them.
// One Context per request; not shared between threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "http/address_list.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/path_template.hpp"
#include "kernel/auth.hpp"
#include "kernel/services.hpp"

namespace huiyin::http {

struct AppConfig {
  std::size_t max_json_body = 1u << 20;         // 1 MiB
  std::size_t max_attachment_body = 10u << 20;  // the service's attachment limit
  bool secure_cookies = false;  // add `Secure` to the session cookie (behind HTTPS)
  std::string backend;          // "sqlite" | "postgresql", for /healthz
  // Who may read /metrics (peer addresses); loopback only unless configured (metrics_allow).
  AddressList metrics_allow = *AddressList::parse("127.0.0.1,::1");
  // Reverse proxies whose X-Forwarded-For is believed (client_address.hpp); empty: none.
  AddressList trusted_proxies = *AddressList::parse("");
};

struct Context {
  const Request& req;
  PathParams params;
  Services& services;
  Metrics& metrics;
  const AppConfig& config;
  std::optional<SessionView> session;  // set when a valid session cookie came with the request
  std::string session_cookie;          // the raw cookie value, when present

  const Actor& actor() const { return session->actor; }
  const std::string& param(const char* name) const;
  // The client's address (X-Forwarded-For only from a trusted proxy): for throttles and logs.
  std::string client() const;
};

using Handler = Response (*)(Context&);

}  // namespace huiyin::http
