// The HTTP server: RESTinio on a pool of threads, feeding every request to App::handle().
// This is the only file of the project that includes RESTinio (compiling it is slow).
// run_server() blocks until SIGINT or SIGTERM, then closes the listening socket, stops the
// threads once the handlers running at that moment return, and returns. Every write is
// committed before its response is sent, so stopping never loses an acknowledged change.
// Call it once per process.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "domain/result.hpp"
#include "app/app.hpp"

namespace huiyin::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 4;
  // How long an idle keep-alive connection is held open for the next request (and the time to
  // read one request). Every kept-alive response says so (`Keep-Alive: timeout=N`), so a client
  // stops reusing the connection before the server closes it instead of sending into the close.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds handle_timeout{120};  // for a handler to answer (ledger exports)
  std::chrono::seconds write_timeout{60};    // to write one response
};

// Errors: internal with a Chinese detail when the address cannot be bound.
// `on_listening` runs once the socket accepts connections.
Status run_server(App& app, const ServerOptions& opts,
                  const std::function<void()>& on_listening = {});

}  // namespace huiyin::http
