#include "winnow/formats/trl_type.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {
namespace {

// A field is a column of the dataset when this share of rows has a value for it. Not 100%: one
// stray row should not hide the type, but the rows without it are reported because TRL fails on
// them (Arrow turns a missing field into null).
constexpr double kColumnShare = 0.99;
// A column holds strings, message lists, ... when this share of its non-null values are that kind.
constexpr double kKindShare = 0.95;
// More names than this in an evidence line are summarised as "and N more".
constexpr size_t kMaxListedColumns = 6;

// The column names that fix a TRL type.
constexpr std::array<std::string_view, 9> kTrlColumns = {"text",       "messages",    "prompt",
                                                         "completion", "chosen",      "rejected",
                                                         "label",      "completions", "labels"};
// Columns some trainers read besides the type's own; they get their own evidence line.
constexpr std::array<std::string_view, 4> kOptionalColumns = {"tools", "margin", "images",
                                                              "system"};
// Columns of the recognised non-TRL shapes.
constexpr std::array<std::string_view, 5> kSourceColumns = {"conversations", "instruction", "input",
                                                            "output", "history"};

enum class ValueKind {
  kNone,
  kMessages,
  kMessageObject,
  kString,
  kList,
  kBool,
  kNumber,
  kObject,
  kMixed
};

// What a column holds (KindOf).
struct KindRule {
  ValueKind kind;
  const char* name;       // plural, for evidence lines
  const char* json_type;  // the ColumnProfile::types key counted; "" for the other counts
};
// In the order KindOf tries them: message lists and single messages come first because they are
// also lists and objects.
constexpr std::array<KindRule, 7> kKindRules = {{
    {ValueKind::kMessages, "message lists", ""},
    {ValueKind::kMessageObject, "single messages", ""},
    {ValueKind::kString, "strings", "string"},
    {ValueKind::kList, "lists", "list"},
    {ValueKind::kBool, "bools", "bool"},
    {ValueKind::kNumber, "numbers", ""},
    {ValueKind::kObject, "objects", "object"},
}};

template <typename Names>
bool Contains(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

uint64_t TypeCount(const ColumnProfile& column, const std::string& type) {
  auto it = column.types.find(type);
  return it == column.types.end() ? 0 : it->second;
}

// Non-null values, from the type counts so that it agrees with the kind counts below.
uint64_t Values(const ColumnProfile& column) {
  uint64_t values = 0;
  for (const auto& [type, count] : column.types) values += count;
  return values;
}

uint64_t KindCount(const ColumnProfile& column, ValueKind kind) {
  if (kind == ValueKind::kMessages) return column.message_lists;
  if (kind == ValueKind::kMessageObject) return column.message_objects;
  if (kind == ValueKind::kNumber) return TypeCount(column, "int") + TypeCount(column, "float");
  for (const KindRule& rule : kKindRules) {
    if (rule.kind == kind) return TypeCount(column, rule.json_type);
  }
  return 0;
}

const char* KindName(ValueKind kind) {
  if (kind == ValueKind::kMixed) return "mixed values";
  for (const KindRule& rule : kKindRules) {
    if (rule.kind == kind) return rule.name;
  }
  return "no values";
}

ValueKind KindOf(const ColumnProfile& column) {
  uint64_t values = Values(column);
  if (values == 0) return ValueKind::kNone;
  for (const KindRule& rule : kKindRules) {
    if (static_cast<double>(KindCount(column, rule.kind)) >=
        kKindShare * static_cast<double>(values)) {
      return rule.kind;
    }
  }
  return ValueKind::kMixed;
}

// "100%", "60%", "99.5%": never rounds a part up to 100% or down to 0%, which would hide the rows
// that break training.
std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "0%";
  if (part * 100 % whole == 0) return fmt::format("{}%", part * 100 / whole);
  double percent = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  return fmt::format("{:.1f}%", std::clamp(percent, 0.1, 99.9));
}

std::string Join(const std::vector<std::string_view>& names) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < kMaxListedColumns; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  if (names.size() > kMaxListedColumns) {
    out += fmt::format(" and {} more", names.size() - kMaxListedColumns);
  }
  return out;
}

// "chosen holds message lists in 300/300 rows" or "label holds mixed values: bool 5, int 5".
std::string HoldsLine(const ColumnProfile& column) {
  ValueKind kind = KindOf(column);
  if (kind == ValueKind::kNone) return column.path + " holds only nulls";
  if (kind == ValueKind::kMixed) {
    std::string counts;
    for (const auto& [type, count] : column.types) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", type, count);
    }
    return fmt::format("{} holds mixed values: {}", column.path, counts);
  }
  return fmt::format("{} holds {} in {}/{} rows", column.path, KindName(kind),
                     KindCount(column, kind), Values(column));
}

// Whether the items of a list column are (nearly all) of `type`.
bool ItemsAre(const ColumnProfile& column, const std::string& type) {
  uint64_t items = 0;
  for (const auto& [item_type, count] : column.list_item_types) items += count;
  auto it = column.list_item_types.find(type);
  uint64_t matching = it == column.list_item_types.end() ? 0 : it->second;
  return items > 0 && static_cast<double>(matching) >= kKindShare * static_cast<double>(items);
}

// Fills a TrlDetection step by step; one instance per call.
class Detector {
 public:
  explicit Detector(const DatasetProfile& profile) : profile_(profile) {
    for (const ColumnProfile& column : profile.columns) {
      if (column.path.find_first_of(".[") == std::string::npos) top_level_.push_back(&column);
    }
  }

  TrlDetection Run() {
    out_.type = "unknown";
    if (profile_.rows == 0) {
      out_.evidence.push_back("the dataset has no rows");
      return out_;
    }
    NoteSparseTrlColumns();
    DetectType();
    DetectSourceFormat();
    NoteOtherColumns();
    if (out_.type != "unknown") AddTrainers();
    return out_;
  }

 private:
  const ColumnProfile* Find(std::string_view name) const {
    for (const ColumnProfile* column : top_level_) {
      if (column->path == name) return column;
    }
    return nullptr;
  }

  bool Has(std::string_view name) const {
    const ColumnProfile* column = Find(name);
    return column != nullptr && static_cast<double>(Values(*column)) >=
                                    kColumnShare * static_cast<double>(profile_.rows);
  }

  ValueKind Kind(std::string_view name) const {
    const ColumnProfile* column = Find(name);
    return column == nullptr ? ValueKind::kNone : KindOf(*column);
  }

  void NoteSparseTrlColumns() {
    for (std::string_view name : kTrlColumns) {
      const ColumnProfile* column = Find(name);
      if (column == nullptr || Values(*column) == 0 || Has(name)) continue;
      out_.evidence.push_back(fmt::format(
          "column {} present in only {} of rows ({}/{}): not counted as a column of the dataset",
          name, Percent(Values(*column), profile_.rows), Values(*column), profile_.rows));
    }
  }

  void NoteCoverage(const std::vector<std::string_view>& names) {
    std::vector<std::string_view> full;
    for (std::string_view name : names) {
      uint64_t values = Values(*Find(name));
      if (values >= profile_.rows) {
        full.push_back(name);
        continue;
      }
      out_.evidence.push_back(fmt::format(
          "column {} present in {} of rows ({}/{}): TRL fails on the {} rows without it", name,
          Percent(values, profile_.rows), values, profile_.rows, profile_.rows - values));
    }
    if (!full.empty()) {
      out_.evidence.push_back(fmt::format("{} {} present in 100% of rows",
                                          full.size() == 1 ? "column" : "columns", Join(full)));
    }
  }

  // Sets the type when `form_columns` all hold strings (standard) or all hold message lists
  // (conversational), and `only_form` (if given) allows that form; otherwise the type is unknown.
  bool SetType(const char* type, std::vector<std::string_view> columns,
               const std::vector<std::string_view>& form_columns, std::string_view only_form = "") {
    type_columns_ = std::move(columns);
    NoteCoverage(type_columns_);
    int strings = 0;
    int messages = 0;
    for (std::string_view name : form_columns) {
      out_.evidence.push_back(HoldsLine(*Find(name)));
      ValueKind kind = Kind(name);
      if (kind == ValueKind::kString) {
        ++strings;
      } else if (kind == ValueKind::kMessages) {
        ++messages;
      } else {
        return Reject(
            fmt::format("{} holds {}, neither strings nor message lists: {} data needs one "
                        "or the other",
                        name, KindName(kind), type));
      }
    }
    if (strings > 0 && messages > 0) {
      return Reject(
          fmt::format("{} mix strings and message lists: TRL needs all of them in one "
                      "form (standard or conversational)",
                      Join(form_columns)));
    }
    std::string form = messages > 0 ? "conversational" : "standard";
    if (!only_form.empty() && form != only_form) {
      return Reject(fmt::format("{} holds {}: TRL reads it as {} data only", Join(form_columns),
                                KindName(messages > 0 ? ValueKind::kMessages : ValueKind::kString),
                                only_form));
    }
    out_.type = type;
    out_.form = form;
    return true;
  }

  bool Reject(std::string reason) {
    out_.evidence.push_back(std::move(reason));
    out_.type = "unknown";
    out_.form.clear();
    out_.implicit_prompt = false;
    return false;
  }

  // The column sets of the spec's table, most specific first: stepwise and KTO data also have a
  // prompt (and completion), so checking prompt-completion first would misread them.
  void DetectType() {
    if (Has("prompt") && Has("completions") && Has("labels")) return DetectStepwise();
    if (Has("prompt") && Has("completion") && Has("label")) {
      if (Kind("label") == ValueKind::kBool) {
        if (SetType("unpaired_preference", {"prompt", "completion", "label"},
                    {"prompt", "completion"})) {
          out_.evidence.push_back(HoldsLine(*Find("label")));
        }
        return;
      }
      // A 0/1 or "good"/"bad" label is common; TRL would fail on it in KTO but SFT still works.
      out_.evidence.push_back(HoldsLine(*Find("label")) +
                              ": KTO needs a JSON bool label, so this reads as prompt-completion");
      out_.advice.push_back("to train with KTOTrainer, write label as JSON true/false");
    }
    if (Has("prompt") && Has("chosen") && Has("rejected")) {
      SetType("preference", {"prompt", "chosen", "rejected"}, {"prompt", "chosen", "rejected"});
    } else if (Has("prompt") && Has("completion")) {
      SetType("prompt_completion", {"prompt", "completion"}, {"prompt", "completion"});
    } else if (Has("chosen") && Has("rejected")) {
      out_.implicit_prompt = SetType("preference", {"chosen", "rejected"}, {"chosen", "rejected"});
    } else if (Has("prompt")) {
      SetType("prompt_only", {"prompt"}, {"prompt"});
    } else if (Has("messages")) {
      SetType("language_modeling", {"messages"}, {"messages"}, "conversational");
    } else if (Has("text")) {
      SetType("language_modeling", {"text"}, {"text"}, "standard");
    } else {
      NoTypeFound();
    }
  }

  void DetectStepwise() {
    if (!SetType("stepwise_supervision", {"prompt", "completions", "labels"}, {"prompt"},
                 "standard")) {
      return;
    }
    const ColumnProfile& completions = *Find("completions");
    const ColumnProfile& labels = *Find("labels");
    out_.evidence.push_back(HoldsLine(completions));
    out_.evidence.push_back(HoldsLine(labels));
    if (KindOf(completions) != ValueKind::kList || !ItemsAre(completions, "string")) {
      Reject("completions must hold lists of strings (one per step)");
    } else if (KindOf(labels) != ValueKind::kList || !ItemsAre(labels, "bool")) {
      Reject("labels must hold lists of JSON bools (one per step)");
    }
  }

  void NoTypeFound() {
    std::vector<std::string_view> trl;
    std::vector<std::string_view> all;
    for (const ColumnProfile* column : top_level_) {
      if (Values(*column) == 0) continue;
      all.push_back(column->path);
      if (Contains(kTrlColumns, column->path) && Has(column->path)) trl.push_back(column->path);
    }
    if (trl.empty()) {
      out_.evidence.push_back("no TRL columns among the top-level columns: " +
                              (all.empty() ? std::string("(none)") : Join(all)));
    } else {
      out_.evidence.push_back(fmt::format("found {} but no complete TRL column set", Join(trl)));
    }
  }

  void DetectSourceFormat() {
    if (DetectLlamaFactoryPreference() || DetectShareGpt() || DetectShareGptKeysInMessages() ||
        DetectHh()) {
      return;
    }
    DetectAlpaca();
  }

  bool DetectLlamaFactoryPreference() {
    if (!Has("conversations") || !Has("chosen") || !Has("rejected") ||
        Kind("conversations") != ValueKind::kMessages ||
        Kind("chosen") != ValueKind::kMessageObject ||
        Kind("rejected") != ValueKind::kMessageObject) {
      return false;
    }
    out_.source_format = "llamafactory_sharegpt_preference";
    out_.evidence.push_back(fmt::format(
        "conversations holds message lists and chosen, rejected hold single messages in {}/{} and "
        "{}/{} rows: LLaMA-Factory ShareGPT preference, which TRL does not read",
        Find("chosen")->message_objects, Values(*Find("chosen")), Find("rejected")->message_objects,
        Values(*Find("rejected"))));
    out_.advice.push_back(
        "winnow convert --from llamafactory-preference --to preference IN -o OUT (prompt = the "
        "conversation, chosen/rejected = one assistant message each: conversational preference)");
    return true;
  }

  bool DetectShareGpt() {
    if (!Has("conversations") || Kind("conversations") != ValueKind::kMessages) return false;
    out_.source_format = "sharegpt";
    out_.evidence.push_back(HoldsLine(*Find("conversations")) +
                            ": ShareGPT, which TRL does not read (it expects messages)");
    out_.advice.push_back(
        "winnow convert --from sharegpt --to messages IN -o OUT (maps from/value to role/content "
        "and human/gpt to user/assistant)");
    return true;
  }

  // A messages column written with ShareGPT keys: TRL only recognises a conversation by its
  // "role" key, so it would treat these rows as neither standard nor conversational.
  bool DetectShareGptKeysInMessages() {
    if (out_.type != "language_modeling" || out_.form != "conversational") return false;
    for (const ConversationProfile& conversation : profile_.conversations) {
      if (conversation.path != "messages") continue;
      const auto& keys = conversation.role_keys;
      if (std::find(keys.begin(), keys.end(), "from/value") == keys.end()) return false;
      Reject("messages uses ShareGPT keys from/value: TRL needs role/content");
      out_.source_format = "sharegpt";
      out_.advice.push_back("winnow convert --from sharegpt --to messages IN -o OUT");
      return true;
    }
    return false;
  }

  bool DetectHh() {
    if (out_.type != "preference" || !out_.implicit_prompt || out_.form != "standard") return false;
    const ColumnProfile& chosen = *Find("chosen");
    const ColumnProfile& rejected = *Find("rejected");
    auto is_hh = [](const ColumnProfile& column) {
      return static_cast<double>(column.hh_transcripts) >=
             kKindShare * static_cast<double>(Values(column));
    };
    if (!is_hh(chosen) || !is_hh(rejected)) return false;
    out_.source_format = "hh_transcripts";
    out_.evidence.push_back(fmt::format(
        "chosen and rejected hold Human/Assistant transcripts (Anthropic HH) in {}/{} and {}/{} "
        "rows",
        chosen.hh_transcripts, Values(chosen), rejected.hh_transcripts, Values(rejected)));
    out_.advice.push_back(
        "winnow convert --from hh --to preference IN -o OUT (splits each transcript pair into "
        "prompt, chosen, rejected: explicit prompts are recommended for DPO)");
    return true;
  }

  void DetectAlpaca() {
    if (!Has("instruction") || !Has("output") || Kind("instruction") != ValueKind::kString ||
        Kind("output") != ValueKind::kString) {
      return;
    }
    std::vector<std::string_view> columns = {"instruction", "output"};
    for (std::string_view optional : {"input", "system", "history"}) {
      if (Find(optional) != nullptr && Values(*Find(optional)) > 0) columns.push_back(optional);
    }
    out_.source_format = "alpaca";
    out_.evidence.push_back(fmt::format(
        "Alpaca columns {} (instruction, output in {} of rows){}", Join(columns),
        Percent(std::min(Values(*Find("instruction")), Values(*Find("output"))), profile_.rows),
        out_.type == "unknown" ? ": TRL does not read them" : ""));
    out_.advice.push_back("winnow convert --from alpaca --to messages IN -o OUT");
  }

  void NoteOtherColumns() {
    bool known = out_.type != "unknown";
    bool kto_like = MessagesWithBoolLabel();
    std::vector<std::string_view> trl_extra;
    std::vector<std::string_view> ignored;
    for (const ColumnProfile* column : top_level_) {
      std::string_view name = column->path;
      if (Values(*column) == 0 || Contains(type_columns_, name)) continue;
      if (Contains(kOptionalColumns, name)) {
        NoteOptionalColumn(name);
      } else if (Contains(kTrlColumns, name)) {
        if (Has(name) && !(kto_like && name == "label")) trl_extra.push_back(name);
      } else if (!Contains(kSourceColumns, name)) {
        ignored.push_back(name);
      }
    }
    if (known && !trl_extra.empty()) {
      out_.evidence.push_back(fmt::format("also has {}, which trainers for {} data ignore",
                                          Join(trl_extra), out_.type));
    }
    if (known && !ignored.empty()) {
      out_.evidence.push_back("other columns, ignored by the trainers: " + Join(ignored));
    }
    if (kto_like) NoteMessagesWithLabel();
  }

  void NoteOptionalColumn(std::string_view name) {
    if (name == "tools") {
      out_.evidence.push_back("tools column: SFTTrainer passes it to the chat template");
    } else if (name == "margin") {
      out_.evidence.push_back("margin column: RewardTrainer adds it to the loss");
    } else if (name == "images") {
      out_.evidence.push_back("images column: vision-language trainers (SFT, DPO, GRPO) read it");
    } else if (name == "system" && out_.source_format != "alpaca") {
      out_.evidence.push_back(
          "system column: not a TRL column (trainers ignore it); put a system turn into the "
          "messages instead");
    }
  }

  bool MessagesWithBoolLabel() const {
    return out_.type == "language_modeling" && out_.form == "conversational" && Has("label") &&
           Kind("label") == ValueKind::kBool;
  }

  // LLaMA-Factory's KTO format: conversations with a bool label. TRL's SFTTrainer reads them as
  // plain conversations, and KTOTrainer needs the final answer in its own completion column.
  void NoteMessagesWithLabel() {
    out_.evidence.push_back(
        "messages with a bool label (KTO-style): KTOTrainer needs prompt, completion, label");
    if (std::string balance = LabelBalance(); !balance.empty()) out_.evidence.push_back(balance);
    out_.advice.push_back(
        "winnow convert --from messages --to prompt-completion IN -o OUT (the last assistant turn "
        "becomes the completion and label is kept: unpaired preference data for KTO)");
  }

  // "" when the profile has no bool counts for label.
  std::string LabelBalance() const {
    const ColumnProfile& label = *Find("label");
    if (label.true_count + label.false_count == 0) return "";
    return fmt::format("label: {} true / {} false ({} true)", label.true_count, label.false_count,
                       Percent(label.true_count, label.true_count + label.false_count));
  }

  void AddTrainers() {
    const std::string& type = out_.type;
    out_.trainers.push_back("SFTTrainer: " + SftLine());
    out_.trainers.push_back("DPOTrainer, ORPOTrainer, CPOTrainer: " + DpoLine());
    out_.trainers.push_back("KTOTrainer: " + KtoLine());
    if (type == "preference") {
      out_.trainers.push_back(fmt::format(
          "RewardTrainer: accepts {}{}",
          out_.implicit_prompt ? "as is (implicit prompt, the recommended form)"
                               : "(explicit prompt works; implicit prompt is recommended)",
          Has("margin") ? "; adds margin to the loss" : "; no margin column (optional)"));
    } else {
      out_.trainers.push_back("RewardTrainer: does not take this type (needs chosen, rejected)");
    }
    out_.trainers.push_back(type == "stepwise_supervision"
                                ? "PRMTrainer: accepts as is"
                                : "PRMTrainer: does not take this type (needs prompt, "
                                  "completions, labels)");
    std::string online = "GRPOTrainer, RLOOTrainer, OnlineDPOTrainer: ";
    if (type == "prompt_only") {
      online += "accept as is (they generate the completions)";
    } else if (Contains(type_columns_, "prompt")) {
      online +=
          "use only prompt and generate their own completions (GRPOTrainer passes the other "
          "columns to reward functions)";
    } else {
      online += "do not take this type (need a prompt column)";
    }
    out_.trainers.push_back(online);
  }

  std::string SftLine() const {
    const std::string& type = out_.type;
    if (type == "language_modeling") {
      std::string line = out_.form == "conversational"
                             ? "accepts as is (applies the chat template to messages)"
                             : "accepts as is (trains on text)";
      if (Has("tools")) line += "; passes tools to the chat template";
      if (MessagesWithBoolLabel()) line += "; ignores label, so it also learns label-false rows";
      return line;
    }
    if (type == "prompt_completion") return "accepts as is (loss on the completion by default)";
    if (type == "unpaired_preference") {
      return "reads prompt and completion but ignores label, so it also learns the completions "
             "labelled false";
    }
    return "does not take this type (needs text, messages, or prompt + completion)";
  }

  std::string DpoLine() const {
    const std::string& type = out_.type;
    if (type == "preference" && !out_.implicit_prompt) return "accept as is";
    if (type == "preference") {
      return "accept; they take the shared start of chosen and rejected as the prompt (an explicit "
             "prompt is recommended)";
    }
    if (type == "unpaired_preference") {
      return "do not take unpaired data; pair a true and a false completion of the same prompt: "
             "winnow convert --from kto --to preference IN -o OUT";
    }
    return "do not take this type (need chosen, rejected)";
  }

  std::string KtoLine() const {
    if (out_.type == "preference") {
      return "accepts; turns each pair into chosen -> label true and rejected -> label false";
    }
    if (MessagesWithBoolLabel()) {
      return "does not take messages + label; split off the completion first (see advice)";
    }
    if (out_.type != "unpaired_preference") {
      return "does not take this type (needs prompt, completion, label, or preference pairs)";
    }
    const ColumnProfile& label = *Find("label");
    if (label.true_count + label.false_count == 0) return "accepts as is";
    std::string line = "accepts as is; " + LabelBalance();
    if (label.true_count == 0 || label.false_count == 0) {
      return line + "; KTO needs both desirable (true) and undesirable (false) examples";
    }
    // TRL's KTO docs: desirable_weight * true : undesirable_weight * false should lie in [1, 4/3].
    double ratio = static_cast<double>(label.true_count) / static_cast<double>(label.false_count);
    if (ratio < 1.0 || ratio > 4.0 / 3.0) {
      line +=
          "; imbalanced: set desirable_weight / undesirable_weight so that weighted true : "
          "false lies between 1:1 and 4:3";
    }
    return line;
  }

  const DatasetProfile& profile_;
  std::vector<const ColumnProfile*> top_level_;
  std::vector<std::string_view> type_columns_;  // the columns of the type tried (static strings)
  TrlDetection out_;
};

}  // namespace

TrlDetection DetectTrlType(const DatasetProfile& profile) { return Detector(profile).Run(); }

}  // namespace winnow
