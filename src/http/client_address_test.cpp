#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace huiyin::http {
namespace {

AddressList list(std::string_view text) { return *AddressList::parse(text); }

Request from(std::string peer, std::string xff = {}) {
  Request r;
  r.remote = std::move(peer);
  if (!xff.empty()) r.headers["x-forwarded-for"] = std::move(xff);
  return r;
}

TEST(ClientAddress, ForwardedForIgnoredFromUntrustedPeer) {
  EXPECT_EQ(client_address(from("203.0.113.9", "10.9.9.9"), list("")), "203.0.113.9");
  EXPECT_EQ(client_address(from("203.0.113.9", "10.9.9.9"), list("127.0.0.1")), "203.0.113.9");
}

TEST(ClientAddress, ForwardedForHonouredFromTrustedProxy) {
  EXPECT_EQ(client_address(from("127.0.0.1", "198.51.100.7"), list("127.0.0.1")), "198.51.100.7");
  // A client-supplied first hop is not believed when a trusted proxy appended the real one.
  EXPECT_EQ(client_address(from("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1"), list("10.0.0.0/8")),
            "198.51.100.7");
  EXPECT_EQ(client_address(from("::ffff:127.0.0.1", "198.51.100.7"), list("127.0.0.1")), "198.51.100.7");
}

TEST(ClientAddress, GarbageForwardedForFallsBackToPeer) {
  EXPECT_EQ(client_address(from("127.0.0.1", "not-an-ip"), list("127.0.0.1")), "127.0.0.1");
}

}  // namespace
}  // namespace huiyin::http
