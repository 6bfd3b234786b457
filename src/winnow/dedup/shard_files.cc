#include "winnow/dedup/shard_files.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "winnow/io/byte_stream.h"
#include "winnow/record/json_builder.h"

namespace winnow {
namespace {

constexpr std::string_view kSignatureMagic = "winnow-signatures 1\n";
constexpr std::string_view kDecisionsMagic = "winnow-decisions 1\n";
constexpr std::string_view kTrailer =
    "\xFF"
    "END";
constexpr uint32_t kMaxIdBytes = 1 << 20;
constexpr int64_t kMaxKeysPerRecord = 4096;

template <typename T>
void Put(T value, std::string* out) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

void PutString(std::string_view text, std::string* out) {
  Put(static_cast<uint32_t>(text.size()), out);
  out->append(text);
}

std::string HeaderText(std::string_view magic, const ShardFileHeader& header, uint64_t extra,
                       const char* extra_name) {
  JsonBuilder json;
  json.BeginObject()
      .Field("settings", header.settings)
      .Key("keys_per_record")
      .Int(header.keys_per_record)
      .Key("shard")
      .Int(header.shard)
      .Key("shard_count")
      .Int(header.shard_count);
  if (extra_name) json.Key(extra_name).Int(static_cast<int64_t>(extra));
  json.EndObject();
  return std::string(magic) + json.Take() + "\n";
}

// Sequential reads of a binary shard file with clear errors on truncation.
class FileCursor {
 public:
  FileCursor(std::unique_ptr<ByteSource> source, std::string path)
      : source_(std::move(source)), path_(std::move(path)) {}

  Status Bytes(size_t size, std::string* out) {
    out->resize(size);
    WINNOW_ASSIGN_OR_RETURN(size_t got, ReadFull(*source_, out->data(), size));
    if (got != size) {
      return Status::InvalidInput(path_ + ": truncated (the shard that wrote it did not finish?)");
    }
    return Status::OK();
  }
  template <typename T>
  Status Get(T* value) {
    WINNOW_RETURN_IF_ERROR(Bytes(sizeof(T), &scratch_));
    std::memcpy(value, scratch_.data(), sizeof(T));
    return Status::OK();
  }
  Status GetString(std::string* out) {
    uint32_t size = 0;
    WINNOW_RETURN_IF_ERROR(Get(&size));
    // Ids are short; a huge length means a corrupt file, not a reason to allocate gigabytes.
    if (size > kMaxIdBytes)
      return Status::InvalidInput(path_ + ": corrupt (an id of " + std::to_string(size) +
                                  " bytes)");
    return Bytes(size, out);
  }
  Status Line(std::string* out) {
    out->clear();
    char c = 0;
    while (true) {
      WINNOW_RETURN_IF_ERROR(Get(&c));
      if (c == '\n') return Status::OK();
      out->push_back(c);
      if (out->size() > (1 << 20)) return Status::InvalidInput(path_ + ": header line too long");
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::unique_ptr<ByteSource> source_;
  std::string path_;
  std::string scratch_;
};

Status ReadHeader(FileCursor& cursor, std::string_view magic, ShardFileHeader* header,
                  const char* extra_name, uint64_t* extra) {
  std::string line;
  WINNOW_RETURN_IF_ERROR(cursor.Line(&line));
  if (line + "\n" != magic) {
    return Status::InvalidInput(cursor.path() + ": not a winnow " +
                                std::string(magic.substr(7, magic.find(' ') - 7)) + " file");
  }
  WINNOW_RETURN_IF_ERROR(cursor.Line(&line));
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line).get(object) != simdjson::SUCCESS) {
    return Status::InvalidInput(cursor.path() + ": bad header");
  }
  std::string_view settings;
  int64_t keys = 0, shard = 0, count = 0;
  if (object["settings"].get(settings) || object["keys_per_record"].get(keys) ||
      object["shard"].get(shard) || object["shard_count"].get(count)) {
    return Status::InvalidInput(cursor.path() + ": bad header");
  }
  if (keys < 1 || keys > kMaxKeysPerRecord || count < 1 || shard < 0 || shard >= count ||
      count > (int64_t{1} << 31)) {
    return Status::InvalidInput(cursor.path() + ": bad header (keys_per_record, shard)");
  }
  header->settings = std::string(settings);
  header->keys_per_record = static_cast<uint32_t>(keys);
  header->shard = static_cast<uint32_t>(shard);
  header->shard_count = static_cast<uint32_t>(count);
  if (extra_name) {
    int64_t value = 0;
    if (object[extra_name].get(value)) return Status::InvalidInput(cursor.path() + ": bad header");
    *extra = static_cast<uint64_t>(value);
  }
  return Status::OK();
}

// Reads one record of a signature file; false at the trailer (whose count is checked).
Result<bool> ReadSignature(FileCursor& cursor, uint32_t keys_per_record, uint64_t records_so_far,
                           double* rank, std::string* id, std::vector<uint64_t>* keys, bool* has) {
  uint8_t flag = 0;
  WINNOW_RETURN_IF_ERROR(cursor.Get(&flag));
  if (flag == 0xFF) {
    std::string end;
    uint64_t count = 0;
    WINNOW_RETURN_IF_ERROR(cursor.Bytes(3, &end));
    WINNOW_RETURN_IF_ERROR(cursor.Get(&count));
    if (end != "END" || count != records_so_far) {
      return tl::unexpected(
          Status::InvalidInput(cursor.path() + ": corrupt trailer (record count mismatch)"));
    }
    return false;
  }
  *has = flag == 1;
  WINNOW_RETURN_IF_ERROR(cursor.Get(rank));
  WINNOW_RETURN_IF_ERROR(cursor.GetString(id));
  if (*has) {
    keys->resize(keys_per_record);
    for (auto& key : *keys) WINNOW_RETURN_IF_ERROR(cursor.Get(&key));
  }
  return true;
}

}  // namespace

std::string SignatureFileName(const std::string& dir, uint32_t shard, uint32_t shard_count) {
  return fmt::format("{}/signatures-{:05d}-of-{:05d}.bin", dir, shard, shard_count);
}

std::string DecisionsFileName(const std::string& dir, uint32_t shard, uint32_t shard_count) {
  return fmt::format("{}/decisions-{:05d}-of-{:05d}.bin", dir, shard, shard_count);
}

Result<std::unique_ptr<SignatureFileWriter>> SignatureFileWriter::Create(FileSystem& fs,
                                                                         std::string path,
                                                                         ShardFileHeader header) {
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs, std::move(path)));
  std::unique_ptr<SignatureFileWriter> writer(
      new SignatureFileWriter(std::move(output), std::move(header)));
  writer->buffer_ = HeaderText(kSignatureMagic, writer->header_, 0, nullptr);
  return writer;
}

Status SignatureFileWriter::Add(uint32_t doc, double keep_rank, std::string_view id,
                                const uint64_t* keys) {
  (void)doc;  // records come in order; the file's order is their number
  Put<uint8_t>(keys ? 1 : 0, &buffer_);
  Put(keep_rank, &buffer_);
  PutString(id, &buffer_);
  if (keys) buffer_.append(reinterpret_cast<const char*>(keys), header_.keys_per_record * 8);
  ++records_;
  return buffer_.size() >= (1 << 20) ? Flush() : Status::OK();
}

Status SignatureFileWriter::Flush() {
  WINNOW_RETURN_IF_ERROR(output_->sink().Write(buffer_));
  buffer_.clear();
  return Status::OK();
}

Status SignatureFileWriter::Commit() {
  buffer_.append(kTrailer);
  Put(records_, &buffer_);
  WINNOW_RETURN_IF_ERROR(Flush());
  return output_->Commit();
}

Result<ShardFileHeader> ReadSignatureHeader(FileSystem& fs, const std::string& dir) {
  WINNOW_ASSIGN_OR_RETURN(auto files, fs.Glob(dir + "/signatures-*-of-*.bin"));
  if (files.empty()) return tl::unexpected(Status::NotFound("no signature files in " + dir));
  std::sort(files.begin(), files.end());
  WINNOW_ASSIGN_OR_RETURN(auto source, fs.OpenRead(files[0]));
  FileCursor cursor(std::move(source), files[0]);
  ShardFileHeader header;
  WINNOW_RETURN_IF_ERROR(ReadHeader(cursor, kSignatureMagic, &header, nullptr, nullptr));
  return header;
}

Status ReadSignatureFiles(FileSystem& fs, const std::string& dir, ShardFileHeader* header,
                          FingerprintSink& sink, std::vector<uint64_t>* first_record) {
  WINNOW_ASSIGN_OR_RETURN(auto found, fs.Glob(dir + "/signatures-*-of-*.bin"));
  if (found.empty()) return Status::NotFound("no signature files in " + dir);
  // The shard count comes from the first file's header; every shard 0..N-1 must be there.
  WINNOW_ASSIGN_OR_RETURN(ShardFileHeader first, ReadSignatureHeader(fs, dir));
  std::vector<std::string> files;
  for (uint32_t shard = 0; shard < first.shard_count; ++shard) {
    files.push_back(SignatureFileName(dir, shard, first.shard_count));
    if (std::find(found.begin(), found.end(), files.back()) == found.end()) {
      return Status::NotFound(
          fmt::format("{}: missing (shard {} of {}); run that shard's "
                      "signature stage first",
                      files.back(), shard, first.shard_count));
    }
  }
  if (found.size() != files.size()) {
    return Status::InvalidInput(fmt::format(
        "{} holds {} signature files but the shards say there are {}; remove the files of other "
        "runs",
        dir, found.size(), first.shard_count));
  }
  uint64_t next_doc = 0;
  first_record->clear();
  for (uint32_t shard = 0; shard < files.size(); ++shard) {
    ShardFileHeader shard_header;
    WINNOW_ASSIGN_OR_RETURN(auto source, fs.OpenRead(files[shard]));
    FileCursor cursor(std::move(source), files[shard]);
    WINNOW_RETURN_IF_ERROR(ReadHeader(cursor, kSignatureMagic, &shard_header, nullptr, nullptr));
    if (shard == 0) *header = shard_header;
    if (shard_header.shard_count != files.size() || shard_header.shard != shard) {
      return Status::InvalidInput(fmt::format(
          "{}: expected shard {} of {} signature files, found shard {} of {}; is a shard missing?",
          files[shard], shard, files.size(), shard_header.shard, shard_header.shard_count));
    }
    if (shard_header.settings != header->settings) {
      return Status::InvalidInput(files[shard] + ": made with other settings (" +
                                  shard_header.settings + ") than " + files[0] + " (" +
                                  header->settings + ")");
    }
    first_record->push_back(next_doc);
    double rank = 0;
    std::string id;
    std::vector<uint64_t> keys;
    bool has = false;
    uint64_t records = 0;
    while (true) {
      WINNOW_ASSIGN_OR_RETURN(bool more, ReadSignature(cursor, header->keys_per_record, records,
                                                       &rank, &id, &keys, &has));
      if (!more) break;
      WINNOW_RETURN_IF_ERROR(
          sink.Add(static_cast<uint32_t>(next_doc++), rank, id, has ? keys.data() : nullptr));
      ++records;
    }
  }
  return Status::OK();
}

Status WriteDecisionsFile(FileSystem& fs, const std::string& path, const ShardFileHeader& header,
                          const DedupDecisions& decisions, uint64_t first_record,
                          uint64_t record_count) {
  WINNOW_ASSIGN_OR_RETURN(auto output, AtomicOutput::Create(fs, path));
  std::string buffer = HeaderText(kDecisionsMagic, header, record_count, "records");
  uint64_t entries = 0;
  for (uint64_t local = 0; local < record_count; ++local) {
    const auto doc = static_cast<uint32_t>(first_record + local);
    const DuplicateDecision decision = decisions.Get(doc);
    if (!decision.in_cluster) continue;
    Put<uint8_t>(decision.removed ? 1 : 0, &buffer);
    Put(static_cast<uint32_t>(local), &buffer);
    Put(decision.cluster_id, &buffer);
    Put(decision.cluster_size, &buffer);
    PutString(decisions.Id(doc), &buffer);
    PutString(decision.duplicate_of, &buffer);
    ++entries;
    if (buffer.size() >= (1 << 20)) {
      WINNOW_RETURN_IF_ERROR(output->sink().Write(buffer));
      buffer.clear();
    }
  }
  buffer.append(kTrailer);
  Put(entries, &buffer);
  WINNOW_RETURN_IF_ERROR(output->sink().Write(buffer));
  return output->Commit();
}

Result<std::unique_ptr<ShardDecisions>> ShardDecisions::Read(FileSystem& fs,
                                                             const std::string& path) {
  WINNOW_ASSIGN_OR_RETURN(auto source, fs.OpenRead(path));
  FileCursor cursor(std::move(source), path);
  ShardFileHeader header;
  auto decisions = std::unique_ptr<ShardDecisions>(new ShardDecisions());
  WINNOW_RETURN_IF_ERROR(
      ReadHeader(cursor, kDecisionsMagic, &header, "records", &decisions->record_count_));
  while (true) {
    uint8_t flag = 0;
    WINNOW_RETURN_IF_ERROR(cursor.Get(&flag));
    if (flag == 0xFF) {
      std::string end;
      uint64_t count = 0;
      WINNOW_RETURN_IF_ERROR(cursor.Bytes(3, &end));
      WINNOW_RETURN_IF_ERROR(cursor.Get(&count));
      if (end != "END" || count != decisions->entries_.size()) {
        return tl::unexpected(Status::InvalidInput(path + ": corrupt trailer"));
      }
      return decisions;
    }
    Entry entry{};
    entry.removed = flag == 1;
    WINNOW_RETURN_IF_ERROR(cursor.Get(&entry.doc));
    WINNOW_RETURN_IF_ERROR(cursor.Get(&entry.cluster_id));
    WINNOW_RETURN_IF_ERROR(cursor.Get(&entry.cluster_size));
    WINNOW_RETURN_IF_ERROR(cursor.GetString(&entry.id));
    WINNOW_RETURN_IF_ERROR(cursor.GetString(&entry.kept_id));
    decisions->entries_.push_back(std::move(entry));
  }
}

const ShardDecisions::Entry* ShardDecisions::Find(uint32_t doc) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), doc,
                             [](const Entry& entry, uint32_t d) { return entry.doc < d; });
  return it != entries_.end() && it->doc == doc ? &*it : nullptr;
}

DuplicateDecision ShardDecisions::Get(uint32_t doc) const {
  DuplicateDecision decision;
  const Entry* entry = Find(doc);
  if (!entry) return decision;
  decision.in_cluster = true;
  decision.cluster_id = entry->cluster_id;
  decision.cluster_size = entry->cluster_size;
  decision.removed = entry->removed;
  if (entry->removed) {
    DescribeDuplicate(entry->id, entry->kept_id, entry->cluster_id, entry->cluster_size, &decision);
  }
  return decision;
}

std::string_view ShardDecisions::Id(uint32_t doc) const {
  const Entry* entry = Find(doc);
  return entry ? std::string_view(entry->id) : std::string_view();
}

}  // namespace winnow
