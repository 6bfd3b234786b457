#include "winnow/template/python_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "winnow/common/utf8.h"
#include "winnow/record/json_writer.h"

namespace winnow::jinja {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendHexEscape(const char* prefix, uint32_t code, int digits, std::string* out) {
  out->append(prefix);
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out->push_back(kHex[(code >> shift) & 0xF]);
}

// json.dumps's escaping: quotes, backslashes and control characters always; everything beyond
// printable ASCII too when ensure_ascii. winnow's JSON writer escapes the same way (invalid UTF-8
// becomes U+FFFD in both).
void AppendJsonString(std::string_view text, bool ensure_ascii, std::string* out) {
  if (ensure_ascii) {
    winnow::AppendJsonStringAscii(text, out);
  } else {
    winnow::AppendJsonString(text, out);
  }
}

class JsonPrinter {
 public:
  JsonPrinter(const JsonStyle& style, std::string* out) : style_(style), out_(out) {}

  Status Print(const Value& value, int depth) {
    if (depth > kMaxValueDepth) return Status::InvalidArgument("value nested too deeply for JSON");
    switch (value.kind()) {
      case ValueKind::kNone:
        out_->append("null");
        return Status::OK();
      case ValueKind::kBool:
        out_->append(value.as_bool() ? "true" : "false");
        return Status::OK();
      case ValueKind::kInt:
        out_->append(std::to_string(value.as_int()));
        return Status::OK();
      case ValueKind::kFloat:
        return PrintFloat(value.as_float());
      case ValueKind::kString:
        AppendJsonString(value.as_string(), style_.ensure_ascii, out_);
        return Status::OK();
      case ValueKind::kArray:
        return PrintArray(value, depth);
      case ValueKind::kObject:
        return PrintObject(value, depth);
      default:
        if (style_.lenient) {
          out_->append("null");
          return Status::OK();
        }
        return Status::InvalidArgument("Object of type " + std::string(value.TypeName()) +
                                       " is not JSON serializable");
    }
  }

 private:
  Status TooLarge() const {
    return Status::InvalidArgument("JSON text exceeds " + std::to_string(style_.max_bytes) +
                                   " bytes");
  }

  Status PrintFloat(double number) {
    if (std::isnan(number)) {
      out_->append(style_.lenient ? "null" : "NaN");
    } else if (std::isinf(number)) {
      out_->append(style_.lenient ? "null" : (number > 0 ? "Infinity" : "-Infinity"));
    } else {
      AppendPythonFloat(number, out_);
    }
    return Status::OK();
  }

  void NewLine(int depth) {
    if (!style_.indent_enabled) return;
    out_->push_back('\n');
    for (int i = 0; i < depth; ++i) out_->append(style_.indent);
  }

  Status PrintArray(const Value& value, int depth) {
    const auto& items = value.items();
    if (items.empty()) {
      out_->append("[]");
      return Status::OK();
    }
    out_->push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (out_->size() > style_.max_bytes) return TooLarge();
      if (i > 0) out_->append(style_.item_separator);
      NewLine(depth + 1);
      WINNOW_RETURN_IF_ERROR(Print(items[i], depth + 1));
    }
    NewLine(depth);
    out_->push_back(']');
    return Status::OK();
  }

  Status PrintObject(const Value& value, int depth) {
    std::vector<const std::pair<std::string, Value>*> entries;
    for (const auto& entry : value.entries()) entries.push_back(&entry);
    if (entries.empty()) {
      out_->append("{}");
      return Status::OK();
    }
    if (style_.sort_keys) {
      std::sort(entries.begin(), entries.end(),
                [](const auto* a, const auto* b) { return a->first < b->first; });
    }
    out_->push_back('{');
    for (size_t i = 0; i < entries.size(); ++i) {
      if (out_->size() > style_.max_bytes) return TooLarge();
      if (i > 0) out_->append(style_.item_separator);
      NewLine(depth + 1);
      AppendJsonString(entries[i]->first, style_.ensure_ascii, out_);
      out_->append(style_.key_separator);
      WINNOW_RETURN_IF_ERROR(Print(entries[i]->second, depth + 1));
    }
    NewLine(depth);
    out_->push_back('}');
    return Status::OK();
  }

  const JsonStyle& style_;
  std::string* out_;
};

}  // namespace

void AppendPythonFloat(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("nan");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "inf" : "-inf");
    return;
  }
  // Shortest round-trip digits in scientific form, e.g. "-1.2345e+02", then laid out by
  // Python's repr rule: scientific when the decimal exponent is below -4 or above 15.
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view text(buf, static_cast<size_t>(result.ptr - buf));
  if (text.front() == '-') {
    out->push_back('-');
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::string_view exp_text = text.substr(e + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  int point = exponent + 1;  // digits are 0.DIGITS x 10^point
  if (point > -4 && point <= 16) {
    if (point <= 0) {
      out->append("0.").append(static_cast<size_t>(-point), '0').append(digits);
    } else if (static_cast<size_t>(point) >= digits.size()) {
      out->append(digits).append(static_cast<size_t>(point) - digits.size(), '0').append(".0");
    } else {
      out->append(digits, 0, static_cast<size_t>(point));
      out->push_back('.');
      out->append(digits, static_cast<size_t>(point));
    }
    return;
  }
  out->push_back(digits[0]);
  if (digits.size() > 1) out->append(".").append(digits, 1);
  out->push_back('e');
  out->push_back(exponent < 0 ? '-' : '+');
  std::string magnitude = std::to_string(exponent < 0 ? -exponent : exponent);
  if (magnitude.size() < 2) out->push_back('0');
  out->append(magnitude);
}

void AppendPythonStringRepr(std::string_view text, std::string* out) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  out->push_back(quote);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (ch == '\n') {
      out->append("\\n");
    } else if (ch == '\r') {
      out->append("\\r");
    } else if (ch == '\t') {
      out->append("\\t");
    } else if (c < 0x20 || c == 0x7F) {
      AppendHexEscape("\\x", c, 2, out);
    } else {
      out->push_back(ch);
    }
  }
  out->push_back(quote);
}

Status AppendPythonJson(const Value& value, const JsonStyle& style, std::string* out) {
  JsonPrinter printer(style, out);
  return printer.Print(value, 0);
}

}  // namespace winnow::jinja
