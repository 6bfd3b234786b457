#pragma once

// SemanticDecisions: SemDeDup's verdicts as the dedup apply step reads them. Every record with
// text is in a topic (a k-means cluster); near duplicates name the earlier-ranked member they
// duplicate and the cosine similarity; topic-wise selection names the topic and how central the
// record was.

#include <string>
#include <vector>

#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/embedding_step.h"
#include "winnow/dedup/semantic_dedup.h"

namespace winnow {

class SemanticDecisions final : public DedupDecisions {
 public:
  // All references must outlive this object.
  SemanticDecisions(const EmbeddingCollector& embeddings, const SemanticDedupResult& result,
                    const SemanticDedupOptions& options);

  uint64_t record_count() const override { return embeddings_.row_of_record().size(); }
  DuplicateDecision Get(uint32_t doc) const override;
  std::string_view Id(uint32_t doc) const override { return embeddings_.docs().id(doc); }

  uint64_t near_duplicates() const { return near_duplicates_; }
  uint64_t not_representative() const { return not_representative_; }

 private:
  const EmbeddingCollector& embeddings_;
  const SemanticDedupResult& result_;
  const SemanticDedupOptions& options_;
  std::vector<uint32_t> record_of_row_;
  uint64_t near_duplicates_ = 0;
  uint64_t not_representative_ = 0;
};

}  // namespace winnow
