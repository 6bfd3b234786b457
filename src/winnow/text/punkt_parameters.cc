#include "winnow/text/punkt_parameters.h"

#include <string_view>

namespace winnow {
namespace {

// The tables below are read by tests/data/text/make_nltk_reference.py: keep one quoted string
// per entry between each "punkt-table" marker and the next "end punkt-table".

// Abbreviations: a token ending in "." whose lowercased text before that period (or the part of
// it after the last "-") is listed here is not a sentence end unless the next word is a frequent
// sentence starter. Common English words are left out ("no" aside: "No. 5" is far more frequent
// on the web than a sentence ending in "no."), so "He was ill." still ends a sentence. "mfg" and
// "approx" are left out too: on datatrove's recorded decisions (tests/filters/agreement_test.cc)
// NLTK's trained English model splits after them.
// punkt-table: abbreviations
// clang-format off
constexpr std::string_view kAbbreviations[] = {
    // Titles and ranks.
    "adm", "atty", "brig", "capt", "cdr", "cmdr", "col", "cpl", "dr", "drs", "esq", "fr", "gen",
    "gov", "hon", "insp", "jr", "lt", "maj", "messrs", "mme", "mlle", "mr", "mrs", "ms", "msgr",
    "mssrs", "pres", "prof", "profs", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "sr",
    "sra", "srta", "st", "supt",
    // Organisations.
    "assn", "assoc", "bros", "co", "corp", "cos", "dept", "govt", "inc", "inst", "intl", "ltd",
    "natl", "plc", "univ",
    // Addresses and places.
    "apt", "ave", "bldg", "blvd", "ct", "expy", "ft", "hwy", "jct", "ln", "mt", "mtn", "pkwy",
    "pl", "rd", "rte", "sq", "ste",
    // US states and places written with periods.
    "ala", "ariz", "ark", "calif", "colo", "conn", "d.c", "fla", "ga", "kan", "kans", "ky", "md",
    "mich", "minn", "mont", "n.c", "n.d", "n.h", "n.j", "n.m", "n.y", "neb", "nebr", "nev", "okla",
    "r.i", "s.c", "s.d", "tenn", "tex", "va", "vt", "w.va", "wis", "wisc", "wyo", "e.u", "u.k",
    "u.n", "u.s", "u.s.a",
    // Dates and times.
    "a.d", "a.m", "b.c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "thu", "thur", "thurs", "fri", "hr", "hrs", "min", "mins",
    "mos", "p.m", "sec", "secs", "wk", "wks", "yr", "yrs",
    // References and Latin.
    "al", "ca", "cf", "ch", "chap", "e.g", "ed", "eds", "esp", "est", "etc", "ext",
    "fig", "figs", "i.e", "ibid", "incl", "misc", "n.b", "no", "nos", "op", "pp", "para", "pg",
    "ref", "refs", "reg", "vol", "vols", "viz", "vs",
    // Degrees.
    "b.a", "b.s", "b.sc", "d.d.s", "j.d", "m.a", "m.b.a", "m.d", "m.s", "m.sc", "ph.d",
    // Measures.
    "avg", "doz", "gal", "lb", "lbs", "oz", "qt", "tbsp", "tsp", "yd", "yds",
};
// clang-format on
// end punkt-table

// Frequent sentence starters: after an abbreviation or an ellipsis, a capitalised word of one of
// these types starts a new sentence ("... etc. The next day"). Words that often follow an
// abbreviation inside a sentence ("Vol. I", "No. One") are left out.
// punkt-table: sentence_starters
// clang-format off
constexpr std::string_view kSentenceStarters[] = {
    "after", "also", "although", "but", "he", "how", "however", "if", "in", "it", "meanwhile",
    "moreover", "our", "she", "since", "the", "there", "these", "they", "this", "those", "we",
    "what", "when", "while", "why", "yet", "you",
};
// clang-format on
// end punkt-table

}  // namespace

const PunktParameters& EnglishPunktParameters() {
  static const PunktParameters kEnglish = [] {
    PunktParameters p;
    for (std::string_view type : kAbbreviations) p.abbreviations.emplace(type);
    for (std::string_view type : kSentenceStarters) p.sentence_starters.emplace(type);
    return p;
  }();
  return kEnglish;
}

}  // namespace winnow
