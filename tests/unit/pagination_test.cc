#include <boost/json.hpp>

#include "goatflow/json.h"
#include "goatflow/pagination.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

PageRequest Parse(std::optional<std::string> page, std::optional<std::string> limit,
                  std::optional<std::string> per_page = std::nullopt,
                  std::optional<std::string> offset = std::nullopt) {
  return ParsePageRequest(PageQuery{page, limit, per_page, offset});
}

TEST_CASE("Page requests default to page 1 of 20") {
  auto request = Parse(std::nullopt, std::nullopt);
  REQUIRE(request.page == 1);
  REQUIRE(request.limit == 20);
  REQUIRE(request.Offset() == 0);
}

TEST_CASE("Page and limit are taken as given and give the offset") {
  auto request = Parse("3", "50");
  REQUIRE(request.page == 3);
  REQUIRE(request.limit == 50);
  REQUIRE(request.Offset() == 100);
}

TEST_CASE("Limits above 100 are clamped and invalid values fall back to the defaults") {
  REQUIRE(Parse("1", "500").limit == 100);
  REQUIRE(Parse("abc", "0").page == 1);
  REQUIRE(Parse("abc", "0").limit == 20);
  REQUIRE(Parse("-2", "-5").page == 1);
  REQUIRE(Parse("-2", "-5").limit == 20);
  REQUIRE(Parse("2.5", "1e3").limit == 20);
  REQUIRE(Parse("99999999999999999999999", std::nullopt).page == 1);
}

TEST_CASE("per_page is an alias of limit and limit wins when both are given") {
  REQUIRE(Parse(std::nullopt, std::nullopt, "30").limit == 30);
  REQUIRE(Parse(std::nullopt, "10", "30").limit == 10);
  REQUIRE(Parse(std::nullopt, "bad", "30").limit == 20);
}

TEST_CASE("offset selects the page containing it when page is absent") {
  REQUIRE(Parse(std::nullopt, "10", std::nullopt, "0").page == 1);
  REQUIRE(Parse(std::nullopt, "10", std::nullopt, "25").page == 3);
  REQUIRE(Parse(std::nullopt, std::nullopt, std::nullopt, "40").page == 3);
  REQUIRE(Parse("5", "10", std::nullopt, "25").page == 5);
  REQUIRE(Parse(std::nullopt, "10", std::nullopt, "-1").page == 1);
}

TEST_CASE("Huge pages do not overflow the offset") {
  auto request = Parse("9223372036854775807", "100");
  REQUIRE(request.Offset() > 0);
}

TEST_CASE("Pagination arithmetic follows the seed's example") {
  auto p = MakePagination(Parse("1", "20"), 157);
  REQUIRE(p.total_pages == 8);
  REQUIRE(p.has_next);
  REQUIRE_FALSE(p.has_prev);
  auto last = MakePagination(Parse("8", "20"), 157);
  REQUIRE_FALSE(last.has_next);
  REQUIRE(last.has_prev);
  auto empty = MakePagination(Parse("1", "20"), 0);
  REQUIRE(empty.total_pages == 0);
  REQUIRE_FALSE(empty.has_next);
  auto beyond = MakePagination(Parse("4", "50"), 100);
  REQUIRE(beyond.total_pages == 2);
  REQUIRE_FALSE(beyond.has_next);
  REQUIRE(beyond.has_prev);
  REQUIRE(MakePagination(Parse("1", "20"), 100).total_pages == 5);
}

TEST_CASE("The envelope has the seed's shape for objects and lists and errors") {
  auto single = boost::json::parse(json::SuccessEnvelope(R"({"id":7})")).as_object();
  REQUIRE(single.at("success").as_bool());
  REQUIRE(single.at("data").at("id").as_int64() == 7);

  auto list = boost::json::parse(json::ListEnvelope("[1,2]", MakePagination(Parse("2", "2"), 5)))
                  .as_object();
  REQUIRE(list.at("data").as_array().size() == 2);
  const auto& p = list.at("pagination").as_object();
  REQUIRE(p.at("page").as_int64() == 2);
  REQUIRE(p.at("per_page").as_int64() == 2);
  REQUIRE(p.at("total").as_int64() == 5);
  REQUIRE(p.at("total_pages").as_int64() == 3);
  REQUIRE(p.at("has_next").as_bool());
  REQUIRE(p.at("has_prev").as_bool());

  Error error(ErrorCode::kInvalidArgument, "Title is too long",
              {{"field", "title"}, {"reason", "too_long"}});
  auto failed =
      boost::json::parse(json::ErrorEnvelope(error, "core:validation_failed")).as_object();
  REQUIRE_FALSE(failed.at("success").as_bool());
  REQUIRE(failed.at("error").as_string() == "Title is too long");
  REQUIRE(failed.at("code").as_string() == "core:validation_failed");
  REQUIRE(failed.at("details").at("reason").as_string() == "too_long");
}

TEST_CASE("A rate-limit error carries retry_after_sec as a top-level number") {
  Error error(ErrorCode::kRateLimited, "Too many requests", {{"retry_after_sec", "42"}});
  auto body = boost::json::parse(json::ErrorEnvelope(error, "core:rate_limited")).as_object();
  REQUIRE(body.at("retry_after_sec").as_int64() == 42);
  REQUIRE_FALSE(body.contains("details"));
}

}  // namespace
}  // namespace goatflow
