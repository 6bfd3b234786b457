#pragma once

// References in model output: URLs, DOIs and citation markers, for fabricated_urls.
//
//   URL       http://, https:// or www. up to whitespace, quotes or angle brackets; trailing
//             sentence punctuation (. , ; : ! ?), markdown emphasis (* _) and closing brackets
//             without an opening one inside the URL are not part of it, so "(see https://a.org)."
//             gives https://a.org and https://en.wikipedia.org/wiki/C_(language) keeps its ")".
//   DOI       10.NNNN/suffix not inside a URL ("doi:10.1000/182" counts, doi.org links are URLs).
//   marker    [1], [2, 3], [4-6], [^7] outside code (fenced blocks and `inline code`), so
//             array indexing in code is not taken for a citation.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class ReferenceScanner {
 public:
  ReferenceScanner();
  ~ReferenceScanner();
  ReferenceScanner(const ReferenceScanner&) = delete;
  ReferenceScanner& operator=(const ReferenceScanner&) = delete;

  // Appends the URLs of `text`, as views into it, in order.
  void FindUrls(std::string_view text, std::vector<std::string_view>* out) const;
  // DOIs plus citation markers.
  size_t CountCitations(std::string_view text) const;

 private:
  struct Regexes;
  std::unique_ptr<Regexes> regexes_;
};

// The form URLs are compared in: no scheme, no "www.", lower-case host, no trailing '/'.
std::string NormaliseUrl(std::string_view url);

// True when `url` (normalised) is `known` (normalised) or a prefix of it that ends at a path,
// query or fragment boundary ("a.org/docs" is in "a.org/docs/intro", not in "a.org/docsets").
bool UrlCoveredBy(std::string_view url, std::string_view known);

}  // namespace winnow
