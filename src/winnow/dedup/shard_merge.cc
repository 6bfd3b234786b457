#include "winnow/dedup/shard_merge.h"

#include <vector>

#include "winnow/dedup/dedup_decisions.h"
#include "winnow/dedup/union_find.h"

namespace winnow {

Result<ShardMerge> MergeShardSignatures(FileSystem& fs, const std::string& dir,
                                        BandIndexOptions index) {
  ShardMerge merge;
  // The number of bands is in the files' header: read it before building the index.
  WINNOW_ASSIGN_OR_RETURN(merge.header, ReadSignatureHeader(fs, dir));
  index.bands = merge.header.keys_per_record;
  merge.sink = std::make_unique<IndexingSink>(index);
  std::vector<uint64_t> first_record;
  WINNOW_RETURN_IF_ERROR(ReadSignatureFiles(fs, dir, &merge.header, *merge.sink, &first_record));
  const DocTable& docs = merge.sink->docs();
  UnionFind sets(docs.size());
  WINNOW_RETURN_IF_ERROR(merge.sink->index().ForEachMatch(
      [&](uint32_t first, uint32_t, uint32_t current) { sets.Union(first, current); }));
  merge.plan = BuildDedupPlan(sets, docs);
  const PlanDecisions decisions(merge.plan, docs);
  ShardFileHeader header = merge.header;
  for (uint32_t shard = 0; shard < header.shard_count; ++shard) {
    const uint64_t end = shard + 1 < first_record.size() ? first_record[shard + 1] : docs.size();
    header.shard = shard;
    WINNOW_RETURN_IF_ERROR(WriteDecisionsFile(fs, DecisionsFileName(dir, shard, header.shard_count),
                                              header, decisions, first_record[shard],
                                              end - first_record[shard]));
  }
  return merge;
}

}  // namespace winnow
