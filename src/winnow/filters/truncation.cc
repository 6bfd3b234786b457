#include "winnow/filters/truncation.h"

#include <utf8proc.h>

#include <vector>

#include "winnow/common/utf8.h"
#include "winnow/filters/conversation_turns.h"
#include "winnow/text/punctuation.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

constexpr size_t kTailInReason = 40;  // code points of the response's end shown in reasons

bool IsCloser(uint32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case '*':
    case '_':
    case '`':
    case '~':
    case 0x00BB:  // »
    case 0x203A:  // ›
    case 0x201D:  // ”
    case 0x2019:  // ’
    case 0x300D:  // 」
    case 0x300F:  // 』
    case 0x3009:  // 〉
    case 0x300B:  // 》
    case 0x3011:  // 】
    case 0x3015:  // 〕
    case 0xFF09:  // ）
    case 0xFF3D:  // ］
    case 0xFF5D:  // ｝
      return true;
    default:
      return false;
  }
}

// Emoji and other pictographs close a chat message as a full stop does.
bool IsPictograph(uint32_t c) {
  if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF)) return true;
  return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_SO;
}

// Start of the code point that ends `text` (non-empty).
size_t LastCodePointStart(std::string_view text) {
  size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

bool IsFence(std::string_view line) {
  line = PythonStrip(line);
  return line.starts_with("```") || line.starts_with("~~~");
}

bool EndsWithStructure(std::string_view text) {
  const size_t newline = text.rfind('\n');
  const std::string_view last =
      PythonStrip(newline == std::string_view::npos ? text : text.substr(newline + 1));
  if (last.starts_with('|') && last.ends_with('|') && last.size() > 1) return true;
  if (!IsFence(last)) return false;
  // The last fence closes a block when the fences pair up.
  size_t fences = 0;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    fences += IsFence(text.substr(begin, end - begin)) ? 1 : 0;
    begin = end + 1;
  }
  return fences % 2 == 0;
}

std::string Tail(std::string_view text) {
  text = PythonRStrip(text);
  size_t start = text.size();
  for (size_t kept = 0; start > 0 && kept < kTailInReason; ++kept) {
    start = LastCodePointStart(text.substr(0, start));
  }
  return std::string(start > 0 ? "…" : "") + Snippet(text.substr(start), kTailInReason + 1);
}

bool IsCutOff(std::string_view reason) {
  return reason == "length" || reason == "max_tokens" || reason == "MAX_TOKENS";
}

}  // namespace

bool EndsComplete(std::string_view text) {
  text = PythonRStrip(text);
  if (text.empty()) return false;
  if (EndsWithStructure(text)) return true;
  while (!text.empty()) {
    const size_t start = LastCodePointStart(text);
    size_t pos = start;
    const uint32_t c = DecodeUtf8(text, &pos);
    if (c == 0xFE0F || c == 0x200D) {  // emoji presentation selector, zero-width joiner
      text.remove_suffix(text.size() - start);
      continue;
    }
    if (IsCloser(c)) {
      text = PythonRStrip(text.substr(0, start));
      continue;
    }
    return IsTerminalPunctuation(c) || c == 0x2026 || IsPictograph(c);
  }
  return false;
}

std::string_view TruncationFilter::CutOffReason(const FilterDocument& doc,
                                                const simdjson::dom::object* message) const {
  std::string_view reason;
  if (message != nullptr && !message->at_key("finish_reason").get_string().get(reason) &&
      IsCutOff(reason)) {
    return reason;
  }
  simdjson::dom::element value;
  const std::optional<FieldPath>& field = options_.finish_reason_field;
  if (doc.record() != nullptr && field && !field->has_wildcard() &&
      !field->Get(*doc.record()).get(value) && !value.get_string().get(reason) &&
      IsCutOff(reason)) {
    return reason;
  }
  return {};
}

void TruncationFilter::Check(FilterDocument& doc, FilterResult* result) const {
  if (doc.blank() && result->Fail("empty", "no text")) return;
  std::vector<ConversationTurn> turns;
  std::string_view response = doc.text();
  const simdjson::dom::object* message = nullptr;
  bool tool_call = false;
  if (ReadConversation(doc.record(), options_.field, &turns, &doc.scratch_string())) {
    const int last = LastTurnOf(turns, "assistant");
    if (last < 0 || last + 1 != static_cast<int>(turns.size())) {
      if (options_.require_response) {
        result->Fail("no_response",
                     last < 0 ? "no assistant turn"
                              : "the conversation ends with a " +
                                    std::string(turns.back().role.empty() ? "role-less"
                                                                          : turns.back().role) +
                                    " turn");
      }
      return;
    }
    response = turns[last].text;
    message = &turns[last].message;
    tool_call = turns[last].has_tool_calls;
    if (IsBlank(response) && !tool_call) {
      if (result->Fail("empty_response", "the final assistant turn is blank")) return;
    }
  }
  if (options_.check_finish_reason) {
    std::string_view reason = CutOffReason(doc, message);
    if (!reason.empty() &&
        result->Fail("finish_reason_length", "finish_reason is \"" + std::string(reason) + "\"")) {
      return;
    }
  }
  if (options_.terminal_punctuation && !tool_call && !IsBlank(response) &&
      !EndsComplete(response)) {
    result->Fail("no_terminal_punctuation", "ends with \"" + Tail(response) + "\"");
  }
}

Result<std::unique_ptr<Filter>> CreateTruncationFilter(StepOptions& options) {
  TruncationOptions o;
  WINNOW_ASSIGN_OR_RETURN(std::string field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(o.field, FieldPath::Parse(field));
  WINNOW_ASSIGN_OR_RETURN(o.require_response, options.GetBool("require_response", true));
  WINNOW_ASSIGN_OR_RETURN(o.terminal_punctuation, options.GetBool("terminal_punctuation", true));
  WINNOW_ASSIGN_OR_RETURN(o.check_finish_reason, options.GetBool("check_finish_reason", true));
  WINNOW_ASSIGN_OR_RETURN(std::string finish,
                          options.GetString("finish_reason_field", "finish_reason"));
  if (!finish.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(finish));
    o.finish_reason_field = std::move(path);
  }
  return std::unique_ptr<Filter>(new TruncationFilter(std::move(o)));
}

}  // namespace winnow
