#include "app/server.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <thread>
#include <vector>

#include "http/log_text.hpp"

namespace huiyin::http {
namespace {

using traits_t = restinio::default_traits_t;  // thread-safe strands for a thread pool

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

Request to_request(const restinio::request_handle_t& req) {
  Request r;
  r.method = parse_method(req->header().method().c_str());
  r.target = std::string(req->header().request_target());
  req->header().for_each_field([&r](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    auto [it, inserted] = r.headers.emplace(name, f.value());
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + f.value();
  });
  r.body = req->body();
  r.remote = req->remote_endpoint().address().to_string();
  return r;
}

}  // namespace

Status run_server(App& app, const ServerOptions& opts,
                  const std::function<void()>& on_listening) {
  try {
    const std::string keep_alive = "timeout=" + std::to_string(opts.read_timeout.count());
    restinio::http_server_t<traits_t> server{
        restinio::own_io_context(), [&](auto& settings) {
          settings.address(opts.address)
              .port(opts.port)
              .read_next_http_message_timelimit(opts.read_timeout)
              .handle_request_timeout(opts.handle_timeout)
              .write_http_response_timelimit(opts.write_timeout)
              .incoming_http_msg_limits(
                  restinio::incoming_http_msg_limits_t{}.max_body_size(app.hard_body_limit()))
              .request_handler([&app, keep_alive](restinio::request_handle_t req) {
                const bool close = !req->header().should_keep_alive();
                Request r = to_request(req);
                Response res = app.handle(r);
                auto out = req->create_response(restinio::http_status_line_t{
                    restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
                    reason_phrase(res.status)});
                if (!res.content_type.empty())
                  out.append_header(restinio::http_field::content_type, res.content_type);
                for (auto& [name, value] : res.headers) out.append_header(name, value);
                if (!close) out.append_header("Keep-Alive", keep_alive);
                out.set_body(std::move(res.body));
                return out.done();
              });
        }};

    server.open_sync();  // binds now, so a busy port is reported before any thread starts
    if (on_listening) on_listening();

    restinio::asio_ns::signal_set signals(server.io_context(), SIGINT, SIGTERM);
    signals.async_wait([&server](const restinio::asio_ns::error_code& ec, int sig) {
      if (ec) return;
      spdlog::info("收到信号 {},正在停止服务…", sig);
      server.close_async([&server] { server.io_context().stop(); },
                         [&server](std::exception_ptr) { server.io_context().stop(); });
    });

    std::vector<std::thread> pool;
    const std::size_t n = std::max<std::size_t>(1, opts.threads);
    for (std::size_t i = 0; i < n; ++i) {
      pool.emplace_back([&server] {
        for (;;) {
          try {
            server.io_context().run();
            return;
          } catch (const std::exception& e) {
            spdlog::error("HTTP 线程异常: {}", log_text(e.what()));
          }
        }
      });
    }
    for (auto& t : pool) t.join();
    return ok();
  } catch (const std::exception& e) {
    return Error{ErrorCode::internal,
                 "无法在 " + opts.address + ":" + std::to_string(opts.port) + " 启动服务: " +
                     e.what(),
                 {}};
  }
}

}  // namespace huiyin::http
