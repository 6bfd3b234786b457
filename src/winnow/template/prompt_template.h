#pragma once

// Prompt templates over a record's columns: strict (a misspelt column is an error, never ""),
// with block tags on their own lines stripped the way prompt tooling configures Jinja.

#include <string>

#include "winnow/common/status.h"
#include "winnow/record/record.h"
#include "winnow/template/template.h"

namespace winnow {

// Compiles `source`; `name` prefixes error positions ("pipeline.yaml step 'tldr' prompt:2:14").
Result<jinja::Template> CompilePromptTemplate(const std::string& source, const std::string& name);

// The record's top-level fields as template variables.
jinja::Value RecordTemplateContext(const Record& record);

}  // namespace winnow
