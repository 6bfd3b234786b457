#pragma once

// Python's str.capitalize() and re.IGNORECASE character matching on UTF-8, for the Self-Instruct
// filters, which must decide exactly as the original Python does. Uses utf8proc's simple case
// mappings (they agree with Python 3.11 on every code point whose mapping is one character) plus
// Python's few special cases: the 48 characters whose title case is several characters (ß → Ss,
// ﬁ → Fi), U+0130 whose lower case is two (i + U+0307), and the final form of sigma.

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::tasks {

// str.capitalize() (Python 3.8+): the first character in title case, the rest in lower case.
// Invalid UTF-8 bytes are copied unchanged.
std::string PythonCapitalize(std::string_view text);

// Whether re.IGNORECASE lets code point `a` match `b`: equal after simple lower-casing or after
// simple upper-casing. So 'ı', 'İ' match 'i' and 'ſ' matches 's', as in Python's re.
bool IgnoreCaseEqual(uint32_t a, uint32_t b);

}  // namespace winnow::tasks
