#include "goatflow/context.h"
#include "goatflow/error.h"

namespace goatflow {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

RequestContext RequestContext::LocalOperator() {
  RequestContext ctx;
  ctx.principal = {PrincipalKind::kOperator, 1, "admin"};
  ctx.auth_method = AuthMethod::kLocal;
  return ctx;
}

}  // namespace goatflow
