// Filters on text and single values: trim, upper, replace, indent, tojson, default, int, ...

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "winnow/common/html_escape.h"
#include "winnow/template/filters.h"
#include "winnow/template/python_format.h"
#include "winnow/template/string_ops.h"

namespace winnow::jinja {
namespace {

Status NoArguments(const CallArgs& args, std::string_view filter) {
  if (args.positional.empty() && args.keyword.empty()) return Status::OK();
  return Status::InvalidArgument("filter '" + std::string(filter) + "' takes no arguments");
}

Result<int64_t> IntArgument(const Value& value, int64_t fallback, std::string_view what) {
  if (value.is_undefined() || value.is_none()) return fallback;
  if (value.is_int() || value.is_bool()) return value.as_int();
  return Error(Status::InvalidArgument(std::string(what) + " must be an integer, got " +
                                       std::string(value.TypeName())));
}

Result<Value> TextFilter(const FilterEnv& env, const Value& input, CallArgs& args,
                         std::string_view name, std::string (*transform)(std::string_view)) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, name));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  return Value(transform(text));
}

Result<Value> UpperFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return TextFilter(env, input, args, "upper", Upper);
}
Result<Value> LowerFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return TextFilter(env, input, args, "lower", Lower);
}
Result<Value> CapitalizeFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return TextFilter(env, input, args, "capitalize", Capitalize);
}
Result<Value> TitleFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return TextFilter(env, input, args, "title", JinjaTitle);
}

Result<Value> StringFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, "string"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  return Value(std::move(text));
}

Result<Value> SafeFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, "safe"));
  return input;  // no autoescaping, so "safe" marks nothing
}

Result<Value> TrimFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"chars"}, "trim"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  const std::string* chars = bound[0].is_string() ? &bound[0].as_string() : nullptr;
  return Value(Strip(text, chars, true, true));
}

Result<Value> ReplaceFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"old", "new", "count"}, "replace"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  WINNOW_ASSIGN_OR_RETURN(std::string old_text, ToText(env, bound[0]));
  WINNOW_ASSIGN_OR_RETURN(std::string new_text, ToText(env, bound[1]));
  WINNOW_ASSIGN_OR_RETURN(int64_t count, IntArgument(bound[2], -1, "count"));
  std::string out;
  if (!Replace(text, old_text, new_text, count, env.max_bytes, &out)) {
    return Error(Status::InvalidArgument("replace() result would exceed " +
                                         std::to_string(env.max_bytes) + " bytes"));
  }
  return Value(std::move(out));
}

Result<Value> TruncateFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound,
                          Bind(args, {"length", "killwords", "end", "leeway"}, "truncate"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  WINNOW_ASSIGN_OR_RETURN(int64_t length, IntArgument(bound[0], 255, "length"));
  std::string end = bound[2].is_string() ? bound[2].as_string() : "...";
  WINNOW_ASSIGN_OR_RETURN(int64_t leeway, IntArgument(bound[3], 5, "leeway"));
  std::vector<uint32_t> chars = DecodeAll(text);
  int64_t end_length = static_cast<int64_t>(DecodeAll(end).size());
  if (length < end_length) {
    return Error(Status::InvalidArgument("expected length >= " + std::to_string(end_length) +
                                         ", got " + std::to_string(length)));
  }
  if (leeway < 0) return Error(Status::InvalidArgument("expected leeway >= 0"));
  if (static_cast<int64_t>(chars.size()) <= length + leeway) return Value(std::move(text));
  chars.resize(static_cast<size_t>(length - end_length));
  std::string kept = EncodeAll(chars);
  if (!bound[1].Truthy()) {
    size_t space = kept.rfind(' ');
    if (space != std::string::npos) kept.resize(space);
  }
  return Value(kept + end);
}

Result<Value> CenterFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"width"}, "center"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  WINNOW_ASSIGN_OR_RETURN(int64_t width, IntArgument(bound[0], 80, "width"));
  int64_t length = static_cast<int64_t>(DecodeAll(text).size());
  if (width <= length) return Value(std::move(text));
  if (static_cast<uint64_t>(width) > env.max_bytes)
    return Error(Status::InvalidArgument("center() width too large"));
  int64_t margin = width - length;
  int64_t left = margin / 2 + (margin & width & 1);  // CPython's rounding for odd margins
  return Value(std::string(static_cast<size_t>(left), ' ') + text +
               std::string(static_cast<size_t>(margin - left), ' '));
}

// Jinja2's do_indent, including its quirk of appending a newline before splitting lines.
Result<Value> IndentFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"width", "first", "blank"}, "indent"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  std::string indention;
  if (bound[0].is_string()) {
    indention = bound[0].as_string();
  } else {
    WINNOW_ASSIGN_OR_RETURN(int64_t width, IntArgument(bound[0], 4, "width"));
    if (width > 4096) return Error(Status::InvalidArgument("indent() width too large"));
    indention.assign(static_cast<size_t>(std::max<int64_t>(width, 0)), ' ');
  }
  std::vector<std::string> lines = SplitLines(text + "\n", false);
  if (indention.size() * lines.size() + text.size() > env.max_bytes) {
    return Error(Status::InvalidArgument("indent() result too large"));
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\n";
    bool indent_line = i > 0 && (bound[2].Truthy() || !lines[i].empty());
    if (indent_line) out += indention;
    out += lines[i];
  }
  if (bound[1].Truthy()) out = indention + out;
  return Value(std::move(out));
}

Result<Value> WordCountFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, "wordcount"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  int64_t words = 0;
  bool in_word = false;
  for (uint32_t c : DecodeAll(text)) {
    bool word_char = IsAlphaCodePoint(c) || IsDigitCodePoint(c) || c == '_';
    if (word_char && !in_word) ++words;
    in_word = word_char;
  }
  return Value(words);
}

std::string Escape(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

Result<Value> EscapeFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  return TextFilter(env, input, args, "escape", Escape);
}

// Markup.striptags: drop comments and tags, collapse whitespace, unescape entities.
Result<Value> StripTagsFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, "striptags"));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ToText(env, input));
  std::string stripped;
  for (size_t pos = 0; pos < text.size();) {
    if (text.compare(pos, 4, "<!--") == 0) {
      size_t end = text.find("-->", pos + 4);
      if (end != std::string::npos) {
        pos = end + 3;
        continue;
      }
    }
    if (text[pos] == '<') {
      size_t end = text.find('>', pos + 1);
      if (end != std::string::npos) {
        pos = end + 1;
        continue;
      }
    }
    stripped.push_back(text[pos++]);
  }
  std::string joined;
  for (const std::string& word : Split(stripped, nullptr, -1, false)) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
      {"&#34;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : kEntities) {
    std::string replaced;
    Replace(joined, entity, character, -1, SIZE_MAX, &replaced);
    joined = std::move(replaced);
  }
  return Value(std::move(joined));
}

Result<Value> FormatFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(std::string format, ToText(env, input));
  if (!args.positional.empty() && !args.keyword.empty()) {
    return Error(
        Status::InvalidArgument("format() takes positional or keyword arguments, not both"));
  }
  Value values = Value::Tuple(args.positional);
  if (!args.keyword.empty()) {
    values = Value::Object();
    for (auto& [key, value] : args.keyword) values.Set(key, value);
  }
  WINNOW_ASSIGN_OR_RETURN(std::string text, PercentFormat(format, values));
  if (text.size() > env.max_bytes)
    return Error(Status::InvalidArgument("format() result too large"));
  return Value(std::move(text));
}

Result<Value> DefaultFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"default_value", "boolean"}, "default"));
  bool use_default = input.is_undefined() || (bound[1].Truthy() && !input.Truthy());
  if (!use_default) return input;
  return bound[0].is_undefined() ? Value("") : bound[0];
}

// Hugging Face's tojson: json.dumps(x, ensure_ascii=False, indent, separators, sort_keys).
Result<Value> ToJsonFilter(const FilterEnv& env, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(
      auto bound, Bind(args, {"ensure_ascii", "indent", "separators", "sort_keys"}, "tojson"));
  JsonStyle style;
  style.ensure_ascii = bound[0].Truthy();
  style.sort_keys = bound[3].Truthy();
  style.max_bytes = env.max_bytes;
  if (bound[1].is_string()) {
    style.indent_enabled = true;
    style.indent = bound[1].as_string();
  } else if (!bound[1].is_undefined() && !bound[1].is_none()) {
    WINNOW_ASSIGN_OR_RETURN(int64_t indent, IntArgument(bound[1], 0, "indent"));
    if (indent > 1024) return Error(Status::InvalidArgument("tojson indent too large"));
    style.indent_enabled = true;
    style.indent.assign(static_cast<size_t>(std::max<int64_t>(indent, 0)), ' ');
    style.item_separator = ",";
  }
  const Value& separators = bound[2];
  if (separators.is_array() && separators.items().size() == 2 &&
      separators.items()[0].is_string() && separators.items()[1].is_string()) {
    style.item_separator = separators.items()[0].as_string();
    style.key_separator = separators.items()[1].as_string();
  } else if (!separators.is_undefined() && !separators.is_none()) {
    return Error(Status::InvalidArgument("tojson separators must be a pair of strings"));
  }
  std::string out;
  WINNOW_RETURN_IF_ERROR(AppendPythonJson(input, style, &out));
  return Value(std::move(out));
}

// Python's float(str): surrounding whitespace allowed, "inf"/"nan" accepted, underscores not.
bool ParseFloat(std::string text, double* out) {
  text = Strip(text, nullptr, true, true);
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return false;
  return text.find_first_of("xXpP") == std::string::npos;  // strtod also reads hex floats
}

Result<Value> IntFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"default", "base"}, "int"));
  Value fallback = bound[0].is_undefined() ? Value(0) : bound[0];
  if (input.is_undefined()) return Error(Status::InvalidArgument(UndefinedMessage(input)));
  auto base_argument = IntArgument(bound[1], 10, "base");
  if (!base_argument) return fallback;  // Jinja2 turns every conversion failure into the default
  int64_t base = *base_argument;
  if (input.is_int() || input.is_bool()) return Value(input.as_int());
  if (input.is_float()) {
    double v = input.as_float();
    if (!std::isfinite(v) || std::fabs(v) >= 9.2e18) return fallback;
    return Value(static_cast<int64_t>(v));
  }
  if (!input.is_string()) return fallback;
  std::string text = Strip(input.as_string(), nullptr, true, true);
  int64_t number = 0;
  if (base >= 2 && base <= 36 && !text.empty()) {
    std::string digits = text;
    bool negative = digits[0] == '-';
    if (digits[0] == '+' || digits[0] == '-') digits.erase(0, 1);
    // Python accepts the prefix that matches the base: int("0x1A", 16).
    std::string prefix = base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    if (!prefix.empty() && digits.size() > 2 && Lower(digits.substr(0, 2)) == prefix)
      digits.erase(0, 2);
    if (negative) digits.insert(0, "-");
    const char* end = digits.data() + digits.size();
    auto result = std::from_chars(digits.data(), end, number, static_cast<int>(base));
    if (result.ec == std::errc() && result.ptr == end && !digits.empty()) return Value(number);
  }
  double real = 0;
  if (ParseFloat(text, &real) && std::isfinite(real) && std::fabs(real) < 9.2e18) {
    return Value(static_cast<int64_t>(real));
  }
  return fallback;
}

Result<Value> FloatFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"default"}, "float"));
  Value fallback = bound[0].is_undefined() ? Value(0.0) : bound[0];
  if (input.is_undefined()) return Error(Status::InvalidArgument(UndefinedMessage(input)));
  if (input.is_number()) return Value(input.as_float());
  double real = 0;
  if (input.is_string() && ParseFloat(input.as_string(), &real)) return Value(real);
  return fallback;
}

Result<Value> AbsFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_RETURN_IF_ERROR(NoArguments(args, "abs"));
  if (input.is_float()) return Value(std::fabs(input.as_float()));
  if (!input.is_number()) {
    return Error(Status::InvalidArgument("bad operand type for abs(): '" +
                                         std::string(input.TypeName()) + "'"));
  }
  int64_t v = input.as_int();
  if (v == INT64_MIN) return Value(-static_cast<double>(v));
  return Value(v < 0 ? -v : v);
}

// Python's round() rounds the exact binary value half to even; printf does the same.
double RoundHalfEven(double value, int64_t precision) {
  if (!std::isfinite(value)) return value;
  if (precision > 300 || precision < -300) return precision > 0 ? value : 0.0;
  char buf[512];
  if (precision >= 0) {
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(precision), value);
    return std::strtod(buf, nullptr);
  }
  double scale = std::pow(10.0, static_cast<double>(-precision));
  return std::nearbyint(value / scale) * scale;
}

Result<Value> RoundFilter(const FilterEnv&, const Value& input, CallArgs& args) {
  WINNOW_ASSIGN_OR_RETURN(auto bound, Bind(args, {"precision", "method"}, "round"));
  WINNOW_ASSIGN_OR_RETURN(int64_t precision, IntArgument(bound[0], 0, "precision"));
  std::string method = bound[1].is_string() ? bound[1].as_string() : "common";
  if (method != "common" && method != "ceil" && method != "floor") {
    return Error(Status::InvalidArgument("method must be common, ceil or floor"));
  }
  if (!input.is_number()) {
    return Error(
        Status::InvalidArgument("round needs a number, got " + std::string(input.TypeName())));
  }
  if (method == "common") {
    if (!input.is_float()) return Value(input.as_int());  // round(int, n) stays an int
    return Value(RoundHalfEven(input.as_float(), precision));
  }
  double scale = std::pow(10.0, static_cast<double>(std::clamp<int64_t>(precision, -300, 300)));
  double scaled = input.as_float() * scale;
  return Value((method == "ceil" ? std::ceil(scaled) : std::floor(scaled)) / scale);
}

}  // namespace

const std::vector<NamedFilter>& StringFilters() {
  static const std::vector<NamedFilter> kFilters = {
      {"upper", UpperFilter},
      {"lower", LowerFilter},
      {"capitalize", CapitalizeFilter},
      {"title", TitleFilter},
      {"trim", TrimFilter},
      {"replace", ReplaceFilter},
      {"truncate", TruncateFilter},
      {"center", CenterFilter},
      {"indent", IndentFilter},
      {"wordcount", WordCountFilter},
      {"striptags", StripTagsFilter},
      {"escape", EscapeFilter},
      {"e", EscapeFilter},
      {"forceescape", EscapeFilter},
      {"safe", SafeFilter},
      {"string", StringFilter},
      {"format", FormatFilter},
      {"default", DefaultFilter},
      {"d", DefaultFilter},
      {"tojson", ToJsonFilter},
      {"int", IntFilter},
      {"float", FloatFilter},
      {"abs", AbsFilter},
      {"round", RoundFilter},
  };
  return kFilters;
}

}  // namespace winnow::jinja
