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
    return Error(
        Status::InvalidArgument(std::string(what) + " '" + text + "': expected KEY=VALUE"));
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

namespace {

struct EditedField {
  std::string key;
  std::string json;
  bool renamed = false;
};

// Applies renames and sets. A renamed column replaces a column that already had the new name
// (that is what "rename a to b" asks for), wherever the two sit in the record; a set replaces
// both. The surviving field keeps the position of the first field with its name.
std::vector<EditedField> EditFields(const Record& record, const ColumnsOptions& options) {
  std::vector<EditedField> fields;
  record.ForEachField([&](std::string_view key, simdjson::dom::element value) {
    EditedField field{std::string(key), "", false};
    for (const auto& [from, to] : options.renames) {
      if (key == from) {
        field.key = to;
        field.renamed = true;
      }
    }
    AppendJsonElement(value, &field.json);
    for (auto& existing : fields) {
      if (existing.key != field.key) continue;
      if (field.renamed || !existing.renamed) existing = std::move(field);
      return;
    }
    fields.push_back(std::move(field));
  });
  for (const auto& [key, value] : options.sets) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&key = key](const EditedField& field) { return field.key == key; });
    if (it != fields.end()) {
      it->json = value;
    } else {
      fields.push_back({key, value, false});
    }
  }
  return fields;
}

}  // namespace

Status ColumnsStep::Process(Batch& batch, StepContext& ctx) {
  JsonBuilder json;
  for (Record& record : batch.records) {
    std::vector<EditedField> fields = EditFields(record, options_);
    json.Clear();
    json.BeginObject();
    if (!options_.select.empty()) {
      for (const auto& wanted : options_.select) {
        for (const auto& field : fields) {
          if (field.key == wanted) {
            json.RawField(field.key, field.json);
            break;
          }
        }
      }
    } else {
      for (const auto& field : fields) {
        if (!Contains(options_.drop, field.key)) json.RawField(field.key, field.json);
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
