// The JSON rendering of an AgreementReport (schema winnow.agreement/1, docs/agreement.md). A
// figure that is undefined is null beside an "undefined" string saying why, so a reader never
// meets NaN and never mistakes a missing figure for 0.

#include "winnow/agreement/agreement_render.h"
#include "winnow/agreement/preference.h"
#include "winnow/record/json_builder.h"

namespace winnow {
namespace {

void Count(JsonBuilder& json, std::string_view key, uint64_t value) {
  json.Key(key).Int(static_cast<int64_t>(value));
}

void OptionalString(JsonBuilder& json, std::string_view key, const std::string& value) {
  json.Key(key);
  if (value.empty()) {
    json.Null();
  } else {
    json.String(value);
  }
}

void IntervalValue(JsonBuilder& json, const std::optional<Interval>& interval) {
  if (!interval) {
    json.Null();
    return;
  }
  json.BeginArray().Number(interval->low).Number(interval->high).EndArray();
}

// {"value": v, "interval": [lo, hi] | null} or {"value": null, "undefined": why}.
void Figure(JsonBuilder& json, std::string_view key, const std::optional<double>& value,
            const std::optional<Interval>& interval, std::string_view undefined) {
  json.Key(key).BeginObject();
  json.Key("value");
  if (value) {
    json.Number(*value);
    json.Key("interval");
    IntervalValue(json, interval);
  } else {
    json.Null();
    json.Field("undefined", undefined);
  }
  json.EndObject();
}

// {"part": k, "of": n, "share": k/n | null}.
void Share(JsonBuilder& json, std::string_view key, uint64_t part, uint64_t whole) {
  json.Key(key).BeginObject();
  Count(json, "part", part);
  Count(json, "of", whole);
  json.Key("share");
  if (whole == 0) {
    json.Null();
  } else {
    json.Number(static_cast<double>(part) / static_cast<double>(whole));
  }
  json.EndObject();
}

void Settings(JsonBuilder& json, const AgreementSettings& s) {
  json.Key("settings").BeginObject();
  json.Key("inputs").BeginArray();
  for (const std::string& input : s.inputs) json.String(input);
  json.EndArray();
  json.Field("judge", s.judge_field);
  json.Field("human", s.human_field);
  OptionalString(json, "scale", s.scale.declared ? s.scale.text : "");
  json.Field("weights", KappaWeightsName(s.weights));
  OptionalString(json, "length_field", s.length_field);
  OptionalString(json, "answer_a", s.answer_a);
  OptionalString(json, "answer_b", s.answer_b);
  json.Field("length_unit", LengthUnitName(s.length_unit));
  OptionalString(json, "id_field", s.id_field);
  OptionalString(json, "human_file", s.human_file);
  OptionalString(json, "join_on", s.join_on);
  json.EndObject();
}

void Rows(JsonBuilder& json, const AgreementReport& report) {
  json.Key("rows").BeginObject();
  Count(json, "read", report.rows);
  Count(json, "items", report.items);
  Count(json, "human_file_rows", report.human_rows);
  Count(json, "not_annotated", report.not_annotated);
  Count(json, "unknown_lengths", report.unknown_lengths);
  json.EndObject();
}

void Problems(JsonBuilder& json, const ProblemLog& problems) {
  json.Key("problems").BeginObject();
  Count(json, "total", problems.total());
  json.Key("counts").BeginObject();
  for (const auto& [kind, count] : problems.counts()) Count(json, kind, count);
  json.EndObject();
  json.Key("listed").BeginArray();
  for (const RatingProblem& p : problems.listed()) {
    json.BeginObject();
    json.Field("where", p.where);
    OptionalString(json, "id", p.id);
    json.Field("kind", p.kind);
    json.Field("detail", p.detail);
    json.EndObject();
  }
  json.EndArray();
  json.Key("truncated").Bool(problems.listed().size() < problems.total());
  json.EndObject();
}

void Confusion(JsonBuilder& json, const ConfusionMatrix& matrix, bool pairwise) {
  json.Key("confusion").BeginObject();
  json.Field("rows", "judge");
  json.Field("columns", "human");
  json.Key("categories").BeginArray();
  for (double category : matrix.categories()) {
    if (pairwise) {
      json.String(PreferenceName(static_cast<Preference>(static_cast<int>(category))));
    } else {
      json.Number(category);
    }
  }
  json.EndArray();
  json.Key("counts").BeginArray();
  for (size_t i = 0; i < matrix.size(); ++i) {
    json.BeginArray();
    for (size_t j = 0; j < matrix.size(); ++j) json.Int(static_cast<int64_t>(matrix.count(i, j)));
    json.EndArray();
  }
  json.EndArray();
  json.EndObject();
}

constexpr std::string_view kKappaUndefined =
    "both raters gave every item one and the same rating (no disagreement expected by chance)";
constexpr std::string_view kRhoUndefined = "a rater gave every item the same value";

void Changes(JsonBuilder& json, const RatingDifferences& d) {
  json.Key("changes").BeginObject();
  Share(json, "changed", d.changed, d.items);
  Count(json, "raised", d.raised);
  Count(json, "lowered", d.lowered);
  json.Key("mean_signed_change").Number(d.mean_signed);
  json.Key("mean_absolute_change_when_changed");
  if (d.changed > 0) {
    json.Number(d.mean_absolute_change);
  } else {
    json.Null();
  }
  json.Key("distribution").BeginArray();
  for (const auto& [change, items] : d.changes) {
    json.BeginObject().Key("change").Number(change);
    Count(json, "items", items);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

void LengthBiasJson(JsonBuilder& json, const LengthBias& bias) {
  json.Key("length_bias").BeginObject();
  Count(json, "items", bias.items);
  Figure(json, "judge_rho", bias.judge_rho, bias.judge_interval, kRhoUndefined);
  Figure(json, "human_rho", bias.human_rho, bias.human_interval, kRhoUndefined);
  json.Key("judge_favours_length").Bool(bias.judge_favours_length);
  json.EndObject();
}

void Ratings(JsonBuilder& json, const AgreementReport& report) {
  const RatingAnalysis& a = *report.ratings;
  const RatingDifferences& d = a.differences;
  json.Key("ratings").BeginObject();
  Share(json, "exact_agreement", d.exact, d.items);
  Share(json, "within_one", d.within_one, d.items);
  json.Key("mean_absolute_difference").Number(d.mean_absolute);
  json.Key("mean_signed_difference").Number(d.mean_signed);
  json.Key("kappa").BeginObject();
  json.Field("headline", KappaWeightsName(report.settings.weights));
  for (const KappaFigure& kappa : a.kappas) {
    Figure(json, KappaWeightsName(kappa.weights), kappa.value, kappa.interval, kKappaUndefined);
  }
  json.EndObject();
  Figure(json, "spearman", a.spearman, a.spearman_interval, kRhoUndefined);
  Figure(json, "kendall_tau_b", a.kendall, std::nullopt,
         a.kendall_skipped ? "skipped: too many items for the O(n^2) count" : kRhoUndefined);
  Changes(json, d);
  Confusion(json, a.confusion, false);
  if (a.length_bias) LengthBiasJson(json, *a.length_bias);
  json.EndObject();
}

void Position(JsonBuilder& json, std::string_view key, const PositionShare& share) {
  json.Key(key).BeginObject();
  Share(json, "first", share.first, share.decisive);
  json.Key("p_value").Number(share.p_value);
  json.Key("z").Number(share.z);
  json.EndObject();
}

void Pairwise(JsonBuilder& json, const PairwiseAnalysis& a) {
  json.Key("pairwise").BeginObject();
  Share(json, "agreement", a.agree, a.items);
  Figure(json, "kappa", a.kappa, a.kappa_interval, kKappaUndefined);
  Confusion(json, a.confusion, true);
  json.Key("position").BeginObject();
  Position(json, "judge", a.judge_position);
  Position(json, "human", a.human_position);
  json.EndObject();
  json.Key("length").BeginObject();
  Count(json, "pairs_with_lengths", a.with_lengths);
  Share(json, "judge_longer", a.judge_longer.longer, a.judge_longer.decisive);
  Share(json, "human_longer", a.human_longer.longer, a.human_longer.decisive);
  json.EndObject();
  json.Key("baselines").BeginArray();
  for (const BaselineScore& b : a.baselines) {
    json.BeginObject();
    json.Field("rule", b.rule);
    Share(json, "rule_agrees", b.rule_agrees, b.items);
    Share(json, "judge_agrees", b.judge_agrees, b.items);
    json.Key("at_least_as_good_as_judge").Bool(b.items > 0 && b.rule_agrees >= b.judge_agrees);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

void Strings(JsonBuilder& json, std::string_view key, const std::vector<std::string>& lines) {
  json.Key(key).BeginArray();
  for (const std::string& line : lines) json.String(line);
  json.EndArray();
}

}  // namespace

std::string AgreementJson(const AgreementReport& report) {
  JsonBuilder json;
  json.BeginObject();
  json.Field("schema", "winnow.agreement/1");
  json.Field("mode", report.settings.pairwise ? "pairwise" : "ratings");
  Settings(json, report.settings);
  Rows(json, report);
  if (report.ratings) Ratings(json, report);
  if (report.pairwise) Pairwise(json, *report.pairwise);
  Strings(json, "findings", report.findings);
  Strings(json, "warnings", report.warnings);
  Problems(json, report.problems);
  json.EndObject();
  std::string out = json.Take();
  out += '\n';
  return out;
}

}  // namespace winnow
