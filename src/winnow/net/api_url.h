#pragma once

#include <string>
#include <string_view>

namespace winnow {

// An OpenAI-compatible route under a server root given with or without "/v1" and trailing
// slashes: ("http://h:8000", "chat/completions") and ("http://h:8000/v1/", ...) both give
// "http://h:8000/v1/chat/completions".
inline std::string ApiUrl(std::string_view base_url, std::string_view route) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  std::string url(base_url);
  if (!base_url.ends_with("/v1")) url += "/v1";
  url += '/';
  url += route;
  return url;
}

}  // namespace winnow
