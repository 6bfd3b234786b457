#include "winnow/tasks/answer_text.h"

#include <fmt/format.h>

#include "winnow/common/utf8.h"
#include "winnow/text/python_str.h"

namespace winnow::tasks {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool EqualsIgnoringAsciiCaseAt(std::string_view text, size_t pos, std::string_view lower) {
  if (text.size() - pos < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (LowerAscii(text[pos + i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t pos = 0; pos + needle.size() <= text.size(); ++pos) {
    if (EqualsIgnoringAsciiCaseAt(text, pos, needle)) return true;
  }
  return false;
}

bool StartsWithIgnoringAsciiCase(std::string_view text, std::string_view prefix) {
  return EqualsIgnoringAsciiCaseAt(text, 0, prefix);
}

Result<int> ParseBoundedInt(std::string_view token, int min, int max, std::string_view what) {
  auto fail = [&] {
    return Error(Status::InvalidInput(fmt::format("{} {} is not an integer from {} to {}", what,
                                                  QuoteForError(token), min, max)));
  };
  if (token.empty() || token.size() > 9) return fail();
  int value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return fail();
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return fail();
  return value;
}

std::string QuoteForError(std::string_view text) { return "\"" + Snippet(text, 60) + "\""; }

std::string_view StripCodeFence(std::string_view reply) {
  std::string_view text = PythonStrip(reply);
  if (!text.starts_with("```") || text.size() < 6 || !text.ends_with("```")) return text;
  std::string_view inner = text.substr(3, text.size() - 6);
  // The info string ("json") runs to the end of the fence's first line.
  const size_t line_end = inner.find('\n');
  if (line_end == std::string_view::npos) return text;
  return PythonStrip(inner.substr(line_end + 1));
}

}  // namespace winnow::tasks
