// The streaming JSON writer of the hot renderings (lib/json/writer.h) writes
// what boost::json::serialize writes, so REST bodies keep their exact bytes.

#include <boost/json.hpp>

#include "core/time.h"
#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "json/writer.h"
#include "support/test_support.h"

namespace goatflow::json {
namespace {

std::string Written(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

TEST_CASE("Strings are escaped byte for byte as boost::json escapes them") {
  for (int byte = 0; byte < 256; ++byte) {
    std::string text = "a" + std::string(1, static_cast<char>(byte)) + "b";
    INFO("byte " << byte);
    REQUIRE(Written(text) == boost::json::serialize(boost::json::value(text)));
  }
  std::string mixed = "Line 1\nTab\there \"quoted\" back\\slash \x01 caf\xC3\xA9 \xE2\x82\xAC";
  REQUIRE(Written(mixed) == boost::json::serialize(boost::json::value(mixed)));
  REQUIRE(Written("") == "\"\"");
}

TEST_CASE("The writer separates members and elements with commas only where needed") {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a").Int(-12);
  w.Key("b").BeginArray().Bool(true).Null().String("x").BeginObject().EndObject().EndArray();
  w.Key("c").IntOrNull(std::nullopt);
  w.Key("d").StringOrNull(std::string("y"));
  w.Key("e").Raw("[1,2]");
  w.Key("f").Time(core::FromUnixSeconds(1740820500));
  w.EndObject();
  REQUIRE(out == R"({"a":-12,"b":[true,null,"x",{}],"c":null,"d":"y","e":[1,2],)"
                 R"("f":"2025-03-01T09:15:00Z"})");
}

TEST_CASE("A ticket renders every field in order, with nulls for absent optionals") {
  Ticket t;
  t.id = 7;
  t.tn = "2025030110000007";
  t.title = "Printer \"jams\"\non floor 3";
  t.queue_id = 2;
  t.queue = "Raw";
  t.state_id = 4;
  t.state = "open";
  t.status = "open";
  t.priority_id = 3;
  t.priority = "3 normal";
  t.lock = "unlock";
  t.owner_id = 1;
  t.owner = "admin";
  t.customer_user_id = "jane";
  t.created_at = core::FromUnixSeconds(1740820500);
  t.updated_at = core::FromUnixSeconds(1740820560);
  t.created_by = 1;
  t.updated_by = 1;
  t.article_count = 2;
  std::string json = ToJson(t);
  boost::json::object o = boost::json::parse(json).as_object();
  std::vector<std::string> keys;
  for (const auto& member : o) keys.emplace_back(member.key());
  REQUIRE(keys == std::vector<std::string>{
                      "id", "tn", "title", "queue_id", "queue", "state_id", "state", "status",
                      "priority_id", "priority", "type_id", "type", "lock", "owner_id", "owner",
                      "responsible_id", "responsible", "customer_id", "customer_user_id",
                      "pending_until", "archived", "created_at", "updated_at", "created_by",
                      "updated_by", "article_count"});
  REQUIRE(o["title"].as_string() == "Printer \"jams\"\non floor 3");
  REQUIRE(o["type_id"].is_null());
  REQUIRE(o["responsible"].is_null());
  REQUIRE(o["customer_id"].is_null());
  REQUIRE(o["customer_user_id"].as_string() == "jane");
  REQUIRE(o["pending_until"].is_null());
  REQUIRE(o["archived"].as_bool() == false);
  REQUIRE(o["created_at"].as_string() == "2025-03-01T09:15:00Z");
  REQUIRE(o["article_count"].as_int64() == 2);
  // A list is the same objects in an array.
  REQUIRE(ToJson(std::vector<Ticket>{t, t}) == "[" + json + "," + json + "]");
}

}  // namespace
}  // namespace goatflow::json
