// Fuzzes the dedup shard file readers (signature and decisions files: binary, read from disk
// written by other machines): any bytes must be read or rejected with a message, never crash or
// allocate without bound.

#include <cstdint>
#include <string>
#include <vector>

#include "winnow/dedup/fingerprint_collector.h"
#include "winnow/dedup/shard_files.h"
#include "winnow/io/file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto fs = winnow::NewMemoryFileSystem();
  fs->AddFile("sig/signatures-00000-of-00001.bin", bytes);
  fs->AddFile("sig/decisions-00000-of-00001.bin", bytes);

  winnow::BandIndexOptions index;
  index.memory_budget_bytes = 1 << 20;
  auto header = winnow::ReadSignatureHeader(*fs, "sig");
  if (header && header->keys_per_record > 0 && header->keys_per_record <= 64) {
    index.bands = header->keys_per_record;
    winnow::IndexingSink sink(index);
    std::vector<uint64_t> first;
    winnow::ShardFileHeader read_header;
    winnow::Status status = winnow::ReadSignatureFiles(*fs, "sig", &read_header, sink, &first);
    if (!status.ok() && status.message().empty()) __builtin_trap();
  }
  auto decisions = winnow::ShardDecisions::Read(*fs, "sig/decisions-00000-of-00001.bin");
  if (decisions) {
    const uint64_t count = (*decisions)->record_count();
    for (uint32_t doc = 0; doc < count && doc < 64; ++doc) (void)(*decisions)->Get(doc);
  } else if (decisions.error().message().empty()) {
    __builtin_trap();
  }
  return 0;
}
