#include "winnow/formats/dataset_reader.h"

#include <algorithm>
#include <cstring>

#include "winnow/record/json_error_locator.h"

namespace winnow {
namespace {

// Replays bytes already read from a stream (for format sniffing), then continues with the stream.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(size, prefix_.size() - pos_);
      std::memcpy(buffer, prefix_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    return rest_->Read(buffer, size);
  }
  uint64_t raw_bytes_read() const override { return rest_->raw_bytes_read(); }
  const std::string& name() const override { return rest_->name(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// What the start of a ".json" file says about its layout.
struct Sniff {
  char first = 0;                   // first non-space byte after a BOM (0 at EOF)
  bool first_line_complete = true;  // the first line holds a whole JSON value (JSON Lines)
};

// Reads up to 64 KiB to find the first non-space byte (after a BOM) and whether the first line is
// a complete JSON value; wraps the stream so nothing is lost.
Result<Sniff> SniffJson(std::unique_ptr<ByteSource>* stream) {
  std::string prefix;
  char first = 0;
  Sniff sniff;
  while (prefix.size() < 65536) {
    char buf[512];
    WINNOW_ASSIGN_OR_RETURN(size_t got, (*stream)->Read(buf, sizeof buf));
    if (got == 0) break;
    size_t start = prefix.size();
    prefix.append(buf, got);
    size_t i = start;
    if (start == 0 && prefix.size() >= 3 && std::memcmp(prefix.data(), "\xEF\xBB\xBF", 3) == 0) {
      i = 3;
    }
    for (; first == 0 && i < prefix.size(); ++i) {
      char c = prefix[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        first = c;
        break;
      }
    }
    if (first != 0 && prefix.find('\n', i) != std::string::npos) break;
  }
  sniff.first = first;
  if (first == '{') {
    size_t start = prefix.find('{');
    size_t newline = prefix.find('\n', start);
    std::string_view line(prefix.data() + start,
                          (newline == std::string::npos ? prefix.size() : newline) - start);
    // A pretty-printed object ends its first line early: "{" or "{ \"key\": [".
    JsonErrorLocation where = LocateJsonError(line);
    sniff.first_line_complete = !where.found ||
                                where.message.rfind("unexpected end of input", 0) != 0 ||
                                (newline == std::string::npos && prefix.size() >= 65536);
  }
  *stream = std::make_unique<PrefixedSource>(std::move(prefix), std::move(*stream));
  return sniff;
}

}  // namespace

DatasetReader::DatasetReader(FileSystem& fs, std::vector<InputFile> files, ShardSpec shard,
                             ReaderOptions options)
    : fs_(fs), files_(std::move(files)), shard_(shard), options_(std::move(options)) {
  for (const auto& file : files_) {
    names_.push_back(std::make_unique<std::string>(file.is_stdin ? "<stdin>" : file.path));
  }
}

Result<std::unique_ptr<DatasetReader>> DatasetReader::Open(FileSystem& fs,
                                                           std::vector<InputFile> files,
                                                           ShardSpec shard, ReaderOptions options) {
  std::unique_ptr<DatasetReader> reader(
      new DatasetReader(fs, std::move(files), shard, std::move(options)));
  uint64_t total = 0;
  for (const auto& file : reader->files_) {
    if (file.is_stdin && !shard.all()) {
      return Error(Status::InvalidArgument("--shard needs input files; it cannot split stdin"));
    }
    total += file.size;
  }
  ByteRange range = ShardRange(total, shard);
  uint64_t start = 0;
  for (size_t i = 0; i < reader->files_.size(); ++i) {
    const InputFile& file = reader->files_[i];
    std::optional<Format> format = reader->options_.format;
    if (!format) format = FormatFromPath(file.path);
    if (!format && !file.is_stdin) {
      return Error(Status::InvalidArgument(
          file.path + ": unknown file type (use --input-format jsonl|json|csv|tsv|text)"));
    }
    if (format == Format::kParquet) {
      return Error(Status::Unsupported(file.path + ": Parquet input is not supported yet"));
    }
    uint64_t file_start = start;
    uint64_t file_end = start + file.size;
    start = file_end;
    bool splittable = !file.is_stdin && format && IsLineSplittable(*format) &&
                      CompressionFromExtension(file.path) == Compression::kNone;
    if (splittable && !reader->options_.format) {
      // ".json" may hold a JSON array, which cannot be split by lines.
      WINNOW_ASSIGN_OR_RETURN(auto probe, fs.OpenRead(file.path));
      WINNOW_ASSIGN_OR_RETURN(Sniff sniff, SniffJson(&probe));
      splittable = sniff.first != '[' && sniff.first != '\x1f' && sniff.first != '\x28' &&
                   sniff.first_line_complete;
    }
    if (shard.all()) {
      reader->plans_.push_back({i, {}});
      continue;
    }
    if (!splittable) {
      // Whole file to the shard that owns its first byte (empty files: the shard owning `start`).
      bool owns = file_start >= range.begin && file_start < range.end;
      if (file.size == 0) owns = file_start >= range.begin && (file_start < range.end);
      if (owns) reader->plans_.push_back({i, {}});
      continue;
    }
    uint64_t begin = std::max(range.begin, file_start);
    uint64_t end = std::min(range.end, file_end);
    if (begin >= end) continue;
    reader->plans_.push_back({i, {begin - file_start, end - file_start}});
  }
  for (const auto& plan : reader->plans_) {
    const InputFile& file = reader->files_[plan.file];
    uint64_t end = std::min<uint64_t>(plan.range.end, file.size);
    reader->total_bytes_ += plan.range.end == UINT64_MAX ? file.size : end - plan.range.begin;
  }
  return reader;
}

uint64_t DatasetReader::bytes_read() const {
  return finished_bytes_ + (current_stream_ ? current_stream_->raw_bytes_read() : 0);
}

Status DatasetReader::OpenNext() {
  current_.reset();
  current_stream_ = nullptr;
  if (next_plan_ >= plans_.size()) return Status::OK();
  const Plan& plan = plans_[next_plan_++];
  current_file_ = plan.file;
  current_records_ = 0;
  const InputFile& file = files_[plan.file];
  const std::string* name = names_[plan.file].get();
  std::unique_ptr<ByteSource> raw;
  if (file.is_stdin) {
    raw = NewStdinSource();
  } else {
    uint64_t open_at = plan.range.begin > 0 ? plan.range.begin - 1 : 0;
    WINNOW_ASSIGN_OR_RETURN(raw, fs_.OpenRead(file.path, open_at));
  }
  std::unique_ptr<ByteSource> stream;
  if (plan.range.begin > 0) {
    stream = std::move(raw);  // splittable files are uncompressed
  } else {
    WINNOW_ASSIGN_OR_RETURN(stream, OpenDecompressed(std::move(raw)));
  }
  current_stream_ = stream.get();
  Format format = options_.format.value_or(FormatFromPath(file.path).value_or(Format::kJsonl));
  bool whole_document = false;
  if (format == Format::kJsonl && plan.range.begin == 0 && !options_.format) {
    WINNOW_ASSIGN_OR_RETURN(Sniff sniff, SniffJson(&stream));
    current_stream_ = stream.get();
    if (sniff.first == '[') format = Format::kJsonArray;
    bool json_extension = StripCompressionExtension(file.path).ends_with(".json");
    whole_document = json_extension && sniff.first == '{' && !sniff.first_line_complete;
  }
  ReaderSource source;
  source.stream = std::move(stream);
  source.name = name;
  source.range = plan.range;
  source.from_directory = file.from_directory;
  switch (format) {
    case Format::kJsonl: {
      if (whole_document) {
        WINNOW_ASSIGN_OR_RETURN(current_, NewJsonDocumentReader(std::move(source), options_));
      } else {
        WINNOW_ASSIGN_OR_RETURN(current_, NewJsonlReader(std::move(source), options_));
      }
      break;
    }
    case Format::kJsonArray: {
      WINNOW_ASSIGN_OR_RETURN(current_, NewJsonArrayReader(std::move(source), options_));
      break;
    }
    case Format::kCsv: {
      WINNOW_ASSIGN_OR_RETURN(current_, NewCsvReader(std::move(source), options_, ','));
      break;
    }
    case Format::kTsv: {
      WINNOW_ASSIGN_OR_RETURN(current_, NewCsvReader(std::move(source), options_, '\t'));
      break;
    }
    case Format::kText: {
      bool per_file = options_.text_unit == TextUnit::kFile;
      if (options_.text_unit == TextUnit::kAuto) {
        std::string_view base = StripCompressionExtension(file.path);
        bool markdown = base.ends_with(".md") || base.ends_with(".markdown");
        per_file = file.from_directory || markdown;
      }
      WINNOW_ASSIGN_OR_RETURN(current_, NewTextReader(std::move(source), options_, per_file));
      break;
    }
    case Format::kParquet:
      return Status::Unsupported(file.path + ": Parquet input is not supported yet");
  }
  return Status::OK();
}

Result<bool> DatasetReader::ReadBatch(Batch* batch) {
  for (;;) {
    if (!current_) {
      if (next_plan_ >= plans_.size()) return false;
      WINNOW_RETURN_IF_ERROR(OpenNext());
      if (!current_) return false;
    }
    size_t before = batch->records.size() + batch->rejects.size();
    WINNOW_ASSIGN_OR_RETURN(bool more, current_->ReadBatch(batch));
    current_records_ += batch->records.size() + batch->rejects.size() - before;
    if (!more) {
      const InputFile& file = files_[current_file_];
      if (current_records_ == 0 && plans_[next_plan_ - 1].range.begin == 0) {
        warnings_.push_back((file.is_stdin ? std::string("<stdin>") : file.path) + ": no records");
      }
      finished_bytes_ += current_stream_ ? current_stream_->raw_bytes_read() : 0;
      current_.reset();
      current_stream_ = nullptr;
    }
    if (!batch->records.empty() || !batch->rejects.empty()) return true;
  }
}

}  // namespace winnow
