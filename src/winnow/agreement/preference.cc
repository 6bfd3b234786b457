#include "winnow/agreement/preference.h"

#include <array>
#include <cctype>
#include <string>

namespace winnow {

std::string_view PreferenceName(Preference preference) {
  switch (preference) {
    case Preference::kA:
      return "A";
    case Preference::kB:
      return "B";
    case Preference::kTie:
      return "tie";
  }
  return "tie";
}

std::optional<Preference> ParsePreference(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Spelling {
    std::string_view text;
    Preference preference;
  };
  static constexpr std::array<Spelling, 16> kSpellings = {{
      {"a", Preference::kA},
      {"model_a", Preference::kA},
      {"response_a", Preference::kA},
      {"answer_a", Preference::kA},
      {"first", Preference::kA},
      {"b", Preference::kB},
      {"model_b", Preference::kB},
      {"response_b", Preference::kB},
      {"answer_b", Preference::kB},
      {"second", Preference::kB},
      {"tie", Preference::kTie},
      {"draw", Preference::kTie},
      {"equal", Preference::kTie},
      {"tie (bothbad)", Preference::kTie},
      {"both_bad", Preference::kTie},
      {"both_good", Preference::kTie},
  }};
  for (const Spelling& spelling : kSpellings) {
    if (lower == spelling.text) return spelling.preference;
  }
  return std::nullopt;
}

}  // namespace winnow
