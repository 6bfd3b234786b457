#pragma once

// HttpRequest / HttpResponse: what winnow's HTTP clients send and get back.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/common/status.h"

namespace winnow {

enum class HttpVersion {
  kDefault,              // HTTP/2 over TLS when the server offers it, else HTTP/1.1
  kHttp11,               // always HTTP/1.1
  kHttp2PriorKnowledge,  // HTTP/2 without TLS (h2c), for servers that speak it on plain ports
};

struct HttpRequest {
  std::string url;
  // Sent as a POST body when non-empty; an empty body makes the request a GET.
  std::string body;
  // Full header lines, e.g. "Content-Type: application/json", "Authorization: Bearer ...".
  std::vector<std::string> headers;
  // Whole-transfer limit (connect + send + wait + receive), seconds; must be > 0.
  double timeout_seconds = 60;
  HttpVersion version = HttpVersion::kDefault;
  // PEM file of the certificate authorities to trust for https, instead of the system's (a
  // self-hosted server behind an internal CA); empty for the system store.
  std::string ca_file;
};

struct HttpResponse {
  // HTTP status code; 0 when no response arrived (see transport_error).
  long status = 0;
  std::string body;
  // The final response's headers, names lower-cased, values trimmed, in arrival order.
  std::vector<std::pair<std::string, std::string>> headers;
  // Not OK when the transfer itself failed: timeout, connection refused or dropped, DNS, TLS.
  // The message names the method, the URL and libcurl's description.
  Status transport_error;
  // True when the transfer failed because timeout_seconds ran out.
  bool timed_out = false;
  // The protocol the answer came over: 1 for HTTP/1.x, 2 for HTTP/2, 3 for HTTP/3; 0 when
  // none arrived.
  int http_major_version = 0;

  // The first header called `lower_case_name`, or "" when absent.
  std::string_view Header(std::string_view lower_case_name) const;
};

}  // namespace winnow
