#include "winnow/net/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

namespace winnow {
namespace {

// curl_global_init is not safe to race with itself, so the first client does it once; it is
// never undone because other libraries in the process may still use libcurl at exit.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

struct HttpClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  const HttpRequest* request = nullptr;
  HttpResponse* response = nullptr;
  char error[CURL_ERROR_SIZE] = {};

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    static_cast<Transfer*>(user)->response->body.append(data, size * count);
    return size * count;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    // A status line starts a new header block (after "100 Continue" or a proxy's answer).
    if (line.starts_with("HTTP/")) self->response->retry_after.clear();
    constexpr std::string_view kRetryAfter = "retry-after:";
    if (StartsWithNoCase(line, kRetryAfter)) {
      self->response->retry_after = std::string(Trim(line.substr(kRetryAfter.size())));
    }
    return size * count;
  }
};

HttpClient::HttpClient() {
  InitCurlOnce();
  multi_ = curl_multi_init();
}

HttpClient::~HttpClient() {
  if (multi_ != nullptr) curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

Status HttpClient::Start(const HttpRequest& request, HttpResponse* response,
                         std::vector<std::unique_ptr<Transfer>>* active) {
  auto transfer = std::make_unique<Transfer>();
  transfer->request = &request;
  transfer->response = response;
  transfer->easy = curl_easy_init();
  if (transfer->easy == nullptr) return Status::Internal("curl_easy_init failed (out of memory?)");
  CURL* easy = transfer->easy;
  for (const std::string& header : request.headers) {
    transfer->headers = curl_slist_append(transfer->headers, header.c_str());
  }
  // An empty "Expect:" stops libcurl from waiting for "100 Continue" before large bodies.
  transfer->headers = curl_slist_append(transfer->headers, "Expect:");
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
  if (!request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::ceil(request.timeout_seconds * 1000.0)));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM in threads
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
  CURLMcode code = curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
  if (code != CURLM_OK) {
    return Status::Internal(fmt::format("curl_multi_add_handle: {}", curl_multi_strerror(code)));
  }
  active->push_back(std::move(transfer));
  return Status::OK();
}

void HttpClient::Finish(Transfer* transfer, int curl_code) {
  HttpResponse* response = transfer->response;
  const HttpRequest& request = *transfer->request;
  const char* method = request.body.empty() ? "GET" : "POST";
  if (curl_code == CURLE_OK) {
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &response->status);
    return;
  }
  response->status = 0;
  response->timed_out = curl_code == CURLE_OPERATION_TIMEDOUT;
  const char* detail = transfer->error[0] != '\0'
                           ? transfer->error
                           : curl_easy_strerror(static_cast<CURLcode>(curl_code));
  response->transport_error = Status::IoError(
      fmt::format("{} {}: {} (curl error {})", method, request.url, detail, curl_code));
}

Status HttpClient::PerformAll(std::span<const HttpRequest> requests, size_t max_concurrency,
                              std::vector<HttpResponse>* responses) {
  if (multi_ == nullptr) return Status::Internal("curl_multi_init failed (out of memory?)");
  if (max_concurrency == 0) return Status::InvalidArgument("HTTP max_concurrency must be >= 1");
  CURLM* multi = static_cast<CURLM*>(multi_);
  responses->assign(requests.size(), HttpResponse{});
  std::vector<std::unique_ptr<Transfer>> active;
  // Removes every still-running handle on any exit path, so the multi handle stays reusable.
  struct Cleanup {
    CURLM* multi;
    std::vector<std::unique_ptr<Transfer>>* active;
    ~Cleanup() {
      for (auto& t : *active) curl_multi_remove_handle(multi, t->easy);
    }
  } cleanup{multi, &active};

  size_t next = 0;
  while (next < requests.size() || !active.empty()) {
    while (next < requests.size() && active.size() < max_concurrency) {
      WINNOW_RETURN_IF_ERROR(Start(requests[next], &(*responses)[next], &active));
      ++next;
    }
    int running = 0;
    CURLMcode code = curl_multi_perform(multi, &running);
    if (code != CURLM_OK) {
      return Status::Internal(fmt::format("curl_multi_perform: {}", curl_multi_strerror(code)));
    }
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &transfer);
      Finish(transfer, msg->data.result);
      curl_multi_remove_handle(multi, transfer->easy);
      auto it = std::find_if(active.begin(), active.end(),
                             [&](const auto& t) { return t.get() == transfer; });
      active.erase(it);
    }
    if (running > 0) {
      code = curl_multi_poll(multi, nullptr, 0, /*timeout_ms=*/100, nullptr);
      if (code != CURLM_OK) {
        return Status::Internal(fmt::format("curl_multi_poll: {}", curl_multi_strerror(code)));
      }
    }
  }
  return Status::OK();
}

}  // namespace winnow
