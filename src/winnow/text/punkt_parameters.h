#pragma once

// The parameters of winnow's Punkt sentence splitter: the English abbreviation types and frequent
// sentence starters of NLTK's PunktParameters.
//
// NLTK's English model (punkt/english.pickle) is a trained pickle that cannot ship with winnow, so
// these tables are curated instead. tests/data/text/make_nltk_reference.py parses the tables in
// punkt_parameters.cc and injects the same values into NLTK's PunktSentenceTokenizer, so the
// reference and the C++ cannot drift apart.

#include <string>
#include <string_view>
#include <unordered_set>

namespace winnow {

// Word types are lowercase ASCII without a final period, as Punkt stores them ("e.g", "mr").
// Types that are not ASCII never match (the tables hold ASCII only; a test checks it).
//
// Collocations and orthographic context, Punkt's other two tables, are left empty: both come from
// training on a large corpus, and a hand-made guess would move sentence breaks without evidence.
// SentenceSplitter applies Punkt's heuristics as they reduce for empty tables.
struct PunktParameters {
  std::unordered_set<std::string> abbreviations;
  std::unordered_set<std::string> sentence_starters;
};

// The shipped English parameters. Built once; the returned reference lives for the program.
const PunktParameters& EnglishPunktParameters();

}  // namespace winnow
