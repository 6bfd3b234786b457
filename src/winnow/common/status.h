#pragma once

// Status and Result<T>: how expected failures (bad input, I/O, usage) travel in winnow.
// A Status message is written for the user who has to fix the problem: it names the file, line,
// column or field and the rule that was broken, e.g.
//   data/train.jsonl:17:23: unterminated string
// Exceptions never cross a module boundary; wrappers around throwing libraries convert to Status.

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace winnow {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,     // the data is malformed (JSON, CSV, UTF-8, compression)
  kInvalidArgument,  // the user asked for something impossible (bad flag, bad field path)
  kIoError,          // the file system or a stream failed
  kNotFound,         // a file or field that must exist does not
  kUnsupported,      // a valid request winnow cannot serve yet
  kInternal,         // a bug in winnow
  kCancelled,        // interrupted (SIGINT)
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status InvalidInput(std::string msg) {
    return {StatusCode::kInvalidInput, std::move(msg)};
  }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }
  static Status Cancelled(std::string msg) { return {StatusCode::kCancelled, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<prefix>: <message>" (for adding a file name, a step name).
  Status WithPrefix(std::string_view prefix) const;

  // "invalid input: <message>" style text for logs; users see message() alone.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
using Result = tl::expected<T, Status>;

// Lets `return Error(status);` build a failed Result<T> of any T.
inline tl::unexpected<Status> Error(Status status) {
  return tl::unexpected<Status>(std::move(status));
}

}  // namespace winnow

#define WINNOW_CONCAT_INNER(a, b) a##b
#define WINNOW_CONCAT(a, b) WINNOW_CONCAT_INNER(a, b)

// Works in functions returning Status or Result<T>.
#define WINNOW_RETURN_IF_ERROR(expr)                                                   \
  do {                                                                                 \
    ::winnow::Status winnow_status_ = (expr);                                          \
    if (!winnow_status_.ok()) return ::winnow::ReturnError(std::move(winnow_status_)); \
  } while (0)

// WINNOW_ASSIGN_OR_RETURN(auto x, MakeX()); works in functions returning Status or Result<U>.
#define WINNOW_ASSIGN_OR_RETURN(lhs, expr) \
  WINNOW_ASSIGN_OR_RETURN_IMPL(WINNOW_CONCAT(winnow_result_, __LINE__), lhs, expr)
#define WINNOW_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                          \
  auto tmp = (expr);                                                          \
  if (!tmp.has_value()) return ::winnow::ReturnError(std::move(tmp).error()); \
  lhs = std::move(tmp).value()

namespace winnow {
// Converts a Status into whatever the enclosing function returns (Status or Result<T>).
struct ReturnError {
  explicit ReturnError(Status s) : status(std::move(s)) {}
  operator Status() && { return std::move(status); }  // NOLINT(google-explicit-constructor)
  template <typename T>
  operator Result<T>() && {  // NOLINT(google-explicit-constructor)
    return tl::unexpected<Status>(std::move(status));
  }
  Status status;
};
}  // namespace winnow
