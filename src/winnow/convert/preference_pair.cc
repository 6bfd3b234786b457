#include "winnow/convert/preference_pair.h"

#include <fmt/format.h>

#include "winnow/convert/hh_transcript.h"
#include "winnow/convert/to_messages.h"

namespace winnow {
namespace {

using simdjson::dom::element;

bool Has(const Record& record, std::string_view key) {
  element value;
  return !record.Field(key).get(value) && !value.is_null();
}

Result<element> Column(const Record& record, std::string_view key) {
  element value;
  if (record.Field(key).get(value) || value.is_null()) {
    return Error(Status::InvalidArgument(fmt::format("missing column '{}'", key)));
  }
  return value;
}

PreferenceSource Detect(const Record& record) {
  if (Has(record, "chosen_messages") && Has(record, "rejected_messages")) {
    return PreferenceSource::kLlamaFactory;
  }
  if (Has(record, "conversations")) return PreferenceSource::kLlamaFactory;
  if (Has(record, "prompt")) return PreferenceSource::kExplicit;
  std::string_view chosen;
  if (!record.Field("chosen").get_string().get(chosen) && LooksLikeHhTranscript(chosen)) {
    return PreferenceSource::kHh;
  }
  return PreferenceSource::kImplicit;
}

// Splits two whole conversations at their shared prefix, backed off so the prompt ends with a
// user (or tool) turn and both answers start with the assistant.
Result<PreferencePair> SplitConversations(std::vector<ChatMessage> chosen,
                                          std::vector<ChatMessage> rejected) {
  size_t shared = 0;
  while (shared < chosen.size() && shared < rejected.size() &&
         SameMessage(chosen[shared], rejected[shared])) {
    ++shared;
  }
  while (shared > 0 && chosen[shared - 1].role != "user" && chosen[shared - 1].role != "tool") {
    --shared;
  }
  if (shared == 0) {
    return Error(Status::InvalidArgument(
        "chosen and rejected share no prompt (no common turns ending with a user turn)"));
  }
  PreferencePair pair;
  pair.prompt = Turns::Messages({chosen.begin(), chosen.begin() + shared});
  pair.chosen = Turns::Messages({chosen.begin() + shared, chosen.end()});
  pair.rejected = Turns::Messages({rejected.begin() + shared, rejected.end()});
  return pair;
}

// Standard-form split of two transcripts (TRL's extract_prompt): the longest common prefix, not
// splitting "word" from " word". For HH transcripts the cut goes back to the end of the last
// "\n\nAssistant:" marker, so replies that begin alike ("I think" / "I don't") stay whole.
Result<PreferencePair> SplitStrings(std::string_view chosen, std::string_view rejected, bool hh) {
  size_t shared = 0;
  while (shared < chosen.size() && shared < rejected.size() && chosen[shared] == rejected[shared]) {
    ++shared;
  }
  if (shared == chosen.size() && shared == rejected.size()) {
    return Error(Status::InvalidArgument("chosen and rejected are identical"));
  }
  // Never cut inside a UTF-8 sequence: back up to the start of the character that differs.
  auto continuation = [](std::string_view text, size_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  while (shared > 0 && (continuation(chosen, shared) || continuation(rejected, shared))) --shared;
  if (hh) {
    size_t marker = chosen.substr(0, shared).rfind("\n\nAssistant:");
    if (marker == std::string_view::npos) {
      return Error(
          Status::InvalidArgument("chosen and rejected differ before the last Assistant turn"));
    }
    shared = marker + std::string_view("\n\nAssistant:").size();
  } else if (shared > 0 && shared < chosen.size() && chosen[shared - 1] == ' ') {
    --shared;
  }
  if (shared == 0) return Error(Status::InvalidArgument("chosen and rejected share no prompt"));
  PreferencePair pair;
  pair.prompt = Turns::Text(chosen.substr(0, shared));
  pair.chosen = Turns::Text(chosen.substr(shared));
  pair.rejected = Turns::Text(rejected.substr(shared));
  return pair;
}

Result<PreferencePair> ReadExplicit(const Record& record, simdjson::dom::parser& parser) {
  PreferencePair pair;
  WINNOW_ASSIGN_OR_RETURN(element prompt, Column(record, "prompt"));
  WINNOW_ASSIGN_OR_RETURN(element chosen, Column(record, "chosen"));
  WINNOW_ASSIGN_OR_RETURN(element rejected, Column(record, "rejected"));
  WINNOW_ASSIGN_OR_RETURN(pair.prompt, ReadTurns(prompt, "prompt", parser));
  WINNOW_ASSIGN_OR_RETURN(pair.chosen, ReadTurns(chosen, "chosen", parser));
  WINNOW_ASSIGN_OR_RETURN(pair.rejected, ReadTurns(rejected, "rejected", parser));
  return pair;
}

Result<PreferencePair> ReadImplicit(const Record& record, bool hh, bool standard,
                                    simdjson::dom::parser& parser) {
  WINNOW_ASSIGN_OR_RETURN(element chosen, Column(record, "chosen"));
  WINNOW_ASSIGN_OR_RETURN(element rejected, Column(record, "rejected"));
  std::string_view chosen_text, rejected_text;
  bool strings = !chosen.get_string().get(chosen_text) && !rejected.get_string().get(rejected_text);
  if (strings && (standard || !hh)) return SplitStrings(chosen_text, rejected_text, hh);
  if (strings) {
    WINNOW_ASSIGN_OR_RETURN(auto chosen_turns, ParseHhTranscript(chosen_text, "chosen"));
    WINNOW_ASSIGN_OR_RETURN(auto rejected_turns, ParseHhTranscript(rejected_text, "rejected"));
    return SplitConversations(std::move(chosen_turns), std::move(rejected_turns));
  }
  WINNOW_ASSIGN_OR_RETURN(auto chosen_turns, ReadChatMessages(chosen, "chosen", parser));
  WINNOW_ASSIGN_OR_RETURN(auto rejected_turns, ReadChatMessages(rejected, "rejected", parser));
  return SplitConversations(std::move(chosen_turns), std::move(rejected_turns));
}

Result<PreferencePair> ReadLlamaFactory(const Record& record, simdjson::dom::parser& parser) {
  if (Has(record, "chosen_messages")) {
    WINNOW_ASSIGN_OR_RETURN(element chosen, Column(record, "chosen_messages"));
    WINNOW_ASSIGN_OR_RETURN(element rejected, Column(record, "rejected_messages"));
    WINNOW_ASSIGN_OR_RETURN(auto chosen_turns, ReadChatMessages(chosen, "chosen_messages", parser));
    WINNOW_ASSIGN_OR_RETURN(auto rejected_turns,
                            ReadChatMessages(rejected, "rejected_messages", parser));
    return SplitConversations(std::move(chosen_turns), std::move(rejected_turns));
  }
  PreferencePair pair;
  WINNOW_ASSIGN_OR_RETURN(element conversations, Column(record, "conversations"));
  WINNOW_ASSIGN_OR_RETURN(element chosen, Column(record, "chosen"));
  WINNOW_ASSIGN_OR_RETURN(element rejected, Column(record, "rejected"));
  WINNOW_ASSIGN_OR_RETURN(auto prompt, ReadChatMessages(conversations, "conversations", parser));
  pair.prompt = Turns::Messages(std::move(prompt));
  WINNOW_ASSIGN_OR_RETURN(pair.chosen, ReadTurns(chosen, "chosen", parser));
  WINNOW_ASSIGN_OR_RETURN(pair.rejected, ReadTurns(rejected, "rejected", parser));
  if (!pair.chosen.conversational || !pair.rejected.conversational) {
    return Error(Status::InvalidArgument("chosen and rejected must be messages ({from, value})"));
  }
  return pair;
}

}  // namespace

Result<PreferenceSource> ParsePreferenceSource(std::string_view text) {
  if (text == "auto") return PreferenceSource::kAuto;
  if (text == "explicit" || text == "preference") return PreferenceSource::kExplicit;
  if (text == "implicit") return PreferenceSource::kImplicit;
  if (text == "hh") return PreferenceSource::kHh;
  if (text == "llamafactory" || text == "llamafactory-preference" || text == "sharegpt") {
    return PreferenceSource::kLlamaFactory;
  }
  return Error(Status::InvalidArgument("unknown preference source '" + std::string(text) +
                                       "' (expected auto, explicit, implicit, hh, llamafactory)"));
}

Result<PreferencePair> ReadPreferencePair(const Record& record, PreferenceSource source,
                                          bool standard, simdjson::dom::parser& parser) {
  if (source == PreferenceSource::kAuto) source = Detect(record);
  switch (source) {
    case PreferenceSource::kExplicit:
      return ReadExplicit(record, parser);
    case PreferenceSource::kHh:
      return ReadImplicit(record, /*hh=*/true, standard, parser);
    case PreferenceSource::kImplicit:
      return ReadImplicit(record, /*hh=*/false, standard, parser);
    case PreferenceSource::kLlamaFactory:
      return ReadLlamaFactory(record, parser);
    case PreferenceSource::kAuto:
      break;
  }
  return Error(Status::InvalidArgument("unknown preference source"));
}

std::set<std::string, std::less<>> PreferenceColumns() {
  return {"prompt", "chosen", "rejected", "conversations", "chosen_messages", "rejected_messages"};
}

Result<PreferenceOptions> ReadPreferenceOptions(StepOptions& options) {
  PreferenceOptions out;
  WINNOW_ASSIGN_OR_RETURN(std::string source, options.GetString("from", "auto"));
  WINNOW_ASSIGN_OR_RETURN(out.source, ParsePreferenceSource(source));
  WINNOW_ASSIGN_OR_RETURN(std::string form, options.GetString("form", "conversational"));
  if (form != "conversational" && form != "standard") {
    return Error(
        Status::InvalidArgument("form must be 'conversational' or 'standard', got '" + form + "'"));
  }
  out.standard = form == "standard";
  WINNOW_ASSIGN_OR_RETURN(out.write, ReadMessageWriteOptions(options));
  return out;
}

namespace {

class ToPreference : public Conversion {
 public:
  explicit ToPreference(PreferenceOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "to_preference"; }
  std::optional<TrlType> target() const override { return TrlType::kPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    return PreferenceColumns();
  }
  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    auto pair = ReadPreferencePair(input, options_.source, options_.standard, parser);
    if (!pair) {
      out.Reject("bad_input", pair.error().message());
      return Status::OK();
    }
    out.BeginRecord();
    WriteTurns(pair->prompt, options_.write, &out.Column("prompt"));
    WriteTurns(pair->chosen, options_.write, &out.Column("chosen"));
    WriteTurns(pair->rejected, options_.write, &out.Column("rejected"));
    return Status::OK();
  }

 private:
  PreferenceOptions options_;
};

class ToKto : public Conversion {
 public:
  explicit ToKto(PreferenceOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "to_kto"; }
  std::optional<TrlType> target() const override { return TrlType::kUnpairedPreference; }
  std::set<std::string, std::less<>> consumed_columns() const override {
    auto columns = PreferenceColumns();
    columns.insert({"messages", "label", "completion"});
    return columns;
  }
  Status Convert(const Record& input, ConversionOutput& out,
                 simdjson::dom::parser& parser) const override {
    if (Has(input, "label") && Has(input, "messages"))
      return FromLabelledMessages(input, out, parser);
    if (Has(input, "label") && Has(input, "completion")) {
      out.Reject("already_kto", "already prompt/completion/label rows");
      return Status::OK();
    }
    auto pair = ReadPreferencePair(input, options_.source, options_.standard, parser);
    if (!pair) {
      out.Reject("bad_input", pair.error().message());
      return Status::OK();
    }
    Emit(pair->prompt, pair->chosen, true, out);
    Emit(pair->prompt, pair->rejected, false, out);
    return Status::OK();
  }

 private:
  void Emit(const Turns& prompt, const Turns& completion, bool label, ConversionOutput& out) const {
    out.BeginRecord();
    WriteTurns(prompt, options_.write, &out.Column("prompt"));
    WriteTurns(completion, options_.write, &out.Column("completion"));
    out.Column("label").Bool(label);
  }

  // LLaMA-Factory's KTO rows: a whole conversation plus a bool label on its last reply.
  Status FromLabelledMessages(const Record& input, ConversionOutput& out,
                              simdjson::dom::parser& parser) const {
    bool label;
    if (input.Field("label").get_bool().get(label)) {
      out.Reject("label_not_bool", "label must be a JSON bool");
      return Status::OK();
    }
    simdjson::dom::element list;
    (void)!input.Field("messages").get(list);
    auto messages = ReadChatMessages(list, "messages", parser);
    if (!messages) {
      out.Reject("bad_input", messages.error().message());
      return Status::OK();
    }
    size_t split = ReplyStart(*messages);
    if (split >= messages->size()) {
      out.Reject("no_reply", "no assistant turn after the last user turn");
      return Status::OK();
    }
    Emit(Turns::Messages({messages->begin(), messages->begin() + split}),
         Turns::Messages({messages->begin() + split, messages->end()}), label, out);
    return Status::OK();
  }

  PreferenceOptions options_;
};

}  // namespace

Result<std::unique_ptr<Conversion>> CreateToPreference(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(PreferenceOptions preference, ReadPreferenceOptions(options));
  return std::unique_ptr<Conversion>(new ToPreference(std::move(preference)));
}

Result<std::unique_ptr<Conversion>> CreateToKto(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(PreferenceOptions preference, ReadPreferenceOptions(options));
  return std::unique_ptr<Conversion>(new ToKto(std::move(preference)));
}

}  // namespace winnow
