#include "core/macros.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

Result<int> Half(int n) {
  if (n % 2) return Error(ErrorCode::kInvalidArgument, "odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  GOATFLOW_ASSIGN_OR_RETURN(int half, Half(n));
  GOATFLOW_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckEven(int n) {
  GOATFLOW_RETURN_IF_ERROR(Half(n));
  return OkStatus();
}

TEST_CASE("Result holds a value or an error") {
  Result<int> ok = 21;
  REQUIRE(ok.ok());
  REQUIRE(*ok == 21);

  Result<std::string> err = Error(ErrorCode::kNotFound, "Ticket not found");
  REQUIRE_FALSE(err.ok());
  REQUIRE(err.error().code == ErrorCode::kNotFound);
  REQUIRE(err.error().message == "Ticket not found");
}

TEST_CASE("Errors carry details and an optional wire code") {
  Error e = Error(ErrorCode::kInvalidArgument, "Title is required")
                .WithDetail("field", "title")
                .WithWireCode("core:validation_failed");
  REQUIRE(e.details.at("field") == "title");
  REQUIRE(e.wire_code == "core:validation_failed");
  REQUIRE(ErrorCodeName(ErrorCode::kPermissionDenied) == "permission_denied");
}

TEST_CASE("Early-return macros propagate the first error") {
  REQUIRE(*Quarter(8) == 2);
  REQUIRE_ERR(Quarter(6), ErrorCode::kInvalidArgument, "odd");  // 6 -> 3 is odd
  REQUIRE_OK(CheckEven(4));
  REQUIRE_ERR(CheckEven(5), ErrorCode::kInvalidArgument, "odd");
}

TEST_CASE("Status is ok by default") {
  Status s;
  REQUIRE(s.ok());
  Status failed = Error(ErrorCode::kInternal, "boom");
  REQUIRE_FALSE(failed.ok());
}

}  // namespace
}  // namespace goatflow
