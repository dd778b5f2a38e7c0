#pragma once

// Helpers shared by the ticket, ticket-action and article HTTP suites.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "goatflow/auth.h"
#include "goatflow/tickets.h"
#include "http/http_fixture.h"

namespace goatflow::testing {

inline constexpr const char* kJson = "application/json";

inline int Status(const httplib::Result& res) {
  REQUIRE(res);
  return res->status;
}

// Status, `code` and (when given) `error` of an error envelope.
inline void RequireError(const httplib::Result& res, int status, const std::string& code,
                         const std::string& message = "") {
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == status);
  REQUIRE(BodyField(res, "/success") == "false");
  REQUIRE(BodyField(res, "/code") == code);
  if (!message.empty()) REQUIRE(BodyField(res, "/error") == message);
}

inline void RequireStillHealthy(httplib::Client& client) {
  auto res = client.Get("/health");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

// The number of items in the `data` array of a list response.
inline std::size_t DataSize(const httplib::Result& res) {
  REQUIRE(res);
  auto value = boost::json::parse(res->body);
  return value.at("data").as_array().size();
}

inline std::int64_t DataId(const httplib::Result& res) {
  return std::stoll(BodyField(res, "/data/id"));
}

// The raw response (status line, headers, body) of a GET over a plain socket:
// httplib's client URL-decodes header values, so byte-exact header checks
// read the wire themselves.
inline std::string RawGet(int port, const std::string& path, const std::string& token) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                        token + "\r\nConnection: close\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) response.append(buffer, n);
  ::close(fd);
  return response;
}

}  // namespace goatflow::testing
