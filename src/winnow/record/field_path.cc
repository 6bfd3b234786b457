#include "winnow/record/field_path.h"

#include <charconv>

namespace winnow {
namespace {

Status PathError(std::string_view text, size_t pos, std::string_view what) {
  return Status::InvalidArgument("field path '" + std::string(text) + "': " + std::string(what) +
                                 " at column " + std::to_string(pos + 1));
}

bool IsNameChar(char c) { return c != '.' && c != '[' && c != ']'; }

}  // namespace

Result<FieldPath> FieldPath::Parse(std::string_view text) {
  FieldPath path;
  path.text_ = std::string(text);
  if (text.empty()) return Error(Status::InvalidArgument("field path is empty"));
  size_t pos = 0;
  bool expect_name = true;  // at the start and after '.'
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '[') {
      size_t close = text.find(']', pos);
      if (pos + 1 < text.size() && text[pos + 1] == '"') {
        // ["quoted key"], with \" and \\ escapes
        std::string key;
        size_t i = pos + 2;
        bool closed = false;
        for (; i < text.size(); ++i) {
          if (text[i] == '\\' && i + 1 < text.size()) {
            key.push_back(text[++i]);
          } else if (text[i] == '"') {
            closed = true;
            break;
          } else {
            key.push_back(text[i]);
          }
        }
        if (!closed) return Error(PathError(text, pos, "unterminated quoted key"));
        if (i + 1 >= text.size() || text[i + 1] != ']') {
          return Error(PathError(text, i + 1, "expected ']' after quoted key"));
        }
        path.segments_.push_back({PathSegment::Kind::kKey, std::move(key), 0});
        pos = i + 2;
        expect_name = false;
        continue;
      }
      if (expect_name && path.segments_.empty()) {
        return Error(PathError(text, pos, "a path must start with a field name"));
      }
      if (close == std::string_view::npos) return Error(PathError(text, pos, "unclosed '['"));
      std::string_view inner = text.substr(pos + 1, close - pos - 1);
      if (inner == "*") {
        path.segments_.push_back({PathSegment::Kind::kWildcard, {}, 0});
        path.has_wildcard_ = true;
      } else {
        int64_t index = 0;
        auto [end, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), index);
        if (inner.empty() || ec != std::errc() || end != inner.data() + inner.size()) {
          return Error(PathError(text, pos + 1, "expected an integer index or '*' inside []"));
        }
        path.segments_.push_back({PathSegment::Kind::kIndex, {}, index});
      }
      pos = close + 1;
      expect_name = false;
      continue;
    }
    if (c == '.') {
      if (expect_name) return Error(PathError(text, pos, "empty field name"));
      expect_name = true;
      ++pos;
      continue;
    }
    if (c == ']') return Error(PathError(text, pos, "unexpected ']'"));
    if (!expect_name) return Error(PathError(text, pos, "expected '.' or '['"));
    size_t start = pos;
    while (pos < text.size() && IsNameChar(text[pos])) ++pos;
    path.segments_.push_back(
        {PathSegment::Kind::kKey, std::string(text.substr(start, pos - start)), 0});
    expect_name = false;
  }
  if (expect_name) return Error(PathError(text, text.size(), "empty field name"));
  if (path.segments_.front().kind != PathSegment::Kind::kKey) {
    return Error(PathError(text, 0, "a path must start with a field name"));
  }
  return path;
}

void FieldPath::ResolveFrom(size_t segment, simdjson::dom::element value,
                            std::vector<simdjson::dom::element>* out) const {
  // Iterative over plain segments; recursion only fans out at [*] (depth <= number of segments).
  for (size_t i = segment; i < segments_.size(); ++i) {
    const PathSegment& seg = segments_[i];
    switch (seg.kind) {
      case PathSegment::Kind::kKey: {
        simdjson::dom::object object;
        if (value.get_object().get(object)) return;
        if (object.at_key(seg.key).get(value)) return;
        break;
      }
      case PathSegment::Kind::kIndex: {
        simdjson::dom::array array;
        if (value.get_array().get(array)) return;
        int64_t size = static_cast<int64_t>(array.size());
        int64_t index = seg.index < 0 ? size + seg.index : seg.index;
        if (index < 0 || index >= size) return;
        if (array.at(static_cast<size_t>(index)).get(value)) return;
        break;
      }
      case PathSegment::Kind::kWildcard: {
        simdjson::dom::array array;
        if (value.get_array().get(array)) return;
        for (simdjson::dom::element item : array) ResolveFrom(i + 1, item, out);
        return;
      }
    }
  }
  out->push_back(value);
}

void FieldPath::Resolve(const Record& record, std::vector<simdjson::dom::element>* out) const {
  simdjson::dom::element top;
  if (record.Field(segments_.front().key).get(top)) return;
  ResolveFrom(1, top, out);
}

void FieldPath::Resolve(simdjson::dom::element root,
                        std::vector<simdjson::dom::element>* out) const {
  ResolveFrom(0, root, out);
}

simdjson::simdjson_result<simdjson::dom::element> FieldPath::Get(const Record& record) const {
  if (!has_wildcard_) {
    simdjson::dom::element value;
    if (record.Field(segments_.front().key).get(value)) return simdjson::NO_SUCH_FIELD;
    for (size_t i = 1; i < segments_.size(); ++i) {
      const PathSegment& seg = segments_[i];
      if (seg.kind == PathSegment::Kind::kKey) {
        simdjson::dom::object object;
        if (value.get_object().get(object) || object.at_key(seg.key).get(value)) {
          return simdjson::NO_SUCH_FIELD;
        }
      } else {
        simdjson::dom::array array;
        if (value.get_array().get(array)) return simdjson::NO_SUCH_FIELD;
        int64_t size = static_cast<int64_t>(array.size());
        int64_t index = seg.index < 0 ? size + seg.index : seg.index;
        if (index < 0 || index >= size || array.at(static_cast<size_t>(index)).get(value)) {
          return simdjson::NO_SUCH_FIELD;
        }
      }
    }
    return value;
  }
  std::vector<simdjson::dom::element> values;
  Resolve(record, &values);
  if (values.empty()) return simdjson::NO_SUCH_FIELD;
  return simdjson::dom::element(values.front());
}

}  // namespace winnow
