#pragma once

// Early-return helpers for Result/Status, used inside the library only.

#define GOATFLOW_CONCAT_INNER(a, b) a##b
#define GOATFLOW_CONCAT(a, b) GOATFLOW_CONCAT_INNER(a, b)

// Returns the error of `expr` (a Status or Result) from the enclosing function.
#define GOATFLOW_RETURN_IF_ERROR(expr)                       \
  do {                                                       \
    auto&& goatflow_status_ = (expr);                        \
    if (!goatflow_status_.ok())                              \
      return std::move(goatflow_status_).error();            \
  } while (false)

// `GOATFLOW_ASSIGN_OR_RETURN(auto x, Compute());` declares x from the value of a
// Result, or returns its error.
#define GOATFLOW_ASSIGN_OR_RETURN(lhs, expr) \
  GOATFLOW_ASSIGN_OR_RETURN_IMPL(GOATFLOW_CONCAT(goatflow_result_, __LINE__), lhs, expr)
#define GOATFLOW_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return std::move(tmp).error();        \
  lhs = std::move(tmp).value()
