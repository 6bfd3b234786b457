#include "winnow/dedup/fingerprint_config.h"

#include <fmt/format.h>

namespace winnow {

TextNormalization FingerprintConfig::DefaultNormalization(FingerprintMethod method) {
  return method == FingerprintMethod::kExact ? TextNormalization::kSimple
                                             : TextNormalization::kMinHash;
}

std::string_view FingerprintConfig::step_name() const {
  return method == FingerprintMethod::kExact ? "dedup_exact" : "dedup_minhash";
}

std::string FingerprintConfig::Settings() const {
  std::string fields;
  for (const auto& field : key.fields) fields += (fields.empty() ? "" : ",") + field;
  std::string out = fmt::format(
      "{} field={} part={} role_prefix={} normalize={} keep={} id_field={}",
      method == FingerprintMethod::kExact ? "exact" : "minhash", fields, part,
      key.role_prefix ? 1 : 0, TextNormalizationName(key.normalization), keep, id_field);
  if (method == FingerprintMethod::kMinHash) {
    out += fmt::format(" shingles={} {} bands_x_rows={} x {} seed={}", shingles.size,
                       shingles.unit == ShingleUnit::kChar ? "characters" : "words", minhash.bands,
                       minhash.rows, minhash.seed);
  }
  return out;
}

Result<FingerprintSetup> SetUpFingerprints(const FingerprintConfig& config) {
  FingerprintSetup setup;
  DedupKeyOptions key = config.key;
  WINNOW_ASSIGN_OR_RETURN(key.part, ParseConversationPart(config.part));
  WINNOW_ASSIGN_OR_RETURN(setup.key, DedupKey::Create(key));
  WINNOW_ASSIGN_OR_RETURN(setup.keep, KeepPolicy::Parse(config.keep));
  if (!config.id_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(auto path, FieldPath::Parse(config.id_field));
    setup.id_field = std::move(path);
  }
  if (config.method == FingerprintMethod::kExact) {
    setup.fingerprinter = std::make_unique<ExactFingerprinter>(key.normalization);
    return setup;
  }
  WINNOW_RETURN_IF_ERROR(ValidateMinHashOptions(config.minhash));
  if (config.shingles.size == 0) {
    return tl::unexpected(Status::InvalidArgument("the shingle size must be at least 1"));
  }
  auto minhash =
      std::make_unique<MinHashFingerprinter>(key.normalization, config.shingles, config.minhash);
  setup.minhash = minhash.get();
  setup.fingerprinter = std::move(minhash);
  return setup;
}

}  // namespace winnow
