#include "winnow/filters/conversation_hygiene.h"

#include <utf8proc.h>

#include <algorithm>
#include <set>

#include "winnow/common/utf8.h"
#include "winnow/filters/filter_table.h"
#include "winnow/record/text_view.h"
#include "winnow/text/python_chars.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

constexpr size_t kMaxFillerWords = 24;

// Phrases that carry no content at the end of a chat, normalised (NormalisedWords). A turn is
// filler when these cover all of its words, so "thanks so much that helped" is filler and
// "thanks now do the same for python" is not. The short connectives at the end only help
// cover; alone they still make a turn filler ("ok so").
constexpr std::string_view kFillerPhrases[] = {"thanks",
                                               "thank you",
                                               "thank u",
                                               "thx",
                                               "ty",
                                               "many thanks",
                                               "thanks a lot",
                                               "much appreciated",
                                               "appreciate it",
                                               "i appreciate it",
                                               "i appreciate your help",
                                               "helps",
                                               "helped",
                                               "that was helpful",
                                               "this was helpful",
                                               "very helpful",
                                               "helpful",
                                               "great",
                                               "perfect",
                                               "awesome",
                                               "cool",
                                               "nice",
                                               "ok",
                                               "okay",
                                               "got it",
                                               "i see",
                                               "youre welcome",
                                               "you are welcome",
                                               "no problem",
                                               "no worries",
                                               "my pleasure",
                                               "glad i could help",
                                               "im glad i could help",
                                               "glad to help",
                                               "happy to help",
                                               "im happy to help",
                                               "happy i could help",
                                               "anytime",
                                               "any time",
                                               "you too",
                                               "bye",
                                               "goodbye",
                                               "good bye",
                                               "have a great day",
                                               "have a nice day",
                                               "have a good day",
                                               "take care",
                                               "cheers",
                                               "sure",
                                               "of course",
                                               "if you have any other questions",
                                               "if you have any more questions",
                                               "if you have any further questions",
                                               "if you need anything else",
                                               "feel free to ask",
                                               "feel free to reach out",
                                               "let me know",
                                               "dont hesitate to ask",
                                               "dont hesitate to reach out",
                                               "again",
                                               "so much",
                                               "very much",
                                               "a lot",
                                               "for your help",
                                               "for the help",
                                               "for helping",
                                               "that",
                                               "it",
                                               "this",
                                               "so",
                                               "very",
                                               "really",
                                               "and",
                                               "just",
                                               "all",
                                               "for",
                                               "me"};

bool IsWordPart(uint32_t c) { return IsLetterMarkOrNumber(c); }

// The filler phrases as word lists.
const std::vector<std::vector<std::string>>& FillerWordLists() {
  static const std::vector<std::vector<std::string>> lists = [] {
    std::vector<std::vector<std::string>> out;
    for (std::string_view phrase : kFillerPhrases) {
      std::vector<std::string> words;
      size_t begin = 0;
      while (begin <= phrase.size()) {
        size_t end = phrase.find(' ', begin);
        if (end == std::string_view::npos) end = phrase.size();
        words.emplace_back(phrase.substr(begin, end - begin));
        begin = end + 1;
      }
      out.push_back(std::move(words));
    }
    return out;
  }();
  return lists;
}

std::string_view TurnName(const ConversationTurn& turn) {
  return turn.role.empty() ? std::string_view("role-less") : turn.role;
}

}  // namespace

void NormalisedWords(std::string_view text, std::string* buffer,
                     std::vector<std::string_view>* words) {
  buffer->clear();
  words->clear();
  std::vector<std::pair<size_t, size_t>> spans;
  bool in_word = false;
  for (size_t pos = 0; pos < text.size();) {
    const uint32_t c = DecodeUtf8(text, &pos);
    if (c == '\'' || c == 0x2019 || c == 0x02BC) continue;  // "you're" is one word: "youre"
    if (c == kInvalidCodePoint || !IsWordPart(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) spans.emplace_back(buffer->size(), buffer->size());
    in_word = true;
    AppendUtf8(static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))), buffer);
    spans.back().second = buffer->size();
  }
  for (const auto& [begin, end] : spans) {
    words->push_back(std::string_view(*buffer).substr(begin, end - begin));
  }
}

double WordJaccard(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::set<std::string_view> left(a.begin(), a.end());
  std::set<std::string_view> right(b.begin(), b.end());
  if (left.empty() && right.empty()) return 0;
  size_t shared = 0;
  for (std::string_view word : left) shared += right.count(word);
  return static_cast<double>(shared) / static_cast<double>(left.size() + right.size() - shared);
}

bool FillerOnly(std::string_view text) {
  std::string buffer;
  std::vector<std::string_view> words;
  NormalisedWords(text, &buffer, &words);
  if (words.size() > kMaxFillerWords) return false;
  // covered[i]: words[0, i) split into filler phrases.
  std::vector<bool> covered(words.size() + 1, false);
  covered[0] = true;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!covered[i]) continue;
    for (const std::vector<std::string>& phrase : FillerWordLists()) {
      if (i + phrase.size() > words.size()) continue;
      if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) {
        covered[i + phrase.size()] = true;
      }
    }
  }
  return covered[words.size()];
}

void ConversationHygieneFilter::Check(FilterDocument& doc, FilterResult* result) const {
  if (doc.blank() && result->Fail("empty", "no text")) return;
  std::vector<ConversationTurn> turns;
  if (!ReadConversation(doc.record(), options_.field, &turns, &doc.scratch_string())) {
    // Plain text: the text is the response; its prompt, if any, is prompt_field.
    std::string scratch;
    std::string_view prompt;
    if (!options_.prompt_field || doc.record() == nullptr) return;
    prompt = TextView(*options_.prompt_field, {}).Get(*doc.record(), &scratch);
    turns.push_back({"user", prompt, false, {}});
    turns.push_back({"assistant", doc.text(), false, {}});
    CheckRepetition(turns, result);
    return;
  }
  if (CheckEmptyTurns(turns, result)) return;
  if (CheckFiller(turns, result)) return;
  CheckRepetition(turns, result);
}

bool ConversationHygieneFilter::CheckEmptyTurns(const std::vector<ConversationTurn>& turns,
                                                FilterResult* result) const {
  size_t empty = 0;
  size_t first = 0;
  for (size_t i = 0; i < turns.size(); ++i) {
    if (!IsBlank(turns[i].text) || turns[i].has_tool_calls) continue;
    if (empty++ == 0) first = i;
  }
  result->Measure("empty_turns", static_cast<double>(empty));
  if (!options_.empty_turns || empty == 0) return false;
  std::string detail = "turn " + std::to_string(first + 1) + " (" +
                       std::string(TurnName(turns[first])) + ") is blank";
  if (empty > 1) detail += " (" + std::to_string(empty) + " blank turns)";
  return result->Fail("empty_turn", std::move(detail));
}

bool ConversationHygieneFilter::CheckFiller(const std::vector<ConversationTurn>& turns,
                                            FilterResult* result) const {
  const int user = LastTurnOf(turns, "user");
  bool filler = user >= 0;
  for (size_t i = user < 0 ? turns.size() : static_cast<size_t>(user); i < turns.size(); ++i) {
    filler = filler && !turns[i].has_tool_calls && FillerOnly(turns[i].text);
  }
  result->Measure("filler_final_exchange", filler ? 1 : 0);
  if (!options_.filler || !filler) return false;
  return result->Fail("filler_final_exchange", "turn " + std::to_string(user + 1) + " (user) \"" +
                                                   Snippet(PythonStrip(turns[user].text), 40) +
                                                   "\" and what follows");
}

void ConversationHygieneFilter::CheckRepetition(const std::vector<ConversationTurn>& turns,
                                                FilterResult* result) const {
  std::string prompt_buffer;
  std::string response_buffer;
  std::vector<std::string_view> prompt_words;
  std::vector<std::string_view> response_words;
  double highest = 0;
  for (size_t i = 0; i < turns.size(); ++i) {
    if (turns[i].role != "assistant") continue;
    const int user = LastTurnOf(turns, "user", static_cast<int>(i));
    if (user < 0) continue;
    NormalisedWords(turns[user].text, &prompt_buffer, &prompt_words);
    NormalisedWords(turns[i].text, &response_buffer, &response_words);
    highest = std::max(highest, WordJaccard(prompt_words, response_words));
  }
  result->Check("repeats_prompt", "prompt_similarity", highest, Comparison::kGreaterEqual,
                options_.repeat_similarity.value, options_.repeat_similarity.enabled);
}

Result<std::unique_ptr<Filter>> CreateConversationHygieneFilter(StepOptions& options) {
  ConversationHygieneOptions o;
  WINNOW_ASSIGN_OR_RETURN(std::string field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(o.field, FieldPath::Parse(field));
  WINNOW_ASSIGN_OR_RETURN(o.empty_turns, options.GetBool("empty_turns", true));
  WINNOW_ASSIGN_OR_RETURN(o.filler, options.GetBool("filler", true));
  WINNOW_ASSIGN_OR_RETURN(o.repeat_similarity,
                          GetThreshold(options, "repeat_similarity", o.repeat_similarity));
  WINNOW_ASSIGN_OR_RETURN(std::string prompt_field, options.GetString("prompt_field", ""));
  if (!prompt_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(prompt_field));
    o.prompt_field = std::move(path);
  }
  return std::unique_ptr<Filter>(new ConversationHygieneFilter(std::move(o)));
}

}  // namespace winnow
