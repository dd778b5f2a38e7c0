#pragma once

// Reading the bodies of the ticket and article endpoints (api-v1.md §4, §5):
// a field may arrive under several names (aliases), in a JSON object or in a
// form body (ticket create), and attachments arrive as base64 in JSON or as
// file parts of multipart/form-data. Only shapes are checked here (wrong JSON
// type, unparsable number, bad base64 -> 400 core:invalid_request); every rule
// belongs to the library call that follows.

#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/tickets.h"
#include "server/http.h"

namespace goatflow::server {

using Names = std::initializer_list<std::string_view>;

class TicketFields {
 public:
  // The body as JSON (an empty body reads as {} when `optional`), or as a
  // form when the request carries one. Errors: invalid_argument "Invalid
  // request body" for malformed JSON.
  static Result<TicketFields> Read(const HttpRequest& req, bool optional = false);
  // A nested JSON object (e.g. the `article` form of ticket create); {} when absent.
  TicketFields Nested(std::string_view name);

  // The first present, non-null field among `names`. Each getter records a
  // shape error (first wins) when the value has the wrong type.
  std::optional<std::string> String(Names names);
  // A string, or an integer rendered as text (pending_until, priority).
  std::optional<std::string> StringOrInt(Names names);
  std::optional<std::int64_t> Int(Names names);
  std::optional<double> Number(Names names);
  std::optional<bool> Bool(Names names);
  std::optional<std::vector<std::int64_t>> IntList(Names names);
  // True when one of `names` is present with JSON null.
  bool IsNull(Names names) const;

  // `attachments`: JSON [{filename, content_type, content_base64}] or the file
  // parts of a multipart form.
  std::vector<NewAttachment> Attachments();

  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  TicketFields(const HttpRequest& req, boost::json::object object, bool form)
      : req_(&req), object_(std::move(object)), form_(form) {}

  const boost::json::value* Find(Names names) const;
  std::optional<std::string> FormValue(Names names) const;
  void Bad(std::string_view field, std::string_view reason);

  const HttpRequest* req_;
  boost::json::object object_;
  bool form_ = false;
  std::optional<Error> error_;
};

}  // namespace goatflow::server
