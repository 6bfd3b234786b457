#include "winnow/stats/conversation_accumulator.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "winnow/common/utf8.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

constexpr size_t kFillerMaxChars = 80;

// Lowercases ASCII, keeps letters, digits, spaces and apostrophes, collapses spaces.
std::string NormaliseForFiller(std::string_view text) {
  std::string out;
  for (char raw : text) {
    unsigned char c = static_cast<unsigned char>(raw);
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '\'') {
      continue;  // "you're" and "youre" are the same
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void Bump(std::map<std::string, uint64_t, std::less<>>& counts, std::string_view key) {
  auto it = counts.find(key);
  if (it == counts.end()) {
    counts.emplace(std::string(key), 1);
  } else {
    ++it->second;
  }
}

struct Message {
  std::string_view role;
  std::string_view text;  // empty for non-string content
  std::string joined;     // storage when content is a list of parts
};

bool ReadMessage(simdjson::dom::element element, Message* message, bool* role_content,
                 bool* from_value) {
  simdjson::dom::object object;
  if (element.get_object().get(object)) return false;
  if (!object.at_key("role").get_string().get(message->role)) {
    *role_content = true;
  } else if (!object.at_key("from").get_string().get(message->role)) {
    *from_value = true;
  } else {
    message->role = "";
  }
  simdjson::dom::element content;
  if (object.at_key("content").get(content) && object.at_key("value").get(content)) {
    message->text = "";
    return true;
  }
  if (content.get_string().get(message->text)) {
    message->joined.clear();
    TextView::AppendText(content, TextViewOptions{}, &message->joined);
    message->text = message->joined;
  }
  return true;
}

}  // namespace

bool IsFillerTurn(std::string_view text) {
  if (CountCodePoints(text) > kFillerMaxChars) return false;
  std::string normal = NormaliseForFiller(text);
  if (normal.empty()) return false;
  static constexpr std::array<std::string_view, 26> kPhrases = {"thank you",
                                                                "thanks",
                                                                "thx",
                                                                "ty",
                                                                "ok",
                                                                "okay",
                                                                "great",
                                                                "cool",
                                                                "awesome",
                                                                "perfect",
                                                                "got it",
                                                                "youre welcome",
                                                                "you are welcome",
                                                                "no problem",
                                                                "my pleasure",
                                                                "glad i could help",
                                                                "glad to help",
                                                                "happy to help",
                                                                "bye",
                                                                "goodbye",
                                                                "good bye",
                                                                "have a nice day",
                                                                "have a great day",
                                                                "np",
                                                                "nice",
                                                                "sounds good"};
  for (std::string_view phrase : kPhrases) {
    if (normal == phrase) return true;
    if (normal.size() > phrase.size() && normal.starts_with(phrase) &&
        normal[phrase.size()] == ' ') {
      return true;
    }
  }
  return false;
}

void ConversationAccumulator::Add(simdjson::dom::array messages, const RecordOrigin& origin) {
  ++conversations_;
  turns_.Add(messages.size());
  Message message;
  std::string_view first_role, last_role, previous_role;
  std::string_view last_text, previous_text;
  std::string last_store, previous_store;
  bool alternating = true;
  bool system_seen = false;
  size_t index = 0;
  std::string_view expected = "user";
  for (simdjson::dom::element element : messages) {
    if (!ReadMessage(element, &message, &role_content_, &from_value_)) continue;
    Bump(role_messages_, message.role);
    uint64_t chars = CountCodePoints(message.text);
    auto it = role_chars_.find(message.role);
    if (it == role_chars_.end())
      it = role_chars_.emplace(std::string(message.role), IntegerAccumulator{}).first;
    it->second.Add(chars);
    bool blank = message.text.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (blank) ++empty_messages_;
    std::string_view role = NormaliseRole(message.role);
    if (role == "system") {
      system_seen = true;
      if (index != 0) alternating = false;
    } else if (role == "user" || role == "assistant") {
      if (role != expected) alternating = false;
      expected = role == "user" ? "assistant" : "user";
    }
    if (index == 0) first_role = message.role;
    previous_role = last_role;
    last_role = message.role;
    // Text joined from content parts lives in message.joined, which the next message reuses:
    // keep copies for the last two turns (views are re-taken after every move).
    bool last_owned = !last_store.empty() && last_text.data() == last_store.data();
    if (last_owned) {
      previous_store.swap(last_store);
      previous_text = previous_store;
    } else {
      previous_text = last_text;
    }
    if (!message.joined.empty() && message.text.data() == message.joined.data()) {
      last_store = message.joined;
      last_text = last_store;
    } else {
      last_text = message.text;
    }
    ++index;
  }
  if (index == 0) return;
  if (system_seen) ++with_system_;
  if (!alternating) ++not_alternating_;
  Bump(first_roles_, first_role);
  Bump(last_roles_, last_role);
  last_turn_chars_.Add(CountCodePoints(last_text));
  bool filler = IsFillerTurn(last_text) || (index >= 2 && IsFillerTurn(previous_text) &&
                                            CountCodePoints(last_text) <= kFillerMaxChars);
  (void)previous_role;
  if (filler) {
    ++filler_endings_;
    if (filler_examples_.size() < kExamples || origin.row < filler_examples_.back().row) {
      filler_examples_.push_back(
          {origin.row, MakeRowRef(origin, CountCodePoints(last_text), last_text)});
      std::sort(filler_examples_.begin(), filler_examples_.end(),
                [](const Example& a, const Example& b) { return a.row < b.row; });
      if (filler_examples_.size() > kExamples) filler_examples_.pop_back();
    }
  }
}

void ConversationAccumulator::Merge(const ConversationAccumulator& other) {
  conversations_ += other.conversations_;
  turns_.Merge(other.turns_);
  for (const auto& [role, count] : other.role_messages_) role_messages_[role] += count;
  for (const auto& [role, acc] : other.role_chars_) role_chars_[role].Merge(acc);
  last_turn_chars_.Merge(other.last_turn_chars_);
  for (const auto& [role, count] : other.first_roles_) first_roles_[role] += count;
  for (const auto& [role, count] : other.last_roles_) last_roles_[role] += count;
  with_system_ += other.with_system_;
  not_alternating_ += other.not_alternating_;
  empty_messages_ += other.empty_messages_;
  filler_endings_ += other.filler_endings_;
  filler_examples_.insert(filler_examples_.end(), other.filler_examples_.begin(),
                          other.filler_examples_.end());
  std::sort(filler_examples_.begin(), filler_examples_.end(),
            [](const Example& a, const Example& b) { return a.row < b.row; });
  if (filler_examples_.size() > kExamples) filler_examples_.resize(kExamples);
  role_content_ = role_content_ || other.role_content_;
  from_value_ = from_value_ || other.from_value_;
}

ConversationProfile ConversationAccumulator::Finish() const {
  ConversationProfile profile;
  profile.path = path_;
  profile.conversations = conversations_;
  if (turns_.count() > 0) profile.turns = turns_.Summarize();
  profile.role_messages.insert(role_messages_.begin(), role_messages_.end());
  for (const auto& [role, acc] : role_chars_) profile.role_chars[role] = acc.Summarize();
  if (last_turn_chars_.count() > 0) profile.last_turn_chars = last_turn_chars_.Summarize();
  profile.first_roles.insert(first_roles_.begin(), first_roles_.end());
  profile.last_roles.insert(last_roles_.begin(), last_roles_.end());
  profile.with_system = with_system_;
  profile.not_alternating = not_alternating_;
  profile.empty_messages = empty_messages_;
  profile.filler_endings = filler_endings_;
  for (const auto& example : filler_examples_) profile.filler_examples.push_back(example.ref);
  if (role_content_) profile.role_keys.push_back("role/content");
  if (from_value_) profile.role_keys.push_back("from/value");
  return profile;
}

}  // namespace winnow
