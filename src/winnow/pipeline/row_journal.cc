#include "winnow/pipeline/row_journal.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "winnow/record/json_builder.h"

namespace winnow {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return Status::IoError(fmt::format("journal {}: {}: {}", path, what, std::strerror(errno)));
}

std::string HeaderLine(std::string_view step, std::string_view fingerprint) {
  JsonBuilder json;
  json.BeginObject().Key("journal").Int(1).Field("step", step).Field("fingerprint", fingerprint);
  json.EndObject();
  return json.Take() + "\n";
}

// The columns of a journal line as the text that was written, byte for byte. Re-serialising
// parsed values would print numbers differently (0.1837919056415558 comes back with 17 digits),
// and a resumed run must write what a fresh one writes.
bool ReadRawColumns(const simdjson::padded_string& line, simdjson::ondemand::parser* parser,
                    std::vector<std::pair<std::string, std::string>>* columns) {
  simdjson::ondemand::document doc;
  if (parser->iterate(line).get(doc)) return false;
  simdjson::ondemand::object object;
  simdjson::error_code missing = doc["columns"].get_object().get(object);
  if (missing == simdjson::NO_SUCH_FIELD) return true;
  if (missing) return false;
  for (auto field : object) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return false;
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) return false;
    std::string_view raw;
    if (type == simdjson::ondemand::json_type::array) {
      simdjson::ondemand::array array;
      if (value.get_array().get(array) || array.raw_json().get(raw)) return false;
    } else if (type == simdjson::ondemand::json_type::object) {
      simdjson::ondemand::object inner;
      if (value.get_object().get(inner) || inner.raw_json().get(raw)) return false;
    } else {
      raw = value.raw_json_token();
    }
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r')) {
      raw.remove_suffix(1);
    }
    columns->emplace_back(std::string(key), std::string(raw));
  }
  return true;
}

}  // namespace

std::string RowKeyString(uint64_t row, std::string_view suffix) {
  return std::to_string(row) + std::string(suffix);
}

RowJournal::~RowJournal() {
  if (fd_ >= 0) {
    (void)Flush();
    ::close(fd_);
  }
}

Result<std::unique_ptr<RowJournal>> RowJournal::Open(const std::string& path, std::string_view step,
                                                     std::string_view fingerprint) {
  std::unique_ptr<RowJournal> journal(new RowJournal());
  journal->path_ = path;
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
  WINNOW_RETURN_IF_ERROR(journal->Load(step, fingerprint));
  journal->fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (journal->fd_ < 0) return Error(Errno("cannot open for appending", path));
  if (std::filesystem::file_size(path, error) == 0) {
    journal->pending_ = HeaderLine(step, fingerprint);
    WINNOW_RETURN_IF_ERROR(journal->Flush());
  }
  return journal;
}

Status RowJournal::Load(std::string_view step, std::string_view fingerprint) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::OK();  // a new journal
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  in.close();
  // A kill mid-write leaves a last line without its newline: cut it off, the row is redone.
  size_t complete = text.rfind('\n');
  complete = complete == std::string::npos ? 0 : complete + 1;
  if (complete < text.size()) {
    std::error_code error;
    std::filesystem::resize_file(path_, complete, error);
    if (error) {
      return Status::IoError(
          fmt::format("journal {}: cannot cut off its torn last line: {}", path_, error.message()));
    }
    text.resize(complete);
  }
  if (text.empty()) return Status::OK();
  simdjson::dom::parser parser;
  simdjson::ondemand::parser ondemand;
  size_t line_start = 0;
  size_t line_number = 0;
  while (line_start < text.size()) {
    size_t end = text.find('\n', line_start);
    std::string_view line(text.data() + line_start, end - line_start);
    line_start = end + 1;
    ++line_number;
    simdjson::padded_string padded(line);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) || !root.is_object()) {
      return Status::InvalidInput(fmt::format(
          "journal {}:{}: not a JSON object; the run directory is damaged (delete this file to "
          "redo the step)",
          path_, line_number));
    }
    if (line_number == 1) {
      std::string_view old_fingerprint;
      if (root["fingerprint"].get_string().get(old_fingerprint) || old_fingerprint != fingerprint) {
        // The step changed: set the old rows aside rather than delete anyone's work. The name
        // takes only the fingerprint's safe characters: the file may have been edited.
        std::string suffix;
        for (char c : old_fingerprint.substr(0, 64)) {
          if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') suffix += c;
        }
        if (suffix.empty()) suffix = "unknown";
        std::string stale = fmt::format("{}.stale-{}", path_, suffix);
        std::error_code error;
        std::filesystem::rename(path_, stale, error);
        if (error) {
          return Status::IoError(fmt::format("journal {}: cannot set it aside as {}: {}", path_,
                                             stale, error.message()));
        }
        restarted_ = true;
        entries_.clear();
        return Status::OK();
      }
      (void)step;
      continue;
    }
    std::string_view key;
    bool ok = false;
    if (root["key"].get_string().get(key) || root["ok"].get_bool().get(ok)) {
      return Status::InvalidInput(
          fmt::format("journal {}:{}: a row line needs key and ok", path_, line_number));
    }
    JournalEntry entry;
    entry.ok = ok;
    if (ok) {
      if (!ReadRawColumns(padded, &ondemand, &entry.columns)) {
        return Status::InvalidInput(fmt::format(
            "journal {}:{}: unreadable columns; the run directory is damaged (delete this file "
            "to redo the step)",
            path_, line_number));
      }
      ++loaded_ok_;
    } else {
      // Missing facts read as empty or zero: a failure line only needs to say it failed.
      auto text = [&](const char* name) {
        std::string_view value;
        return root[name].get_string().get(value) ? std::string_view() : value;
      };
      auto number = [&](const char* name) {
        int64_t value = 0;
        return root[name].get_int64().get(value) ? 0 : value;
      };
      std::string_view reason = text("reason"), failure_class = text("class"), raw = text("raw");
      int64_t status = number("http_status"), attempts = number("attempts");
      entry.failure.reason = std::string(reason);
      entry.failure.http_status = status;
      entry.failure.attempts = static_cast<int>(attempts);
      entry.failure.raw_text = std::string(raw);
      for (int c = 0; c <= static_cast<int>(llm::FailureClass::kCancelled); ++c) {
        auto candidate = static_cast<llm::FailureClass>(c);
        if (llm::FailureClassName(candidate) == failure_class) entry.failure.failure = candidate;
      }
      ++loaded_failed_;
    }
    // A later line for the same row (a --retry-failed run) supersedes the earlier one.
    auto [it, inserted] = entries_.try_emplace(std::string(key), std::move(entry));
    if (!inserted) {
      if (it->second.ok)
        --loaded_ok_;
      else
        --loaded_failed_;
      it->second = std::move(entry);
    }
  }
  return Status::OK();
}

const JournalEntry* RowJournal::Find(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void RowJournal::AppendOk(std::string_view key,
                          const std::vector<std::pair<std::string, std::string>>& columns) {
  JsonBuilder json;
  json.BeginObject().Field("key", key).Key("ok").Bool(true).Key("columns").BeginObject();
  for (const auto& [name, value] : columns) json.RawField(name, value);
  json.EndObject().EndObject();
  pending_ += json.str();
  pending_ += '\n';
}

void RowJournal::AppendFailure(std::string_view key, const llm::RowFailure& failure) {
  JsonBuilder json;
  json.BeginObject().Field("key", key).Key("ok").Bool(false).Field("reason", failure.reason);
  json.Field("class", llm::FailureClassName(failure.failure));
  json.Key("http_status").Int(failure.http_status).Key("attempts").Int(failure.attempts);
  json.Field("raw", failure.raw_text).EndObject();
  pending_ += json.str();
  pending_ += '\n';
}

Status RowJournal::Flush() {
  size_t written = 0;
  while (written < pending_.size()) {
    ssize_t n = ::write(fd_, pending_.data() + written, pending_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("write", path_);
    }
    written += static_cast<size_t>(n);
  }
  pending_.clear();
  return Status::OK();
}

}  // namespace winnow
