#include "winnow/agreement/rating_collector.h"

#include "winnow/common/assert.h"

namespace winnow {
namespace {

std::string Detail(const RatingRead& read, const FieldPath& field) {
  if (read.fault == RatingFault::kMissing && read.shown.empty()) {
    return "field '" + field.text() + "' is missing";
  }
  return "field '" + field.text() + "' holds " + read.shown;
}

}  // namespace

RatingCollectStep::RatingCollectStep(RatingCollectOptions options, HumanRatingTable* humans,
                                     CollectedRatings* out)
    : options_(std::move(options)), humans_(humans), out_(out) {
  WINNOW_ASSERT(humans_ == nullptr || options_.id.has_value());
}

Result<std::optional<RatingRead>> RatingCollectStep::HumanRating(
    const Record& record, const std::optional<std::string>& id, std::string* where) {
  *where = record.origin().ToString();
  if (humans_ == nullptr) {
    WINNOW_ASSIGN_OR_RETURN(RatingRead read,
                            ReadRating(record, options_.human, options_.rules, "human"));
    return std::optional<RatingRead>(std::move(read));
  }
  if (!id) {
    out_->problems.Add(
        {*where, "", "id.missing", "no id in field '" + options_.id->text() + "' to join on"});
    return std::optional<RatingRead>();
  }
  HumanRow* row = humans_->Find(*id);
  if (row == nullptr) {
    ++out_->not_annotated;
    return std::optional<RatingRead>();
  }
  if (!row->matched_by.empty()) {
    return Error(Status::InvalidInput(*where + ": id '" + *id + "' already appeared at " +
                                      row->matched_by +
                                      "; each human rating pairs with one judge row"));
  }
  row->matched_by = *where;
  *where = row->where;
  return std::optional<RatingRead>(row->rating);
}

void RatingCollectStep::AddLengths(const Record& record, RatedItem* item) {
  const LengthUnit unit = options_.length_unit;
  bool unknown = false;
  if (options_.length) {
    item->length = AnswerLength(record, *options_.length, unit, &scratch_);
    unknown = std::isnan(item->length);
  }
  if (options_.answer_a && options_.answer_b) {
    item->length_a = AnswerLength(record, *options_.answer_a, unit, &scratch_);
    item->length_b = AnswerLength(record, *options_.answer_b, unit, &scratch_);
    unknown = unknown || std::isnan(item->length_a) || std::isnan(item->length_b);
  }
  if (unknown) ++out_->unknown_lengths;
}

Status RatingCollectStep::Collect(const Record& record) {
  ++out_->rows;
  std::optional<std::string> id;
  if (options_.id) id = ReadItemId(record, *options_.id);
  std::string human_where;
  WINNOW_ASSIGN_OR_RETURN(std::optional<RatingRead> human, HumanRating(record, id, &human_where));
  if (!human) return Status::OK();
  const std::string where = record.origin().ToString();
  WINNOW_ASSIGN_OR_RETURN(RatingRead judge,
                          ReadRating(record, options_.judge, options_.rules, "judge"));
  const std::string item_id = id.value_or("");
  if (!judge.ok()) {
    out_->problems.Add({where, item_id, "judge." + std::string(RatingFaultName(judge.fault)),
                        Detail(judge, options_.judge.path())});
  }
  if (!human->ok()) {
    out_->problems.Add({human_where, item_id, "human." + std::string(RatingFaultName(human->fault)),
                        Detail(*human, options_.human.path())});
  }
  if (!judge.ok() || !human->ok()) return Status::OK();
  RatedItem item;
  item.judge = judge.value;
  item.human = human->value;
  item.where = where;
  item.id = item_id;
  AddLengths(record, &item);
  out_->items.push_back(std::move(item));
  return Status::OK();
}

Status RatingCollectStep::Process(Batch& batch, StepContext& ctx) {
  for (Record& record : batch.records) {
    if (!record.parsed()) WINNOW_RETURN_IF_ERROR(record.Parse(*ctx.parser));
    WINNOW_RETURN_IF_ERROR(Collect(record));
  }
  return Status::OK();
}

}  // namespace winnow
