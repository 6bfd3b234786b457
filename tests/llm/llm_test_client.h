#pragma once

// Raw HTTP helpers for tests that talk to TestLlmServer: bodies built by hand and sent with
// winnow's HttpClient, answers read with simdjson.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "llm/test_llm_server.h"
#include "winnow/net/http_client.h"
#include "winnow/record/json_writer.h"

namespace winnow::testutil {

// {"model": model, "messages": [{"role": "user", "content": user}] <extra>}; `extra` is more
// members, starting with a comma.
inline std::string ChatBody(std::string_view user, std::string_view extra = "",
                            std::string_view model = "test-model") {
  std::string body = "{\"model\":";
  AppendJsonString(model, &body);
  body += ",\"messages\":[{\"role\":\"user\",\"content\":";
  AppendJsonString(user, &body);
  body += "}]";
  body += extra;
  body += "}";
  return body;
}

inline HttpRequest PostRequest(const TestLlmServer& server, std::string_view route,
                               std::string body, double timeout_seconds = 5) {
  HttpRequest request;
  request.url = server.base_url() + std::string(route);
  request.body = std::move(body);
  request.headers.push_back("Content-Type: application/json");
  request.timeout_seconds = timeout_seconds;
  return request;
}

// Sends every request, `concurrency` at a time, on a fresh client.
inline std::vector<HttpResponse> SendAll(const std::vector<HttpRequest>& requests,
                                         size_t concurrency = 8) {
  HttpClient client;
  std::vector<HttpResponse> responses;
  EXPECT_TRUE(client.PerformAll(requests, concurrency, &responses).ok());
  return responses;
}

inline HttpResponse Send(const HttpRequest& request) { return SendAll({request}, 1)[0]; }

inline HttpResponse PostChat(const TestLlmServer& server, const std::string& body) {
  return Send(PostRequest(server, "/v1/chat/completions", body));
}

// choices[i].message.content of a chat completion ("<no content>" when absent).
inline std::string ContentOf(const std::string& response_body, size_t choice = 0) {
  simdjson::dom::parser parser;
  std::string_view content;
  if (parser.parse(response_body)["choices"].at(choice)["message"]["content"].get(content)) {
    return "<no content>";
  }
  return std::string(content);
}

inline std::string FinishReasonOf(const std::string& response_body, size_t choice = 0) {
  simdjson::dom::parser parser;
  std::string_view reason;
  if (parser.parse(response_body)["choices"].at(choice)["finish_reason"].get(reason)) {
    return "<no finish_reason>";
  }
  return std::string(reason);
}

}  // namespace winnow::testutil
