#include "winnow/common/status.h"

namespace winnow {

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string message(prefix);
  message += ": ";
  message += message_;
  return {code_, std::move(message)};
}

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case StatusCode::kOk:
      name = "ok";
      break;
    case StatusCode::kInvalidInput:
      name = "invalid input";
      break;
    case StatusCode::kInvalidArgument:
      name = "invalid argument";
      break;
    case StatusCode::kIoError:
      name = "I/O error";
      break;
    case StatusCode::kNotFound:
      name = "not found";
      break;
    case StatusCode::kUnsupported:
      name = "unsupported";
      break;
    case StatusCode::kInternal:
      name = "internal error";
      break;
    case StatusCode::kCancelled:
      name = "cancelled";
      break;
  }
  if (ok()) return name;
  return std::string(name) + ": " + message_;
}

}  // namespace winnow
