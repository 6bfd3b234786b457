#pragma once

// fabricated_urls: references in model output, which models are known to invent. On a chat record
// (the stage's field is a message list) it reads the assistant turns; on anything else, the view's
// text. Rules, in order (first failing wins):
//   empty        the view's text is blank
//   max_urls     more URLs (occurrences) than max_urls                     (off by default)
//   max_citations more DOIs and [n] citation markers than max_citations     (off by default)
//   unknown_url  with check_against_prompt: a URL of a response that no earlier non-assistant
//                turn contains (plain text: the prompt_field's text); the reason names the URL
// Measures: urls, citations, and unknown_urls with check_against_prompt. What counts as a URL,
// DOI or marker: reference_scan.h.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/filters/conversation_turns.h"
#include "winnow/filters/filter.h"
#include "winnow/filters/reference_scan.h"
#include "winnow/filters/threshold.h"
#include "winnow/pipeline/step_options.h"
#include "winnow/record/field_path.h"

namespace winnow {

struct FabricatedUrlsOptions {
  FieldPath field;                        // the stage's field: a message list or a text
  Threshold max_urls{0, false};           // URLs in the responses, off by default
  Threshold max_citations{0, false};      // DOIs + citation markers, off by default
  bool check_against_prompt = false;      // drop responses citing URLs the prompt lacks
  std::optional<FieldPath> prompt_field;  // plain text: where the prompt is (else: no prompt)
};

class FabricatedUrlsFilter : public Filter {
 public:
  explicit FabricatedUrlsFilter(FabricatedUrlsOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "fabricated_urls"; }
  void Check(FilterDocument& doc, FilterResult* result) const override;

 private:
  struct Scan {
    size_t urls = 0;
    size_t citations = 0;
    size_t unknown = 0;
    std::string first_unknown;
  };
  void ScanConversation(const std::vector<ConversationTurn>& turns, Scan* scan) const;
  void ScanText(std::string_view text, std::string_view prompt, Scan* scan) const;
  // Counts `response`'s references; with check_against_prompt, the URLs not covered by `known`.
  void ScanResponse(std::string_view response, const std::vector<std::string>& known,
                    Scan* scan) const;

  FabricatedUrlsOptions options_;
  ReferenceScanner scanner_;
};

// The filter table's factory (options: see the table entry in filter_table.cc).
Result<std::unique_ptr<Filter>> CreateFabricatedUrlsFilter(StepOptions& options);

}  // namespace winnow
