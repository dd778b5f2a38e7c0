#pragma once

// Reading request-body fields into a library request struct, with the shape
// errors of api-v1.md §1 (wrong JSON types -> 400 core:invalid_request). Only
// shapes are checked here; every rule (lengths, ranges, existence) belongs to
// the library call that follows.
//
//   GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
//   BodyReader in(body);
//   CreateQueueRequest request;
//   request.name = in.String("name").value_or("");
//   request.comments = in.String("comments");
//   request.group_id = in.Int("group_id").value_or(0);
//   if (!in.ok()) return Fail(in.error());
//   return Render(hd.Queues().Create(req.context(), request), 201);

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"

namespace goatflow::server {

class BodyReader {
 public:
  explicit BodyReader(const boost::json::object& body) : body_(body) {}

  // Each getter returns nullopt when the member is absent or null, and also
  // when it has the wrong type, which is then recorded (the first one wins).
  std::optional<std::string> String(std::string_view key);
  std::optional<std::int64_t> Int(std::string_view key);  // integral numbers only
  std::optional<bool> Bool(std::string_view key);
  std::optional<std::vector<std::string>> StringList(std::string_view key);
  std::optional<std::vector<std::int64_t>> IntList(std::string_view key);
  // An object of scalars as name -> text: strings as they are, numbers and
  // booleans as their JSON text (query-parameter objects, e.g. saved searches).
  std::optional<std::map<std::string, std::string>> StringMap(std::string_view key);

  bool Has(std::string_view key) const;      // present, null included
  bool IsNull(std::string_view key) const;   // present and null (to clear a field)

  bool ok() const { return !error_.has_value(); }
  // invalid_argument "Invalid request body" (core:invalid_request), details
  // {field, reason: "wrong_type"}. Only meaningful when !ok().
  const Error& error() const { return *error_; }

 private:
  void WrongType(std::string_view key);

  const boost::json::object& body_;
  std::optional<Error> error_;
};

}  // namespace goatflow::server
