// Python's two string-formatting mini-languages: "%s" % args and "{}".format(args).

#include <cstdio>

#include "winnow/common/utf8.h"
#include "winnow/template/python_format.h"

namespace winnow::jinja {
namespace {

// One conversion's flags, width and precision (shared by both languages).
struct Spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^', '=' or 0 for the type's default
  char sign = '-';
  bool alternate = false;
  bool zero = false;
  int width = -1;
  int precision = -1;
  char grouping = 0;
  char type = 0;
};

void Pad(std::string body, const Spec& spec, bool numeric, std::string* out) {
  size_t length = CountCodePoints(body);
  size_t width = spec.width < 0 ? 0 : static_cast<size_t>(spec.width);
  if (length >= width) {
    out->append(body);
    return;
  }
  size_t pad = width - length;
  char align = spec.align != 0 ? spec.align : (numeric ? '>' : '<');
  if (align == '=' || (spec.zero && numeric && spec.align == 0)) {
    size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
    char fill = spec.align == '=' ? spec.fill : '0';
    body.insert(sign, pad, fill);
    out->append(body);
  } else if (align == '<') {
    out->append(body).append(pad, spec.fill);
  } else if (align == '^') {
    out->append(pad / 2, spec.fill).append(body).append(pad - pad / 2, spec.fill);
  } else {
    out->append(pad, spec.fill).append(body);
  }
}

std::string Group(std::string digits, char separator) {
  size_t start = !digits.empty() && (digits[0] == '-' || digits[0] == '+') ? 1 : 0;
  size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  for (size_t i = end; i > start + 3; i -= 3) digits.insert(i - 3, 1, separator);
  return digits;
}

std::string Truncate(const std::string& text, int precision) {
  if (precision < 0) return text;
  size_t pos = 0;
  for (int i = 0; i < precision && pos < text.size(); ++i) DecodeUtf8(text, &pos);
  return text.substr(0, pos);
}

std::string SignPrefix(bool negative, char sign) {
  if (negative) return "-";
  return sign == '+' ? "+" : (sign == ' ' ? " " : "");
}

std::string FormatInt(int64_t value, const Spec& spec, char type) {
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits;
  int base = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
  const char* alphabet = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits.insert(digits.begin(), alphabet[magnitude % static_cast<uint64_t>(base)]);
    magnitude /= static_cast<uint64_t>(base);
  } while (magnitude != 0);
  if (spec.precision > 0 && digits.size() < static_cast<size_t>(spec.precision)) {
    digits.insert(0, static_cast<size_t>(spec.precision) - digits.size(), '0');
  }
  if (spec.grouping != 0 && base == 10) digits = Group(digits, spec.grouping);
  std::string prefix = SignPrefix(negative, spec.sign);
  if (spec.alternate && base != 10)
    prefix += type == 'X' ? "0X" : type == 'x' ? "0x" : type == 'o' ? "0o" : "0b";
  return prefix + digits;
}

std::string FormatFloat(double value, const Spec& spec, char type) {
  if (type == '%') value *= 100;
  char c_type = type == '%' ? 'f' : type;
  int precision = spec.precision < 0 ? 6 : spec.precision;
  char format[16];
  std::snprintf(format, sizeof format, "%%%s%s.%d%c",
                spec.sign == '+'   ? "+"
                : spec.sign == ' ' ? " "
                                   : "",
                spec.alternate ? "#" : "", precision, c_type);
  char buf[512];
  int n = std::snprintf(buf, sizeof buf, format, value);
  std::string text(buf, n < 0 ? 0 : std::min<size_t>(static_cast<size_t>(n), sizeof buf - 1));
  if (spec.grouping != 0) text = Group(text, spec.grouping);
  if (type == '%') text += '%';
  return text;
}

Result<std::string> FormatNumber(const Value& value, const Spec& spec, char type) {
  if (!value.is_number()) {
    return Error(Status::InvalidArgument("format requires a number for '" + std::string(1, type) +
                                         "', not " + std::string(value.TypeName())));
  }
  if (type == 'd' || type == 'i' || type == 'u' || type == 'x' || type == 'X' || type == 'o' ||
      type == 'b') {
    if (value.is_float() && !(value.as_float() > -9.2e18 && value.as_float() < 9.2e18)) {
      return Error(Status::InvalidArgument("cannot format a float this large as an integer"));
    }
    return FormatInt(value.as_int(), spec, type == 'i' || type == 'u' ? 'd' : type);
  }
  return FormatFloat(value.as_float(), spec, type);
}

std::string StrOf(const Value& value, bool repr) {
  std::string text;
  if (repr) {
    value.AppendRepr(&text);
  } else {
    value.AppendStr(&text);
  }
  return text;
}

Status Convert(const Value& value, const Spec& spec, std::string* out) {
  char type = spec.type;
  if (type == 's' || type == 'r' || type == 'a' || (type == 0 && !value.is_number())) {
    Pad(Truncate(StrOf(value, type == 'r' || type == 'a'), spec.precision), spec, false, out);
    return Status::OK();
  }
  if (type == 'c') {
    std::string text;
    if (value.is_int() && value.as_int() >= 0 && value.as_int() <= 0x10FFFF) {
      AppendUtf8(static_cast<uint32_t>(value.as_int()), &text);
    } else if (value.is_string()) {
      text = value.as_string();
    } else {
      return Status::InvalidArgument("%c requires an int or a character");
    }
    Pad(text, spec, false, out);
    return Status::OK();
  }
  if (type == 0) {  // a number with no type: str(), or general format with a precision
    if (spec.precision >= 0 && value.is_float()) type = 'g';
    if (type == 0) {
      std::string text = StrOf(value, false);
      if (spec.sign == '+' && value.as_float() >= 0) text = "+" + text;
      Pad(spec.grouping ? Group(text, spec.grouping) : text, spec, true, out);
      return Status::OK();
    }
  }
  if (type == 'n') type = value.is_float() ? 'g' : 'd';
  WINNOW_ASSIGN_OR_RETURN(std::string text, FormatNumber(value, spec, type));
  Pad(text, spec, true, out);
  return Status::OK();
}

int ReadNumber(std::string_view text, size_t* pos) {
  int number = 0;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    if (number < 100000) number = number * 10 + (text[*pos] - '0');
    ++*pos;
  }
  return number;
}

// Parses "%[(name)][flags][width][.precision]type" after the '%'.
Result<Spec> ParsePercentSpec(std::string_view format, size_t* pos, std::string* name) {
  Spec spec;
  if (*pos < format.size() && format[*pos] == '(') {
    size_t close = format.find(')', *pos);
    if (close == std::string_view::npos)
      return Error(Status::InvalidArgument("incomplete format key"));
    *name = std::string(format.substr(*pos + 1, close - *pos - 1));
    *pos = close + 1;
  }
  for (; *pos < format.size(); ++*pos) {
    char c = format[*pos];
    if (c == '-')
      spec.align = '<';
    else if (c == '+' || c == ' ')
      spec.sign = spec.sign == '+' ? '+' : c;
    else if (c == '#')
      spec.alternate = true;
    else if (c == '0')
      spec.zero = true;
    else
      break;
  }
  if (spec.align == '<') spec.zero = false;
  if (*pos < format.size() && format[*pos] >= '0' && format[*pos] <= '9')
    spec.width = ReadNumber(format, pos);
  if (*pos < format.size() && format[*pos] == '.') {
    ++*pos;
    spec.precision = ReadNumber(format, pos);
  }
  while (*pos < format.size() &&
         (format[*pos] == 'l' || format[*pos] == 'h' || format[*pos] == 'L'))
    ++*pos;
  if (*pos >= format.size()) return Error(Status::InvalidArgument("incomplete format"));
  spec.type = format[(*pos)++];
  if (std::string_view("sradiuxXoeEfFgGc").find(spec.type) == std::string_view::npos) {
    return Error(
        Status::InvalidArgument(std::string("unsupported format character '") + spec.type + "'"));
  }
  return spec;
}

}  // namespace

Result<std::string> PercentFormat(std::string_view format, const Value& args) {
  std::vector<Value> positional;
  if (args.is_tuple()) {
    positional = args.items();
  } else {
    positional.push_back(args);
  }
  size_t next = 0;
  bool used_mapping = false;
  std::string out;
  for (size_t pos = 0; pos < format.size();) {
    size_t percent = format.find('%', pos);
    out.append(format.substr(pos, percent - pos));
    if (percent == std::string_view::npos) break;
    pos = percent + 1;
    if (pos < format.size() && format[pos] == '%') {
      out.push_back('%');
      ++pos;
      continue;
    }
    std::string name;
    WINNOW_ASSIGN_OR_RETURN(Spec spec, ParsePercentSpec(format, &pos, &name));
    const Value* value = nullptr;
    if (!name.empty() || (spec.type && used_mapping)) {
      if (!args.is_object()) return Error(Status::InvalidArgument("format requires a mapping"));
      used_mapping = true;
      value = args.Find(name);
      if (value == nullptr)
        return Error(Status::InvalidArgument("format key '" + name + "' not found"));
    } else {
      if (next >= positional.size()) {
        return Error(Status::InvalidArgument("not enough arguments for format string"));
      }
      value = &positional[next++];
    }
    WINNOW_RETURN_IF_ERROR(Convert(*value, spec, &out));
  }
  if (!used_mapping && next < positional.size() && !(args.is_object() && next == 0)) {
    return Error(Status::InvalidArgument("not all arguments converted during string formatting"));
  }
  return out;
}

namespace {

// Parses a str.format spec: [[fill]align][sign][#][0][width][,|_][.precision][type].
Result<Spec> ParseBraceSpec(std::string_view text) {
  Spec spec;
  size_t pos = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (text.size() >= 2 && is_align(text[1])) {
    spec.fill = text[0];
    spec.align = text[1];
    pos = 2;
  } else if (!text.empty() && is_align(text[0])) {
    spec.align = text[0];
    pos = 1;
  }
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-' || text[pos] == ' '))
    spec.sign = text[pos++];
  if (pos < text.size() && text[pos] == '#') spec.alternate = true, ++pos;
  if (pos < text.size() && text[pos] == '0') spec.zero = true, ++pos;
  if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
    spec.width = ReadNumber(text, &pos);
  if (pos < text.size() && (text[pos] == ',' || text[pos] == '_')) spec.grouping = text[pos++];
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    spec.precision = ReadNumber(text, &pos);
  }
  if (pos < text.size()) spec.type = text[pos++];
  if (pos != text.size() || (spec.type && std::string_view("sdbcoxXeEfFgGn%").find(spec.type) ==
                                              std::string_view::npos)) {
    return Error(Status::InvalidArgument("invalid format spec '" + std::string(text) + "'"));
  }
  return spec;
}

Result<Value> LookUpField(std::string_view name, const CallArgs& args, size_t* next_auto) {
  if (name.empty()) {
    if (*next_auto >= args.positional.size()) {
      return Error(Status::InvalidArgument("Replacement index " + std::to_string(*next_auto) +
                                           " out of range for positional args tuple"));
    }
    return args.positional[(*next_auto)++];
  }
  if (name[0] >= '0' && name[0] <= '9') {
    size_t pos = 0;
    size_t index = static_cast<size_t>(ReadNumber(name, &pos));
    if (pos != name.size() || index >= args.positional.size()) {
      return Error(Status::InvalidArgument("Replacement index " + std::string(name) +
                                           " out of range for positional args tuple"));
    }
    return args.positional[index];
  }
  for (const auto& [key, value] : args.keyword) {
    if (key == name) return value;
  }
  return Error(Status::InvalidArgument("format field '" + std::string(name) + "' not given"));
}

}  // namespace

Result<std::string> BraceFormat(std::string_view format, const CallArgs& args) {
  std::string out;
  size_t next_auto = 0;
  for (size_t pos = 0; pos < format.size();) {
    char c = format[pos];
    if (c == '}') {
      if (pos + 1 < format.size() && format[pos + 1] == '}') {
        out.push_back('}');
        pos += 2;
        continue;
      }
      return Error(Status::InvalidArgument("Single '}' encountered in format string"));
    }
    if (c != '{') {
      out.push_back(c);
      ++pos;
      continue;
    }
    if (pos + 1 < format.size() && format[pos + 1] == '{') {
      out.push_back('{');
      pos += 2;
      continue;
    }
    size_t close = format.find('}', pos);
    if (close == std::string_view::npos) {
      return Error(Status::InvalidArgument("Single '{' encountered in format string"));
    }
    std::string_view field = format.substr(pos + 1, close - pos - 1);
    pos = close + 1;
    size_t colon = field.find(':');
    std::string_view spec_text = colon == std::string_view::npos ? "" : field.substr(colon + 1);
    field = field.substr(0, colon);
    size_t bang = field.find('!');
    char conversion =
        bang != std::string_view::npos && bang + 1 < field.size() ? field[bang + 1] : 0;
    WINNOW_ASSIGN_OR_RETURN(Value value, LookUpField(field.substr(0, bang), args, &next_auto));
    WINNOW_ASSIGN_OR_RETURN(Spec spec, ParseBraceSpec(spec_text));
    if (conversion == 'r' || conversion == 's' || conversion == 'a') {
      value = Value(StrOf(value, conversion != 's'));
    }
    if (spec.type == 0 && value.is_string()) spec.type = 's';
    if (value.is_float() &&
        (spec.type == 'd' || spec.type == 'x' || spec.type == 'b' || spec.type == 'o')) {
      return Error(Status::InvalidArgument(std::string("Unknown format code '") + spec.type +
                                           "' for object of type 'float'"));
    }
    if (spec.type == 's' && !value.is_string()) {
      return Error(Status::InvalidArgument("Unknown format code 's' for object of type '" +
                                           std::string(value.TypeName()) + "'"));
    }
    WINNOW_RETURN_IF_ERROR(Convert(value, spec, &out));
  }
  return out;
}

}  // namespace winnow::jinja
