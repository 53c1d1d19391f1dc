#include "features/notifications/webhook_client.hpp"

#include <sodium.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#ifdef HUIYIN_WEBHOOK_TLS
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#endif

#include "kernel/device_key.hpp"

namespace huiyin {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr auto kTimeout = std::chrono::seconds(10);

bhttp::request<bhttp::string_body> make_request(const WebhookUrl& url,
                                                const std::map<std::string, std::string>& headers,
                                                const std::string& body) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, url.target, 11};
  const bool default_port = url.port == (url.scheme == "https" ? "443" : "80");
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  req.set(bhttp::field::host, default_port ? host : host + ":" + url.port);
  req.set(bhttp::field::user_agent, "huiyin-webhook/1");
  req.set(bhttp::field::content_type, "application/json; charset=utf-8");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  return req;
}

// Fills `out` as it goes, so a read that throws still says the request was sent.
template <typename Stream>
void exchange(Stream& stream, bhttp::request<bhttp::string_body>& req, PostResult& out) {
  bhttp::write(stream, req);
  out.sent = true;
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024);
  bhttp::read(stream, buf, parser);
  out.status = static_cast<int>(parser.get().result_int());
  out.ok = out.status >= 200 && out.status < 300;
  if (!out.ok) out.error = "对方返回 HTTP " + std::to_string(out.status);
}

}  // namespace

std::string webhook_signature(const std::string& secret, const std::string& body) {
  const std::string mac = hmac_sha256(secret, body);
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
  return "sha256=" + std::string(hex);
}

bool webhook_tls() {
#ifdef HUIYIN_WEBHOOK_TLS
  return true;
#else
  return false;
#endif
}

PostResult BeastPoster::post(const WebhookUrl& url,
                             const std::map<std::string, std::string>& headers,
                             const std::string& body) {
  PostResult out;
  try {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    auto req = make_request(url, headers, body);
    beast::error_code ec;
    auto endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) return {false, false, 0, "无法解析主机 " + url.host + ": " + ec.message()};
    if (url.scheme == "https") {
#ifdef HUIYIN_WEBHOOK_TLS
      asio::ssl::context ctx(asio::ssl::context::tls_client);
      ctx.set_default_verify_paths();
      ctx.set_verify_mode(asio::ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
      if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
        return {false, false, 0, "TLS 设置主机名失败"};
      stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
      beast::get_lowest_layer(stream).expires_after(kTimeout);
      beast::get_lowest_layer(stream).connect(endpoints, ec);
      if (ec) return {false, false, 0, "无法连接 " + url.host + ":" + url.port + ": " + ec.message()};
      stream.handshake(asio::ssl::stream_base::client, ec);
      if (ec) return {false, false, 0, "TLS 握手失败: " + ec.message()};
      exchange(stream, req, out);
      stream.shutdown(ec);
      return out;
#else
      return {false, false, 0, "本程序构建时未找到 OpenSSL,不支持 https 推送地址"};
#endif
    }
    beast::tcp_stream stream(ioc);
    stream.expires_after(kTimeout);
    stream.connect(endpoints, ec);
    if (ec) return {false, false, 0, "无法连接 " + url.host + ":" + url.port + ": " + ec.message()};
    exchange(stream, req, out);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
  } catch (const std::exception& e) {
    out.ok = false;
    if (out.error.empty()) out.error = std::string("推送失败: ") + e.what();
    return out;
  }
}

}  // namespace huiyin
