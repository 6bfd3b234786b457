#include "winnow/tasks/evol_instruct.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "winnow/common/utf8.h"
#include "winnow/tasks/answer_text.h"
#include "winnow/text/python_chars.h"
#include "winnow/text/python_str.h"

namespace winnow::tasks {
namespace {

// depth.py's base_instruction. Its Python source continues the string over several lines with a
// backslash; the tabs that indent those lines became part of the prompt WizardLM sent, so they
// are kept. "{}" is where the method sentence goes.
constexpr std::string_view kDepthBefore =
    "I want you act as a Prompt Rewriter.\r\n \t\t\t\t\t"
    "Your objective is to rewrite a given prompt into a more complex version to make those famous "
    "AI systems (e.g., chatgpt and GPT4) a bit harder to handle.\r\n \t\t\t\t\t"
    "But the rewritten prompt must be reasonable and must be understood and responded by "
    "humans.\r\n \t\t\t\t\t"
    "Your rewriting cannot omit the non-text parts such as the table and code in #The Given "
    "Prompt#:. Also, please do not omit the input in #The Given Prompt#. \r\n \t\t\t\t\t"
    "You SHOULD complicate the given prompt using the following method: \r\n\t\t\t\t\t";
constexpr std::string_view kDepthAfter =
    " \r\n\t\t\t\t\t"
    "You should try your best not to make the #Rewritten Prompt# become verbose, #Rewritten "
    "Prompt# can only add 10 to 20 words into #The Given Prompt#. \r\n\t\t\t\t\t"
    "'#The Given Prompt#', '#Rewritten Prompt#', 'given prompt' and 'rewritten prompt' are not "
    "allowed to appear in #Rewritten Prompt#\r\n";

// breadth.py's base_instruction (no continuation tabs there).
constexpr std::string_view kBreadth =
    "I want you act as a Prompt Creator.\r\n"
    "Your goal is to draw inspiration from the #Given Prompt# to create a brand new prompt.\r\n"
    "This new prompt should belong to the same domain as the #Given Prompt# but be even more "
    "rare.\r\n"
    "The LENGTH and complexity of the #Created Prompt# should be similar to that of the #Given "
    "Prompt#.\r\n"
    "The #Created Prompt# must be reasonable and must be understood and responded by humans.\r\n"
    "'#Given Prompt#', '#Created Prompt#', 'given prompt' and 'created prompt' are not allowed to "
    "appear in #Created Prompt#\r\n";

// The method sentences of depth.py (the stray quote after the first one is WizardLM's).
std::string_view DepthMethod(EvolMutation mutation) {
  switch (mutation) {
    case EvolMutation::kAddConstraints:
      return "Please add one more constraints/requirements into #The Given Prompt#'";
    case EvolMutation::kDeepen:
      return "If #The Given Prompt# contains inquiries about certain issues, the depth and "
             "breadth of the inquiry can be increased.";
    case EvolMutation::kConcretize:
      return "Please replace general concepts with more specific concepts.";
    case EvolMutation::kIncreaseReasoning:
      return "If #The Given Prompt# can be solved with just a few simple thinking processes, you "
             "can rewrite it to explicitly request multiple-step reasoning.";
    case EvolMutation::kComplicateInput:
      // Written for winnow: the paper names this operation but WizardLM published no prompt.
      return "If #The Given Prompt# works on no input, please add a complex input it refers to, "
             "such as a table, a piece of code, a formula or data in a format like JSON, XML or "
             "SQL, and keep that input in full.";
    case EvolMutation::kBreadth:
      break;
  }
  return "";
}

constexpr std::array<std::pair<EvolMutation, std::string_view>, 6> kMutationNames = {{
    {EvolMutation::kAddConstraints, "add_constraints"},
    {EvolMutation::kDeepen, "deepen"},
    {EvolMutation::kConcretize, "concretize"},
    {EvolMutation::kIncreaseReasoning, "increase_reasoning"},
    {EvolMutation::kComplicateInput, "complicate_input"},
    {EvolMutation::kBreadth, "breadth"},
}};

// The phrases rule 4 looks for; each also catches its "#...#" spelling.
constexpr std::array<std::string_view, 3> kLeakPhrases = {"given prompt", "rewritten prompt",
                                                          "created prompt"};

// English stop words (NLTK's list), for rule 3.
constexpr std::array<std::string_view, 153> kStopWords = {
    "a",          "about",   "above",   "after",      "again", "against", "ain",       "all",
    "am",         "an",      "and",     "any",        "are",   "aren",    "as",        "at",
    "be",         "because", "been",    "before",     "being", "below",   "between",   "both",
    "but",        "by",      "can",     "couldn",     "d",     "did",     "didn",      "do",
    "does",       "doesn",   "doing",   "don",        "down",  "during",  "each",      "few",
    "for",        "from",    "further", "had",        "hadn",  "has",     "hasn",      "have",
    "haven",      "having",  "he",      "her",        "here",  "hers",    "herself",   "him",
    "himself",    "his",     "how",     "i",          "if",    "in",      "into",      "is",
    "isn",        "it",      "its",     "itself",     "just",  "ll",      "m",         "ma",
    "me",         "mightn",  "more",    "most",       "mustn", "my",      "myself",    "needn",
    "no",         "nor",     "not",     "now",        "o",     "of",      "off",       "on",
    "once",       "only",    "or",      "other",      "our",   "ours",    "ourselves", "out",
    "over",       "own",     "re",      "s",          "same",  "shan",    "she",       "should",
    "shouldn",    "so",      "some",    "such",       "t",     "than",    "that",      "the",
    "their",      "theirs",  "them",    "themselves", "then",  "there",   "these",     "they",
    "this",       "those",   "through", "to",         "too",   "under",   "until",     "up",
    "ve",         "very",    "was",     "wasn",       "we",    "were",    "weren",     "what",
    "when",       "where",   "which",   "while",      "who",   "whom",    "why",       "will",
    "with",       "won",     "wouldn",  "y",          "you",   "your",    "yours",     "yourself",
    "yourselves",
};

bool IsStopWord(std::string_view word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

// Lower case, whitespace runs as one space, no surrounding whitespace or trailing . ! ? ; :
std::string NormalizeForComparison(std::string_view text) {
  std::string out;
  for (char c : AsciiLower(PythonStrip(text))) {
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && std::string_view(" .!?;:").find(out.back()) != std::string_view::npos) {
    out.pop_back();
  }
  return out;
}

// Rule 3: every word (a run of letters, marks and digits, lower-cased) is a stop word.
bool OnlyStopWords(std::string_view text) {
  std::string word;
  size_t pos = 0;
  auto word_is_stop = [&] {
    const bool stop = word.empty() || IsStopWord(word);
    word.clear();
    return stop;
  };
  while (pos < text.size()) {
    const size_t start = pos;
    const uint32_t cp = DecodeUtf8(text, &pos);
    if (cp != kInvalidCodePoint && IsLetterMarkOrNumber(cp)) {
      word.append(AsciiLower(text.substr(start, pos - start)));
    } else if (!word_is_stop()) {
      return false;
    }
  }
  return word_is_stop();
}

// Skips the characters models wrap labels in: emphasis, heading marks, quotes.
size_t SkipDecoration(std::string_view text, size_t pos, std::string_view chars) {
  while (pos < text.size() && chars.find(text[pos]) != std::string_view::npos) ++pos;
  return pos;
}

}  // namespace

std::string_view EvolMutationName(EvolMutation mutation) {
  for (const auto& [value, name] : kMutationNames) {
    if (value == mutation) return name;
  }
  return "unknown";
}

Result<EvolMutation> ParseEvolMutation(std::string_view name) {
  for (const auto& [value, known] : kMutationNames) {
    if (known == name) return value;
  }
  return Error(Status::InvalidArgument(fmt::format(
      "unknown Evol-Instruct mutation '{}' (expected add_constraints, deepen, concretize, "
      "increase_reasoning, complicate_input or breadth)",
      name)));
}

std::string BuildEvolPrompt(EvolMutation mutation, std::string_view instruction) {
  std::string prompt;
  if (mutation == EvolMutation::kBreadth) {
    prompt.append(kBreadth);
    prompt.append("#Given Prompt#: \r\n ").append(instruction).append(" \r\n");
    prompt.append("#Created Prompt#:\r\n");
    return prompt;
  }
  prompt.append(kDepthBefore).append(DepthMethod(mutation)).append(kDepthAfter);
  prompt.append("#The Given Prompt#: \r\n ").append(instruction).append(" \r\n");
  prompt.append("#Rewritten Prompt#:\r\n");
  return prompt;
}

std::string ExtractEvolvedInstruction(std::string_view answer) {
  const std::string_view text = PythonStrip(answer);
  size_t pos = SkipDecoration(text, 0, "*#_ ");
  if (StartsWithIgnoringAsciiCase(text.substr(pos), "the ")) pos += 4;
  std::string_view rest = text.substr(pos);
  for (std::string_view label : {"rewritten prompt", "created prompt"}) {
    if (!StartsWithIgnoringAsciiCase(rest, label)) continue;
    const size_t end = pos + label.size();
    const size_t after = SkipDecoration(text, end, "*#_: \t\r\n");
    // Only a label ends in ':' or '#' ("Rewritten prompt is ..." is a sentence).
    const std::string_view marks = text.substr(end, after - end);
    if (marks.find_first_of(":#") != std::string_view::npos && after < text.size()) {
      return std::string(PythonStrip(text.substr(after)));
    }
  }
  return std::string(text);
}

std::optional<std::string> EvolEliminationReason(std::string_view original,
                                                 std::string_view evolved,
                                                 std::optional<std::string_view> response) {
  if (IsBlank(evolved)) return "empty";
  if (NormalizeForComparison(evolved) == NormalizeForComparison(original)) {
    return "copied_original";
  }
  for (std::string_view phrase : kLeakPhrases) {
    if (ContainsIgnoringAsciiCase(evolved, phrase) &&
        !ContainsIgnoringAsciiCase(original, phrase)) {
      return "prompt_leak";
    }
  }
  if (!response.has_value()) return std::nullopt;
  if (ContainsIgnoringAsciiCase(*response, "sorry") && CountPythonWords(*response, nullptr) < 80) {
    return "response_sorry";
  }
  if (OnlyStopWords(*response)) return "response_only_stopwords";
  return std::nullopt;
}

std::string BuildEvolEqualityPrompt(std::string_view original, std::string_view evolved) {
  // Appendix G of the paper, typo ("requirments") included.
  return fmt::format(
      "Here are two Instructions to ChatGPT AI, do you think they are equal to each other, which "
      "meet the following requirements:\n"
      "1. They have same constraints and requirments.\n"
      "2. They have same depth and breadth of the inquiry.\n"
      "The First Prompt: {}\n"
      "The Second Prompt: {}\n"
      "Your Judgement (Just answer: Equal or Not Equal. No need to explain the reason.):",
      original, evolved);
}

Result<bool> ParseEvolEquality(std::string_view answer) {
  std::string_view text = PythonStrip(answer);
  const std::string_view wrap = "*\"'`";
  while (!text.empty() && wrap.find(text.front()) != std::string_view::npos) text.remove_prefix(1);
  while (!text.empty() && wrap.find(text.back()) != std::string_view::npos) text.remove_suffix(1);
  if (text.ends_with('.')) text.remove_suffix(1);
  const std::string lower = AsciiLower(PythonStrip(text));
  if (lower == "equal") return true;
  if (lower == "not equal") return false;
  return Error(Status::InvalidInput(
      fmt::format("expected \"Equal\" or \"Not Equal\", got {}", QuoteForError(answer))));
}

}  // namespace winnow::tasks
