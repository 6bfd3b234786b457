#pragma once

// Flags every data command shares, parsed in one place: which inputs, how to read them, what to do
// with bad records, where output goes. Commands add the groups they need.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/exec/linear_runner.h"
#include "winnow/formats/dataset_reader.h"
#include "winnow/formats/dataset_writer.h"
#include "winnow/io/file_system.h"
#include "winnow/pipeline/reject_writer.h"

namespace winnow::cli {

struct InputFlags {
  std::vector<std::string> inputs;
  std::string shard;         // "i/N"
  std::string input_format;  // jsonl|json|csv|tsv|text
  std::string on_error = "fail";
  std::string reject_path;  // JSONL of rejected records
  std::string max_record_bytes = "64MiB";
  std::string text_unit = "auto";
  std::string text_field = "text";
  std::string csv_types = "infer";
  size_t workers = 0;
  bool quiet = false;
};

struct OutputFlags {
  std::string path = "-";
  std::string output_format;
  uint64_t max_rows = 0;
  std::string max_bytes;
  std::vector<std::string> columns;  // CSV/TSV output columns
  std::string text_field = "text";   // text output: the field written as a line
};

void AddInputFlags(CLI::App* command, InputFlags* flags);
void AddOutputFlags(CLI::App* command, OutputFlags* flags, bool required);

// "64MiB", "200MB", "1G", "4096" -> bytes.
Result<uint64_t> ParseByteSize(std::string_view text);

// Everything a command needs to run over its inputs. Owns the file system, reader and reject
// writer; `run_options` is ready for RunLinear (progress included when stderr is a terminal).
struct OpenedInput {
  std::unique_ptr<FileSystem> fs;
  std::unique_ptr<DatasetReader> reader;
  std::unique_ptr<RejectWriter> rejects;
  std::unique_ptr<ProgressReporter> progress;
  RunOptions run_options;
  ReaderOptions reader_options;
  bool quiet = false;
};

Result<OpenedInput> OpenInputs(const InputFlags& flags, const std::string& progress_label);

Result<std::unique_ptr<DatasetWriter>> OpenOutput(FileSystem& fs, const OutputFlags& flags);

// After a successful run: commits the reject file, prints reader warnings and a line about
// skipped records to stderr. Returns an error if committing fails.
Status FinishInputs(OpenedInput& input, const RunResult& result);

// The common shape of a command that transforms records: opens the output, runs `steps` from
// the inputs into it, commits the output and the reject file, and reports warnings.
Result<RunResult> RunToOutput(OpenedInput& input, const OutputFlags& output,
                              const std::vector<Step*>& steps);

// Writes `contents` to `path` atomically (a report, a summary): all of it or nothing.
Status WriteWholeFile(FileSystem& fs, const std::string& path, std::string_view contents);

// Prints "winnow: <message>" to stderr and returns the exit code for the status.
int ReportError(const Status& status);

}  // namespace winnow::cli
