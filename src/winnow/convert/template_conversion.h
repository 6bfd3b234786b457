#pragma once

// template: classic NLP datasets (classification, QA, summarisation) -> SFT rows through Jinja2
// prompt templates (shared/specs/formats.md). Each record's top-level fields are the template's
// variables: "Question: {{ question }}\nOptions: {{ choices | join(', ') }}". A prompt template
// and either a completion template or a completion column give prompt-completion rows (standard
// strings by default, or conversational), messages, or a single `text` column.
//
// Undefined variables are errors (a misspelt column must not silently render as ""): the record
// is rejected with the template's line and column.

#include <memory>

#include "winnow/convert/conversion.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {

// Options: template_string (required), template_name, completion_template_string,
// completion_template_name, completion_field, system, to (prompt_completion | messages | text |
// prompt), form (standard | conversational, for prompt_completion).
Result<std::unique_ptr<Conversion>> CreateTemplateConversion(StepOptions& options);

}  // namespace winnow
