#include "winnow/dedup/fingerprint_step.h"

namespace winnow {

Status FingerprintStep::Process(Batch& batch, StepContext& ctx) {
  FingerprintChunk chunk;
  chunk.sequence = batch.sequence;
  const size_t keys = fingerprinter_.keys_per_record();
  const size_t count = batch.records.size();
  chunk.keys.resize(count * keys);
  chunk.has_fingerprint.resize(count);
  chunk.keep_ranks.resize(count);
  chunk.id_ends.resize(count);
  thread_local FingerprintScratch scratch;
  thread_local std::string key_scratch;
  size_t with = 0;
  uint64_t part_ignored = 0;
  for (size_t i = 0; i < count; ++i) {
    const Record& record = batch.records[i];
    part_ignored += key_.PartIgnored(record) ? 1 : 0;
    const std::string_view text = key_.RawText(record, &key_scratch);
    const bool has = fingerprinter_.Compute(text, &scratch, chunk.keys.data() + with * keys);
    with += has ? 1 : 0;
    chunk.has_fingerprint[i] = has;
    chunk.keep_ranks[i] = keep_.Rank(record, text);
    identity_.Append(record, &chunk.ids);
    chunk.id_ends[i] = static_cast<uint32_t>(chunk.ids.size());
  }
  chunk.keys.resize(with * keys);
  ctx.counters->Add("fingerprinted", with);
  if (with < count) ctx.counters->Add("no_fingerprint", count - with);
  if (part_ignored > 0) ctx.counters->Add(kPartIgnoredCounter, part_ignored);
  return collector_.Add(std::move(chunk));
}

}  // namespace winnow
