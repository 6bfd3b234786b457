#include "winnow/agreement/human_ratings.h"

#include <fmt/format.h>

namespace winnow {

Status HumanRatingTable::Add(const std::string& id, HumanRow row) {
  auto [found, inserted] = rows_.try_emplace(id, std::move(row));
  if (!inserted) {
    return Status::InvalidInput(fmt::format(
        "{}: id '{}' already has a human rating at {}; agreement pairs the judge with one human "
        "rating per item",
        row.where, id, found->second.where));
  }
  return Status::OK();
}

HumanRow* HumanRatingTable::Find(std::string_view id) {
  auto found = rows_.find(id);
  return found == rows_.end() ? nullptr : &found->second;
}

void HumanRatingTable::LogUnmatched(ProblemLog* problems) const {
  for (const auto& [id, row] : rows_) {
    if (!row.matched_by.empty()) continue;
    problems->Add({row.where, id, "human_file.unmatched", "no judge row has this id"});
  }
}

HumanRatingsStep::HumanRatingsStep(FieldPath join_on, RatingSource human, RatingRules rules,
                                   HumanRatingTable* table, CollectedRatings* collected)
    : join_on_(std::move(join_on)),
      human_(std::move(human)),
      rules_(std::move(rules)),
      table_(table),
      collected_(collected) {}

Status HumanRatingsStep::Process(Batch& batch, StepContext& ctx) {
  for (Record& record : batch.records) {
    if (!record.parsed()) WINNOW_RETURN_IF_ERROR(record.Parse(*ctx.parser));
    ++collected_->human_rows;
    const std::string where = record.origin().ToString();
    std::optional<std::string> id = ReadItemId(record, join_on_);
    if (!id) {
      collected_->problems.Add(
          {where, "", "human_file.id_missing", "no id in field '" + join_on_.text() + "'"});
      continue;
    }
    WINNOW_ASSIGN_OR_RETURN(RatingRead rating, ReadRating(record, human_, rules_, "human"));
    WINNOW_RETURN_IF_ERROR(table_->Add(*id, {std::move(rating), where, {}}));
  }
  return Status::OK();
}

}  // namespace winnow
