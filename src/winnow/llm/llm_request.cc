#include "winnow/llm/llm_request.h"

namespace winnow::llm {

std::string_view FailureClassName(FailureClass failure) {
  switch (failure) {
    case FailureClass::kNone:
      return "none";
    case FailureClass::kRateLimited:
      return "rate_limited";
    case FailureClass::kServerError:
      return "server_error";
    case FailureClass::kTimeout:
      return "timeout";
    case FailureClass::kConnection:
      return "connection";
    case FailureClass::kClientError:
      return "client_error";
    case FailureClass::kMalformedResponse:
      return "malformed_response";
    case FailureClass::kTruncated:
      return "truncated";
    case FailureClass::kInvalidOutput:
      return "invalid_output";
    case FailureClass::kBudget:
      return "budget";
    case FailureClass::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace winnow::llm
