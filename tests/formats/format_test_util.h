#pragma once

// Helpers for format reader/writer tests: in-memory streams that can hand out bytes in small
// pieces (to push records across read boundaries) and a loop that drains a reader.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "winnow/formats/reader.h"
#include "winnow/formats/writer.h"

namespace winnow::testing {

class StringSink : public ByteSink {
 public:
  Status Write(std::string_view bytes) override {
    if (closed_) return Status::IoError("write after close");
    data_.append(bytes);
    return Status::OK();
  }
  Status Close() override {
    closed_ = true;
    return Status::OK();
  }
  uint64_t bytes_written() const override { return data_.size(); }
  const std::string& data() const { return data_; }

 private:
  std::string data_;
  bool closed_ = false;
};

using ReaderFactory =
    std::function<Result<std::unique_ptr<FormatReader>>(ReaderSource, const ReaderOptions&)>;

// Everything a reader produced from one input. Records are detached from their batches.
struct ReadResult {
  Status status;  // the first error ReadBatch returned, or OK
  std::vector<Record> records;
  std::vector<RejectedRecord> rejects;
  size_t batches = 0;
  std::unique_ptr<std::string> name;  // what the records' origins point at
};

inline ReadResult ReadAll(const ReaderFactory& factory, std::string bytes,
                          const ReaderOptions& options, const std::string& name = "data.csv",
                          size_t max_read = SIZE_MAX) {
  ReadResult result;
  result.name = std::make_unique<std::string>(name);
  ReaderSource source;
  source.stream = NewMemorySource(std::move(bytes), name, max_read);
  source.name = result.name.get();
  auto reader = factory(std::move(source), options);
  if (!reader) {
    result.status = reader.error();
    return result;
  }
  for (size_t guard = 0; guard < 1000000; ++guard) {
    Batch batch;
    Result<bool> more = (*reader)->ReadBatch(&batch);
    ++result.batches;
    for (Record& record : batch.records) {
      record.Detach();
      result.records.push_back(std::move(record));
    }
    for (RejectedRecord& rejected : batch.rejects) {
      rejected.record.Detach();
      result.rejects.push_back(std::move(rejected));
    }
    if (!more) {
      result.status = more.error();
      break;
    }
    if (!*more) break;
  }
  return result;
}

// Parses every record, failing the test on a parse error.
inline void ParseAll(std::vector<Record>* records, simdjson::dom::parser& parser) {
  for (Record& record : *records) {
    Status status = record.Parse(parser);
    EXPECT_TRUE(status.ok()) << status.message() << " in " << record.text();
  }
}

// The compact JSON of field `key`, or "<missing>".
inline std::string FieldJson(const Record& record, std::string_view key) {
  auto value = record.Field(key);
  if (value.error()) return "<missing>";
  return simdjson::to_string(value.value_unsafe());
}

}  // namespace winnow::testing
