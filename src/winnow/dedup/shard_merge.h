#pragma once

// Stage 2 of a sharded fingerprint dedup, for the CLI and pipelines: read every shard's signature
// file in DIR, cluster all records together, and write each shard's decisions file.

#include <memory>
#include <string>

#include "winnow/common/status.h"
#include "winnow/dedup/band_index.h"
#include "winnow/dedup/dedup_plan.h"
#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/shard_files.h"
#include "winnow/io/file_system.h"

namespace winnow {

struct ShardMerge {
  ShardFileHeader header;              // the shards' common settings
  std::unique_ptr<IndexingSink> sink;  // every record's id and rank (docs())
  DedupPlan plan;
};

// `index.bands` is taken from the files. Fails when a shard is missing, truncated or made with
// other settings.
Result<ShardMerge> MergeShardSignatures(FileSystem& fs, const std::string& dir,
                                        BandIndexOptions index);

}  // namespace winnow
