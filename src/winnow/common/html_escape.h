#pragma once

// HTML escaping of & < > " ' (markupsafe's spelling: &amp; &lt; &gt; &#34; &#39;), shared by the
// HTML reports and the template engine's `escape` filter.

#include <string>
#include <string_view>

namespace winnow {

inline void AppendHtmlEscaped(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&#34;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        out->push_back(c);
    }
  }
}

}  // namespace winnow
