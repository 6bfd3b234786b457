#include "winnow/dedup/semantic_decisions.h"

#include <fmt/format.h>

#include "winnow/record/json_builder.h"

namespace winnow {

SemanticDecisions::SemanticDecisions(const EmbeddingCollector& embeddings,
                                     const SemanticDedupResult& result,
                                     const SemanticDedupOptions& options)
    : embeddings_(embeddings), result_(result), options_(options) {
  const auto& rows = embeddings.row_of_record();
  record_of_row_.resize(result.rows.size());
  for (uint32_t record = 0; record < rows.size(); ++record) {
    if (rows[record] >= 0) record_of_row_[static_cast<size_t>(rows[record])] = record;
  }
  for (const auto& row : result.rows) {
    near_duplicates_ += row.verdict == SemanticVerdict::kNearDuplicate ? 1 : 0;
    not_representative_ += row.verdict == SemanticVerdict::kNotRepresentative ? 1 : 0;
  }
}

DuplicateDecision SemanticDecisions::Get(uint32_t doc) const {
  DuplicateDecision decision;
  const int64_t row = embeddings_.row_of_record()[doc];
  if (row < 0) return decision;
  const SemanticDecision& verdict = result_.rows[static_cast<size_t>(row)];
  decision.in_cluster = true;
  decision.cluster_id = verdict.topic;
  decision.cluster_size = result_.topic_sizes[verdict.topic];
  if (verdict.verdict == SemanticVerdict::kKept) return decision;
  decision.removed = true;
  JsonBuilder json;
  json.BeginObject()
      .Key("topic")
      .Int(verdict.topic)
      .Key("topic_size")
      .Int(static_cast<int64_t>(decision.cluster_size))
      .Field("verdict", SemanticVerdictName(verdict.verdict))
      .Key("centroid_similarity")
      .Number(verdict.centroid_similarity);
  if (verdict.verdict == SemanticVerdict::kNearDuplicate) {
    const uint32_t kept = record_of_row_[static_cast<size_t>(verdict.duplicate_of)];
    decision.duplicate_of = std::string(Id(kept));
    decision.reason = fmt::format("near duplicate of {} (cosine {:.4f} >= {:.4f}, topic {})",
                                  decision.duplicate_of, verdict.duplicate_similarity,
                                  1.0 - options_.eps, verdict.topic);
    json.Field("duplicate_of", decision.duplicate_of)
        .Key("similarity")
        .Number(verdict.duplicate_similarity);
  } else {
    decision.reason = fmt::format(
        "not among the {} most representative of topic {} (centroid similarity "
        "{:.4f})",
        options_.keep_per_cluster, verdict.topic, verdict.centroid_similarity);
  }
  json.Field("id", Id(doc)).EndObject();
  decision.details = json.Take();
  return decision;
}

}  // namespace winnow
