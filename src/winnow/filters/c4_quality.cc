#include "winnow/filters/c4_quality.h"

#include <string>

#include "winnow/common/utf8.h"
#include "winnow/text/python_chars.h"
#include "winnow/text/python_str.h"

namespace winnow {
namespace {

constexpr std::string_view kPolicyPhrases[] = {"terms of use", "privacy policy", "cookie policy",
                                               "uses cookies", "use of cookies", "use cookies"};

// The text as seen by `phrase in text.lower()` for ASCII phrases: ASCII letters lowered, the
// Kelvin sign (which lowers to 'k') as 'k', U+0130 (which lowers to "i" + U+0307) as 'i' plus a
// byte no phrase contains; every other non-ASCII character lowers to non-ASCII and stays as is.
void LowerForAsciiPhrases(std::string_view text, std::string* out) {
  out->clear();
  for (size_t pos = 0; pos < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out->push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
      ++pos;
      continue;
    }
    size_t start = pos;
    uint32_t c = DecodeUtf8(text, &pos);
    if (c == 0x212A) {
      out->push_back('k');
    } else if (c == 0x0130) {
      out->append("i\x80");
    } else {
      out->append(text.substr(start, pos - start));
    }
  }
}

// Length of a citation starting at text[pos] ('['): \[\d*] | \[edit] | \[citation needed], or 0.
size_t CitationLength(std::string_view text, size_t pos) {
  std::string_view rest = text.substr(pos);
  if (rest.starts_with("[edit]")) return 6;
  if (rest.starts_with("[citation needed]")) return 17;
  size_t end = pos + 1;
  while (end < text.size()) {
    size_t next = end;
    if (!IsPythonDecimal(DecodeUtf8(text, &next))) break;
    end = next;
  }
  return end < text.size() && text[end] == ']' ? end + 1 - pos : 0;
}

// CITATION_REGEX.sub("", line) into *out; returns a view of the result (or of `line` when it has
// no '[').
std::string_view RemoveCitations(std::string_view line, std::string* out) {
  if (line.find('[') == std::string_view::npos) return line;
  out->clear();
  for (size_t pos = 0; pos < line.size();) {
    size_t length = line[pos] == '[' ? CitationLength(line, pos) : 0;
    if (length > 0) {
      pos += length;
    } else {
      out->push_back(line[pos++]);
    }
  }
  return *out;
}

bool EndsWithTerminalPunctuation(std::string_view line) {
  if (line.empty() || line.ends_with("...")) return false;
  char last = line.back();
  return last == '.' || last == '?' || last == '!' || last == '"' || last == '\'';
}

// Whether a whitespace word of `line` is longer than `max_length` code points (the rare slow path:
// only lines with a word of more than `max_length` bytes get here).
bool HasLongWord(std::string_view line, double max_length, std::vector<std::string_view>* words) {
  PythonSplitWhitespace(line, words);
  for (std::string_view word : *words) {
    if (static_cast<double>(CountCodePoints(word)) > max_length) return true;
  }
  return false;
}

}  // namespace

void C4QualityFilter::Check(FilterDocument& doc, FilterResult* out) const {
  if (doc.blank() && out->Fail("empty", "no text")) return;
  const C4QualityOptions& o = options_;
  WordSplitter& splitter = doc.word_splitter();
  std::vector<std::string_view> lines;
  if (o.split_paragraph) {
    PythonSplitLines(doc.text(), &lines);
  } else {
    splitter.SplitSentences(doc.text(), &lines);
  }
  std::string citation_free;
  std::string& lowered = doc.scratch_string();
  std::string kept_text;
  size_t sentences = 0;
  size_t kept_lines = 0;
  for (size_t index = 0; index < lines.size(); ++index) {
    std::string_view line = PythonStrip(lines[index]);
    size_t longest_word_bytes = 0;
    const double words = static_cast<double>(CountPythonWords(line, &longest_word_bytes));
    if (o.max_word_length.enabled &&
        static_cast<double>(longest_word_bytes) > o.max_word_length.value &&
        HasLongWord(line, o.max_word_length.value, &doc.scratch_words())) {
      continue;
    }
    if (o.remove_citations) line = RemoveCitations(line, &citation_free);
    if (o.filter_no_terminal_punct && !EndsWithTerminalPunctuation(line)) continue;
    if (o.min_words_per_line.enabled && words < o.min_words_per_line.value) {
      continue;
    }
    LowerForAsciiPhrases(line, &lowered);
    if (o.filter_lorem_ipsum && lowered.find("lorem ipsum") != std::string::npos &&
        out->Fail("lorem_ipsum", "'lorem ipsum' in line " + std::to_string(index + 1))) {
      return;
    }
    if (o.filter_javascript && lowered.find("javascript") != std::string::npos) continue;
    if (o.filter_curly_bracket && line.find('{') != std::string_view::npos &&
        out->Fail("curly_bracket", "'{' in line " + std::to_string(index + 1))) {
      return;
    }
    if (o.filter_policy) {
      bool policy = false;
      for (std::string_view phrase : kPolicyPhrases) {
        if (lowered.find(phrase) != std::string::npos) policy = true;
      }
      if (policy) continue;
    }
    sentences += o.split_paragraph ? splitter.CountSentences(line) : 1;
    // Lines are joined by "\n", sentences (split_paragraph off) by " ", as datatrove does.
    if (kept_lines++ > 0) kept_text += o.split_paragraph ? '\n' : ' ';
    kept_text.append(line);
  }
  out->Measure("kept_lines", static_cast<double>(kept_lines));
  out->Measure("dropped_lines", static_cast<double>(lines.size() - kept_lines));
  if (out->Check("too_few_sentences", "sentences", static_cast<double>(sentences),
                 Comparison::kLess, o.min_num_sentences.value, o.min_num_sentences.enabled)) {
    return;
  }
  if (out->kept()) out->Rewrite(std::string(PythonStrip(kept_text)));
}

void C4ParagraphFilter::Check(FilterDocument& doc, FilterResult* out) const {
  if (doc.blank() && out->Fail("empty", "no text")) return;
  std::vector<std::string_view>& lines = doc.scratch_pieces();
  SplitOn(doc.text(), "\n", &lines);
  size_t long_lines = 0;
  for (std::string_view line : lines) {
    if (static_cast<double>(CountCodePoints(line)) >= options_.min_paragraph_length) ++long_lines;
  }
  out->Check("too_few_paragraphs", "long_paragraphs", static_cast<double>(long_lines),
             Comparison::kLess, options_.min_paragraphs.value, options_.min_paragraphs.enabled);
}

}  // namespace winnow
