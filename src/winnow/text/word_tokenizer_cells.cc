#include "winnow/text/word_tokenizer_cells.h"

#include "winnow/common/utf8.h"
#include "winnow/text/python_chars.h"

namespace winnow::word_tokenizer_internal {

uint8_t ClassifyNonAscii(uint32_t cp) {
  switch (cp) {
    case 0xAB:    // «
    case 0x201C:  // “
    case 0x2018:  // ‘
    case 0x201E:  // „
      return kOpenQuote;
    case 0xBB:    // »
    case 0x201D:  // ”
    case 0x2019:  // ’
      return kCloseQuote;
    case 0x17F:
      return kLongS;
    case 0x131:
      return kDotlessI;
    case 0x130:
      return kDottedI;
    default:
      break;
  }
  if (IsPythonSpace(cp)) return kSpace;
  if (IsPythonDecimal(cp)) return kDecimal;
  if (IsPythonWordChar(cp)) return kWordChar;
  return kOther;
}

}  // namespace winnow::word_tokenizer_internal
