#include "winnow/record/record_identity.h"

namespace winnow {

void RecordIdentity::Append(const Record& record, std::string* out) const {
  if (id_field_ && record.parsed()) {
    simdjson::dom::element value;
    if (id_field_->Get(record).get(value) == simdjson::SUCCESS && !value.is_null()) {
      std::string_view text;
      if (value.get_string().get(text) == simdjson::SUCCESS) {
        out->append(text);
      } else {
        out->append(simdjson::minify(value));
      }
      return;
    }
  }
  // A shard that starts mid-file does not know line numbers: it names records by byte offset, in
  // the form error messages use, so the two never look alike.
  const RecordOrigin& origin = record.origin();
  out->append(origin.source ? *origin.source : std::string("-"));
  out->append(origin.line > 0 ? ":" : ":@byte ");
  out->append(std::to_string(origin.line > 0 ? origin.line : origin.byte_offset));
}

}  // namespace winnow
