#pragma once

// NLTK's word tokenizer (nltk.tokenize.destructive.NLTKWordTokenizer, NLTK 3.8), the one
// word_tokenize runs on each sentence and datatrove's Gopher filters count words with, reproduced
// token for token.
//
// NLTK rewrites the sentence with about thirty regular-expression substitutions (pad quotes and
// punctuation with spaces, split clitics such as "n't" and "'s", turn '"' into "``" or "''") and
// then splits it on whitespace. Only spaces are ever inserted and only double quotes rewritten, so
// every token is a piece of the input, except the rewritten quotes, which are always tokens of
// their own. WordTokenizer replays each substitution, in NLTK's order, as a linear pass over the
// sentence's code points, skipping the passes whose trigger characters the sentence lacks.
//
// Python semantics are kept: \w, \d and \s are Unicode (see python_chars.h and IsPythonSpace),
// (?i) letters match as Python's re matches them ("s" also matches U+017F, "i" U+0130 and U+0131).
// Invalid UTF-8 bytes count one character each, neither word nor space (what Python sees after
// decoding with errors="surrogateescape").

#include <string_view>
#include <vector>

#include "winnow/text/word_tokenizer_cells.h"

namespace winnow {

// Not thread-safe: use one per worker. Its scratch buffers are reused, so tokenising allocates
// nothing once they have grown to the longest sentence seen.
class WordTokenizer {
 public:
  // Appends the tokens of `text` (one sentence, as NLTK's tokenize() takes it) to *tokens. A token
  // views `text` and stays valid while `text` does, except "``" and "''" where NLTK rewrote a
  // double quote: those view static storage. Tokens are never empty and hold no whitespace.
  // `text` must be shorter than 4 GiB.
  void Tokenize(std::string_view text, std::vector<std::string_view>* tokens);

 private:
  word_tokenizer_internal::Cells cells_;
  word_tokenizer_internal::Cells scratch_;  // a pass's output; swapped with cells_ when it edits
};

}  // namespace winnow
