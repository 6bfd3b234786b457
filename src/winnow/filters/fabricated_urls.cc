#include "winnow/filters/fabricated_urls.h"

#include "winnow/filters/filter_table.h"
#include "winnow/record/text_view.h"

namespace winnow {
namespace {

void AddKnownUrls(const ReferenceScanner& scanner, std::string_view text,
                  std::vector<std::string>* known) {
  std::vector<std::string_view> urls;
  scanner.FindUrls(text, &urls);
  for (std::string_view url : urls) known->push_back(NormaliseUrl(url));
}

}  // namespace

void FabricatedUrlsFilter::Check(FilterDocument& doc, FilterResult* result) const {
  if (doc.blank() && result->Fail("empty", "no text")) return;
  std::vector<ConversationTurn> turns;
  Scan scan;
  if (ReadConversation(doc.record(), options_.field, &turns, &doc.scratch_string())) {
    ScanConversation(turns, &scan);
  } else {
    std::string scratch;
    std::string_view prompt;
    if (options_.prompt_field && doc.record() != nullptr) {
      prompt = TextView(*options_.prompt_field, {}).Get(*doc.record(), &scratch);
    }
    ScanText(doc.text(), prompt, &scan);
  }
  if (result->Check("max_urls", "urls", static_cast<double>(scan.urls), Comparison::kGreater,
                    options_.max_urls.value, options_.max_urls.enabled)) {
    return;
  }
  if (result->Check("max_citations", "citations", static_cast<double>(scan.citations),
                    Comparison::kGreater, options_.max_citations.value,
                    options_.max_citations.enabled)) {
    return;
  }
  if (!options_.check_against_prompt) return;
  result->Measure("unknown_urls", static_cast<double>(scan.unknown));
  if (scan.unknown > 0) {
    std::string detail = "\"" + scan.first_unknown + "\" is not in the prompt";
    if (scan.unknown > 1) detail += " (" + std::to_string(scan.unknown) + " such URLs)";
    result->Fail("unknown_url", std::move(detail));
  }
}

void FabricatedUrlsFilter::ScanConversation(const std::vector<ConversationTurn>& turns,
                                            Scan* scan) const {
  std::vector<std::string> known;
  for (const ConversationTurn& turn : turns) {
    if (turn.role == "assistant") {
      ScanResponse(turn.text, known, scan);
    } else if (options_.check_against_prompt) {
      AddKnownUrls(scanner_, turn.text, &known);
    }
  }
}

void FabricatedUrlsFilter::ScanText(std::string_view text, std::string_view prompt,
                                    Scan* scan) const {
  std::vector<std::string> known;
  if (options_.check_against_prompt) AddKnownUrls(scanner_, prompt, &known);
  ScanResponse(text, known, scan);
}

void FabricatedUrlsFilter::ScanResponse(std::string_view response,
                                        const std::vector<std::string>& known, Scan* scan) const {
  std::vector<std::string_view> urls;
  scanner_.FindUrls(response, &urls);
  scan->urls += urls.size();
  scan->citations += scanner_.CountCitations(response);
  if (!options_.check_against_prompt) return;
  for (std::string_view url : urls) {
    const std::string normalised = NormaliseUrl(url);
    bool covered = false;
    for (const std::string& candidate : known) {
      covered = covered || UrlCoveredBy(normalised, candidate);
    }
    if (covered) continue;
    if (scan->unknown++ == 0) scan->first_unknown = std::string(url);
  }
}

Result<std::unique_ptr<Filter>> CreateFabricatedUrlsFilter(StepOptions& options) {
  FabricatedUrlsOptions o;
  WINNOW_ASSIGN_OR_RETURN(std::string field, options.GetString("field", "text"));
  WINNOW_ASSIGN_OR_RETURN(o.field, FieldPath::Parse(field));
  WINNOW_ASSIGN_OR_RETURN(o.max_urls, GetThreshold(options, "max_urls", o.max_urls));
  WINNOW_ASSIGN_OR_RETURN(o.max_citations, GetThreshold(options, "max_citations", o.max_citations));
  WINNOW_ASSIGN_OR_RETURN(o.check_against_prompt, options.GetBool("check_against_prompt", false));
  WINNOW_ASSIGN_OR_RETURN(std::string prompt_field, options.GetString("prompt_field", ""));
  if (!prompt_field.empty()) {
    WINNOW_ASSIGN_OR_RETURN(FieldPath path, FieldPath::Parse(prompt_field));
    o.prompt_field = std::move(path);
  }
  return std::unique_ptr<Filter>(new FabricatedUrlsFilter(std::move(o)));
}

}  // namespace winnow
