#include "winnow/cli/io_options.h"

#include <charconv>
#include <cstdio>

#include "winnow/cli/command.h"
#include "winnow/exec/progress.h"

namespace winnow::cli {

void AddInputFlags(CLI::App* command, InputFlags* flags) {
  command
      ->add_option("inputs", flags->inputs,
                   "Input files, globs (\"data/train-*.jsonl\"), folders, or - for stdin. "
                   "Formats: .jsonl .json .csv .tsv .txt .md, optionally .gz or .zst")
      ->required();
  command->add_option("--shard", flags->shard,
                      "Process only slice i of N (\"2/8\"): a deterministic byte range of the "
                      "inputs; the slices 0..N-1 together are the whole input, in order");
  command
      ->add_option("--input-format", flags->input_format,
                   "Read every input as this format instead of guessing from the extension")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "tsv", "text"}));
  command
      ->add_option("--on-error", flags->on_error,
                   "fail: stop at the first malformed record (default); skip: count it, write it "
                   "to --reject with the reason, and go on")
      ->check(CLI::IsMember({"fail", "skip"}));
  command->add_option("--reject", flags->reject_path,
                      "Write rejected records (with step and reason) to this JSONL file");
  command->add_option("--max-record-bytes", flags->max_record_bytes,
                      "Longest record accepted (default 64MiB); longer ones are errors");
  command
      ->add_option("--text-unit", flags->text_unit,
                   "Plain text: a record per line or per file (auto: per file for folders and "
                   ".md, else per line)")
      ->check(CLI::IsMember({"auto", "line", "file"}));
  command->add_option("--text-field", flags->text_field, "Field name for plain-text records");
  command
      ->add_option("--csv-types", flags->csv_types,
                   "CSV/TSV values: infer (numbers, true/false, empty=null) or string")
      ->check(CLI::IsMember({"infer", "string"}));
  command->add_option("--workers", flags->workers, "Worker threads (default: all cores)");
  command->add_flag("-q,--quiet", flags->quiet,
                    "No progress line and no warnings on stderr (skipped-record counts are still "
                    "reported: nothing is dropped silently)");
}

void AddOutputFlags(CLI::App* command, OutputFlags* flags, bool required) {
  auto* option = command->add_option("-o,--output", flags->path,
                                     "Output file (- for stdout); written atomically; .gz/.zst "
                                     "compress");
  if (required) option->required();
  command
      ->add_option("--output-format", flags->output_format,
                   "Output format instead of the extension's")
      ->check(CLI::IsMember({"jsonl", "json", "csv", "tsv", "text"}));
  command->add_option(
      "--max-rows-per-file", flags->max_rows,
      "Split output into shards of at most this many rows (name-00000-of-00004.ext)");
  command->add_option("--max-bytes-per-file", flags->max_bytes,
                      "Split output into shards of about this size (\"500MB\")");
  command
      ->add_option("--columns", flags->columns,
                   "CSV/TSV output: the columns, in order (default: the first record's "
                   "fields); nested values are written as JSON")
      ->delimiter(',');
  command->add_option("--output-text-field", flags->text_field,
                      "Text output (.txt): the field written as one line per record");
}

Result<uint64_t> ParseByteSize(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) {
    return Error(Status::InvalidArgument("size '" + std::string(text) +
                                         "': expected a number with an optional unit (64MiB, 1G)"));
  }
  std::string_view unit(end, text.data() + text.size() - end);
  uint64_t multiplier = 1;
  if (unit.empty() || unit == "B") {
    multiplier = 1;
  } else if (unit == "K" || unit == "KB" || unit == "k" || unit == "kB") {
    multiplier = 1000;
  } else if (unit == "KiB") {
    multiplier = 1ull << 10;
  } else if (unit == "M" || unit == "MB") {
    multiplier = 1000 * 1000;
  } else if (unit == "MiB") {
    multiplier = 1ull << 20;
  } else if (unit == "G" || unit == "GB") {
    multiplier = 1000ull * 1000 * 1000;
  } else if (unit == "GiB") {
    multiplier = 1ull << 30;
  } else {
    return Error(Status::InvalidArgument("size '" + std::string(text) + "': unknown unit '" +
                                         std::string(unit) + "' (B, KB, KiB, MB, MiB, GB, GiB)"));
  }
  return value * multiplier;
}

Result<OpenedInput> OpenInputs(const InputFlags& flags, const std::string& progress_label) {
  OpenedInput input;
  input.fs = NewLocalFileSystem();
  ReaderOptions& options = input.reader_options;
  if (!flags.input_format.empty()) {
    WINNOW_ASSIGN_OR_RETURN(Format format, ParseFormatName(flags.input_format));
    options.format = format;
  }
  WINNOW_ASSIGN_OR_RETURN(options.max_record_bytes, ParseByteSize(flags.max_record_bytes));
  options.on_error = flags.on_error == "skip" ? OnError::kSkip : OnError::kFail;
  options.text_unit = flags.text_unit == "line"   ? TextUnit::kLine
                      : flags.text_unit == "file" ? TextUnit::kFile
                                                  : TextUnit::kAuto;
  options.text_field = flags.text_field;
  options.csv_types = flags.csv_types == "string" ? CsvTypes::kString : CsvTypes::kInfer;
  ShardSpec shard;
  if (!flags.shard.empty()) {
    WINNOW_ASSIGN_OR_RETURN(shard, ParseShardSpec(flags.shard));
  }
  WINNOW_ASSIGN_OR_RETURN(auto files, ExpandInputs(*input.fs, flags.inputs));
  WINNOW_ASSIGN_OR_RETURN(input.reader,
                          DatasetReader::Open(*input.fs, std::move(files), shard, options));
  if (!flags.reject_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(input.rejects, RejectWriter::Create(*input.fs, flags.reject_path));
  }
  input.run_options.workers = flags.workers;
  input.quiet = flags.quiet;
  input.run_options.on_error = options.on_error;
  if (!flags.quiet && ShouldShowProgress()) {
    input.progress = std::make_unique<TerminalProgress>(progress_label);
    input.run_options.progress = input.progress.get();
  }
  return input;
}

Status WriteWholeFile(FileSystem& fs, const std::string& path, std::string_view contents) {
  return WriteFileAtomically(fs, path, contents);
}

Result<std::unique_ptr<DatasetWriter>> OpenOutput(FileSystem& fs, const OutputFlags& flags) {
  DatasetWriterOptions options;
  if (!flags.output_format.empty()) {
    WINNOW_ASSIGN_OR_RETURN(Format format, ParseFormatName(flags.output_format));
    options.format = format;
  }
  options.max_rows = flags.max_rows;
  options.writer.columns = flags.columns;
  options.writer.text_field = flags.text_field;
  if (!flags.max_bytes.empty()) {
    WINNOW_ASSIGN_OR_RETURN(options.max_bytes, ParseByteSize(flags.max_bytes));
  }
  return DatasetWriter::Create(fs, flags.path, std::move(options));
}

Status FinishInputs(OpenedInput& input, const RunResult& result) {
  if (input.rejects) WINNOW_RETURN_IF_ERROR(input.rejects->Commit());
  if (!input.quiet) {
    for (const auto& warning : input.reader->warnings()) {
      std::fprintf(stderr, "winnow: warning: %s\n", warning.c_str());
    }
  }
  if (result.bad_records > 0) {
    std::fprintf(stderr, "winnow: skipped %llu malformed record(s)%s\n",
                 static_cast<unsigned long long>(result.bad_records),
                 input.rejects ? (" (written to " + input.rejects->path() + ")").c_str()
                               : " (use --reject FILE to keep them)");
  }
  return Status::OK();
}

Result<RunResult> RunToOutput(OpenedInput& input, const OutputFlags& output,
                              const std::vector<Step*>& steps) {
  WINNOW_ASSIGN_OR_RETURN(auto writer, OpenOutput(*input.fs, output));
  WINNOW_ASSIGN_OR_RETURN(RunResult result, RunLinear(*input.reader, steps, writer.get(),
                                                      input.rejects.get(), input.run_options));
  WINNOW_RETURN_IF_ERROR(writer->Commit());
  WINNOW_RETURN_IF_ERROR(FinishInputs(input, result));
  return result;
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "winnow: %s\n", status.message().c_str());
  if (status.code() == StatusCode::kCancelled) return kExitInterrupted;
  if (status.code() == StatusCode::kInvalidArgument) return kExitUsage;
  return kExitFailure;
}

}  // namespace winnow::cli
