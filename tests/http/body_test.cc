// BodyReader: JSON shapes into request fields, wrong types as 400.

#include <boost/json.hpp>

#include "server/body.h"
#include "server/http.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

boost::json::object Parse(const char* text) { return boost::json::parse(text).as_object(); }

TEST_CASE("Fields of the right type are read and absent or null ones are empty") {
  auto body = Parse(R"({"title":"Printer","queue_id":5,"urgent":true,"tags":["a","b"],
                        "ids":[1,2],"note":null})");
  server::BodyReader in(body);
  REQUIRE(in.String("title") == "Printer");
  REQUIRE(in.Int("queue_id") == 5);
  REQUIRE(in.Bool("urgent") == true);
  REQUIRE(in.StringList("tags") == std::vector<std::string>{"a", "b"});
  REQUIRE(in.IntList("ids") == std::vector<std::int64_t>{1, 2});
  REQUIRE_FALSE(in.String("note").has_value());
  REQUIRE(in.IsNull("note"));
  REQUIRE(in.Has("note"));
  REQUIRE_FALSE(in.Has("missing"));
  REQUIRE_FALSE(in.Int("missing").has_value());
  REQUIRE(in.ok());
}

TEST_CASE("The first wrong type is reported as an invalid request naming the field") {
  auto body = Parse(R"({"queue_id":"5","title":7,"ids":[1,"x"],"ratio":1.5})");
  server::BodyReader in(body);
  REQUIRE_FALSE(in.Int("queue_id").has_value());
  REQUIRE_FALSE(in.String("title").has_value());
  REQUIRE_FALSE(in.IntList("ids").has_value());
  REQUIRE_FALSE(in.Int("ratio").has_value());
  REQUIRE_FALSE(in.ok());
  REQUIRE(in.error().code == ErrorCode::kInvalidArgument);
  REQUIRE(in.error().wire_code == "core:invalid_request");
  REQUIRE(in.error().details.at("field") == "queue_id");
  REQUIRE(in.error().details.at("reason") == "wrong_type");
  auto reply = server::Fail(in.error());
  REQUIRE(reply.status == 400);
  REQUIRE(reply.body.find(R"("code":"core:invalid_request")") != std::string::npos);
}

}  // namespace
}  // namespace goatflow
