#pragma once

// Zero-shot classification of a text into the user's labels, with a rationale, answered as JSON:
// {"rationale": "...", "label": "..."} (one label) or {"rationale": "...", "labels": [...]}
// (any number of labels, none included). The schema enumerates the labels so that a server with
// structured outputs cannot answer another; the parser checks again, since not every server
// enforces schemas. The prompt is winnow's.
//
// Thread safety: every function is safe to call concurrently.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/llm/llm_request.h"

namespace winnow::tasks {

// Checks a label set before it is used (InvalidArgument): at least one label, none empty, none
// twice, and either no descriptions or exactly one per label.
Status CheckClassifyLabels(std::span<const std::string> labels,
                           std::span<const std::string> descriptions);

// System and user messages. `descriptions` is empty or holds one description per label (as
// CheckClassifyLabels requires), shown after each label.
std::vector<llm::Message> BuildClassifyMessages(std::string_view text,
                                                std::span<const std::string> labels,
                                                std::span<const std::string> descriptions,
                                                bool multi_label);

// The JSON Schema of the answer: "rationale" (string) first, then "label" (an enum of the labels)
// or, with multi_label, "labels" (an array of them); both required, no other keys.
std::string ClassifyJsonSchema(std::span<const std::string> labels, bool multi_label);

struct ClassifyResult {
  // The chosen labels, spelled as given and in the order of `labels` (so equal answers compare
  // equal). One label unless multi_label; possibly none with multi_label.
  std::vector<std::string> labels;
  std::string rationale;
};

// Reads the answer as ClassifyJsonSchema describes it (a Markdown code fence around it is
// tolerated). InvalidInput when it is not that object, when a label is not one of `labels`
// (exact spelling; the error quotes it), or, with multi_label, when a label appears twice.
Result<ClassifyResult> ParseClassify(std::string_view answer, std::span<const std::string> labels,
                                     bool multi_label);

}  // namespace winnow::tasks
