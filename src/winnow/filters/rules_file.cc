#include "winnow/filters/rules_file.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>

#include "winnow/filters/rule_packs.h"
#include "winnow/io/byte_stream.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/field_path.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

constexpr size_t kMaxIncludeDepth = 16;
constexpr size_t kMaxRulesFileBytes = size_t{16} << 20;
constexpr std::string_view kPackPrefix = "pack:";

// "rules.yaml:12:7" for a node with a position, else the source alone.
std::string Where(const std::string& source, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return source;
  return source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

Status NodeError(const std::string& source, const YAML::Node& node, const std::string& message) {
  return Status::InvalidInput(Where(source, node) + ": " + message);
}

// "unknown key 'phrase' (did you mean 'phrases'?)".
std::string UnknownKey(std::string_view key, std::initializer_list<std::string_view> known) {
  std::string message = "unknown key '" + std::string(key) + "'";
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view candidate : known) {
    size_t distance = EditDistance(key, candidate);
    if (distance < best_distance) best_distance = distance, best = candidate;
  }
  if (!best.empty()) message += " (did you mean '" + std::string(best) + "'?)";
  return message;
}

// A scalar, or a list of scalars; null is an empty list.
Result<std::vector<std::pair<std::string, YAML::Node>>> ScalarList(const std::string& source,
                                                                   const YAML::Node& node,
                                                                   std::string_view what) {
  std::vector<std::pair<std::string, YAML::Node>> items;
  if (node.IsNull()) return items;
  if (node.IsScalar()) {
    items.emplace_back(node.Scalar(), node);
    return items;
  }
  if (!node.IsSequence()) {
    return Error(NodeError(source, node, std::string(what) + " must be a list of text items"));
  }
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) {
      return Error(NodeError(source, item, std::string(what) + ": each item must be text"));
    }
    items.emplace_back(item.Scalar(), item);
  }
  return items;
}

Result<bool> ReadBool(const std::string& source, const YAML::Node& node, std::string_view key) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    return Error(NodeError(source, node, std::string(key) + " must be true or false"));
  }
  return value;
}

Result<std::vector<std::string>> ReadRoles(const std::string& source, const YAML::Node& node) {
  WINNOW_ASSIGN_OR_RETURN(auto items, ScalarList(source, node, "roles"));
  std::vector<std::string> roles;
  for (const auto& [role, item] : items) {
    if (role == "all" || role == "*") return std::vector<std::string>{};
    if (role.empty()) return Error(NodeError(source, item, "roles: a role cannot be empty"));
    roles.emplace_back(NormaliseRole(role));
  }
  return roles;
}

Result<std::string> ReadField(const std::string& source, const YAML::Node& node) {
  if (!node.IsScalar()) return Error(NodeError(source, node, "field must be a field path"));
  auto path = FieldPath::Parse(node.Scalar());
  if (!path) return Error(NodeError(source, node, path.error().message()));
  return node.Scalar();
}

bool IsRuleName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string Folder(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// Reads sources into rules; one per load, so "read once" and cycle checks span all sources.
class RulesLoader {
 public:
  explicit RulesLoader(FileSystem* fs) : fs_(fs) {}

  Status LoadSource(const std::string& source, const RuleDefaults& defaults);
  Status LoadText(std::string_view yaml, const std::string& source, const RuleDefaults& defaults);

  std::vector<Rule>& rules() { return rules_; }

 private:
  Status LoadRoot(const YAML::Node& root, const std::string& source, RuleDefaults defaults);
  Status ReadDefaults(const YAML::Node& node, const std::string& source, RuleDefaults* defaults);
  Status ReadIncludes(const YAML::Node& node, const std::string& source,
                      const RuleDefaults& defaults);
  Status ReadRule(const YAML::Node& node, const std::string& source, const RuleDefaults& defaults);
  Status ReadRuleKey(std::string_view key, const YAML::Node& value, const std::string& source,
                     Rule* rule);
  Status ReadPatterns(const YAML::Node& node, const std::string& source, RulePattern::Kind kind,
                      std::string_view key, std::vector<RulePattern>* out);

  FileSystem* fs_;
  std::set<std::string> loaded_;
  std::vector<std::string> stack_;            // the include chain being read
  std::map<std::string, std::string> names_;  // rule name -> where it was defined
  size_t patterns_ = 0;
  std::vector<Rule> rules_;
};

Status RulesLoader::LoadSource(const std::string& source, const RuleDefaults& defaults) {
  for (const std::string& open : stack_) {
    if (open != source) continue;
    std::string chain;
    for (const std::string& step : stack_) chain += step + " -> ";
    return Status::InvalidInput("include cycle: " + chain + source);
  }
  if (!loaded_.insert(source).second) return Status::OK();
  if (stack_.size() >= kMaxIncludeDepth) {
    return Status::InvalidInput(source + ": includes nested deeper than " +
                                std::to_string(kMaxIncludeDepth) + " files");
  }
  if (source.starts_with(kPackPrefix)) {
    const std::string name = source.substr(kPackPrefix.size());
    const RulePack* pack = FindRulePack(name);
    if (pack == nullptr) {
      std::string known;
      for (const RulePack& candidate : RulePacks()) {
        known +=
            (known.empty() ? "" : ", ") + std::string(kPackPrefix) + std::string(candidate.name);
      }
      return Status::NotFound("unknown rule pack '" + source + "' (packs: " + known + ")");
    }
    return LoadText(pack->yaml, source, defaults);
  }
  if (fs_ == nullptr) {
    return Status::InvalidArgument("cannot read rules file '" + source + "' here (packs only)");
  }
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> input, fs_->OpenRead(source));
  WINNOW_ASSIGN_OR_RETURN(std::string text, ReadToString(*input, kMaxRulesFileBytes));
  return LoadText(text, source, defaults);
}

Status RulesLoader::LoadText(std::string_view yaml, const std::string& source,
                             const RuleDefaults& defaults) {
  stack_.push_back(source);
  Status status;
  // Exceptions stop here: yaml-cpp reports syntax errors (and too deep nesting) by throwing.
  try {
    status = LoadRoot(YAML::Load(std::string(yaml)), source, defaults);
  } catch (const YAML::Exception& error) {
    status = error.mark.is_null()
                 ? Status::InvalidInput(source + ": " + error.msg)
                 : Status::InvalidInput(source + ":" + std::to_string(error.mark.line + 1) + ":" +
                                        std::to_string(error.mark.column + 1) + ": " + error.msg);
  } catch (const std::exception& error) {
    status = Status::InvalidInput(source + ": " + error.what());
  }
  stack_.pop_back();
  return status;
}

Status RulesLoader::LoadRoot(const YAML::Node& root, const std::string& source,
                             RuleDefaults defaults) {
  if (root.IsNull()) return Status::OK();
  if (!root.IsMap()) {
    return NodeError(source, root,
                     "a rules file is a mapping with 'rules' (and 'include', "
                     "'defaults')");
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    if (key != "rules" && key != "include" && key != "defaults") {
      return NodeError(source, entry.first, UnknownKey(key, {"rules", "include", "defaults"}));
    }
  }
  // Defaults first and includes before rules, whatever order the keys are written in.
  if (root["defaults"]) WINNOW_RETURN_IF_ERROR(ReadDefaults(root["defaults"], source, &defaults));
  if (root["include"]) WINNOW_RETURN_IF_ERROR(ReadIncludes(root["include"], source, defaults));
  const YAML::Node rules = root["rules"];
  if (!rules || rules.IsNull()) return Status::OK();
  if (!rules.IsSequence()) return NodeError(source, rules, "rules must be a list of rules");
  for (const YAML::Node& rule : rules) {
    WINNOW_RETURN_IF_ERROR(ReadRule(rule, source, defaults));
  }
  return Status::OK();
}

Status RulesLoader::ReadDefaults(const YAML::Node& node, const std::string& source,
                                 RuleDefaults* defaults) {
  if (!node.IsMap()) return NodeError(source, node, "defaults must be a mapping");
  for (const auto& entry : node) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    const YAML::Node& value = entry.second;
    if (key == "field") {
      WINNOW_ASSIGN_OR_RETURN(defaults->field, ReadField(source, value));
    } else if (key == "roles") {
      WINNOW_ASSIGN_OR_RETURN(defaults->roles, ReadRoles(source, value));
    } else if (key == "case_sensitive") {
      WINNOW_ASSIGN_OR_RETURN(defaults->case_sensitive, ReadBool(source, value, key));
    } else if (key == "word_boundaries") {
      WINNOW_ASSIGN_OR_RETURN(defaults->word_boundaries, ReadBool(source, value, key));
    } else {
      return NodeError(
          source, entry.first,
          "defaults: " + UnknownKey(key, {"field", "roles", "case_sensitive", "word_boundaries"}));
    }
  }
  return Status::OK();
}

Status RulesLoader::ReadIncludes(const YAML::Node& node, const std::string& source,
                                 const RuleDefaults& defaults) {
  WINNOW_ASSIGN_OR_RETURN(auto items, ScalarList(source, node, "include"));
  for (const auto& [name, item] : items) {
    std::string target = name;
    if (!name.starts_with(kPackPrefix)) {
      if (source.starts_with(kPackPrefix)) {
        return NodeError(source, item, "a pack can include only packs, not '" + name + "'");
      }
      if (fs_ == nullptr) {
        return NodeError(source, item, "cannot include the file '" + name + "' here (packs only)");
      }
      if (!name.starts_with("/")) target = Folder(source) + name;
    }
    Status status = LoadSource(target, defaults);
    if (!status.ok()) return Status(status.code(), Where(source, item) + ": " + status.message());
  }
  return Status::OK();
}

Status RulesLoader::ReadPatterns(const YAML::Node& node, const std::string& source,
                                 RulePattern::Kind kind, std::string_view key,
                                 std::vector<RulePattern>* out) {
  WINNOW_ASSIGN_OR_RETURN(auto items, ScalarList(source, node, key));
  for (auto& [text, item] : items) {
    if (++patterns_ > kMaxPatterns) {
      return NodeError(source, item, "more than " + std::to_string(kMaxPatterns) + " patterns");
    }
    out->push_back({kind, std::move(text), Where(source, item)});
  }
  return Status::OK();
}

Status RulesLoader::ReadRuleKey(std::string_view key, const YAML::Node& value,
                                const std::string& source, Rule* rule) {
  using Kind = RulePattern::Kind;
  if (key == "name") {
    if (!value.IsScalar() || !IsRuleName(value.Scalar())) {
      return NodeError(source, value,
                       "name must be 1-64 letters, digits or '_' (it names counters and columns)");
    }
    rule->name = value.Scalar();
  } else if (key == "description") {
    if (!value.IsScalar()) return NodeError(source, value, "description must be text");
  } else if (key == "action") {
    if (value.IsScalar() && value.Scalar() == "deny") {
      rule->action = RuleAction::kDeny;
    } else if (value.IsScalar() && value.Scalar() == "require") {
      rule->action = RuleAction::kRequire;
    } else {
      return NodeError(source, value, "action must be deny or require");
    }
  } else if (key == "phrases") {
    return ReadPatterns(value, source, Kind::kPhrase, key, &rule->patterns);
  } else if (key == "regexes") {
    return ReadPatterns(value, source, Kind::kRegex, key, &rule->patterns);
  } else if (key == "allow") {
    return ReadPatterns(value, source, Kind::kPhrase, key, &rule->allow);
  } else if (key == "allow_regexes") {
    return ReadPatterns(value, source, Kind::kRegex, key, &rule->allow);
  } else if (key == "min_matches") {
    int64_t count = 0;
    if (!value.IsScalar() || !YAML::convert<int64_t>::decode(value, count) || count < 1) {
      return NodeError(source, value, "min_matches must be a whole number >= 1");
    }
    rule->min_matches = count;
  } else if (key == "case_sensitive") {
    WINNOW_ASSIGN_OR_RETURN(rule->case_sensitive, ReadBool(source, value, key));
  } else if (key == "word_boundaries") {
    WINNOW_ASSIGN_OR_RETURN(rule->word_boundaries, ReadBool(source, value, key));
  } else if (key == "field") {
    WINNOW_ASSIGN_OR_RETURN(rule->field, ReadField(source, value));
  } else if (key == "roles") {
    WINNOW_ASSIGN_OR_RETURN(rule->roles, ReadRoles(source, value));
  } else {
    return Status::InvalidInput(UnknownKey(
        key, {"name", "description", "action", "phrases", "regexes", "allow", "allow_regexes",
              "min_matches", "case_sensitive", "word_boundaries", "field", "roles"}));
  }
  return Status::OK();
}

Status RulesLoader::ReadRule(const YAML::Node& node, const std::string& source,
                             const RuleDefaults& defaults) {
  if (!node.IsMap()) {
    return NodeError(source, node, "a rule must be a mapping with a name and phrases or regexes");
  }
  if (rules_.size() >= kMaxRules) {
    return NodeError(source, node, "more than " + std::to_string(kMaxRules) + " rules");
  }
  Rule rule;
  rule.origin = Where(source, node);
  rule.field = defaults.field;
  rule.roles = defaults.roles;
  rule.case_sensitive = defaults.case_sensitive;
  rule.word_boundaries = defaults.word_boundaries;
  for (const auto& entry : node) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    Status status = ReadRuleKey(key, entry.second, source, &rule);
    if (status.ok()) continue;
    // Key errors carry no position of their own: they point at the key.
    if (status.message().starts_with("unknown key")) {
      return NodeError(source, entry.first, status.message());
    }
    return status;
  }
  if (rule.name.empty()) return NodeError(source, node, "a rule needs a name");
  if (rule.patterns.empty()) {
    return NodeError(source, node, "rule '" + rule.name + "' has no phrases or regexes");
  }
  auto [it, inserted] = names_.emplace(rule.name, rule.origin);
  if (!inserted) {
    return NodeError(source, node, "rule '" + rule.name + "' is already defined at " + it->second);
  }
  rules_.push_back(std::move(rule));
  return Status::OK();
}

}  // namespace

Result<std::vector<Rule>> LoadRules(FileSystem& fs, const std::vector<std::string>& sources,
                                    const RuleDefaults& defaults) {
  RulesLoader loader(&fs);
  for (const std::string& source : sources) {
    WINNOW_RETURN_IF_ERROR(loader.LoadSource(source, defaults));
  }
  if (loader.rules().empty()) {
    std::string names;
    for (const std::string& source : sources) names += (names.empty() ? "" : ", ") + source;
    return Error(Status::InvalidArgument("no rules in " + (names.empty() ? "(nothing)" : names)));
  }
  return std::move(loader.rules());
}

Result<std::vector<Rule>> ParseRules(std::string_view yaml, const std::string& source_name,
                                     const RuleDefaults& defaults, FileSystem* fs) {
  RulesLoader loader(fs);
  WINNOW_RETURN_IF_ERROR(loader.LoadText(yaml, source_name, defaults));
  return std::move(loader.rules());
}

}  // namespace winnow
