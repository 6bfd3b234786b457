#include "winnow/net/http_client.h"

#include <utility>

namespace winnow {

Status HttpClient::PerformAll(std::span<const HttpRequest> requests, size_t max_concurrency,
                              std::vector<HttpResponse>* responses) {
  if (max_concurrency == 0) return Status::InvalidArgument("HTTP max_concurrency must be >= 1");
  responses->assign(requests.size(), HttpResponse{});
  std::vector<std::pair<uint64_t, HttpResponse>> finished;
  size_t next = 0;
  size_t done = 0;
  while (done < requests.size()) {
    while (next < requests.size() && client_.in_flight() < max_concurrency) {
      WINNOW_RETURN_IF_ERROR(client_.Start(requests[next], next));
      ++next;
    }
    finished.clear();
    WINNOW_RETURN_IF_ERROR(client_.Poll(/*max_wait_ms=*/100, &finished));
    for (auto& [index, response] : finished) (*responses)[index] = std::move(response);
    done += finished.size();
  }
  return Status::OK();
}

}  // namespace winnow
