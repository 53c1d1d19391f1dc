// The request chain of the HTTP API, independent of the server library:
// parse → route (404/405) → body limit (413) → authenticate (cookie `huiyin_session`, 401)
// → CSRF (X-CSRF-Token on every staff write, 403) → handler, with unexpected exceptions turned
// into a 500 problem and logged, security headers on every response, one log line and metrics
// per request. Pages outside /api/ are the web app's static files.
// Thread-safe: handle() is called concurrently from the server's threads.
#pragma once

#include "http/context.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "kernel/services.hpp"

namespace huiyin::http {

class App {
 public:
  App(Services& services, AppConfig config, StaticFiles files);

  // Never throws. `req.path`/`req.query` are filled from `req.target` here.
  Response handle(Request& req);

  Metrics& metrics() { return metrics_; }
  const AppConfig& config() const { return config_; }
  // The largest body any route accepts; the server drops connections that send more.
  std::size_t hard_body_limit() const;

 private:
  Response dispatch(Request& req, std::string& route_name);

  Services& services_;
  AppConfig config_;
  StaticFiles files_;
  Metrics metrics_;
};

// Adds the security headers every response carries (CSP allowing the built app).
void add_security_headers(Response& r, bool api);

}  // namespace huiyin::http
