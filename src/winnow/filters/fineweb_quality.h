#pragma once

// fineweb_quality: FineWeb's own line rules as datatrove v0.3.0's FineWebQualityFilter applies
// them (specs/filters.md), on lines = text.split("\n") with blank lines kept:
//   line_punct_ratio   share of lines ending in . ' " ! ?          <= 0.12 drops
//   short_line_ratio   share of lines of <= 30 characters          >= 0.67 drops
//   char_dup_ratio     duplicate non-blank line chars / non-\n chars >= 0.01 drops
//   list_ratio         newlines / words                            > 0.3 drops
// (Later datatrove versions drop blank lines first and accept any terminal punctuation.)

#include "winnow/filters/filter.h"
#include "winnow/filters/threshold.h"

namespace winnow {

struct FineWebQualityOptions {
  Threshold line_punct_thr{0.12};
  bool line_punct_exclude_zero = false;  // a text with no punctuated line at all passes
  Threshold short_line_thr{0.67};
  double short_line_length = 30;  // characters
  Threshold char_duplicates_ratio{0.01};
  Threshold new_line_ratio{0.3};
};

class FineWebQualityFilter : public Filter {
 public:
  explicit FineWebQualityFilter(FineWebQualityOptions options) : options_(options) {}
  std::string_view name() const override { return "fineweb_quality"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  FineWebQualityOptions options_;
};

}  // namespace winnow
