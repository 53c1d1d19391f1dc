// Prometheus metrics of the server: requests by route template, method and status, request
// latency by route, and matters created. Rendered as Prometheus text for GET /metrics.
// Thread-safe (prometheus-cpp metrics are); one instance per server.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace huiyin::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // `route` is the route template ("/api/v1/matters/{code}"), never the raw path, so the
  // number of series stays bounded.
  void observe_request(std::string_view route, std::string_view method, int status,
                       double seconds);
  void matter_created();
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace huiyin::http
