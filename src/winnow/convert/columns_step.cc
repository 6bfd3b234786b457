#include "winnow/convert/columns_step.h"

#include <algorithm>

#include "winnow/record/json_builder.h"
#include "winnow/record/json_writer.h"

namespace winnow {
namespace {

Result<std::pair<std::string, std::string>> SplitPair(const std::string& text,
                                                      std::string_view what) {
  size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return Error(Status::InvalidArgument(std::string(what) + " '" + text + "': expected KEY=VALUE"));
  }
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

std::vector<std::string> SplitList(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, std::string_view key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

}  // namespace

Result<ColumnsOptions> ParseColumnEdits(const std::vector<std::string>& renames,
                                        const std::vector<std::string>& selects,
                                        const std::vector<std::string>& drops,
                                        const std::vector<std::string>& sets) {
  ColumnsOptions options;
  for (const auto& rename : renames) {
    WINNOW_ASSIGN_OR_RETURN(auto pair, SplitPair(rename, "rename"));
    if (pair.second.empty()) {
      return Error(Status::InvalidArgument("rename '" + rename + "': the new name is empty"));
    }
    options.renames.push_back(std::move(pair));
  }
  simdjson::dom::parser parser;
  for (const auto& set : sets) {
    WINNOW_ASSIGN_OR_RETURN(auto pair, SplitPair(set, "set"));
    simdjson::dom::element parsed;
    if (parser.parse(pair.second).get(parsed)) {
      std::string json;
      AppendJsonString(pair.second, &json);
      pair.second = std::move(json);
    }
    options.sets.push_back(std::move(pair));
  }
  options.select = selects;
  options.drop = drops;
  return options;
}

Status ColumnsStep::Process(Batch& batch, StepContext& ctx) {
  JsonBuilder json;
  for (Record& record : batch.records) {
    // Fields after renames and sets, in input order (sets last, replacing a same-named field).
    std::vector<std::pair<std::string, std::string>> fields;
    record.ForEachField([&](std::string_view key, simdjson::dom::element value) {
      std::string name(key);
      for (const auto& [from, to] : options_.renames) {
        if (key == from) name = to;
      }
      std::string text;
      AppendJsonElement(value, &text);
      fields.emplace_back(std::move(name), std::move(text));
    });
    for (const auto& set : options_.sets) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const auto& field) { return field.first == set.first; });
      if (it != fields.end()) fields.erase(it);
      fields.push_back(set);
    }
    json.Clear();
    json.BeginObject();
    if (!options_.select.empty()) {
      for (const auto& wanted : options_.select) {
        for (const auto& [key, value] : fields) {
          if (key == wanted) {
            json.RawField(key, value);
            break;
          }
        }
      }
    } else {
      // A rename onto an existing name keeps the renamed value (the last one written wins).
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& key = fields[i].first;
        if (Contains(options_.drop, key)) continue;
        bool later = std::any_of(fields.begin() + static_cast<std::ptrdiff_t>(i) + 1, fields.end(),
                                 [&](const auto& field) { return field.first == key; });
        if (!later) json.RawField(key, fields[i].second);
      }
    }
    json.EndObject();
    Record edited = Record::Owned(json.str(), record.origin());
    WINNOW_RETURN_IF_ERROR(edited.Parse(*ctx.parser));
    record = std::move(edited);
  }
  ctx.counters->Add("records", batch.records.size());
  return Status::OK();
}

Result<std::unique_ptr<Step>> CreateColumnsStep(StepOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(std::string rename, options.GetString("rename", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string set, options.GetString("set", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string select, options.GetString("select", ""));
  WINNOW_ASSIGN_OR_RETURN(std::string drop, options.GetString("drop", ""));
  WINNOW_ASSIGN_OR_RETURN(ColumnsOptions columns,
                          ParseColumnEdits(SplitList(rename, ';'), SplitList(select, ','),
                                           SplitList(drop, ','), SplitList(set, ';')));
  return std::unique_ptr<Step>(new ColumnsStep(std::move(columns)));
}

}  // namespace winnow
