#include "winnow/convert/hh_transcript.h"

#include <fmt/format.h>

namespace winnow {
namespace {

constexpr std::string_view kHuman = "Human:";
constexpr std::string_view kAssistant = "Assistant:";

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// The next turn marker at or after `from`: "\n\nHuman:" or "\n\nAssistant:" (a marker must start
// a paragraph, so "Human:" inside a sentence is content). Returns npos when none.
size_t NextMarker(std::string_view text, size_t from, std::string_view* marker) {
  for (size_t at = text.find("\n\n", from); at != std::string_view::npos;
       at = text.find("\n\n", at + 1)) {
    std::string_view rest = text.substr(at + 2);
    if (rest.substr(0, kHuman.size()) == kHuman) {
      *marker = kHuman;
      return at;
    }
    if (rest.substr(0, kAssistant.size()) == kAssistant) {
      *marker = kAssistant;
      return at;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool LooksLikeHhTranscript(std::string_view text) {
  return Trim(text).substr(0, kHuman.size()) == kHuman;
}

Result<std::vector<ChatMessage>> ParseHhTranscript(std::string_view text, std::string_view field) {
  // Pretend the text starts with a paragraph break so the first marker is found like the rest.
  std::string padded = "\n\n" + std::string(Trim(text));
  std::string_view all(padded);
  std::vector<ChatMessage> messages;
  std::string_view marker;
  size_t at = NextMarker(all, 0, &marker);
  if (at != 0) {
    return Error(Status::InvalidArgument(
        fmt::format("{}: not an HH transcript (it must start with \"Human:\")", field)));
  }
  while (at != std::string_view::npos) {
    std::string_view role = marker == kHuman ? "user" : "assistant";
    size_t content_start = at + 2 + marker.size();
    std::string_view next_marker;
    size_t next = NextMarker(all, content_start, &next_marker);
    std::string_view content =
        all.substr(content_start, next == std::string_view::npos ? all.npos : next - content_start);
    messages.push_back(ChatMessage::Text(std::string(role), Trim(content)));
    at = next;
    marker = next_marker;
  }
  return messages;
}

}  // namespace winnow
