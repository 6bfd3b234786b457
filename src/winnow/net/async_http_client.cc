#include "winnow/net/async_http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cmath>
#include <mutex>

namespace winnow {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

long CurlHttpVersion(HttpVersion version) {
  switch (version) {
    case HttpVersion::kHttp11:
      return CURL_HTTP_VERSION_1_1;
    case HttpVersion::kHttp2PriorKnowledge:
      return CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
    case HttpVersion::kDefault:
      break;
  }
  return CURL_HTTP_VERSION_2TLS;
}

}  // namespace

// Never undone: other libraries in the process may still use libcurl at exit.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status CheckHttpVersionSupport(HttpVersion version) {
  if (version != HttpVersion::kHttp2PriorKnowledge) return Status::OK();
  InitCurlOnce();
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if ((info->features & CURL_VERSION_HTTP2) == 0) {
    return Status::InvalidArgument(fmt::format(
        "HTTP/2 without TLS needs a libcurl built with HTTP/2; this one ({}) is not: use "
        "http: auto or 1.1",
        info->version));
  }
  if (info->version_num < 0x080000) {
    return Status::InvalidArgument(fmt::format(
        "HTTP/2 without TLS (http: 2) is broken in libcurl {} (reused connections fail with "
        "\"Error in the HTTP2 framing layer\", curl issue #10634, fixed in 8.0.0): use http: "
        "auto (HTTP/2 over https) or 1.1",
        info->version));
  }
  return Status::OK();
}

std::string_view HttpResponse::Header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return value;
  }
  return {};
}

struct AsyncHttpClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  HttpRequest request;
  HttpResponse response;
  uint64_t tag = 0;
  char error[CURL_ERROR_SIZE] = {};

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    curl_slist_free_all(header_list);
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    static_cast<Transfer*>(user)->response.body.append(data, size * count);
    return size * count;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    // A status line starts a new header block (after "100 Continue" or a proxy's answer).
    if (line.starts_with("HTTP/")) {
      self->response.headers.clear();
      return size * count;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * count;
    std::string name(Trim(line.substr(0, colon)));
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    self->response.headers.emplace_back(std::move(name), std::string(Trim(line.substr(colon + 1))));
    return size * count;
  }
};

void AsyncHttpClient::TransferDeleter::operator()(Transfer* transfer) const {
  std::default_delete<Transfer>()(transfer);
}

AsyncHttpClient::AsyncHttpClient() {
  InitCurlOnce();
  multi_ = curl_multi_init();
  if (multi_ != nullptr) {
    // Several requests share one HTTP/2 connection instead of opening one each.
    curl_multi_setopt(static_cast<CURLM*>(multi_), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  }
}

AsyncHttpClient::~AsyncHttpClient() {
  if (multi_ == nullptr) return;
  CURLM* multi = static_cast<CURLM*>(multi_);
  // Transfers still running are abandoned: detach them before the multi handle goes.
  for (auto& [raw, transfer] : active_) curl_multi_remove_handle(multi, raw->easy);
  active_.clear();
  curl_multi_cleanup(multi);
}

Status AsyncHttpClient::Start(HttpRequest request, uint64_t tag) {
  if (multi_ == nullptr) return Status::Internal("curl_multi_init failed (out of memory?)");
  auto transfer = std::make_unique<Transfer>();
  transfer->request = std::move(request);
  transfer->tag = tag;
  transfer->easy = curl_easy_init();
  if (transfer->easy == nullptr) return Status::Internal("curl_easy_init failed (out of memory?)");
  CURL* easy = transfer->easy;
  const HttpRequest& req = transfer->request;
  for (const std::string& header : req.headers) {
    transfer->header_list = curl_slist_append(transfer->header_list, header.c_str());
  }
  // An empty "Expect:" stops libcurl from waiting for "100 Continue" before large bodies.
  transfer->header_list = curl_slist_append(transfer->header_list, "Expect:");
  curl_easy_setopt(easy, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->header_list);
  if (!req.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::ceil(req.timeout_seconds * 1000.0)));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM in threads
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CurlHttpVersion(req.version));
  // Where HTTP/2 is possible, wait to multiplex on an open connection rather than open more. Not
  // for plain HTTP/1.1: libcurl would hold every request until the first answer arrives.
  if (req.version == HttpVersion::kHttp2PriorKnowledge || req.url.starts_with("https://")) {
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  }
  if (!req.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, req.ca_file.c_str());
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
  Transfer* raw = transfer.get();
  active_.emplace(raw, std::unique_ptr<Transfer, TransferDeleter>(transfer.release()));
  return Status::OK();
}

void AsyncHttpClient::Finish(Transfer* transfer, int curl_code) {
  HttpResponse& response = transfer->response;
  if (curl_code == CURLE_OK) {
    curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &response.status);
    long version = 0;
    curl_easy_getinfo(transfer->easy, CURLINFO_HTTP_VERSION, &version);
    switch (version) {
      case CURL_HTTP_VERSION_1_0:
      case CURL_HTTP_VERSION_1_1:
        response.http_major_version = 1;
        break;
      case CURL_HTTP_VERSION_2_0:
        response.http_major_version = 2;
        break;
      case CURL_HTTP_VERSION_3:
        response.http_major_version = 3;
        break;
      default:
        response.http_major_version = 0;
    }
    return;
  }
  const HttpRequest& request = transfer->request;
  response.status = 0;
  response.timed_out = curl_code == CURLE_OPERATION_TIMEDOUT;
  const char* detail = transfer->error[0] != '\0'
                           ? transfer->error
                           : curl_easy_strerror(static_cast<CURLcode>(curl_code));
  response.transport_error = Status::IoError(fmt::format("{} {}: {} (curl error {})",
                                                         request.body.empty() ? "GET" : "POST",
                                                         request.url, detail, curl_code));
}

Status AsyncHttpClient::Poll(int max_wait_ms,
                             std::vector<std::pair<uint64_t, HttpResponse>>* finished) {
  if (multi_ == nullptr) return Status::Internal("curl_multi_init failed (out of memory?)");
  CURLM* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  CURLMcode code = curl_multi_perform(multi, &running);
  if (code != CURLM_OK) {
    return Status::Internal(fmt::format("curl_multi_perform: {}", curl_multi_strerror(code)));
  }
  size_t before = finished->size();
  auto collect = [&] {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* raw = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
      Finish(raw, msg->data.result);
      curl_multi_remove_handle(multi, raw->easy);
      finished->emplace_back(raw->tag, std::move(raw->response));
      active_.erase(raw);
    }
  };
  collect();
  if (finished->size() == before && max_wait_ms > 0) {
    code = curl_multi_poll(multi, nullptr, 0, max_wait_ms, nullptr);
    if (code != CURLM_OK) {
      return Status::Internal(fmt::format("curl_multi_poll: {}", curl_multi_strerror(code)));
    }
    code = curl_multi_perform(multi, &running);
    if (code != CURLM_OK) {
      return Status::Internal(fmt::format("curl_multi_perform: {}", curl_multi_strerror(code)));
    }
    collect();
  }
  return Status::OK();
}

void AsyncHttpClient::Wakeup() {
  if (multi_ != nullptr) curl_multi_wakeup(static_cast<CURLM*>(multi_));
}

}  // namespace winnow
