#pragma once

// Error values of the public API. Expected failures are returned, never thrown:
// every fallible call returns Result<T> (or Status = Result<void>), and nothing
// throws across include/goatflow.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace goatflow {

// The closed set of error categories. Each front-end maps them in one switch
// (docs/errors.md): HTTP status, CLI exit code, C status, Python exception.
enum class ErrorCode {
  kInvalidArgument,     // the request is malformed or breaks a validation rule
  kNotFound,            // missing, or not visible to the caller
  kAlreadyExists,       // a unique name or login is taken
  kConflict,            // the current state forbids it (queue in use, already locked)
  kFailedPrecondition,  // the environment is not ready (schema too new, not initialised)
  kUnauthenticated,     // no valid credential
  kPermissionDenied,    // authenticated but not allowed
  kRateLimited,         // a rate bucket is exhausted
  kUnavailable,         // a backend is busy or down; retrying may help
  kInternal,            // a bug or an unexpected backend failure
};

// Stable lower-case name of a code ("not_found"), as printed by the CLI.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  // English, safe to show to the caller: never contains secrets or backend text.
  std::string message;
  // Machine-readable context, e.g. {"field": "title", "reason": "too_long"}.
  std::map<std::string, std::string> details;
  // Optional precise wire code such as "core:token_expired"; empty means the
  // front-end derives it from `code`.
  std::string wire_code;

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}
  Error(ErrorCode c, std::string msg, std::map<std::string, std::string> d)
      : code(c), message(std::move(msg)), details(std::move(d)) {}

  Error& WithDetail(std::string key, std::string value) & {
    details[std::move(key)] = std::move(value);
    return *this;
  }
  Error&& WithDetail(std::string key, std::string value) && {
    details[std::move(key)] = std::move(value);
    return std::move(*this);
  }
  Error&& WithWireCode(std::string wire) && {
    wire_code = std::move(wire);
    return std::move(*this);
  }
};

// Either a value of type T or an Error. Accessing value() on an error (or
// error() on a value) is a programming bug and aborts in debug builds.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status OkStatus() { return Status(); }

}  // namespace goatflow
