#pragma once

// The three renderings of an AgreementReport: text for the terminal, JSON (schema
// winnow.agreement/1, docs/agreement.md) and a self-contained HTML page. Undefined figures are
// written as "undefined" in text and HTML and as null with a reason in JSON, never as NaN.

#include <string>

#include "winnow/agreement/agreement_report.h"

namespace winnow {

// How many problems the text and HTML list one by one (JSON lists all kept, kMaxListedProblems).
inline constexpr size_t kProblemsShownInText = 10;
inline constexpr size_t kProblemsShownInHtml = 200;

std::string AgreementText(const AgreementReport& report);
std::string AgreementJson(const AgreementReport& report);
std::string AgreementHtml(const AgreementReport& report);

}  // namespace winnow
