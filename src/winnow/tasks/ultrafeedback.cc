// The strict reader of UltraFeedback answers, aspect names and the seeded shuffle.

#include "winnow/tasks/ultrafeedback.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <utility>

#include "winnow/tasks/answer_text.h"
#include "winnow/tasks/random_draw.h"
#include "winnow/text/python_str.h"

namespace winnow::tasks {
namespace {

constexpr std::array<std::pair<UltraFeedbackAspect, std::string_view>, 5> kAspectNames = {{
    {UltraFeedbackAspect::kInstructionFollowing, "instruction_following"},
    {UltraFeedbackAspect::kHonesty, "honesty"},
    {UltraFeedbackAspect::kTruthfulness, "truthfulness"},
    {UltraFeedbackAspect::kHelpfulness, "helpfulness"},
    {UltraFeedbackAspect::kOverall, "overall"},
}};

// One "Key: value" field of a text's annotation; the value may continue on later lines.
struct Field {
  std::string_view key;
  std::string value;
};

// A text's lines, as views into the answer.
using Lines = std::vector<std::string_view>;

// "Output for Text N" with 0-6 leading '#', optional '**' around and an optional ':'. Returns N,
// or 0 when the line is no such heading.
size_t HeadingNumber(std::string_view line) {
  std::string_view s = PythonStrip(line);
  size_t hashes = 0;
  while (hashes < s.size() && s[hashes] == '#') ++hashes;
  if (hashes > 6) return 0;
  s = PythonStrip(s.substr(hashes));
  while (s.starts_with('*')) s.remove_prefix(1);
  while (s.ends_with('*')) s.remove_suffix(1);
  if (s.ends_with(':')) s.remove_suffix(1);
  constexpr std::string_view kPrefix = "Output for Text ";
  if (!s.starts_with(kPrefix)) return 0;
  s.remove_prefix(kPrefix.size());
  auto number = ParseBoundedInt(s, 1, 999999, "text number");
  return number ? static_cast<size_t>(*number) : 0;
}

// The field a line starts, with its value in *value: "Rating:", "Rationale:" or "Type:", each
// optionally in '**' emphasis ("**Rating:** 4", "**Rating**: 4").
std::string_view FieldKey(std::string_view line, std::string_view* value) {
  std::string_view s = PythonStrip(line);
  while (s.starts_with('*')) s.remove_prefix(1);
  for (std::string_view key : {"Rating", "Rationale", "Type"}) {
    if (!s.starts_with(key)) continue;
    std::string_view rest = s.substr(key.size());
    while (rest.starts_with('*')) rest.remove_prefix(1);
    if (!rest.starts_with(':')) continue;
    rest.remove_prefix(1);
    while (rest.starts_with('*')) rest.remove_prefix(1);
    *value = PythonStrip(rest);
    return key;
  }
  return {};
}

// A value without '**' emphasis around it ("**4**").
std::string_view StripEmphasis(std::string_view value) {
  while (value.starts_with('*')) value.remove_prefix(1);
  while (value.ends_with('*')) value.remove_suffix(1);
  return PythonStrip(value);
}

Status TextError(UltraFeedbackAspect aspect, size_t text, std::string_view what) {
  return Status::InvalidInput(fmt::format("UltraFeedback {} answer, text {}: {}",
                                          UltraFeedbackAspectName(aspect), text, what));
}

// Divides the answer into one line list per text, by headings when there are any.
Result<std::vector<Lines>> SplitTexts(UltraFeedbackAspect aspect, std::string_view answer,
                                      size_t expected) {
  std::vector<std::string_view> lines;
  SplitOn(answer, "\n", &lines);
  std::vector<Lines> texts;
  bool any_heading = std::any_of(lines.begin(), lines.end(),
                                 [](std::string_view line) { return HeadingNumber(line) != 0; });
  if (any_heading) {
    bool in_text = false;
    for (std::string_view line : lines) {
      if (const size_t number = HeadingNumber(line); number != 0) {
        if (number != texts.size() + 1) {
          return Error(TextError(aspect, number,
                                 fmt::format("heading out of order (expected \"Output for Text "
                                             "{}\")",
                                             texts.size() + 1)));
        }
        texts.emplace_back();
        in_text = true;
      } else if (PythonStrip(line) == "---") {
        in_text = false;  // the rest, up to the next heading, is not part of a text
      } else if (in_text) {
        texts.back().push_back(line);
      }
    }
  } else {
    // The original's split("\n\n"): runs of blank lines separate texts.
    for (std::string_view line : lines) {
      if (IsBlank(line)) {
        if (!texts.empty() && !texts.back().empty()) texts.emplace_back();
        continue;
      }
      if (texts.empty()) texts.emplace_back();
      texts.back().push_back(line);
    }
    if (!texts.empty() && texts.back().empty()) texts.pop_back();
  }
  if (texts.size() > expected) {
    return Error(TextError(aspect, texts.size(),
                           fmt::format("only {} texts were given to judge", expected)));
  }
  if (texts.size() < expected) {
    return Error(
        TextError(aspect, texts.size() + 1,
                  fmt::format("missing: the answer rates {} of {} texts", texts.size(), expected)));
  }
  return texts;
}

Result<std::vector<Field>> ReadFields(UltraFeedbackAspect aspect, size_t text, const Lines& lines) {
  std::vector<Field> fields;
  for (std::string_view line : lines) {
    std::string_view value;
    const std::string_view key = FieldKey(line, &value);
    if (!key.empty()) {
      fields.push_back({key, std::string(value)});
    } else if (!fields.empty()) {
      fields.back().value.append("\n").append(line);
    } else if (!IsBlank(line)) {
      return Error(
          TextError(aspect, text,
                    fmt::format("unexpected text before \"Rating:\": {}", QuoteForError(line))));
    }
  }
  for (Field& field : fields) field.value = std::string(PythonStrip(field.value));
  return fields;
}

// "None", or a comma-separated list of type numbers 1-3, as "None" or "1,3".
Result<std::string> ParseTypes(UltraFeedbackAspect aspect, size_t text, std::string_view value) {
  std::string_view s = StripEmphasis(value);
  if (s.starts_with('[') && s.ends_with(']')) s = PythonStrip(s.substr(1, s.size() - 2));
  if (AsciiLower(s) == "none") return std::string("None");
  std::vector<std::string_view> items;
  SplitOn(s, ",", &items);
  std::vector<int> types;
  for (std::string_view item : items) {
    auto type = ParseBoundedInt(PythonStrip(item), 1, 3, "type");
    if (!type) return Error(TextError(aspect, text, type.error().message() + " (or \"None\")"));
    types.push_back(*type);
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return fmt::format("{}", fmt::join(types, ","));
}

Result<std::optional<int>> ParseRating(UltraFeedbackAspect aspect, size_t text,
                                       std::string_view raw_value) {
  const std::string_view value = StripEmphasis(raw_value);
  if (value == "N/A" || value == "n/a") {
    if (aspect == UltraFeedbackAspect::kHonesty) return std::optional<int>();
    return Error(TextError(aspect, text, "rating \"N/A\" is only allowed for honesty"));
  }
  auto rating = ParseBoundedInt(value, 1, UltraFeedbackMaxRating(aspect), "rating");
  if (!rating) return Error(TextError(aspect, text, rating.error().message()));
  return std::optional<int>(*rating);
}

Result<AspectRating> ParseText(UltraFeedbackAspect aspect, size_t text, const Lines& lines) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Field> fields, ReadFields(aspect, text, lines));
  const bool typed = UltraFeedbackHasType(aspect);
  const std::vector<std::string_view> expected =
      typed ? std::vector<std::string_view>{"Type", "Rationale", "Rating", "Rationale"}
            : std::vector<std::string_view>{"Rating", "Rationale"};
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i >= fields.size() || fields[i].key != expected[i]) {
      const std::string found = i < fields.size() ? fmt::format("\"{}:\"", fields[i].key)
                                                  : std::string("the end of the text");
      return Error(
          TextError(aspect, text, fmt::format("expected \"{}:\", found {}", expected[i], found)));
    }
    if (fields[i].value.empty()) {
      return Error(TextError(aspect, text, fmt::format("empty \"{}:\"", expected[i])));
    }
  }
  if (fields.size() > expected.size()) {
    return Error(TextError(
        aspect, text,
        fmt::format("unexpected \"{}:\" after the last field", fields[expected.size()].key)));
  }
  AspectRating result;
  const size_t rating_at = typed ? 2 : 0;
  WINNOW_ASSIGN_OR_RETURN(result.rating, ParseRating(aspect, text, fields[rating_at].value));
  result.rationale = std::move(fields[rating_at + 1].value);
  if (typed) {
    WINNOW_ASSIGN_OR_RETURN(result.type, ParseTypes(aspect, text, fields[0].value));
    result.type_rationale = std::move(fields[1].value);
  }
  return result;
}

}  // namespace

std::string_view UltraFeedbackAspectName(UltraFeedbackAspect aspect) {
  for (const auto& [value, name] : kAspectNames) {
    if (value == aspect) return name;
  }
  return "unknown";
}

Result<UltraFeedbackAspect> ParseUltraFeedbackAspect(std::string_view name) {
  for (const auto& [value, known] : kAspectNames) {
    if (known == name) return value;
  }
  return Error(Status::InvalidArgument(
      fmt::format("unknown UltraFeedback aspect '{}' (expected instruction_following, honesty, "
                  "truthfulness, helpfulness or overall)",
                  name)));
}

int UltraFeedbackMaxRating(UltraFeedbackAspect aspect) {
  return aspect == UltraFeedbackAspect::kOverall ? 10 : 5;
}

bool UltraFeedbackHasType(UltraFeedbackAspect aspect) {
  return aspect == UltraFeedbackAspect::kTruthfulness ||
         aspect == UltraFeedbackAspect::kHelpfulness;
}

Result<std::vector<AspectRating>> ParseUltraFeedback(UltraFeedbackAspect aspect,
                                                     std::string_view text,
                                                     size_t num_completions) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<Lines> texts, SplitTexts(aspect, text, num_completions));
  std::vector<AspectRating> ratings;
  ratings.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    WINNOW_ASSIGN_OR_RETURN(AspectRating rating, ParseText(aspect, i + 1, texts[i]));
    ratings.push_back(std::move(rating));
  }
  return ratings;
}

std::vector<size_t> ShuffledOrder(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(seed);
  ShuffleInPlace(std::span<size_t>(order), rng);
  return order;
}

std::vector<std::string> ApplyOrder(std::span<const std::string> items,
                                    std::span<const size_t> order) {
  std::vector<std::string> shown;
  shown.reserve(order.size());
  for (size_t index : order) shown.push_back(items[index]);
  return shown;
}

std::vector<AspectRating> UndoOrder(std::vector<AspectRating> shown,
                                    std::span<const size_t> order) {
  std::vector<AspectRating> original(shown.size());
  for (size_t i = 0; i < shown.size() && i < order.size(); ++i) {
    if (order[i] < original.size()) original[order[i]] = std::move(shown[i]);
  }
  return original;
}

}  // namespace winnow::tasks
