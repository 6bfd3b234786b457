// The files of a sharded dedup run, on the in-memory file system: signature files (writer, header,
// reading every shard into a sink, the errors for missing, mismatched, truncated and corrupt
// shards) and decisions files (written from any DedupDecisions, read back per shard).

#include "winnow/dedup/shard_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace winnow {
namespace {

using ::testing::HasSubstr;

// Remembers everything a FingerprintSink is given.
class RecordingSink final : public FingerprintSink {
 public:
  struct Row {
    uint32_t doc;
    double rank;
    std::string id;
    std::vector<uint64_t> keys;  // empty: no fingerprint
  };
  explicit RecordingSink(size_t keys_per_record) : keys_per_record_(keys_per_record) {}
  Status Add(uint32_t doc, double keep_rank, std::string_view id, const uint64_t* keys) override {
    Row row{doc, keep_rank, std::string(id), {}};
    if (keys) row.keys.assign(keys, keys + keys_per_record_);
    rows.push_back(std::move(row));
    return Status::OK();
  }
  std::vector<Row> rows;

 private:
  size_t keys_per_record_;
};

ShardFileHeader Header(uint32_t shard, uint32_t count, std::string settings = "minhash test",
                       uint32_t keys = 2) {
  ShardFileHeader header;
  header.settings = std::move(settings);
  header.keys_per_record = keys;
  header.shard = shard;
  header.shard_count = count;
  return header;
}

// A record of a shard: id, rank and keys (empty: no fingerprint).
struct Sig {
  std::string id;
  double rank;
  std::vector<uint64_t> keys;
};

Status WriteShard(FileSystem& fs, const std::string& dir, const ShardFileHeader& header,
                  const std::vector<Sig>& sigs) {
  WINNOW_ASSIGN_OR_RETURN(
      auto writer, SignatureFileWriter::Create(
                       fs, SignatureFileName(dir, header.shard, header.shard_count), header));
  uint32_t doc = 0;
  for (const Sig& sig : sigs) {
    WINNOW_RETURN_IF_ERROR(
        writer->Add(doc++, sig.rank, sig.id, sig.keys.empty() ? nullptr : sig.keys.data()));
  }
  return writer->Commit();
}

// Three shards: a duplicate pair across shards 0 and 2 (band 0 key 7), one record without a
// fingerprint, and shard 1 empty.
void WriteThreeShards(MemoryFileSystem& fs) {
  ASSERT_TRUE(
      WriteShard(fs, "sig", Header(0, 3), {{"a", 0, {7, 100}}, {"b", 1, {}}, {"c", 2, {8, 101}}})
          .ok());
  ASSERT_TRUE(WriteShard(fs, "sig", Header(1, 3), {}).ok());
  ASSERT_TRUE(WriteShard(fs, "sig", Header(2, 3), {{"d", 3, {7, 102}}, {"e", 4, {9, 103}}}).ok());
}

TEST(ShardFilesTest, FileNamesAreZeroPaddedAndSortable) {
  EXPECT_EQ(SignatureFileName("out/sig", 1, 3), "out/sig/signatures-00001-of-00003.bin");
  EXPECT_EQ(DecisionsFileName("d", 12, 100), "d/decisions-00012-of-00100.bin");
  EXPECT_LT(SignatureFileName("d", 9, 10), SignatureFileName("d", 10, 11));
}

TEST(ShardFilesTest, SignaturesRoundTripInShardOrderWithGlobalNumbers) {
  auto fs = NewMemoryFileSystem();
  WriteThreeShards(*fs);
  // Nothing else is left beside the three files (the writer is atomic).
  EXPECT_EQ(fs->ListAll(), (std::vector<std::string>{"sig/signatures-00000-of-00003.bin",
                                                     "sig/signatures-00001-of-00003.bin",
                                                     "sig/signatures-00002-of-00003.bin"}));
  auto first_header = ReadSignatureHeader(*fs, "sig");
  ASSERT_TRUE(first_header.has_value()) << first_header.error().message();
  EXPECT_EQ(first_header->settings, "minhash test");
  EXPECT_EQ(first_header->keys_per_record, 2u);
  EXPECT_EQ(first_header->shard, 0u);
  EXPECT_EQ(first_header->shard_count, 3u);

  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record = {99};  // replaced, not appended to
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(header.settings, "minhash test");
  EXPECT_EQ(header.keys_per_record, 2u);
  EXPECT_EQ(header.shard_count, 3u);
  EXPECT_EQ(first_record, (std::vector<uint64_t>{0, 3, 3}));
  ASSERT_EQ(sink.rows.size(), 5u);
  const std::vector<std::string> ids = {"a", "b", "c", "d", "e"};
  for (uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(sink.rows[i].doc, i);
    EXPECT_EQ(sink.rows[i].id, ids[i]);
    EXPECT_EQ(sink.rows[i].rank, static_cast<double>(i));
  }
  EXPECT_EQ(sink.rows[0].keys, (std::vector<uint64_t>{7, 100}));
  EXPECT_TRUE(sink.rows[1].keys.empty());
  EXPECT_EQ(sink.rows[3].keys, (std::vector<uint64_t>{7, 102}));
}

TEST(ShardFilesTest, SignaturesIntoAnIndexingSinkClusterAcrossShards) {
  auto fs = NewMemoryFileSystem();
  WriteThreeShards(*fs);
  BandIndexOptions options;
  options.bands = 2;
  IndexingSink sink(options);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  ASSERT_TRUE(ReadSignatureFiles(*fs, "sig", &header, sink, &first_record).ok());
  EXPECT_EQ(sink.docs().size(), 5u);
  EXPECT_EQ(sink.records_without_fingerprint(), 1u);
  EXPECT_EQ(sink.docs().id(3), "d");
  EXPECT_FALSE(sink.docs().has_fingerprint(1));
  EXPECT_EQ(sink.docs().keep_rank(4), 4.0);
  std::vector<std::pair<uint32_t, uint32_t>> matches;
  ASSERT_TRUE(sink.index()
                  .ForEachMatch([&](uint32_t first, uint32_t, uint32_t current) {
                    matches.emplace_back(first, current);
                  })
                  .ok());
  // "a" (shard 0) and "d" (shard 2) share band 0's key.
  EXPECT_EQ(matches, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 3}}));
}

TEST(ShardFilesTest, LongIdsAndManyRecordsSurviveTheBufferFlushes) {
  auto fs = NewMemoryFileSystem();
  std::vector<Sig> sigs;
  for (int i = 0; i < 30000; ++i) {
    sigs.push_back({std::string(30, 'x') + std::to_string(i),
                    i * 0.5,
                    {static_cast<uint64_t>(i), ~static_cast<uint64_t>(i)}});
  }
  sigs[123].keys.clear();
  ASSERT_TRUE(WriteShard(*fs, "s", Header(0, 1), sigs).ok());
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  ASSERT_TRUE(ReadSignatureFiles(*fs, "s", &header, sink, &first_record).ok());
  ASSERT_EQ(sink.rows.size(), sigs.size());
  for (size_t i = 0; i < sigs.size(); ++i) {
    ASSERT_EQ(sink.rows[i].id, sigs[i].id);
    ASSERT_EQ(sink.rows[i].rank, sigs[i].rank);
    ASSERT_EQ(sink.rows[i].keys, sigs[i].keys) << i;
  }
}

TEST(ShardFilesTest, NoSignatureFilesIsNotFound) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("sig/other.txt", "x");
  auto header = ReadSignatureHeader(*fs, "sig");
  ASSERT_FALSE(header.has_value());
  EXPECT_EQ(header.error().code(), StatusCode::kNotFound);
  EXPECT_THAT(header.error().message(), HasSubstr("no signature files in sig"));
  RecordingSink sink(2);
  ShardFileHeader read;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &read, sink, &first_record);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
}

TEST(ShardFilesTest, AnUncommittedWriterLeavesNoFile) {
  auto fs = NewMemoryFileSystem();
  {
    auto writer = SignatureFileWriter::Create(*fs, SignatureFileName("sig", 0, 1), Header(0, 1));
    ASSERT_TRUE(writer.has_value());
    const uint64_t keys[2] = {1, 2};
    ASSERT_TRUE((*writer)->Add(0, 0, "a", keys).ok());
  }
  EXPECT_TRUE(fs->ListAll().empty());
}

TEST(ShardFilesTest, AMissingMiddleShardIsAnError) {
  auto fs = NewMemoryFileSystem();
  WriteThreeShards(*fs);
  ASSERT_TRUE(fs->Remove("sig/signatures-00001-of-00003.bin").ok());
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("missing"));
}

TEST(ShardFilesTest, AMissingLastShardIsAnError) {
  auto fs = NewMemoryFileSystem();
  WriteThreeShards(*fs);
  ASSERT_TRUE(fs->Remove("sig/signatures-00002-of-00003.bin").ok());
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("missing"));
}

TEST(ShardFilesTest, ShardsOfAnotherRunInTheSameFolderAreAnError) {
  auto fs = NewMemoryFileSystem();
  WriteThreeShards(*fs);
  ASSERT_TRUE(WriteShard(*fs, "sig", Header(0, 2), {{"z", 0, {1, 2}}}).ok());
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("shard"));
}

TEST(ShardFilesTest, ShardsWithOtherSettingsAreAnErrorNamingBoth) {
  auto fs = NewMemoryFileSystem();
  ASSERT_TRUE(WriteShard(*fs, "sig", Header(0, 2, "minhash shingles=5"), {{"a", 0, {1, 2}}}).ok());
  ASSERT_TRUE(WriteShard(*fs, "sig", Header(1, 2, "minhash shingles=4"), {{"b", 1, {1, 2}}}).ok());
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("signatures-00001-of-00002.bin"));
  EXPECT_THAT(status.message(), HasSubstr("other settings"));
  EXPECT_THAT(status.message(), HasSubstr("shingles=4"));
  EXPECT_THAT(status.message(), HasSubstr("shingles=5"));
}

TEST(ShardFilesTest, TruncatedSignatureFilesAreDetectedAtEveryCut) {
  auto fs = NewMemoryFileSystem();
  ASSERT_TRUE(WriteShard(*fs, "sig", Header(0, 1), {{"alpha", 0, {1, 2}}, {"beta", 1, {}}}).ok());
  const std::string path = SignatureFileName("sig", 0, 1);
  const std::string whole = *fs->ReadFile(path);
  const size_t header_end = whole.find('\n', whole.find('\n') + 1) + 1;
  for (size_t cut = header_end; cut < whole.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut) + " of " + std::to_string(whole.size()));
    fs->AddFile(path, whole.substr(0, cut));
    RecordingSink sink(2);
    ShardFileHeader header;
    std::vector<uint64_t> first_record;
    Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
    EXPECT_THAT(status.message(), HasSubstr("truncated"));
    EXPECT_THAT(status.message(), HasSubstr(path));
  }
  // Cut inside the header lines: an error too (not a crash, not success).
  for (size_t cut = 0; cut < header_end; cut += 7) {
    fs->AddFile(path, whole.substr(0, cut));
    RecordingSink sink(2);
    ShardFileHeader header;
    std::vector<uint64_t> first_record;
    EXPECT_FALSE(ReadSignatureFiles(*fs, "sig", &header, sink, &first_record).ok()) << cut;
  }
}

TEST(ShardFilesTest, ATrailerWithTheWrongCountIsCorrupt) {
  auto fs = NewMemoryFileSystem();
  ASSERT_TRUE(WriteShard(*fs, "sig", Header(0, 1), {{"a", 0, {1, 2}}, {"b", 1, {3, 4}}}).ok());
  const std::string path = SignatureFileName("sig", 0, 1);
  std::string bytes = *fs->ReadFile(path);
  // The trailer is 0xFF "END" and a little-endian uint64 count (2).
  ASSERT_GE(bytes.size(), 12u);
  ASSERT_EQ(bytes.substr(bytes.size() - 12, 4), std::string("\xFF"
                                                            "END"));
  bytes[bytes.size() - 8] = 5;
  fs->AddFile(path, bytes);
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("corrupt trailer"));
}

TEST(ShardFilesTest, AFileOfAnotherKindIsRejected) {
  auto fs = NewMemoryFileSystem();
  fs->AddFile("sig/signatures-00000-of-00001.bin", "hello\n{}\n");
  RecordingSink sink(2);
  ShardFileHeader header;
  std::vector<uint64_t> first_record;
  Status status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("not a winnow signatures file"));

  // A decisions file is not a signature file, and the other way round.
  auto fs2 = NewMemoryFileSystem();
  ASSERT_TRUE(WriteShard(*fs2, "sig", Header(0, 1), {{"a", 0, {1, 2}}}).ok());
  auto decisions = ShardDecisions::Read(*fs2, SignatureFileName("sig", 0, 1));
  ASSERT_FALSE(decisions.has_value());
  EXPECT_THAT(decisions.error().message(), HasSubstr("not a winnow decisions file"));

  fs->AddFile("sig/signatures-00000-of-00001.bin", "winnow-signatures 1\nnot json\n");
  status = ReadSignatureFiles(*fs, "sig", &header, sink, &first_record);
  EXPECT_THAT(status.message(), HasSubstr("bad header"));
}

// ---------------------------------------------------------------------------------------------
// Decisions files

// Decisions given per global record number.
class FakeDecisions final : public DedupDecisions {
 public:
  struct Entry {
    std::string id;
    DuplicateDecision decision;
  };
  uint64_t record_count() const override { return entries.size(); }
  DuplicateDecision Get(uint32_t doc) const override { return entries.at(doc).decision; }
  std::string_view Id(uint32_t doc) const override { return entries.at(doc).id; }

  void Add(std::string id) { entries.push_back({std::move(id), {}}); }
  void AddKept(std::string id, uint64_t cluster, uint64_t size) {
    DuplicateDecision decision;
    decision.in_cluster = true;
    decision.cluster_id = cluster;
    decision.cluster_size = size;
    entries.push_back({std::move(id), decision});
  }
  void AddRemoved(std::string id, uint64_t cluster, uint64_t size, std::string kept) {
    DuplicateDecision decision;
    decision.in_cluster = true;
    decision.removed = true;
    decision.cluster_id = cluster;
    decision.cluster_size = size;
    decision.duplicate_of = std::move(kept);
    entries.push_back({std::move(id), decision});
  }
  std::vector<Entry> entries;
};

TEST(ShardFilesTest, DecisionsRoundTripPerShardWithLocalNumbers) {
  FakeDecisions all;
  all.AddKept("g0", 0, 3);           // shard 0: records 0..2
  all.Add("g1");                     //
  all.AddKept("g2", 1, 2);           //
  all.AddRemoved("g3", 0, 3, "g0");  // shard 1: records 3..6
  all.Add("g4");                     //
  all.AddRemoved("g5", 1, 2, "g2");  //
  all.AddRemoved("g6", 0, 3, "g0");  //
  auto fs = NewMemoryFileSystem();
  const ShardFileHeader header = Header(1, 2, "exact test", 1);
  const std::string path = DecisionsFileName("sig", 1, 2);
  Status status = WriteDecisionsFile(*fs, path, header, all, 3, 4);
  ASSERT_TRUE(status.ok()) << status.message();

  auto read = ShardDecisions::Read(*fs, path);
  ASSERT_TRUE(read.has_value()) << read.error().message();
  const ShardDecisions& shard = **read;
  EXPECT_EQ(shard.record_count(), 4u);

  const DuplicateDecision d0 = shard.Get(0);  // g3
  EXPECT_TRUE(d0.in_cluster);
  EXPECT_TRUE(d0.removed);
  EXPECT_EQ(d0.cluster_id, 0u);
  EXPECT_EQ(d0.cluster_size, 3u);
  EXPECT_EQ(d0.duplicate_of, "g0");
  EXPECT_EQ(d0.reason, "duplicate of g0 (cluster 0, 3 records)");
  simdjson::dom::parser parser;
  simdjson::dom::element details;
  ASSERT_EQ(parser.parse(d0.details).get(details), simdjson::SUCCESS) << d0.details;
  EXPECT_EQ(int64_t(details["cluster_id"]), 0);
  EXPECT_EQ(int64_t(details["cluster_size"]), 3);
  EXPECT_EQ(std::string_view(details["duplicate_of"]), "g0");
  EXPECT_EQ(std::string_view(details["id"]), "g3");
  EXPECT_EQ(shard.Id(0), "g3");

  const DuplicateDecision d1 = shard.Get(1);  // g4: in no cluster
  EXPECT_FALSE(d1.in_cluster);
  EXPECT_FALSE(d1.removed);
  EXPECT_EQ(d1.cluster_size, 1u);
  EXPECT_EQ(shard.Id(1), "");

  const DuplicateDecision d2 = shard.Get(2);  // g5
  EXPECT_TRUE(d2.removed);
  EXPECT_EQ(d2.cluster_id, 1u);
  EXPECT_EQ(d2.cluster_size, 2u);
  EXPECT_EQ(d2.duplicate_of, "g2");
  EXPECT_EQ(shard.Id(2), "g5");

  EXPECT_TRUE(shard.Get(3).removed);  // g6
  EXPECT_EQ(shard.Get(3).duplicate_of, "g0");
  // Beyond the shard: nothing.
  EXPECT_FALSE(shard.Get(4).in_cluster);
  EXPECT_FALSE(shard.Get(1000).in_cluster);

  // The other shard's file: its kept records, with no reason.
  const std::string path0 = DecisionsFileName("sig", 0, 2);
  ASSERT_TRUE(WriteDecisionsFile(*fs, path0, Header(0, 2, "exact test", 1), all, 0, 3).ok());
  auto read0 = ShardDecisions::Read(*fs, path0);
  ASSERT_TRUE(read0.has_value());
  EXPECT_EQ((*read0)->record_count(), 3u);
  const DuplicateDecision k0 = (*read0)->Get(0);
  EXPECT_TRUE(k0.in_cluster);
  EXPECT_FALSE(k0.removed);
  EXPECT_EQ(k0.cluster_size, 3u);
  EXPECT_TRUE(k0.reason.empty());
  EXPECT_TRUE(k0.details.empty());
  EXPECT_TRUE(k0.duplicate_of.empty());
  EXPECT_EQ((*read0)->Id(0), "g0");
  EXPECT_EQ((*read0)->Id(2), "g2");
  EXPECT_EQ((*read0)->Get(2).cluster_id, 1u);
  EXPECT_FALSE((*read0)->Get(1).in_cluster);
}

TEST(ShardFilesTest, ADecisionsFileOfAShardWithNoClustersIsEmptyButCounted) {
  FakeDecisions all;
  for (int i = 0; i < 5; ++i) all.Add("r" + std::to_string(i));
  auto fs = NewMemoryFileSystem();
  ASSERT_TRUE(WriteDecisionsFile(*fs, "d.bin", Header(0, 1), all, 0, 5).ok());
  auto read = ShardDecisions::Read(*fs, "d.bin");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ((*read)->record_count(), 5u);
  for (uint32_t i = 0; i < 5; ++i) EXPECT_FALSE((*read)->Get(i).in_cluster);

  // And a shard of no records at all.
  ASSERT_TRUE(WriteDecisionsFile(*fs, "e.bin", Header(0, 1), all, 5, 0).ok());
  auto empty = ShardDecisions::Read(*fs, "e.bin");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ((*empty)->record_count(), 0u);
}

TEST(ShardFilesTest, TruncatedDecisionsFilesAreDetected) {
  FakeDecisions all;
  all.AddKept("a", 0, 2);
  all.AddRemoved("b", 0, 2, "a");
  auto fs = NewMemoryFileSystem();
  ASSERT_TRUE(WriteDecisionsFile(*fs, "d.bin", Header(0, 1), all, 0, 2).ok());
  const std::string whole = *fs->ReadFile("d.bin");
  const size_t header_end = whole.find('\n', whole.find('\n') + 1) + 1;
  for (size_t cut = header_end; cut < whole.size(); ++cut) {
    fs->AddFile("d.bin", whole.substr(0, cut));
    auto read = ShardDecisions::Read(*fs, "d.bin");
    ASSERT_FALSE(read.has_value()) << cut;
    EXPECT_THAT(read.error().message(), HasSubstr("truncated")) << cut;
  }
  auto missing = ShardDecisions::Read(*fs, "nope.bin");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace winnow
