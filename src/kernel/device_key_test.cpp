// The per-user key of the phone's offline queue: stable for a user, apart between users and
// servers, and never the server's secret nor a plain keyed hash of the id under it.
#include "kernel/device_key.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace huiyin {
namespace {

const std::string kSecret(32, '\x5a');

TEST(DeviceKey, TheSameUserGetsTheSameKeyEveryTime) {
  auto a = device_key(kSecret, 7);
  auto b = device_key(std::string(kSecret), 7);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size(), kDeviceKeyBytes);
  EXPECT_EQ(*a, *b);
}

TEST(DeviceKey, UsersAndServersGetDifferentKeys) {
  EXPECT_NE(*device_key(kSecret, 7), *device_key(kSecret, 8));
  EXPECT_NE(*device_key(kSecret, 7), *device_key(std::string(32, '\x5b'), 7));
}

TEST(DeviceKey, IsNeitherTheSecretNorAKeyedHashOfTheIdUnderIt) {
  ASSERT_GE(sodium_init(), 0);
  const std::string k = *device_key(kSecret, 7);
  EXPECT_NE(k, kSecret);
  const std::string msg = "user:7";
  unsigned char direct[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(direct, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                         reinterpret_cast<const unsigned char*>(kSecret.data()));
  EXPECT_NE(k, std::string(reinterpret_cast<const char*>(direct), sizeof direct));
}

TEST(DeviceKey, NoSecretNoKey) {
  EXPECT_FALSE(device_key("", 7));
  EXPECT_FALSE(device_key(kSecret, 0));
}

}  // namespace
}  // namespace huiyin
